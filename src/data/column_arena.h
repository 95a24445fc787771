// ColumnArena: one block of memory for the columns of a table being read, and the
// allocator that carves vectors from it. A reader that can estimate the size of its table
// (UnitTableBuilder::Reserve) sizes every column at once from one arena, which the kernel
// backs with huge pages where it can: a 100 MB table then costs 50 page faults instead of
// 25,000, which on a virtual machine is a tenth of the time of reading a CSV file.
//
// Vectors keep the arena alive (a shared_ptr in their allocator), so a table's columns may
// be moved anywhere; a copy of a vector, and a vector that outgrows its room, use the heap
// (AllocateLarge: whole huge pages from 512 KiB).
//
// An evaluation carves its result columns from one arena too (UninitializedArenaAllocator):
// twenty columns of 50,000 units in 4 KiB pages cost 2,000 first-touch traps, a fifth of
// evaluating them.
#ifndef ASSESS_DATA_COLUMN_ARENA_H_
#define ASSESS_DATA_COLUMN_ARENA_H_

#include <atomic>
#include <cstddef>
#include <memory>
#include <new>
#include <utility>
#include <vector>

#include "core/large_alloc.h"

namespace assess::data {

class ColumnArena {
 public:
  // Room for `bytes` (rounded up); on failure to map it the arena is empty and every
  // allocation goes to the heap.
  explicit ColumnArena(std::size_t bytes);
  // An arena over [begin, begin + bytes), memory that `owner` keeps alive: the room of a
  // column no longer read, given to columns made later (whose pages are then touched
  // already). Nothing is unmapped when it goes.
  ColumnArena(void* begin, std::size_t bytes, std::shared_ptr<const void> owner);
  ~ColumnArena();
  ColumnArena(const ColumnArena&) = delete;
  ColumnArena& operator=(const ColumnArena&) = delete;

  // `bytes` aligned to 64 from the arena, or nullptr when it has no room left. Safe to call
  // from several threads (AppendUnits joins columns of one arena on two).
  void* Allocate(std::size_t bytes);
  // What Allocate(bytes) takes of the arena: for sizing one.
  static constexpr std::size_t Room(std::size_t bytes) {
    return ((bytes == 0 ? 1 : bytes) + 63) / 64 * 64;
  }
  bool Owns(const void* p) const { return p >= begin_ && p < end_; }

 private:
  char* map_ = nullptr;  // what was mapped (map_bytes_), for munmap
  std::size_t map_bytes_ = 0;
  char* begin_ = nullptr;
  std::atomic<char*> next_{nullptr};
  char* end_ = nullptr;
  std::shared_ptr<const void> owner_;  // of borrowed memory
};

// std::allocator's behaviour, but from `arena` while it has room, else from AllocateLarge. Freeing
// arena memory is a no-op (the arena goes as a whole); a copied container starts on the heap.
template <class T>
class ArenaAllocator {
 public:
  using value_type = T;
  using propagate_on_container_move_assignment = std::true_type;
  using propagate_on_container_swap = std::true_type;
  using is_always_equal = std::false_type;

  ArenaAllocator() = default;
  explicit ArenaAllocator(std::shared_ptr<ColumnArena> arena) : arena_(std::move(arena)) {}
  template <class U>
  ArenaAllocator(const ArenaAllocator<U>& other) : arena_(other.arena()) {}  // NOLINT

  T* allocate(std::size_t n) {
    if (arena_) {
      if (void* p = arena_->Allocate(n * sizeof(T))) return static_cast<T*>(p);
    }
    return static_cast<T*>(AllocateLarge(n * sizeof(T)));
  }
  void deallocate(T* p, std::size_t n) {
    if (arena_ && arena_->Owns(p)) return;
    FreeLarge(p, n * sizeof(T));
  }
  ArenaAllocator select_on_container_copy_construction() const { return ArenaAllocator(); }

  const std::shared_ptr<ColumnArena>& arena() const { return arena_; }

  template <class U>
  bool operator==(const ArenaAllocator<U>& other) const {
    return arena_ == other.arena();
  }

 private:
  std::shared_ptr<ColumnArena> arena_;
};

template <class T>
using ColumnVector = std::vector<T, ArenaAllocator<T>>;

// ArenaAllocator whose resize() leaves the elements uninitialized: for columns written
// entirely before they are read (an evaluation's results), filling them first would only
// double the memory traffic, and on one thread.
template <class T>
class UninitializedArenaAllocator : public ArenaAllocator<T> {
 public:
  template <class U>
  struct rebind {
    using other = UninitializedArenaAllocator<U>;
  };

  UninitializedArenaAllocator() = default;
  explicit UninitializedArenaAllocator(std::shared_ptr<ColumnArena> arena)
      : ArenaAllocator<T>(std::move(arena)) {}
  template <class U>
  UninitializedArenaAllocator(const UninitializedArenaAllocator<U>& other)  // NOLINT
      : ArenaAllocator<T>(other.arena()) {}
  UninitializedArenaAllocator select_on_container_copy_construction() const {
    return UninitializedArenaAllocator();
  }

  template <class U>
  void construct(U* p) noexcept {
    ::new (static_cast<void*>(p)) U;
  }
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};

// A column that an evaluation fills itself, in parallel, after sizing it.
template <class T>
using UninitializedColumnVector = std::vector<T, UninitializedArenaAllocator<T>>;

// Room for n elements in v, moved into `arena` when it is given (and has room).
template <class T>
void ReserveIn(ColumnVector<T>& v, std::size_t n, const std::shared_ptr<ColumnArena>& arena) {
  if (!arena || n <= v.capacity()) {
    v.reserve(n);
    return;
  }
  ColumnVector<T> w{ArenaAllocator<T>(arena)};
  w.reserve(n);
  w.insert(w.end(), v.begin(), v.end());
  v.swap(w);
}

}  // namespace assess::data

#endif  // ASSESS_DATA_COLUMN_ARENA_H_
