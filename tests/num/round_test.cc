// Tests of RoundDecimal (num/round.h) against the rule-language §11 examples and against a slow
// reference that rounds the shortest text by hand.
#include "num/round.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <random>
#include <string>

namespace assess {
namespace {

// The shortest "%.*e" text of x that reads back as x, found by trying every precision
// (independent of std::to_chars, which the code under test uses).
std::string ReferenceShortest(double x) {
  char buf[64];
  for (int precision = 0; precision < 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*e", precision, x);
    if (std::strtod(buf, nullptr) == x) return buf;
  }
  std::snprintf(buf, sizeof buf, "%.16e", x);
  return buf;
}

// Rounds the shortest text of x half away from zero at `digits` decimals, on decimal
// strings, and reads the result back with strtod.
double ReferenceRound(double x, int digits) {
  if (!std::isfinite(x)) return x;
  if (x == 0) return 0.0;
  const std::string text = ReferenceShortest(std::fabs(x));
  const std::size_t e = text.find('e');
  std::string mantissa;
  for (std::size_t i = 0; i < e; ++i) {
    if (text[i] != '.') mantissa.push_back(text[i]);
  }
  const int exp10 = std::atoi(text.c_str() + e + 1);
  // Place of the last mantissa digit is 10^(exp10 - len + 1); pad with zeros or cut so
  // that the last digit stands at 10^-digits.
  const int last_place = exp10 - static_cast<int>(mantissa.size()) + 1;
  std::string scaled;  // the value times 10^digits, as an integer, plus the dropped digits
  int cut;             // digits of `scaled` that are kept
  if (last_place >= -digits) {
    scaled = mantissa + std::string(static_cast<std::size_t>(last_place + digits), '0');
    cut = static_cast<int>(scaled.size());
  } else {
    const int dropped = -digits - last_place;
    if (dropped > static_cast<int>(mantissa.size())) {
      scaled = std::string(static_cast<std::size_t>(dropped) - mantissa.size(), '0') + mantissa;
    } else {
      scaled = mantissa;
    }
    cut = static_cast<int>(scaled.size()) - dropped;
  }
  std::string kept = scaled.substr(0, static_cast<std::size_t>(cut));
  if (cut < static_cast<int>(scaled.size()) && scaled[static_cast<std::size_t>(cut)] >= '5') {
    int i = static_cast<int>(kept.size()) - 1;
    while (i >= 0 && kept[static_cast<std::size_t>(i)] == '9')
      kept[static_cast<std::size_t>(i--)] = '0';
    if (i < 0) {
      kept.insert(kept.begin(), '1');
    } else {
      ++kept[static_cast<std::size_t>(i)];
    }
  }
  if (kept.empty()) kept = "0";
  const std::string out = (x < 0 ? "-" : "") + kept + "e-" + std::to_string(digits);
  const double r = std::strtod(out.c_str(), nullptr);
  return r == 0 ? 0.0 : r;
}

struct RoundCase {
  double x;
  int digits;
  double expected;
};

TEST(RoundDecimal, RoundsHalfAwayFromZeroOnTheShortestText) {
  const RoundCase cases[] = {
      {2.675, 2, 2.68},  // the double is 2.67499999...; its text is 2.675
      {1.005, 2, 1.01},
      {-0.125, 2, -0.13},
      {0.125, 2, 0.13},
      {-2.675, 2, -2.68},
      {0.5, 0, 1.0},
      {-0.5, 0, -1.0},
      {1.5, 0, 2.0},
      {2.5, 0, 3.0},
      {-2.5, 0, -3.0},
      {0.49999999999999994, 0, 0.0},
      {0.045, 2, 0.05},
      {1.45, 1, 1.5},
      {8.345, 2, 8.35},
      {1234.5678, 2, 1234.57},
      {1234.5678, 0, 1235.0},
      {99.995, 2, 100.0},
      {0.1 + 0.2, 2, 0.3},
      {0.1 + 0.2, 16, 0.3},
      {0.1 + 0.2, 17, 0.1 + 0.2},
      {1e-320, 2, 0.0},
      {-1e-320, 2, 0.0},
      {5e-324, 323, 1e-323},  // "5e-324" rounds up to 1e-323, nearest double 2 x 2^-1074
      {5e-324, 322, 0.0},
      {5e-324, 324, 5e-324},
      {1.2345678901234567e-5, 17, 1.234567890123e-5},
      {1.2345678901234567e-5, 30, 1.2345678901234567e-5},
      {1e20, 2, 1e20},
      {1.7976931348623157e308, 0, 1.7976931348623157e308},
      {4503599627370497.0, 0, 4503599627370497.0},
      {2251799813685248.5, 0, 2251799813685249.0},
      {1125899906842624.25, 1, 1125899906842624.3},
      {123.456, 1000, 123.456},
      {std::numeric_limits<double>::infinity(), 2, std::numeric_limits<double>::infinity()},
  };
  for (const RoundCase& c : cases) {
    SCOPED_TRACE(testing::Message() << c.x << " digits " << c.digits);
    EXPECT_EQ(RoundDecimal(c.x, c.digits), c.expected);
    EXPECT_EQ(ReferenceRound(c.x, c.digits), c.expected);
  }
}

TEST(RoundDecimal, NeverReturnsNegativeZero) {
  for (double x : {-0.0, -0.001, -0.004, -1e-300, -4e-324}) {
    SCOPED_TRACE(x);
    const double r = RoundDecimal(x, 2);
    EXPECT_EQ(r, 0.0);
    EXPECT_FALSE(std::signbit(r));
  }
  EXPECT_FALSE(std::signbit(RoundDecimal(-0.4, 0)));
}

TEST(RoundDecimal, KeepsNaN) { EXPECT_TRUE(std::isnan(RoundDecimal(std::nan(""), 2))); }

// Values k / 10^m a few ulps either side: the scaled value sits on or next to a half,
// where the fast path must defer to the exact one.
TEST(RoundDecimal, AgreesWithTheReferenceNearDecimalsAndHalves) {
  std::mt19937_64 rng(20240601);
  int checked = 0;
  for (int i = 0; i < 200000; ++i) {
    const int m = static_cast<int>(rng() % 12);
    const int magnitude = 1 + static_cast<int>(rng() % 15);
    const std::uint64_t k = rng() % static_cast<std::uint64_t>(std::pow(10.0, magnitude));
    double x = static_cast<double>(k) / std::pow(10.0, m);
    const int ulps = static_cast<int>(rng() % 7) - 3;
    for (int u = 0; u < std::abs(ulps); ++u) {
      x = std::nextafter(x, ulps > 0 ? 1e300 : -1e300);
    }
    if (rng() % 2) x = -x;
    const int digits = std::max(0, m - static_cast<int>(rng() % 3));
    ASSERT_EQ(RoundDecimal(x, digits), ReferenceRound(x, digits))
        << ReferenceShortest(x) << " digits " << digits;
    ++checked;
  }
  EXPECT_EQ(checked, 200000);
}

// Decimals that end in 5 one place past `digits` (ties of the shortest text), with up to
// 16 significant digits, and their neighbours: the fast path settles them without the exact
// path below 2^48 and must agree with it.
TEST(RoundDecimal, AgreesWithTheReferenceOnDecimalTies) {
  std::mt19937_64 rng(5);
  for (int i = 0; i < 300000; ++i) {
    const int digits = static_cast<int>(rng() % 8);
    const int magnitude = 1 + static_cast<int>(rng() % 15);
    const std::uint64_t k = rng() % static_cast<std::uint64_t>(std::pow(10.0, magnitude));
    char text[64];
    std::snprintf(text, sizeof text, "%llu5e-%d", static_cast<unsigned long long>(k), digits + 1);
    double x = std::strtod(text, nullptr);
    const int ulps = static_cast<int>(rng() % 5) - 2;
    for (int u = 0; u < std::abs(ulps); ++u) x = std::nextafter(x, ulps > 0 ? 1e300 : -1e300);
    if (rng() % 2) x = -x;
    ASSERT_EQ(RoundDecimal(x, digits), ReferenceRound(x, digits))
        << ReferenceShortest(x) << " digits " << digits;
  }
}

TEST(RoundDecimal, AgreesWithTheReferenceOnRandomDoubles) {
  std::mt19937_64 rng(99);
  std::uniform_int_distribution<int> exponent(-30, 30);
  std::uniform_real_distribution<double> mantissa(-10.0, 10.0);
  for (int i = 0; i < 100000; ++i) {
    const double x = mantissa(rng) * std::pow(10.0, exponent(rng));
    const int digits = static_cast<int>(rng() % 25);
    ASSERT_EQ(RoundDecimal(x, digits), ReferenceRound(x, digits))
        << ReferenceShortest(x) << " digits " << digits;
  }
}

}  // namespace
}  // namespace assess
