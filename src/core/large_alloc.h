// Memory for batch-wide vectors (a column of a million units): blocks of 512 KiB or more are
// whole 2 MiB pages, aligned and advised as huge pages.
//
// Why: on the virtual machines the engine runs on, the first touch of each 4 KiB page
// traps to the hypervisor, and fresh memory cost 2.6-3.5 s per GB touched; in 2 MiB pages
// it costs 0.06-1.4 s (docs/performance.md, "Memory the kernel must map"). A batch of a
// million units touches about a gigabyte, so where its vectors come from is most of what
// reading and evaluating it costs beyond the arithmetic.
#ifndef ASSESS_CORE_LARGE_ALLOC_H_
#define ASSESS_CORE_LARGE_ALLOC_H_

#include <algorithm>
#include <cstddef>
#include <new>
#include <utility>
#include <vector>

namespace assess {

// `bytes` from the heap; from 512 KiB up, whole 2 MiB pages, aligned and advised as huge.
void* AllocateLarge(std::size_t bytes);
void FreeLarge(void* p, std::size_t bytes) noexcept;

// std::allocator's behaviour, from AllocateLarge.
template <class T>
struct LargeAllocator {
  using value_type = T;
  LargeAllocator() = default;
  template <class U>
  LargeAllocator(const LargeAllocator<U>&) noexcept {}  // NOLINT
  T* allocate(std::size_t n) { return static_cast<T*>(AllocateLarge(n * sizeof(T))); }
  void deallocate(T* p, std::size_t n) noexcept { FreeLarge(p, n * sizeof(T)); }
  friend bool operator==(const LargeAllocator&, const LargeAllocator&) { return true; }
};

template <class T>
using LargeVector = std::vector<T, LargeAllocator<T>>;

// Equal to a std::vector of the same elements (found by argument-dependent lookup through
// the allocator), as a std::vector would be.
template <class T>
bool operator==(const LargeVector<T>& a, const std::vector<T>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end());
}

}  // namespace assess

#endif  // ASSESS_CORE_LARGE_ALLOC_H_
