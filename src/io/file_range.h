// FileRangeBuf: a read-only stream buffer over the bytes [from, to) of an open file, read
// by pread straight into the reader's own buffer.
//
// Why not mmap: on the virtual machines the engine runs on, each first touch of a mapped
// page traps to the hypervisor. Mapping a 750 MB CSV file cost 0.5-0.6 s of page faults
// before a byte was parsed; reading the same file by pread into a reused 1 MB buffer takes
// 0.15 s (docs/performance.md, "Memory the kernel must map"). Each range has its own
// offset, so two threads read two parts of one file without sharing a file position.
#ifndef ASSESS_IO_FILE_RANGE_H_
#define ASSESS_IO_FILE_RANGE_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <streambuf>
#include <string>

namespace assess::io {

// A file opened for reading, closed with the object.
class ReadOnlyFile {
 public:
  ReadOnlyFile() = default;
  ReadOnlyFile(const ReadOnlyFile&) = delete;
  ReadOnlyFile& operator=(const ReadOnlyFile&) = delete;
  ~ReadOnlyFile();

  // False, with `error` set ("cannot open (No such file...)"), when it cannot be opened;
  // false with `error` empty when it is not a regular file (a pipe: read it as a stream).
  bool Open(const std::string& path, std::string& error);

  int fd() const { return fd_; }
  uint64_t size() const { return size_; }

  // Reads up to `n` bytes at `offset` into `out` (fewer only at the end of the file).
  // Throws std::system_error when the file cannot be read.
  std::size_t ReadAt(uint64_t offset, char* out, std::size_t n) const;

 private:
  int fd_ = -1;
  uint64_t size_ = 0;
};

class FileRangeBuf : public std::streambuf {
 public:
  // `done`, when given, adds the bytes as they are read (a progress display).
  FileRangeBuf(const ReadOnlyFile& file, uint64_t from, uint64_t to,
               std::atomic<uint64_t>* done = nullptr)
      : file_(file), next_(from), to_(to), done_(done) {}

 protected:
  // A large read (the CSV scanner's blocks) goes straight into the caller's buffer; a read
  // error throws, which the istream turns into badbit.
  std::streamsize xsgetn(char* s, std::streamsize n) override;
  int_type underflow() override;

 private:
  std::size_t Read(char* out, std::size_t n);

  const ReadOnlyFile& file_;
  uint64_t next_;  // the file offset of the next byte not yet read
  uint64_t to_;
  std::atomic<uint64_t>* done_;
  char byte_[1] = {};  // underflow's one byte (the scanner never reads byte by byte)
};

}  // namespace assess::io

#endif  // ASSESS_IO_FILE_RANGE_H_
