// This file's external interface is ReadOnlyFile and FileRangeBuf (file_range.h).
#include "io/file_range.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

namespace assess::io {

ReadOnlyFile::~ReadOnlyFile() {
  if (fd_ >= 0) ::close(fd_);
}

bool ReadOnlyFile::Open(const std::string& path, std::string& error) {
  error.clear();
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = fmt::format("cannot open ({})", std::strerror(errno));
    return false;
  }
  struct stat st {};
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return false;
  }
  fd_ = fd;
  size_ = static_cast<uint64_t>(st.st_size);
  // The parts are read front to back: a hint for the kernel's read-ahead.
  posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
  return true;
}

std::size_t ReadOnlyFile::ReadAt(uint64_t offset, char* out, std::size_t n) const {
  std::size_t got = 0;
  while (got < n) {
    const ssize_t r = ::pread(fd_, out + got, n - got, static_cast<off_t>(offset + got));
    if (r < 0) {
      if (errno == EINTR) continue;
      throw std::system_error(errno, std::generic_category(), "cannot read");
    }
    if (r == 0) break;  // the end of the file (it may have shrunk since it was opened)
    got += static_cast<std::size_t>(r);
  }
  return got;
}

std::size_t FileRangeBuf::Read(char* out, std::size_t n) {
  if (next_ >= to_) return 0;
  if (n > to_ - next_) n = static_cast<std::size_t>(to_ - next_);
  const std::size_t got = file_.ReadAt(next_, out, n);
  next_ += got;
  if (got < n) to_ = next_;  // the file ended early: nothing more to read
  if (done_ != nullptr) done_->fetch_add(got, std::memory_order_relaxed);
  return got;
}

std::streamsize FileRangeBuf::xsgetn(char* s, std::streamsize n) {
  if (n <= 0) return 0;
  std::streamsize got = 0;
  if (gptr() < egptr()) {  // a byte underflow read first
    *s = *gptr();
    gbump(1);
    got = 1;
  }
  if (n > got)
    got += static_cast<std::streamsize>(Read(s + got, static_cast<std::size_t>(n - got)));
  return got;
}

FileRangeBuf::int_type FileRangeBuf::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  if (Read(byte_, 1) == 0) return traits_type::eof();
  setg(byte_, byte_, byte_ + 1);
  return traits_type::to_int_type(byte_[0]);
}

}  // namespace assess::io
