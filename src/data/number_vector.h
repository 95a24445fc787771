// NumberVector: a sequence of doubles (NaN = missing) stored in as few bytes as its values
// allow; the storage of the unit table's columns and list elements (unit_table.h).
//
// Encodings, one per vector, chosen by the values themselves:
//   kInt8, kInt16, kInt32: value = mantissa / 10^scale, one integer mantissa per value and
//       one scale (0..22) for the whole vector; the width's lowest integer (-2^7, -2^15,
//       -2^31) stands for a missing value. 87.5 in a vector of scale 1 is 875, and 3 is 30.
//   kDouble: the doubles themselves.
// A vector starts as kInt8 of scale 0 and changes as values arrive: a larger mantissa
// widens it (kInt8 -> kInt16 -> kInt32), more decimals raise its scale (multiplying the
// mantissas held), and a value no mantissa holds exactly (too many digits, -0.0, not
// finite, a NaN other than the missing one) turns it into kDouble for good.
//
// Exactness: a value is stored as a mantissa only if decoding gives it back bit for bit.
// Decoding is one IEEE division of two exact doubles (|mantissa| < 2^31, 10^scale with
// scale <= 22), which is correctly rounded: the double nearest to mantissa / 10^scale, i.e.
// the double std::from_chars gives for that decimal. So a decimal text d.ddd read by
// ParseShortDecimal is stored from its digits without any check, at any scale >= its own
// (M / 10^S and m / 10^s are the same rational), and a double from elsewhere is stored
// when some scale gives it back.
#ifndef ASSESS_DATA_NUMBER_VECTOR_H_
#define ASSESS_DATA_NUMBER_VECTOR_H_

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

#include "data/column_arena.h"
#include "num/number_text.h"

namespace assess::data {

class NumberVector {
 public:
  enum class Encoding : uint8_t { kInt8, kInt16, kInt32, kDouble };
  static constexpr int kMaxScale = 22;

  std::size_t size() const { return size_; }
  Encoding encoding() const { return encoding_; }
  int scale() const { return scale_; }
  // Bytes of storage in use (size x width).
  std::size_t bytes() const;

  // Value i; NaN when missing.
  double At(std::size_t i) const {
    switch (encoding_) {
      case Encoding::kInt8:
        return Decode(i8_[i], kMissing8);
      case Encoding::kInt16:
        return Decode(i16_[i], kMissing16);
      case Encoding::kInt32:
        return Decode(i32_[i], kMissing32);
      case Encoding::kDouble:
        break;
    }
    return view_ != nullptr ? view_[i] : f64_[i];
  }
  // Values [start, start + n): a pointer into the vector when it holds doubles, else the
  // values decoded into `scratch` (room for n doubles).
  const double* Slice(std::size_t start, std::size_t n, double* scratch) const {
    if (encoding_ == Encoding::kDouble) return Doubles() + start;
    CopyTo(start, n, scratch);
    return scratch;
  }
  // Decodes values [start, start + n) into out.
  void CopyTo(std::size_t start, std::size_t n, double* out) const;
  // The greatest (`max`) or least of values [start, start + n) that are not missing, and in
  // *present how many are not; NaN when none is. Mantissas are compared as they are stored:
  // decoding (one correctly rounded division by 10^scale) is monotone, so the extreme value
  // is the extreme mantissa's. Of equal doubles, the first (0.0 or -0.0), as
  // std::max_element gives it.
  double Extreme(std::size_t start, std::size_t n, bool max, std::size_t* present) const;

  void PushMissing();
  // Any double; NaN pushes a missing value when it is the missing NaN (quiet_NaN()).
  void Push(double x);
  // Push(x) of a finite x other than -0.0, inline when x is a mantissa of the vector's
  // width at its scale (a column's usual value: its decimals are the column's): Push's first
  // step, without its search of larger scales or a wider width.
  [[gnu::always_inline]] void PushFinite(double x) {
    if (encoding_ != Encoding::kDouble) {
      const double m = x * divisor_;
      if (std::fabs(m) <= static_cast<double>(limit_)) {
        const double r = std::nearbyint(m);
        if (r / divisor_ == x) {
          PushMantissa(static_cast<std::int64_t>(r));
          return;
        }
      }
    }
    Push(x);
  }
  // A decimal as ParseShortDecimal read it (its value is d.Value()): the fast path of
  // reading data, which stores the digits without dividing. Always inline: it is a few
  // instructions in the loops of the readers, and a call would double them.
  [[gnu::always_inline]] void PushDecimal(const ShortDecimal& d) {
    if (encoding_ != Encoding::kDouble && d.scale <= scale_) {
      std::uint64_t m = d.mantissa;
      if (d.scale == scale_ ||
          !__builtin_mul_overflow(m, number_text_internal::kPow10Int[scale_ - d.scale], &m)) {
        if (m <= limit_) {
          const auto v = static_cast<std::int64_t>(m);
          PushMantissa(d.negative ? -v : v);
          return;
        }
      }
    }
    PushDecimalSlow(d);
  }
  // Push(x[0]), ..., Push(x[n - 1]), to the same vector (the same encoding, scale and
  // mantissas), in two passes over x instead of a search per value: the values of a column
  // built a column at a time (BatchBuilder). NaN must be the missing one (quiet_NaN()).
  void PushValues(const double* x, std::size_t n);
  // PushDecimal of the whole numbers m[0], ..., m[n - 1] (each below 10^9; `greatest` the
  // greatest), at once when they fit the current width at scale 0 (a list's elements, read
  // from a text). Inline: bytes at scale 0 (raters' marks) take them without a call.
  void PushWholes(const std::uint32_t* m, std::size_t n, std::uint32_t greatest) {
    if (encoding_ == Encoding::kInt8 && scale_ == 0 && greatest <= limit_) {
      i8_.insert(i8_.end(), m, m + n);  // each converts: every one fits
      size_ += n;
      return;
    }
    PushWholesSlow(m, n, greatest);
  }
  // The caller's n doubles as the vector's values, without a copy: `owner` keeps them valid
  // and unchanged, and the vector keeps `owner`. Each is a number (not -0.0) or the missing
  // NaN (quiet_NaN()); any_missing: some is. Replaces what the vector held; a later push,
  // Truncate or Append onto it copies the values first. (A DataFrame's float64 column,
  // shared by the batch rather than copied: see BatchBuilder::SetColumnShared.)
  void Share(const double* values, std::size_t n, bool any_missing,
             std::shared_ptr<const void> owner);
  bool shared() const { return view_ != nullptr; }
  // Keeps the first n values.
  void Truncate(std::size_t n);
  // Appends every value of `other`, bit for bit: this vector takes an encoding that holds
  // both (the larger scale and width, or doubles).
  void Append(const NumberVector& other);
  // Room for n values, kept when the encoding changes (a hint: more may be pushed); taken
  // from `arena` when it is given and has room.
  void Reserve(std::size_t n, const std::shared_ptr<ColumnArena>& arena = nullptr);
  // The bytes Reserve(n) takes at the current encoding.
  std::size_t BytesFor(std::size_t n) const;

 private:
  static constexpr int8_t kMissing8 = std::numeric_limits<int8_t>::min();
  static constexpr int16_t kMissing16 = std::numeric_limits<int16_t>::min();
  static constexpr int32_t kMissing32 = std::numeric_limits<int32_t>::min();

  template <class T>
  double Decode(T v, T missing) const {
    return v == missing ? std::numeric_limits<double>::quiet_NaN()
                        : static_cast<double>(v) / divisor_;
  }
  // A mantissa with |v| <= limit_ at the current width.
  [[gnu::always_inline]] void PushMantissa(std::int64_t v) {
    switch (encoding_) {
      case Encoding::kInt8:
        i8_.push_back(static_cast<int8_t>(v));
        break;
      case Encoding::kInt16:
        i16_.push_back(static_cast<int16_t>(v));
        break;
      default:
        i32_.push_back(static_cast<int32_t>(v));
        break;
    }
    ++size_;
  }
  void PushDecimalSlow(ShortDecimal d);
  void PushWholesSlow(const std::uint32_t* m, std::size_t n, std::uint32_t greatest);
  // Pushes mantissa v (|v| < 2^31) at the current scale, widening as needed.
  void PushWide(std::int64_t v);
  // Raises the scale to s (> scale_), multiplying the mantissas held; false (having
  // turned the vector into kDouble) when they no longer fit 32 bits.
  bool RaiseScale(int s);
  void Widen(Encoding to);
  void ToDouble();
  // The doubles of a kDouble vector: the shared ones, or its own.
  const double* Doubles() const { return view_ != nullptr ? view_ : f64_.data(); }
  // A shared vector's values copied into f64_, before a change.
  void Own();
  void PushDouble(double x);
  std::int64_t MaxAbsMantissa() const;

  Encoding encoding_ = Encoding::kInt8;
  int scale_ = 0;
  double divisor_ = 1;         // 10^scale_
  std::uint64_t limit_ = 127;  // the largest |mantissa| of the width
  std::size_t size_ = 0;
  bool any_missing_ = false;  // a missing value was pushed (decoding then tests for it)
  std::size_t reserve_ = 0;   // see Reserve
  ColumnVector<int8_t> i8_;   // only the vector of the encoding is used
  ColumnVector<int16_t> i16_;
  ColumnVector<int32_t> i32_;
  ColumnVector<double> f64_;
  const double* view_ = nullptr;  // kDouble: the shared values (Share), used instead of f64_
  std::shared_ptr<const void> view_owner_;
};

}  // namespace assess::data

#endif  // ASSESS_DATA_NUMBER_VECTOR_H_
