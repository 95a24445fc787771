// Numbers as texts: the strict syntax of data cells (rule-language §16) and the shortest and
// fixed-decimal forms in which results are written (rule-language §11, §8).
#ifndef ASSESS_NUM_NUMBER_TEXT_H_
#define ASSESS_NUM_NUMBER_TEXT_H_

#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace assess {

// A plain decimal exactly as written: (negative ? -1 : 1) x mantissa / 10^scale.
struct ShortDecimal {
  std::uint64_t mantissa = 0;  // <= 2^53, so a double holds it exactly
  int scale = 0;               // decimals written, 0..22, so 10^scale is an exact double
  bool negative = false;

  // The double nearest to the decimal, as std::from_chars gives it: one IEEE division of
  // two exact doubles is correctly rounded (Clinger's fast path). Never -0.0.
  double Value() const;
};

// The fast path of reading numbers: `[+-]digits[.digits]` (no exponent) with at most 19
// digits, whose digits as an integer are <= 2^53. Any other text (valid or not) returns
// false, and ParseNumber decides about it.
inline bool ParseShortDecimal(std::string_view text, ShortDecimal* out);
// The same at the start of [p, end): where such a decimal stops (the first byte that is not
// part of it, for the caller to judge), or nullptr when [p, end) does not start with one.
inline const char* ParseShortDecimalPrefix(const char* p, const char* end, ShortDecimal* out);

// Parses `[+-]digits[.digits][(e|E)[+-]digits]` (the whole text; the caller trims spaces).
// No NaN, Inf, hex, thousands separators, or leading/trailing garbage. A number that
// overflows a double is rejected (nullopt). "-0" gives 0.0 (never -0.0).
std::optional<double> ParseNumber(std::string_view text);

// The shortest decimal text that reads back as x (std::to_chars): "0.1", "2.675", "3".
// Whole numbers below 1e15 are written without exponent and without ".0".
std::string ShortestText(double x);

// Appends x with exactly `digits` decimals (digits 0..17), never "-0.00": the value is
// first rounded half away from zero at `digits` decimals on its shortest text (RoundDecimal).
void AppendFixed(std::string& out, double x, int digits);
std::string FixedText(double x, int digits);

// The fast path of AppendFixed for a value already rounded to `digits` decimals (the
// scores of a scheme that rounds each node): writes what AppendFixed would append at `out`
// (room for kFixedShortMaxBytes) and returns the end; returns nullptr, writing nothing
// useful, when x is not such a value (or NaN, infinite, or 10^15 or more), and then the
// caller uses AppendFixed.
// Inline, so that a writer's loop keeps `digits` and its power of ten in registers.
inline constexpr std::size_t kFixedShortMaxBytes = 40;
inline char* WriteFixedShort(char* out, double x, int digits);

// --- inline definitions ---

namespace number_text_internal {

// 1e0..1e22: the powers of ten a double holds exactly.
inline constexpr double kPow10[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                      1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                      1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

// 10^0..10^19 as integers, then saturated: entries 20..22 (10^20 and more do not fit 64
// bits) only make a product overflow or exceed any limit (or stay 0), which callers take as
// "too large". 23 entries, so that any difference of two decimal scales 0..22 indexes it.
inline constexpr std::uint64_t kPow10Int[23] = {1ULL,
                                                10ULL,
                                                100ULL,
                                                1000ULL,
                                                10000ULL,
                                                100000ULL,
                                                1000000ULL,
                                                10000000ULL,
                                                100000000ULL,
                                                1000000000ULL,
                                                10000000000ULL,
                                                100000000000ULL,
                                                1000000000000ULL,
                                                10000000000000ULL,
                                                100000000000000ULL,
                                                1000000000000000ULL,
                                                10000000000000000ULL,
                                                100000000000000000ULL,
                                                1000000000000000000ULL,
                                                10000000000000000000ULL,
                                                ~0ULL,
                                                ~0ULL,
                                                ~0ULL};

// The decimal digits of k (at least one), k < 10^15.
inline int DigitCount(std::uint64_t k) {
  // bits * log10(2) ~ bits * 1233 / 4096 is the count or one less.
  const int bits = 64 - __builtin_clzll(k | 1);
  const int t = (bits * 1233) >> 12;
  return t + (k >= kPow10Int[t]);
}

// a < 10^8 as exactly 8 ASCII digits (with leading zeros), the first in the lowest byte of
// the word: the two 4-digit halves in 32-bit lanes, each split into 2-digit halves in 16-bit
// lanes, then into digits in bytes (x * 10486 >> 20 is x / 100 for every x < 10^4, and
// x * 103 >> 10 is x / 10 for every x < 100).
inline std::uint64_t Digits8(std::uint32_t a) {
  std::uint64_t v = (a / 10000) | (static_cast<std::uint64_t>(a % 10000) << 32);
  std::uint64_t q = ((v * 10486) >> 20) & 0x0000007F0000007FULL;
  v = ((v - q * 100) << 16) | q;
  q = ((v * 103) >> 10) & 0x000F000F000F000FULL;
  v = ((v - q * 10) << 8) | q;
  return v | 0x3030303030303030ULL;  // '0' + digit
}

// Stores the word's bytes in memory order (the lowest first).
inline void StoreLittle(char* out, std::uint64_t v) {
  if constexpr (std::endian::native == std::endian::big) v = __builtin_bswap64(v);
  std::memcpy(out, &v, 8);
}

inline void Write8Digits(char* out, std::uint32_t a) { StoreLittle(out, Digits8(a)); }

}  // namespace number_text_internal

inline double ShortDecimal::Value() const {
  const double v = static_cast<double>(mantissa) / number_text_internal::kPow10[scale];
  return negative && mantissa != 0 ? -v : v;
}

inline char* WriteFixedShort(char* out, double x, int digits) {
  using number_text_internal::kPow10;
  if (digits < 0 || digits > 15) return nullptr;
  const double a = std::fabs(x);
  const double p = kPow10[digits];
  const double s = a * p;
  // Below 10^15 (< 2^51) the decimals that read back as x span less than half a unit at
  // `digits` decimals (ulp(x) * 10^digits <= s * 2^-52): if k / 10^digits reads back as x,
  // x's shortest text lies within less than half a unit of it, and so rounds to it. (The
  // test also rejects NaN.)
  if (!(s < 1e15)) return nullptr;
  const auto k = static_cast<std::int64_t>(s + 0.5);
  if (static_cast<double>(k) / p != a) return nullptr;
  *out = '-';
  char* o = out + (std::signbit(x) && k != 0);  // never "-0.00"
  const auto uk = static_cast<std::uint64_t>(k);
  int n = number_text_internal::DigitCount(uk);
  if (n < digits + 1) n = digits + 1;  // "0.05": a zero before the point
  if (n <= 8) {
    // The common case: the digits in one word, stored twice, the second time shifted past
    // the point; only stores, so nothing waits for a store to be read back.
    const std::uint64_t w =
        number_text_internal::Digits8(static_cast<std::uint32_t>(uk)) >> (8 * (8 - n));
    number_text_internal::StoreLittle(o, w);
    if (digits == 0) return o + n;
    const int int_len = n - digits;
    o[int_len] = '.';
    number_text_internal::StoreLittle(o + int_len + 1, w >> (8 * int_len));
    return o + n + 1;
  }
  // k's 16 digits with leading zeros; the text is the last n of them, a point before the
  // last `digits`. Fixed 16-byte copies (room: 1 + 16 + 1 + 16 <= kFixedShortMaxBytes)
  // place both parts without a loop.
  char d[32];
  std::memset(d, '0', 32);  // leading zeros; d[16..] is read by the copies, never shown
  number_text_internal::Write8Digits(d, static_cast<std::uint32_t>(uk / 100000000));
  number_text_internal::Write8Digits(d + 8, static_cast<std::uint32_t>(uk % 100000000));
  std::memcpy(o, d + 16 - n, 16);
  if (digits == 0) return o + n;
  const int int_len = n - digits;
  o[int_len] = '.';
  std::memcpy(o + int_len + 1, d + 16 - digits, 16);
  return o + n + 1;
}

inline const char* ParseShortDecimalPrefix(const char* p, const char* end, ShortDecimal* out) {
  bool negative = false;
  if (p != end && (*p == '-' || *p == '+')) negative = *p++ == '-';
  const char* const digits_begin = p;
  std::uint64_t m = 0;
  while (p != end && static_cast<unsigned char>(*p - '0') < 10) m = m * 10 + (*p++ - '0');
  if (p == digits_begin) return nullptr;
  const char* dot = nullptr;
  if (p != end && *p == '.') {
    dot = p++;
    const char* const frac_begin = p;
    while (p != end && static_cast<unsigned char>(*p - '0') < 10) m = m * 10 + (*p++ - '0');
    if (p == frac_begin) return nullptr;  // "5."
  }
  const std::ptrdiff_t digits = (p - digits_begin) - (dot != nullptr);
  // More than 19 digits may have wrapped m around; 2^53 keeps m exact in a double.
  if (digits > 19 || m > (std::uint64_t{1} << 53)) return nullptr;
  out->mantissa = m;
  out->scale = dot ? static_cast<int>(p - dot - 1) : 0;  // <= 19
  out->negative = negative;
  return p;
}

namespace number_text_internal {

inline constexpr std::uint64_t kOnes = 0x0101010101010101ULL;

// The bytes [0, n) of p, n in 1..8, as a little-endian word (the first byte lowest), zero
// above; no byte outside [p, p + n) is read (two overlapping loads, or three bytes).
inline std::uint64_t LoadUpTo8(const char* p, std::size_t n) {
  if (n >= 4) {
    std::uint32_t lo, hi;
    std::memcpy(&lo, p, 4);
    std::memcpy(&hi, p + n - 4, 4);
    return lo | (static_cast<std::uint64_t>(hi) << (8 * (n - 4)));
  }
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  return u[0] | (std::uint64_t{u[n / 2]} << (8 * (n / 2))) |
         (std::uint64_t{u[n - 1]} << (8 * (n - 1)));
}

// The bytes below byte n (n in 0..8).
inline std::uint64_t LowBytes(std::size_t n) { return n >= 8 ? ~0ULL : (1ULL << (8 * n)) - 1; }

// A mask with the high bit of the first byte of w equal to c (bytes above it may be
// flagged too: take the lowest), 0 when there is none.
inline std::uint64_t BytesEqual(std::uint64_t w, char c) {
  const std::uint64_t x = w ^ (kOnes * static_cast<unsigned char>(c));
  return (x - kOnes) & ~x & (kOnes * 0x80);
}

// `digits[.digits]` in the n (1..8) bytes of w, read in a few word operations: the point is
// found and cut out, every byte checked to be a digit, and the 8 digit values combined
// pairwise (x10, x100, x10000). False for any other text.
inline bool ParseUpTo8(std::uint64_t w, std::size_t n, ShortDecimal* out) {
  int scale = 0;
  const std::uint64_t dots = BytesEqual(w, '.') & LowBytes(n);
  if (dots != 0) {
    const std::size_t k = static_cast<std::size_t>(__builtin_ctzll(dots)) >> 3;
    if (k == 0 || k == n - 1) return false;  // ".5", "5."
    const std::uint64_t below = LowBytes(k);
    w = (w & below) | ((w >> 8) & ~below);
    --n;
    scale = static_cast<int>(n - k);
  }
  // '0' in the bytes above n, so that all 8 must be digits.
  const std::uint64_t t = w | ((kOnes * '0') & ~LowBytes(n));
  const std::uint64_t hi_nibbles = kOnes * 0xF0;
  if (((t & hi_nibbles) | (((t + kOnes * 0x06) & hi_nibbles) >> 4)) != kOnes * 0x33) return false;
  std::uint64_t v = (t - kOnes * '0') << (8 * (8 - n));  // leading zero digits
  v = v * 10 + (v >> 8);
  v = ((v & 0x000000FF000000FFULL) * 0x000F424000000064ULL +
       ((v >> 16) & 0x000000FF000000FFULL) * 0x0000271000000001ULL) >>
      32;
  out->mantissa = v;
  out->scale = scale;
  return true;
}

}  // namespace number_text_internal

inline bool ParseShortDecimal(std::string_view text, ShortDecimal* out) {
  const char* p = text.data();
  std::size_t n = text.size();
  if constexpr (std::endian::native == std::endian::little) {
    bool negative = false;
    if (n != 0) {
      negative = *p == '-';
      const bool sign = negative | (*p == '+');
      p += sign;
      n -= sign;
    }
    if (n - 1 < 8) {  // 1..8 bytes after the sign: the common case
      out->negative = negative;
      return number_text_internal::ParseUpTo8(number_text_internal::LoadUpTo8(p, n), n, out);
    }
  }
  const char* const end = text.data() + text.size();
  return ParseShortDecimalPrefix(text.data(), end, out) == end;
}

}  // namespace assess

#endif  // ASSESS_NUM_NUMBER_TEXT_H_
