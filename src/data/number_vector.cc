// This file's external interface is NumberVector (number_vector.h): the slow paths of
// pushing (widening, raising the scale, turning into doubles) and decoding.
#include "data/number_vector.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <type_traits>
#include <utility>

#include "data/decode_scaled.h"
#include "data/scan_scaled.h"
#include "num/extreme.h"

namespace assess::data {
namespace {

using number_text_internal::kPow10;
using number_text_internal::kPow10Int;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::int64_t kMax32 = std::numeric_limits<int32_t>::max();

bool IsMissingNaN(double x) {
  std::uint64_t a, b;
  std::memcpy(&a, &x, sizeof a);
  std::memcpy(&b, &kNaN, sizeof b);
  return a == b;
}

template <class From, class To>
ColumnVector<To> Converted(ColumnVector<From>& from, From missing_from, To missing_to,
                           std::size_t reserve) {
  ColumnVector<To> to{ArenaAllocator<To>(from.get_allocator())};
  to.reserve(std::max(reserve, from.size()));
  to.resize(from.size());
  for (std::size_t i = 0; i < from.size(); ++i) {
    to[i] = from[i] == missing_from ? missing_to : static_cast<To>(from[i]);
  }
  ColumnVector<From>().swap(from);
  return to;
}

template <class T>
std::int64_t MaxAbs(const ColumnVector<T>& v, T missing) {
  std::int64_t m = 0;
  for (T x : v) {
    const std::int64_t a = x < 0 ? -static_cast<std::int64_t>(x) : x;
    if (x != missing && a > m) m = a;
  }
  return m;
}

template <class T>
void Multiply(ColumnVector<T>& v, T missing, std::int64_t factor) {
  for (T& x : v) {
    if (x != missing) x = static_cast<T>(x * factor);
  }
}

NumberVector::Encoding WidthFor(std::int64_t abs) {
  if (abs <= 127) return NumberVector::Encoding::kInt8;
  if (abs <= 32767) return NumberVector::Encoding::kInt16;
  return NumberVector::Encoding::kInt32;
}

// The greatest or least of v[0, n) but `missing` (the width's lowest integer), and how
// many are missing. Branch-free, so that the compiler keeps it in vector registers.
template <class T>
std::pair<T, std::size_t> ExtremeMantissa(const T* v, std::size_t n, T missing, bool any_missing,
                                          bool max) {
  std::size_t absent = 0;
  if (any_missing) {
    for (std::size_t i = 0; i < n; ++i) absent += v[i] == missing;
  }
  if (max) {
    T best = missing;  // below every mantissa that is not missing
    for (std::size_t i = 0; i < n; ++i) best = v[i] > best ? v[i] : best;
    return {best, absent};
  }
  T best = std::numeric_limits<T>::max();
  for (std::size_t i = 0; i < n; ++i) {
    const T x = v[i] == missing ? std::numeric_limits<T>::max() : v[i];
    best = x < best ? x : best;
  }
  return {best, absent};
}

}  // namespace

double NumberVector::Extreme(std::size_t start, std::size_t n, bool max,
                             std::size_t* present) const {
  auto decoded = [&](auto found) {
    *present = n - found.second;
    return *present > 0 ? static_cast<double>(found.first) / divisor_ : kNaN;
  };
  switch (encoding_) {
    case Encoding::kInt8:
      return decoded(ExtremeMantissa(i8_.data() + start, n, kMissing8, any_missing_, max));
    case Encoding::kInt16:
      return decoded(ExtremeMantissa(i16_.data() + start, n, kMissing16, any_missing_, max));
    case Encoding::kInt32:
      return decoded(ExtremeMantissa(i32_.data() + start, n, kMissing32, any_missing_, max));
    case Encoding::kDouble:
      break;
  }
  num::Extreme extreme(max);
  extreme.Add(Doubles() + start, n);
  *present = extreme.present();
  return *present > 0 ? extreme.best() : kNaN;
}

std::size_t NumberVector::bytes() const {
  switch (encoding_) {
    case Encoding::kInt8:
      return size_;
    case Encoding::kInt16:
      return size_ * 2;
    case Encoding::kInt32:
      return size_ * 4;
    case Encoding::kDouble:
      break;
  }
  return size_ * 8;
}

void NumberVector::CopyTo(std::size_t start, std::size_t n, double* out) const {
  switch (encoding_) {
    case Encoding::kInt8:
      DecodeScaled(i8_.data() + start, n, kMissing8, any_missing_, divisor_, out);
      return;
    case Encoding::kInt16:
      DecodeScaled(i16_.data() + start, n, kMissing16, any_missing_, divisor_, out);
      return;
    case Encoding::kInt32:
      DecodeScaled(i32_.data() + start, n, kMissing32, any_missing_, divisor_, out);
      return;
    case Encoding::kDouble:
      if (n > 0) std::memcpy(out, Doubles() + start, n * sizeof(double));
      return;
  }
}

void NumberVector::PushMissing() {
  any_missing_ = true;
  switch (encoding_) {
    case Encoding::kInt8:
      i8_.push_back(kMissing8);
      break;
    case Encoding::kInt16:
      i16_.push_back(kMissing16);
      break;
    case Encoding::kInt32:
      i32_.push_back(kMissing32);
      break;
    case Encoding::kDouble:
      if (view_ != nullptr) Own();
      f64_.push_back(kNaN);
      break;
  }
  ++size_;
}

void NumberVector::PushDouble(double x) {
  if (view_ != nullptr) Own();
  f64_.push_back(x);
  ++size_;
  if (std::isnan(x)) any_missing_ = true;
}

void NumberVector::Push(double x) {
  if (encoding_ == Encoding::kDouble) {
    PushDouble(x);
    return;
  }
  if (std::isnan(x) && IsMissingNaN(x)) {
    PushMissing();
    return;
  }
  // -0.0 would decode as +0.0; NaNs other than the missing one and infinities have no
  // mantissa.
  if (std::isfinite(x) && !(x == 0 && std::signbit(x))) {
    // The smallest scale, from the vector's own, at which x is a mantissa that reads back
    // as x. If M / 10^s reads back as x, x * 10^s is within 2^-51 x * 10^s of M, so rounding
    // it finds M.
    for (int s = scale_; s <= kMaxScale; ++s) {
      const double m = x * kPow10[s];
      if (!(std::fabs(m) <= static_cast<double>(kMax32))) break;  // larger s: larger m
      const double r = std::nearbyint(m);
      if (r / kPow10[s] != x) continue;
      if (s > scale_ && !RaiseScale(s)) break;
      PushWide(static_cast<std::int64_t>(r));
      return;
    }
  }
  ToDouble();
  PushDouble(x);
}

// The scale Push settles on for a run of values is the largest of their smallest exact
// scales (from scale_ on): a value M / 10^s that reads back as x reads back as x at every
// larger scale too (M x 10^k / 10^(s + k) is the same rational, correctly rounded), and
// there x x 10^S rounds to M x 10^k, the mantissa Push would have multiplied up. The run
// fits 32 bits at that scale when its largest magnitude does (rounding is monotone); if it
// does not, or a value has no mantissa, Push would have turned the vector into doubles.
void NumberVector::PushValues(const double* x, std::size_t n) {
  if (n == 0) return;
  if (encoding_ != Encoding::kDouble) {
    int s = scale_;
    double max_abs = 0;
    bool fits = true;
    bool missing = false;
    bool settled = false;
    // The common case first, in one pass: every value a mantissa at the current scale (and
    // no -0.0).
    {
      const ScaledScan scan = ScanScaled(x, n, kPow10[scale_]);
      max_abs = scan.max_abs;
      missing = scan.any_nan;
      settled = !scan.inexact;
    }
    for (std::size_t i = 0; i < n && fits && !settled; ++i) {
      const double v = x[i];
      if (std::isnan(v)) {
        missing = true;
        continue;
      }
      if (!std::isfinite(v) || (v == 0 && std::signbit(v))) {
        fits = false;
        break;
      }
      max_abs = std::max(max_abs, std::fabs(v));
      while (true) {
        const double m = v * kPow10[s];
        if (!(std::fabs(m) <= static_cast<double>(kMax32))) {
          fits = false;
          break;
        }
        if (std::nearbyint(m) / kPow10[s] == v) break;
        if (++s > kMaxScale) {
          fits = false;
          break;
        }
      }
    }
    if (fits && !(max_abs * kPow10[s] <= static_cast<double>(kMax32))) fits = false;
    if (fits && (s == scale_ || RaiseScale(s))) {
      const double p = kPow10[s];
      const Encoding need = WidthFor(static_cast<std::int64_t>(std::nearbyint(max_abs * p)));
      if (need > encoding_) Widen(need);
      if (missing) any_missing_ = true;
      auto fill = [&](auto& v, auto missing_code) {
        using T = std::decay_t<decltype(missing_code)>;
        const std::size_t old = v.size();
        v.resize(old + n);
        T* out = v.data() + old;
        for (std::size_t i = 0; i < n; ++i) {
          out[i] = std::isnan(x[i]) ? missing_code : static_cast<T>(std::nearbyint(x[i] * p));
        }
      };
      switch (encoding_) {
        case Encoding::kInt8:
          fill(i8_, kMissing8);
          break;
        case Encoding::kInt16:
          fill(i16_, kMissing16);
          break;
        default:
          fill(i32_, kMissing32);
          break;
      }
      size_ += n;
      return;
    }
  }
  // Doubles: Push's own path, value by value (it turns the vector into doubles at the
  // first value that needs it, as a run of Push calls would).
  for (std::size_t i = 0; i < n; ++i) Push(x[i]);
}

void NumberVector::PushWholesSlow(const std::uint32_t* m, std::size_t n, std::uint32_t greatest) {
  if (encoding_ != Encoding::kDouble && scale_ == 0 && greatest <= limit_) {
    switch (encoding_) {
      case Encoding::kInt8:
        i8_.insert(i8_.end(), m, m + n);  // each converts: every one fits
        break;
      case Encoding::kInt16:
        i16_.insert(i16_.end(), m, m + n);
        break;
      default:
        i32_.insert(i32_.end(), m, m + n);
        break;
    }
    size_ += n;
    return;
  }
  for (std::size_t i = 0; i < n; ++i) PushDecimal(ShortDecimal{m[i], 0, false});
}

void NumberVector::PushDecimalSlow(ShortDecimal d) {
  if (encoding_ != Encoding::kDouble) {
    // The decimals as written ("80.50": 2), so that the next such value takes the fast path.
    const std::uint64_t m = d.mantissa;
    const int s = d.scale;
    if (s <= scale_ || RaiseScale(s)) {
      std::uint64_t scaled;
      if (!__builtin_mul_overflow(m, kPow10Int[scale_ - s], &scaled) &&
          scaled <= static_cast<std::uint64_t>(kMax32)) {
        const auto v = static_cast<std::int64_t>(scaled);
        PushWide(d.negative ? -v : v);
        return;
      }
    }
  }
  ToDouble();
  PushDouble(d.Value());
}

void NumberVector::PushWide(std::int64_t v) {
  const Encoding need = WidthFor(v < 0 ? -v : v);
  if (need > encoding_) Widen(need);
  PushMantissa(v);
}

std::int64_t NumberVector::MaxAbsMantissa() const {
  switch (encoding_) {
    case Encoding::kInt8:
      return MaxAbs(i8_, kMissing8);
    case Encoding::kInt16:
      return MaxAbs(i16_, kMissing16);
    case Encoding::kInt32:
      return MaxAbs(i32_, kMissing32);
    case Encoding::kDouble:
      break;
  }
  return 0;
}

bool NumberVector::RaiseScale(int s) {
  if (encoding_ == Encoding::kDouble) return false;
  if (s > kMaxScale) {
    ToDouble();
    return false;
  }
  const std::int64_t max = MaxAbsMantissa();
  const int up = s - scale_;
  if (max != 0) {
    // up > 9 makes any non-zero mantissa exceed 2^31.
    if (up > 9 || max * static_cast<std::int64_t>(kPow10Int[up]) > kMax32) {
      ToDouble();
      return false;
    }
    const std::int64_t factor = static_cast<std::int64_t>(kPow10Int[up]);
    const Encoding need = WidthFor(max * factor);
    if (need > encoding_) Widen(need);
    switch (encoding_) {
      case Encoding::kInt8:
        Multiply(i8_, kMissing8, factor);
        break;
      case Encoding::kInt16:
        Multiply(i16_, kMissing16, factor);
        break;
      default:
        Multiply(i32_, kMissing32, factor);
        break;
    }
  }
  scale_ = s;
  divisor_ = kPow10[s];
  return true;
}

void NumberVector::Widen(Encoding to) {
  if (encoding_ == Encoding::kInt8 && to == Encoding::kInt16) {
    i16_ = Converted(i8_, kMissing8, kMissing16, reserve_);
  } else if (encoding_ == Encoding::kInt8) {
    i32_ = Converted(i8_, kMissing8, kMissing32, reserve_);
  } else {
    i32_ = Converted(i16_, kMissing16, kMissing32, reserve_);
  }
  encoding_ = to;
  limit_ = to == Encoding::kInt16 ? 32767 : static_cast<std::uint64_t>(kMax32);
}

void NumberVector::ToDouble() {
  if (encoding_ == Encoding::kDouble) return;
  ArenaAllocator<double> alloc;
  switch (encoding_) {
    case Encoding::kInt8:
      alloc = ArenaAllocator<double>(i8_.get_allocator());
      break;
    case Encoding::kInt16:
      alloc = ArenaAllocator<double>(i16_.get_allocator());
      break;
    default:
      alloc = ArenaAllocator<double>(i32_.get_allocator());
      break;
  }
  ColumnVector<double> values(alloc);
  values.reserve(std::max(reserve_, size_));
  values.resize(size_);
  CopyTo(0, size_, values.data());
  ColumnVector<int8_t>().swap(i8_);
  ColumnVector<int16_t>().swap(i16_);
  ColumnVector<int32_t>().swap(i32_);
  f64_.swap(values);
  encoding_ = Encoding::kDouble;
}

void NumberVector::Append(const NumberVector& o) {
  if (o.size_ == 0) return;
  if (o.encoding_ == Encoding::kDouble) ToDouble();
  if (encoding_ != Encoding::kDouble && o.scale_ > scale_) RaiseScale(o.scale_);
  if (encoding_ == Encoding::kDouble) {
    for (std::size_t i = 0; i < o.size_; ++i) PushDouble(o.At(i));
    return;
  }
  // Both hold integers, and this vector's scale is o's or larger.
  if (o.encoding_ == encoding_ && o.scale_ == scale_) {
    switch (encoding_) {
      case Encoding::kInt8:
        i8_.insert(i8_.end(), o.i8_.begin(), o.i8_.end());
        break;
      case Encoding::kInt16:
        i16_.insert(i16_.end(), o.i16_.begin(), o.i16_.end());
        break;
      default:
        i32_.insert(i32_.end(), o.i32_.begin(), o.i32_.end());
        break;
    }
    size_ += o.size_;
    any_missing_ = any_missing_ || o.any_missing_;
    return;
  }
  // Mantissas that fit 32 bits, times 10^9 at most, stay below 2^63.
  const int up = scale_ - o.scale_;
  const std::int64_t factor = up <= 9 ? static_cast<std::int64_t>(kPow10Int[up]) : 0;
  for (std::size_t i = 0; i < o.size_; ++i) {
    std::int64_t m;
    bool missing;
    switch (o.encoding_) {
      case Encoding::kInt8:
        m = o.i8_[i];
        missing = o.i8_[i] == kMissing8;
        break;
      case Encoding::kInt16:
        m = o.i16_[i];
        missing = o.i16_[i] == kMissing16;
        break;
      default:
        m = o.i32_[i];
        missing = o.i32_[i] == kMissing32;
        break;
    }
    if (missing) {
      PushMissing();
      continue;
    }
    std::int64_t scaled;
    if (encoding_ == Encoding::kDouble || factor == 0 ||
        __builtin_mul_overflow(m, factor, &scaled) || scaled > kMax32 || scaled < -kMax32) {
      Push(o.At(i));  // turns this vector into doubles when no scale holds the value
    } else {
      PushWide(scaled);
    }
  }
}

void NumberVector::Truncate(std::size_t n) {
  if (n >= size_) return;
  switch (encoding_) {
    case Encoding::kInt8:
      i8_.resize(n);
      break;
    case Encoding::kInt16:
      i16_.resize(n);
      break;
    case Encoding::kInt32:
      i32_.resize(n);
      break;
    case Encoding::kDouble:
      if (view_ != nullptr) Own();
      f64_.resize(n);
      break;
  }
  size_ = n;
}

void NumberVector::Share(const double* values, std::size_t n, bool any_missing,
                         std::shared_ptr<const void> owner) {
  ColumnVector<int8_t>().swap(i8_);
  ColumnVector<int16_t>().swap(i16_);
  ColumnVector<int32_t>().swap(i32_);
  ColumnVector<double>().swap(f64_);
  encoding_ = Encoding::kDouble;
  scale_ = 0;
  divisor_ = 1;
  size_ = n;
  any_missing_ = any_missing;
  view_ = values;
  view_owner_ = std::move(owner);
}

void NumberVector::Own() {
  ColumnVector<double> values;
  values.reserve(std::max(reserve_, size_));
  values.assign(view_, view_ + size_);
  f64_.swap(values);
  view_ = nullptr;
  view_owner_.reset();
}

void NumberVector::Reserve(std::size_t n, const std::shared_ptr<ColumnArena>& arena) {
  reserve_ = n;
  switch (encoding_) {
    case Encoding::kInt8:
      ReserveIn(i8_, n, arena);
      break;
    case Encoding::kInt16:
      ReserveIn(i16_, n, arena);
      break;
    case Encoding::kInt32:
      ReserveIn(i32_, n, arena);
      break;
    case Encoding::kDouble:
      ReserveIn(f64_, n, arena);
      break;
  }
}

std::size_t NumberVector::BytesFor(std::size_t n) const {
  switch (encoding_) {
    case Encoding::kInt8:
      return n;
    case Encoding::kInt16:
      return 2 * n;
    case Encoding::kInt32:
      return 4 * n;
    case Encoding::kDouble:
      break;
  }
  return 8 * n;
}

}  // namespace assess::data
