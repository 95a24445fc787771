// This file's external interface is ParseNumber, ShortestText, AppendFixed and FixedText
// (number_text.h; the fast paths ParseShortDecimal and WriteFixedShort are inline there).
//
// ParseNumber and AppendFixed are on the hot paths of reading and writing CSV: they do not
// allocate (beyond growing `out`), use no locale, and leave the hard part to std::from_chars
// and std::to_chars, which are correctly rounded. Each has a fast path for the common case
// (short plain decimals; values already rounded to the decimals written) that gives the
// same result exactly.
#include "num/number_text.h"

#include <cassert>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "num/fast_round.h"
#include "num/shortest_digits.h"

namespace assess {
namespace {

using num_internal::kMaxExactPow10;
using num_internal::kPow10;

inline bool IsDigit(char c) { return static_cast<unsigned char>(c - '0') < 10; }

// from_chars reports result_out_of_range both for overflow and for a value that rounds to
// zero. The two are told apart by the decimal magnitude of the (already validated) text:
// out-of-range values are beyond 10^308 or below 10^-323, far from each other.
bool IsUnderflow(const char* p, const char* end) {
  if (p != end && (*p == '+' || *p == '-')) ++p;
  long long magnitude = 0;  // about log10 of the coefficient written before the exponent
  bool nonzero_seen = false;
  for (; p != end && IsDigit(*p); ++p) {
    if (*p != '0') nonzero_seen = true;
    if (nonzero_seen) ++magnitude;
  }
  if (p != end && *p == '.') {
    for (++p; p != end && IsDigit(*p); ++p) {
      if (!nonzero_seen) {
        if (*p != '0') {
          nonzero_seen = true;
        } else {
          --magnitude;
        }
      }
    }
  }
  long long exponent = 0;
  if (p != end && (*p == 'e' || *p == 'E')) {
    ++p;
    bool negative = p != end && *p == '-';
    if (p != end && (*p == '+' || *p == '-')) ++p;
    for (; p != end && IsDigit(*p); ++p) {
      if (exponent < 1'000'000'000) exponent = exponent * 10 + (*p - '0');
    }
    if (negative) exponent = -exponent;
  }
  return magnitude + exponent < 0;
}

constexpr char kDigitPairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

// Appends the digits of k with a decimal point before the last `digits` of them, padding
// with leading zeros so that there is at least one digit before the point.
void AppendScaledInteger(std::string& out, bool negative, std::uint64_t k, int digits) {
  char buf[48];  // sign, k < 2^64 (20 digits) or 22 padding zeros, point
  char* const end = buf + sizeof buf;
  char* p = end;
  if (digits > 0) {
    int i = 0;
    for (; i + 2 <= digits; i += 2, k /= 100) {
      p -= 2;
      std::memcpy(p, kDigitPairs + 2 * (k % 100), 2);
    }
    if (i < digits) {
      *--p = static_cast<char>('0' + k % 10);
      k /= 10;
    }
    *--p = '.';
  }
  while (k >= 10) {
    p -= 2;
    std::memcpy(p, kDigitPairs + 2 * (k % 100), 2);
    k /= 100;
  }
  if (k != 0 || p == end || *p == '.') *--p = static_cast<char>('0' + k);
  if (negative) *--p = '-';
  out.append(p, end);
}

// The exact path: round x's shortest digits and write them out in full.
void AppendFixedExact(std::string& out, double x, int digits) {
  num_internal::DecimalDigits d = num_internal::ShortestDigits(x);
  num_internal::RoundHalfAwayAt(d, digits);
  if (d.count == 0) {
    out.push_back('0');
    if (digits > 0) {
      out.push_back('.');
      out.append(static_cast<std::size_t>(digits), '0');
    }
    return;
  }
  if (d.negative) out.push_back('-');
  // The value is digits x 10^exponent with exponent >= -digits: as an integer scaled by
  // 10^-digits it is the digits followed by (exponent + digits) zeros.
  const long long total = d.count + static_cast<long long>(d.exponent) + digits;
  const long long int_len = total - digits;  // digits before the point
  if (int_len <= 0) {
    out.push_back('0');
  } else {
    for (long long i = 0; i < int_len; ++i) out.push_back(i < d.count ? d.digits[i] : '0');
  }
  if (digits == 0) return;
  out.push_back('.');
  for (long long i = int_len; i < total; ++i) {
    // Position i of the scaled integer; negative positions are leading zeros.
    out.push_back(i >= 0 && i < d.count ? d.digits[i] : '0');
  }
}

}  // namespace

std::optional<double> ParseNumber(std::string_view text) {
  ShortDecimal d;
  if (ParseShortDecimal(text, &d)) return d.Value();
  const char* p = text.data();
  const char* const end = p + text.size();
  if (p == end) return std::nullopt;
  const char* start = p;  // from_chars takes '-' but not '+'
  if (*p == '+') {
    start = ++p;
  } else if (*p == '-') {
    ++p;
  }
  // digits [. digits] [(e|E) [+-] digits], checked by hand: from_chars alone would also
  // take "5.", ".5", "inf" and "nan".
  const char* digits_begin = p;
  while (p != end && IsDigit(*p)) ++p;
  if (p == digits_begin) return std::nullopt;
  if (p != end && *p == '.') {
    const char* frac_begin = ++p;
    while (p != end && IsDigit(*p)) ++p;
    if (p == frac_begin) return std::nullopt;
  }
  if (p != end && (*p == 'e' || *p == 'E')) {
    ++p;
    if (p != end && (*p == '+' || *p == '-')) ++p;
    const char* exp_begin = p;
    while (p != end && IsDigit(*p)) ++p;
    if (p == exp_begin) return std::nullopt;
  }
  if (p != end) return std::nullopt;

  double value = 0;
  auto [ptr, ec] = std::from_chars(start, end, value, std::chars_format::general);
  if (ec == std::errc()) {
    if (ptr != end) return std::nullopt;
    return value + 0.0;  // -0.0 + 0.0 is +0.0
  }
  if (ec == std::errc::result_out_of_range && IsUnderflow(start, end)) return 0.0;
  return std::nullopt;
}

std::string ShortestText(double x) {
  if (x == 0) return "0";  // never "-0"
  char buf[64];
  std::to_chars_result res;
  const double a = std::fabs(x);
  if (a < 1e15 && a == std::trunc(a)) {
    res = std::to_chars(buf, buf + sizeof buf, static_cast<long long>(x));
  } else if (a >= 1e-6 && a < 1e15) {
    // Shortest digits in plain notation ("0.0001" rather than "1e-04").
    res = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::fixed);
  } else {
    res = std::to_chars(buf, buf + sizeof buf, x);  // "1e+21", "1e-07", "inf", "nan"
  }
  assert(res.ec == std::errc());
  return std::string(buf, res.ptr);
}

void AppendFixed(std::string& out, double x, int digits) {
  assert(digits >= 0);
  if (digits < 0) digits = 0;
  if (std::isnan(x)) return;  // a missing value is an empty cell
  if (std::isinf(x)) {
    out.append(x < 0 ? "-inf" : "inf");
    return;
  }
  char buf[kFixedShortMaxBytes];
  if (const char* end = WriteFixedShort(buf, x, digits)) {
    out.append(buf, static_cast<std::size_t>(end - buf));
    return;
  }
  if (digits <= kMaxExactPow10) {
    // The fast path of RoundDecimal gives the rounded decimal itself, k / 10^digits.
    double k;
    if (num_internal::FastRoundScaled(std::fabs(x), kPow10[digits], &k)) {
      AppendScaledInteger(out, x < 0 && k != 0, static_cast<std::uint64_t>(k), digits);
      return;
    }
  }
  AppendFixedExact(out, x, digits);
}

std::string FixedText(double x, int digits) {
  std::string out;
  AppendFixed(out, x, digits);
  return out;
}

}  // namespace assess
