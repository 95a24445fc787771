// This file's external interface is the class Decimal (decimal.h).
//
// Invariant kept by every constructor but FromInt: the coefficient has no trailing zero
// digit (zero has exponent 0), at most kMaxDigits digits, and |exponent| <= kMaxExponent.
// FromInt values may carry trailing zeros; every operation normalizes a copy first.
#include "num/decimal.h"

#include <cassert>
#include <charconv>
#include <climits>
#include <limits>

namespace assess {
namespace {

using Int = __int128;

constexpr int kMaxDigits = 36;
// Bounds the text ToString writes; far beyond any point, weight or percentage.
constexpr long long kMaxExponent = 1000;

constexpr Int Pow10(int n) {
  Int p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}
// 10^38 < 2^127 is the largest power of ten an __int128 holds.
constexpr Int kTen36 = Pow10(kMaxDigits);

Int Abs(Int v) { return v < 0 ? -v : v; }

int DigitCount(Int v) {
  v = Abs(v);
  int n = 0;
  while (v != 0) {
    v /= 10;
    ++n;
  }
  return n;
}

// Strips trailing zeros of c into e; a zero gets exponent 0.
void Normalize(Int& c, long long& e) {
  if (c == 0) {
    e = 0;
    return;
  }
  while (c % 10 == 0) {
    c /= 10;
    ++e;
  }
}

long long SaturateToLongLong(Int v) {
  if (v > LLONG_MAX) return LLONG_MAX;
  if (v < LLONG_MIN) return LLONG_MIN;
  return static_cast<long long>(v);
}

}  // namespace

// number -> [+-] (digits [. [digits]] | . digits) [(e|E) [+-] digits] [%]
std::optional<Decimal> Decimal::Parse(std::string_view text) {
  const char* p = text.data();
  const char* const end = p + text.size();
  bool negative = false;
  if (p != end && (*p == '+' || *p == '-')) negative = *p++ == '-';
  Int c = 0;
  int significant = 0;     // digits of c
  long long pending = 0;   // zeros seen after the last nonzero digit, not yet in c
  long long frac_len = 0;  // digits after the point
  int digit_count = 0;
  bool in_fraction = false;
  for (; p != end; ++p) {
    if (*p == '.' && !in_fraction) {
      in_fraction = true;
      continue;
    }
    if (*p < '0' || *p > '9') break;
    ++digit_count;
    if (in_fraction) ++frac_len;
    if (*p == '0') {
      if (c != 0) ++pending;
      continue;
    }
    if (significant + pending + 1 > kMaxDigits) return std::nullopt;
    for (; pending > 0; --pending, ++significant) c *= 10;
    c = c * 10 + (*p - '0');
    ++significant;
  }
  if (digit_count == 0) return std::nullopt;
  long long exponent = 0;
  if (p != end && (*p == 'e' || *p == 'E')) {
    ++p;
    bool exp_negative = false;
    if (p != end && (*p == '+' || *p == '-')) exp_negative = *p++ == '-';
    const char* exp_begin = p;
    for (; p != end && *p >= '0' && *p <= '9'; ++p) {
      if (exponent < 1'000'000'000) exponent = exponent * 10 + (*p - '0');
    }
    if (p == exp_begin) return std::nullopt;
    if (exp_negative) exponent = -exponent;
  }
  if (p != end && *p == '%') {
    ++p;
    exponent -= 2;
  }
  if (p != end) return std::nullopt;
  if (c == 0) return Decimal();
  exponent += pending - frac_len;
  if (exponent > kMaxExponent || exponent < -kMaxExponent) return std::nullopt;
  return Decimal(negative ? -c : c, static_cast<int>(exponent));
}

std::optional<Decimal> Decimal::Add(const Decimal& other) const {
  Int a = coefficient_, b = other.coefficient_;
  long long ea = exponent_, eb = other.exponent_;
  Normalize(a, ea);
  Normalize(b, eb);
  if (a == 0) return Decimal(b, static_cast<int>(eb));
  if (b == 0) return Decimal(a, static_cast<int>(ea));
  if (ea < eb) {
    std::swap(a, b);
    std::swap(ea, eb);
  }
  // Scale a (the larger exponent) down to eb. If that needs 37 digits or more, the sum
  // has too many: b's last digit is nonzero, a's top digit is at least 10^36 above it.
  const long long diff = ea - eb;
  if (diff > kMaxDigits) return std::nullopt;
  for (long long i = 0; i < diff; ++i) {
    a *= 10;
    if (Abs(a) >= kTen36 * 10) return std::nullopt;
  }
  Int sum = a + b;  // |sum| < 1.1 x 10^37
  long long e = eb;
  Normalize(sum, e);
  if (Abs(sum) >= kTen36 || e > kMaxExponent || e < -kMaxExponent) return std::nullopt;
  return Decimal(sum, static_cast<int>(e));
}

std::optional<Decimal> Decimal::Multiply(const Decimal& other) const {
  Int a = coefficient_, b = other.coefficient_;
  long long ea = exponent_, eb = other.exponent_;
  Normalize(a, ea);
  Normalize(b, eb);
  if (a == 0 || b == 0) return Decimal();
  long long e = ea + eb;
  // Neither coefficient ends in 0, but 5 x 2 does: pull the tens out first so that a
  // product that overflows truly has more than 36 digits.
  while (a % 5 == 0 && b % 2 == 0) {
    a /= 5;
    b /= 2;
    ++e;
  }
  while (a % 2 == 0 && b % 5 == 0) {
    a /= 2;
    b /= 5;
    ++e;
  }
  Int product;
  if (__builtin_mul_overflow(a, b, &product)) return std::nullopt;
  if (Abs(product) >= kTen36 || e > kMaxExponent || e < -kMaxExponent) return std::nullopt;
  return Decimal(product, static_cast<int>(e));
}

double Decimal::ToDouble() const {
  Int c = coefficient_;
  long long e = exponent_;
  Normalize(c, e);
  if (c == 0) return 0.0;
  // "-<digits>e<exponent>", then from_chars, which rounds correctly.
  char digits[48];
  char* const digits_end = digits + sizeof digits;
  char* d = digits_end;
  for (Int m = Abs(c); m != 0; m /= 10) *--d = static_cast<char>('0' + static_cast<int>(m % 10));
  char buf[80];
  char* p = buf;
  if (c < 0) *p++ = '-';
  for (; d != digits_end; ++d) *p++ = *d;
  *p++ = 'e';
  p = std::to_chars(p, buf + sizeof buf, e).ptr;
  double value = 0;
  auto [ptr, ec] = std::from_chars(buf, p, value);
  if (ec == std::errc::result_out_of_range) {
    // Beyond 10^308 or below 10^-323: the magnitude of the top digit tells which.
    const bool overflow = DigitCount(c) + e > 0;
    if (!overflow) return 0.0;
    value = std::numeric_limits<double>::infinity();
    return c < 0 ? -value : value;
  }
  assert(ec == std::errc() && ptr == p);
  return value;
}

std::string Decimal::ToString() const {
  Int c = coefficient_;
  long long e = exponent_;
  Normalize(c, e);
  if (c == 0) return "0";
  char buf[48];
  char* const buf_end = buf + sizeof buf;
  char* d = buf_end;
  for (Int m = Abs(c); m != 0; m /= 10) *--d = static_cast<char>('0' + static_cast<int>(m % 10));
  const long long n = buf_end - d;
  std::string out;
  if (c < 0) out.push_back('-');
  if (e >= 0) {
    out.append(d, static_cast<std::size_t>(n));
    out.append(static_cast<std::size_t>(e), '0');
  } else if (-e < n) {
    out.append(d, static_cast<std::size_t>(n + e));
    out.push_back('.');
    out.append(d + n + e, static_cast<std::size_t>(-e));
  } else {
    out.append("0.");
    out.append(static_cast<std::size_t>(-e - n), '0');
    out.append(d, static_cast<std::size_t>(n));
  }
  return out;
}

long long Decimal::Floor() const {
  Int c = coefficient_;
  long long e = exponent_;
  Normalize(c, e);
  if (e >= 0) {
    if (e > 38) return c < 0 ? LLONG_MIN : (c > 0 ? LLONG_MAX : 0);
    Int v;
    if (__builtin_mul_overflow(c, Pow10(static_cast<int>(e)), &v)) {
      return c < 0 ? LLONG_MIN : LLONG_MAX;
    }
    return SaturateToLongLong(v);
  }
  if (-e > kMaxDigits) return c < 0 ? -1 : 0;  // 0 < |value| < 1
  const Int p = Pow10(static_cast<int>(-e));
  Int q = c / p;
  if (c % p != 0 && c < 0) --q;
  return SaturateToLongLong(q);
}

long long Decimal::RoundHalfUp() const {
  Int c = coefficient_;
  long long e = exponent_;
  Normalize(c, e);
  if (e >= 0) return Floor();
  if (-e > kMaxDigits) return 0;  // |value| < 0.1
  const Int p = Pow10(static_cast<int>(-e));
  Int q = c / p;
  Int r = c % p;
  if (r < 0) {  // floor division: 0 <= r < p
    --q;
    r += p;
  }
  if (2 * r >= p) ++q;
  return SaturateToLongLong(q);
}

std::strong_ordering operator<=>(const Decimal& a, const Decimal& b) {
  Int ca = a.coefficient_, cb = b.coefficient_;
  long long ea = a.exponent_, eb = b.exponent_;
  Normalize(ca, ea);
  Normalize(cb, eb);
  const int sa = (ca > 0) - (ca < 0);
  const int sb = (cb > 0) - (cb < 0);
  if (sa != sb || sa == 0) return sa <=> sb;
  // Same sign, both nonzero: compare magnitudes by the place of the top digit, then by
  // aligned coefficients (the exponents then differ by less than 36).
  const long long top_a = DigitCount(ca) + ea;
  const long long top_b = DigitCount(cb) + eb;
  std::strong_ordering magnitude = std::strong_ordering::equal;
  if (top_a != top_b) {
    magnitude = top_a <=> top_b;
  } else {
    Int ma = Abs(ca), mb = Abs(cb);
    for (; ea > eb; --ea) ma *= 10;
    for (; eb > ea; --eb) mb *= 10;
    magnitude = ma <=> mb;
  }
  if (sa > 0) return magnitude;
  return 0 <=> magnitude;
}

}  // namespace assess
