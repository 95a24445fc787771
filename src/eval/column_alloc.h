// How batch-wide result columns are allocated: uninitialized, and huge-page advised when
// large. Internal to eval/.
#ifndef ASSESS_EVAL_COLUMN_ALLOC_H_
#define ASSESS_EVAL_COLUMN_ALLOC_H_

#include <cstddef>
#include <new>
#include <utility>

namespace assess::eval {

// Allocates `bytes` for a result column: large columns are aligned to 2 MiB and advised as
// huge pages, so a batch of a million units takes a few hundred page faults per column
// instead of thousands (column_alloc.cc).
void* AllocateColumn(std::size_t bytes);
void FreeColumn(void* p, std::size_t bytes) noexcept;

// An allocator whose resize() leaves doubles uninitialized: every result column is written
// entirely by the step that computes it, so filling it first would only double the memory
// traffic, and on one thread (the threads that run the steps touch the pages first).
template <class T>
struct UninitializedAllocator {
  using value_type = T;
  UninitializedAllocator() = default;
  template <class U>
  UninitializedAllocator(const UninitializedAllocator<U>&) noexcept {}  // NOLINT
  T* allocate(std::size_t n) { return static_cast<T*>(AllocateColumn(n * sizeof(T))); }
  void deallocate(T* p, std::size_t n) noexcept { FreeColumn(p, n * sizeof(T)); }
  template <class U>
  void construct(U* p) noexcept {
    ::new (static_cast<void*>(p)) U;
  }
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
  friend bool operator==(const UninitializedAllocator&, const UninitializedAllocator&) {
    return true;
  }
};

}  // namespace assess::eval

#endif  // ASSESS_EVAL_COLUMN_ALLOC_H_
