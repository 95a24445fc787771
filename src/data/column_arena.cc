// This file's external interface is ColumnArena (column_arena.h).
#include "data/column_arena.h"

#include <cstdint>
#include <utility>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace assess::data {
namespace {

constexpr std::size_t kHugePage = std::size_t{2} << 20;

std::size_t RoundUp(std::size_t n, std::size_t to) { return (n + to - 1) / to * to; }

}  // namespace

ColumnArena::ColumnArena(std::size_t bytes) {
#if defined(__linux__)
  if (bytes == 0) return;
  // Mapped one huge page more than needed, so that the arena can start on a huge-page
  // boundary; the pages never touched cost nothing.
  const std::size_t size = RoundUp(bytes, kHugePage);
  void* map =
      mmap(nullptr, size + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (map == MAP_FAILED) return;
  map_ = static_cast<char*>(map);
  map_bytes_ = size + kHugePage;
  begin_ = map_ + (RoundUp(reinterpret_cast<std::uintptr_t>(map_), kHugePage) -
                   reinterpret_cast<std::uintptr_t>(map_));
#if defined(MADV_HUGEPAGE)
  madvise(begin_, size, MADV_HUGEPAGE);  // a hint: without it, ordinary pages
#endif
  next_.store(begin_, std::memory_order_relaxed);
  end_ = begin_ + size;
#else
  (void)bytes;
#endif
}

ColumnArena::ColumnArena(void* begin, std::size_t bytes, std::shared_ptr<const void> owner)
    : begin_(static_cast<char*>(begin)),
      next_(static_cast<char*>(begin)),
      end_(static_cast<char*>(begin) + bytes),
      owner_(std::move(owner)) {}

ColumnArena::~ColumnArena() {
#if defined(__linux__)
  if (map_ != nullptr) munmap(map_, map_bytes_);
#endif
}

void* ColumnArena::Allocate(std::size_t bytes) {
  const std::size_t size = Room(bytes);
  char* p = next_.load(std::memory_order_relaxed);
  do {
    if (static_cast<std::size_t>(end_ - p) < size) return nullptr;
  } while (!next_.compare_exchange_weak(p, p + size, std::memory_order_relaxed));
  return p;
}

}  // namespace assess::data
