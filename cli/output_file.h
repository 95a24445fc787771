// Output files that never lose data: an output that names one of the command's inputs is
// refused, and results go to a temporary file in the output's folder, renamed over the
// target only once complete and on disk. Every command that writes a file (run -o,
// graph -o, and those to come) goes through OutputFile.
#ifndef ASSESS_CLI_OUTPUT_FILE_H_
#define ASSESS_CLI_OUTPUT_FILE_H_

#include <cstdint>
#include <optional>
#include <ostream>
#include <streambuf>
#include <string>
#include <utility>
#include <vector>

namespace assess::cli {

// A stream buffer writing to a file descriptor, which keeps the first write error's errno
// (ENOSPC, EFBIG, EIO...) for the message.
class FdStreamBuf : public std::streambuf {
 public:
  FdStreamBuf();
  void Attach(int fd) {
    fd_ = fd;
    written_ = sent_ = 0;
  }
  int error() const { return error_; }

 protected:
  int_type overflow(int_type c) override;
  int sync() override;

 private:
  bool Drain();

  static constexpr uint64_t kSendEvery = uint64_t{8} << 20;

  int fd_ = -1;
  int error_ = 0;
  uint64_t written_ = 0;  // bytes written to fd_
  uint64_t sent_ = 0;     // of which sent to the disk (Drain)
  char buffer_[1 << 16];
};

// Installs the SIGINT / SIGTERM handlers: remove the temporary file being written, if any,
// and exit with 128 + the signal's number (130, 143), leaving the old output as it was.
// Called once, at the start of main.
void InstallOutputSignalHandlers();

// The message refusing `output` when it is the same file as one of `inputs` (each a
// description such as "the data file" and its path): the same path, through a link, or
// the same inode. nullopt when `output` is none of them (or does not exist yet).
std::optional<std::string> OutputClash(
    const std::string& output, const std::vector<std::pair<std::string, std::string>>& inputs);

// One output file being written. Open creates a temporary file next to the target (or,
// when the target exists and is not a regular file, such as /dev/null or a pipe, writes
// to it directly: nothing can be renamed over those); Commit flushes it, fsyncs it and
// renames it over the target. Destroyed without a successful Commit, it removes the
// temporary file and leaves the target untouched.
class OutputFile {
 public:
  OutputFile() = default;
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  // false with *error set ("assess: cannot write PATH: REASON") when it cannot be created.
  bool Open(const std::string& target, std::string* error);
  std::ostream& stream() { return out_; }
  // Where the bytes go, for a writer that opens a file by its name (libxlsxwriter): the
  // temporary file, or the target itself when it is not a regular file.
  const std::string& path() const { return temp_.empty() ? target_ : temp_; }
  // false with *error set when any write, the flush, the fsync or the rename failed; the
  // target is then as it was.
  bool Commit(std::string* error);

 private:
  void Discard();

  std::string target_;  // where the results end up (a link resolved to the file it names)
  std::string temp_;    // "" when writing to the target directly
  int fd_ = -1;
  FdStreamBuf buffer_;
  std::ostream out_{&buffer_};
};

}  // namespace assess::cli

#endif  // ASSESS_CLI_OUTPUT_FILE_H_
