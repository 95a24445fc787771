// MappedFile: a data file mapped read-only into memory, so that a reader can scan it where
// it lies (no copy) and on several threads, and give back the pages it has read: the
// mapping's pages count in the process's memory only while they are mapped in.
#ifndef ASSESS_IO_MAPPED_FILE_H_
#define ASSESS_IO_MAPPED_FILE_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace assess::io {

class MappedFile {
 public:
  // Maps `path` when it is a regular file of at least `min_bytes`; otherwise (a pipe, a
  // small file, a system without mmap, a failed map) the result is not mapped() and the
  // caller reads the file as a stream.
  MappedFile(const std::string& path, std::size_t min_bytes);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  bool mapped() const { return data_ != nullptr; }
  std::string_view text() const { return {data_, size_}; }

  // Gives back the whole pages within [begin, end) of text(): they are read again from the
  // file if touched later, so this is safe at any time; it only costs memory to skip it.
  void Release(const char* begin, const char* end) const;

 private:
  const char* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace assess::io

#endif  // ASSESS_IO_MAPPED_FILE_H_
