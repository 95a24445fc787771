// This file's external interface is MappedFile (mapped_file.h).
#include "io/mapped_file.h"

#include <cstdint>

#if defined(__linux__)
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace assess::io {

MappedFile::MappedFile(const std::string& path, std::size_t min_bytes) {
#if defined(__linux__)
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  struct stat st;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
      static_cast<uint64_t>(st.st_size) >= min_bytes) {
    const std::size_t size = static_cast<std::size_t>(st.st_size);
    void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (map != MAP_FAILED) {
      ::madvise(map, size, MADV_SEQUENTIAL);  // read ahead, drop behind
      data_ = static_cast<const char*>(map);
      size_ = size;
    }
  }
  ::close(fd);  // the mapping keeps the file
#else
  (void)path;
  (void)min_bytes;
#endif
}

MappedFile::~MappedFile() {
#if defined(__linux__)
  if (data_ != nullptr) ::munmap(const_cast<char*>(data_), size_);
#endif
}

void MappedFile::Release(const char* begin, const char* end) const {
#if defined(__linux__)
  const auto page = static_cast<uintptr_t>(::sysconf(_SC_PAGESIZE));
  const uintptr_t from = (reinterpret_cast<uintptr_t>(begin) + page - 1) / page * page;
  const uintptr_t to = reinterpret_cast<uintptr_t>(end) / page * page;
  if (data_ == nullptr || to <= from) return;
  ::madvise(reinterpret_cast<void*>(from), to - from, MADV_DONTNEED);
#else
  (void)begin;
  (void)end;
#endif
}

}  // namespace assess::io
