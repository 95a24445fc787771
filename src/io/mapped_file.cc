// This file's external interface is MappedFile.
#include "io/mapped_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

namespace assess::io {

MappedFile::~MappedFile() {
  if (mapped_ > 0) munmap(const_cast<char*>(data_), mapped_);
}

bool MappedFile::Open(const std::string& path, std::string& error) {
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
  size_ = static_cast<std::size_t>(st.st_size);
  if (size_ > 0) {
    void* p = mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) {
      error = fmt::format("cannot read ({})", std::strerror(errno));
      ::close(fd);
      size_ = 0;
      return false;
    }
    data_ = static_cast<const char*>(p);
    mapped_ = size_;
    madvise(p, size_, MADV_SEQUENTIAL);  // read ahead; a hint only
  }
  ::close(fd);  // the mapping stays valid
  return true;
}

void MappedFile::Release(const char* from, const char* to) const {
  if (mapped_ == 0 || from >= to) return;
  const auto page = static_cast<uintptr_t>(sysconf(_SC_PAGESIZE));
  const uintptr_t begin = (reinterpret_cast<uintptr_t>(from) + page - 1) / page * page;
  const uintptr_t end = reinterpret_cast<uintptr_t>(to) / page * page;
  if (begin < end) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_DONTNEED);
}

}  // namespace assess::io
