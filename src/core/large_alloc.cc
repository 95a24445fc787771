// This file's external interface is AllocateLarge and FreeLarge (large_alloc.h).
#include "core/large_alloc.h"

#include <sys/mman.h>

#include <cstdlib>
#include <new>

namespace assess {
namespace {

constexpr std::size_t kHugePage = 2u << 20;
// From here a block is rounded up to whole huge pages: a 512 KiB block in 4 KiB pages costs
// 128 first-touch traps (1.5 ms on the VMs measured), about what clearing a 2 MiB page
// costs when the host must find one (0.1-3 ms), and several times more when it need not.
constexpr std::size_t kHugeFrom = 512u << 10;

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
