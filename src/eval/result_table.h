// ResultTable: everything an evaluation computes, in batch-wide columns (one entry per
// unit), for results, explanations and reports.
#ifndef ASSESS_EVAL_RESULT_TABLE_H_
#define ASSESS_EVAL_RESULT_TABLE_H_

#include <cstdint>
#include <memory>
#include <new>
#include <utility>
#include <string>
#include <vector>

namespace assess::eval {

// Allocates `bytes` for a result column: large columns are aligned to 2 MiB and advised as
// huge pages, so a batch of a million units takes a few hundred page faults per column
// instead of thousands (result_table.cc).
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

// One value per unit.
using ResultColumn = std::vector<double, UninitializedAllocator<double>>;

struct ResultTable {
  std::size_t units = 0;
  // Per node (0: the root, i.e. the total before vetoes): the score after clamping (and
  // rounding, stage each); NaN: not applicable; ErrorNaN: the node failed.
  std::vector<ResultColumn> scores;
  std::vector<ResultColumn> values;       // per value column (Program::value_column_of)
  std::vector<ResultColumn> apps;         // per app column: AppState
  std::vector<ResultColumn> raw;          // per node, with tracing: before clamping
  std::vector<ResultColumn> rule_points;  // per rule: points counted; NaN: not fired
  std::vector<ResultColumn> veto_fired;   // per veto: 1 fired, 0 not
  std::vector<ResultColumn> peer_args;    // per peer site: the argument
  std::vector<ResultColumn> peer_results; // per peer site: the aggregate
  ResultColumn total;                            // after vetoes; NaN for units in error
  std::vector<int32_t> rank;                     // 0: no rank (in error)
  std::vector<int32_t> grade;                    // level index; -1: none
  std::vector<int32_t> peer_group;               // -1: none (data error)
  std::vector<uint64_t> unit_error;              // (order << 32) | poison; 0: fine
  std::vector<std::string> errors;               // per unit: the message, "" when fine
  bool traced = false;

  bool has_error(std::size_t u) const { return !errors[u].empty(); }
};

}  // namespace assess::eval

#endif  // ASSESS_EVAL_RESULT_TABLE_H_
