// This file's external interface is AllocateLarge and FreeLarge (large_alloc.h).
#include "core/large_alloc.h"

#include <sys/mman.h>

#include <cstdlib>
#include <new>

namespace assess {
namespace {

constexpr std::size_t kHugePage = 2u << 20;
// From here a block is rounded up to whole huge pages: a 1 MiB block in 4 KiB pages costs
// 256 first-touch traps (about 3 ms on the VMs measured), more than clearing a 2 MiB page.
constexpr std::size_t kHugeFrom = 1u << 20;

}  // namespace

void* AllocateLarge(std::size_t bytes) {
  if (bytes < kHugeFrom) {
    void* p = std::malloc(bytes == 0 ? 1 : bytes);
    if (!p) throw std::bad_alloc();
    return p;
  }
  const std::size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
  void* p = std::aligned_alloc(kHugePage, rounded);
  if (!p) throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
  madvise(p, rounded, MADV_HUGEPAGE);  // a hint: without transparent huge pages, no effect
#endif
  return p;
}

void FreeLarge(void* p, std::size_t) noexcept { std::free(p); }

}  // namespace assess
