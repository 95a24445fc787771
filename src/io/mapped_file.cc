// This file's external interface is MappedFile.
#include "io/mapped_file.h"

#include <fmt/format.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

#include "io/file_range.h"

namespace assess::io {

MappedFile::~MappedFile() {
  if (mapped_ > 0) munmap(const_cast<char*>(data_), mapped_);
}

bool MappedFile::Open(const std::string& path, std::string& error) {
  ReadOnlyFile file;  // closed on return: the mapping stays valid
  if (!file.Open(path, error)) return false;
  size_ = static_cast<std::size_t>(file.size());
  if (size_ > 0) {
    void* p = mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, file.fd(), 0);
    if (p == MAP_FAILED) {
      error = fmt::format("cannot read ({})", std::strerror(errno));
      size_ = 0;
      return false;
    }
    data_ = static_cast<const char*>(p);
    mapped_ = size_;
    madvise(p, size_, MADV_SEQUENTIAL);  // read ahead; a hint only
  }
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
