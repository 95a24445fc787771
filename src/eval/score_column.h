// ScoreColumn: a batch-wide column of node scores, stored chunk by chunk in an eighth or a
// quarter of the memory when it can be. Under rounding stage `each` every score is a whole
// number k of 10^-digits: a chunk whose k all fit 16 bits (every score up to 327.67 at two
// decimals) is kept as 16-bit integers, one whose k fit 32 bits as 32-bit integers, and
// either is read back by one exact division (the double nearest to k / 10^digits, which is
// what rounding produced). A chunk with anything else (stage `output`, an error's NaN
// payload, -0.0, a huge score) is kept as doubles. Each chunk is written once, by the one
// thread that evaluates it.
//
// A node whose scores are bounded (a leaf's [floor, cap], [0, points] unless it says
// otherwise) by fewer than 255 codes gets a *narrow* column instead: one byte a unit, the
// code less the column's base (the least code the bounds allow, less one), 255 for null.
// A narrow column's chunk whose codes stray outside the bounds (clamping should keep them
// in, but the column does not rely on it) is kept as 32-bit codes or doubles, as above:
// the bounds choose the width, never the value.
//
// Why so small: fresh memory is the dearest thing an evaluation touches (a page fault per
// 4 KiB, or a huge page cleared per 2 MiB), and scores are most of what it writes: a
// million units x 100 indicators is 100 MB narrow, 200 MB at 16 bits, 800 MB as doubles.
#ifndef ASSESS_EVAL_SCORE_COLUMN_H_
#define ASSESS_EVAL_SCORE_COLUMN_H_

#include <atomic>
#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

#include "compile/program.h"
#include "core/large_alloc.h"
#include "data/column_arena.h"

namespace assess::eval {

// A compact column's chunks kept wider than its codes, as 32-bit codes or as doubles. Most
// columns have none, so the table of them is made with the first, by whichever thread
// stores it: made with every column, its two pointers a chunk were 2 ms of fresh memory
// before each evaluation of 10^6 units x 100 indicators. A thread reads the table only for
// chunks it stored, or after the threads that stored them have joined.
class WiderChunks {
 public:
  WiderChunks() = default;
  WiderChunks(WiderChunks&& o) noexcept : table_(o.table_.exchange(nullptr)) {}
  WiderChunks& operator=(WiderChunks&& o) noexcept {
    delete table_.exchange(o.table_.exchange(nullptr));
    return *this;
  }
  ~WiderChunks() { delete table_.load(); }

  bool empty() const { return table_.load(std::memory_order_acquire) == nullptr; }
  const double* Doubles(std::size_t chunk) const {
    const Table* t = table_.load(std::memory_order_acquire);
    return t != nullptr ? t->doubles[chunk].get() : nullptr;
  }
  const int32_t* Wide(std::size_t chunk) const {
    const Table* t = table_.load(std::memory_order_acquire);
    return t != nullptr ? t->wide[chunk].get() : nullptr;
  }
  // The chunk is kept in the column's own codes: drops what was kept wider (nothing to do
  // while there is no table).
  void Narrow(std::size_t chunk) {
    if (Table* t = table_.load(std::memory_order_acquire)) {
      t->wide[chunk].reset();
      t->doubles[chunk].reset();
    }
  }
  // Room for the chunk's 32-bit codes (kChunk of them), or its doubles; either drops the other.
  int32_t* MakeWide(std::size_t chunk, std::size_t chunks);
  double* MakeDoubles(std::size_t chunk, std::size_t chunks);

 private:
  struct Table {
    explicit Table(std::size_t chunks) : wide(chunks), doubles(chunks) {}
    std::vector<std::unique_ptr<int32_t[]>> wide;
    std::vector<std::unique_ptr<double[]>> doubles;
  };
  Table& Made(std::size_t chunks);
  std::atomic<Table*> table_{nullptr};  // owned
};

class ScoreColumn {
 public:
  ScoreColumn() = default;
  // digits < 0: no compact chunks (every chunk is kept as doubles). [lo, hi]: the bounds of
  // the scores the column will mostly hold (a node's clamp), which make it narrow when
  // they span fewer than 255 codes. The codes (or the doubles) come from `arena` while it
  // has room (an evaluation carves every column from one, so that the kernel backs them
  // with huge pages), else from the heap.
  ScoreColumn(std::size_t units, int digits,
              const std::shared_ptr<data::ColumnArena>& arena = nullptr,
              double lo = -std::numeric_limits<double>::infinity(),
              double hi = std::numeric_limits<double>::infinity());
  ScoreColumn(ScoreColumn&&) noexcept = default;
  ScoreColumn& operator=(ScoreColumn&&) noexcept = default;

  std::size_t size() const { return units_; }
  // The bytes a unit takes in the column's main storage (its arena's share): 1 narrow, 2
  // compact, 8 otherwise.
  static std::size_t BytesPerUnit(int digits, double lo, double hi);

  // The score of unit u (NaN: not applicable; ErrorNaN: failed).
  double operator[](std::size_t u) const {
    if (!compact_) return plain_[u];
    const std::size_t chunk = u / compile::kChunk;
    const std::size_t i = u % compile::kChunk;
    if (!wider_.empty()) {
      if (const double* d = wider_.Doubles(chunk)) return d[i];
      if (const int32_t* w = wider_.Wide(chunk)) {
        return w[i] == kNullCode ? kNull : static_cast<double>(w[i]) / scale_;
      }
    }
    if (narrow_ != nullptr) {
      const uint8_t code = narrow_[u];
      return code == kNullCode8 ? kNull : static_cast<double>(base_ + code) / scale_;
    }
    const int16_t code = codes_[u];
    return code == kNullCode16 ? kNull : static_cast<double>(code) / scale_;
  }

  // Stores units [first, first + n) of one chunk (first is a multiple of kChunk).
  void Store(std::size_t first, const double* v, int n);

  // The fast path of Store for a step that rounds its scores itself (RoundEachInto), when
  // the column is compact: code k of the score k / 10^digits of every unit of the chunk.
  bool compact() const { return compact_; }
  void StoreCodes(std::size_t first, const int32_t* codes, int n);
  // The fastest path, for a step that writes the chunk's 16-bit codes itself as it rounds
  // (RoundEach): it writes the low 16 bits of every code at Codes16Of(first, scratch) (the
  // column's own, or `scratch` (room for kChunk) for a narrow column), then calls
  // FinishCodes with them, the codes and their least and greatest, which keeps the chunk
  // in 8 or 16 bits when they fit and copies the 32-bit codes otherwise.
  int16_t* Codes16Of(std::size_t first, int16_t* scratch) {
    return narrow_ != nullptr ? scratch : codes_ + first;
  }
  void FinishCodes(std::size_t first, const int16_t* codes16, const int32_t* codes, int n,
                   int32_t lo, int32_t hi);
  // Units [first, first + n) of one chunk, as doubles.
  void Load(std::size_t first, int n, double* out) const;
  // The 16-bit codes of units [first, first + n) of one chunk, when the chunk is kept in 8
  // or 16 bits (kNullCode16 a null, else code k of the score k / 10^digits): the column's
  // own, or a narrow chunk's widened into `scratch` (room for n); nullptr when it is kept
  // as 32-bit codes or doubles. For writers that turn codes into text without going
  // through doubles.
  const int16_t* Codes16(std::size_t first, std::size_t n, int16_t* scratch) const;
  // Whether the chunk of unit `first` is held as codes of `digits` decimals: then each
  // score Load gives is k / 10^digits, already what rounding it to `digits` gives.
  bool ChunkIsCodesOf(std::size_t first, int digits) const {
    return compact_ && digits == digits_ && !wider_.Doubles(first / compile::kChunk);
  }

  // The codes of a null (not applicable) score.
  static constexpr int32_t kNullCode = INT32_MIN;
  static constexpr int16_t kNullCode16 = INT16_MIN;
  static constexpr uint8_t kNullCode8 = 255;

 private:
  static constexpr double kNull = __builtin_nan("");

  std::size_t Chunks() const { return (units_ + compile::kChunk - 1) / compile::kChunk; }

  std::size_t units_ = 0;
  bool compact_ = false;
  double scale_ = 1;  // 10^digits
  int digits_ = -1;   // compact: the codes' decimals
  // Compact: per unit, in arena_ or heap_codes_, 16 bits or (narrow) 8 bits, one of them.
  int16_t* codes_ = nullptr;
  uint8_t* narrow_ = nullptr;
  int32_t base_ = 0;                          // narrow: the code of byte 0
  std::shared_ptr<data::ColumnArena> arena_;  // keeps the codes alive
  std::unique_ptr<uint8_t[]> heap_codes_;
  WiderChunks wider_;  // compact: the chunks kept in 32 bits or as doubles
  std::vector<double, data::UninitializedArenaAllocator<double>> plain_;  // not compact
};

}  // namespace assess::eval

#endif  // ASSESS_EVAL_SCORE_COLUMN_H_
