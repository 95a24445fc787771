// ScoreColumn: a batch-wide column of node scores, stored chunk by chunk in half the memory
// when it can be. Under rounding stage `each` every score is a whole number of hundredths
// (of 10^-digits): such a chunk is kept as 32-bit integers, and read back by one exact
// division (the double nearest to k / 10^digits, which is what rounding produced). A chunk
// with anything else (stage `output`, an error's NaN payload, -0.0, a huge score) is kept
// as doubles. Each chunk is written once, by the one thread that evaluates it.
#ifndef ASSESS_EVAL_SCORE_COLUMN_H_
#define ASSESS_EVAL_SCORE_COLUMN_H_

#include <cstdint>
#include <memory>
#include <vector>

#include "compile/program.h"
#include "eval/column_alloc.h"

namespace assess::eval {

class ScoreColumn {
 public:
  ScoreColumn() = default;
  // digits < 0: no compact chunks (every chunk is kept as doubles).
  ScoreColumn(std::size_t units, int digits);
  ScoreColumn(ScoreColumn&&) noexcept = default;
  ScoreColumn& operator=(ScoreColumn&&) noexcept = default;

  std::size_t size() const { return units_; }

  // The score of unit u (NaN: not applicable; ErrorNaN: failed).
  double operator[](std::size_t u) const {
    const std::size_t chunk = u / compile::kChunk;
    if (!compact_ || doubles_[chunk]) {
      return compact_ ? doubles_[chunk][u % compile::kChunk] : plain_[u];
    }
    const int32_t code = codes_[u];
    return code == kNullCode ? kNull : static_cast<double>(code) / scale_;
  }

  // Stores units [first, first + n) of one chunk (first is a multiple of kChunk).
  void Store(std::size_t first, const double* v, int n);

  // The fast path of Store for a step that rounds its scores itself (RoundEachInto): the
  // chunk's 32-bit codes to fill, or nullptr when the column is not compact. The caller
  // writes code k for the score k / 10^digits of every unit and then calls StoredCodes;
  // when some score has no code it calls Store instead, which overwrites them.
  int32_t* CodesOf(std::size_t first) { return compact_ ? codes_.data() + first : nullptr; }
  void StoredCodes(std::size_t first) { doubles_[first / compile::kChunk].reset(); }
  // Units [first, first + n) of one chunk, as doubles.
  void Load(std::size_t first, int n, double* out) const;

 private:
  static constexpr int32_t kNullCode = INT32_MIN;
  static constexpr double kNull = __builtin_nan("");

  std::size_t units_ = 0;
  bool compact_ = false;
  double scale_ = 1;                                             // 10^digits
  std::vector<int32_t, UninitializedAllocator<int32_t>> codes_;  // compact: per unit
  std::vector<std::unique_ptr<double[]>> doubles_;               // compact: chunks kept as doubles
  std::vector<double, UninitializedAllocator<double>> plain_;    // not compact: per unit
};

}  // namespace assess::eval

#endif  // ASSESS_EVAL_SCORE_COLUMN_H_
