// Tests of ParseNumber, ShortestText, AppendFixed and FixedText (num/number_text.h).
#include "num/number_text.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <optional>
#include <random>
#include <string>

#include "num/round.h"

namespace assess {
namespace {

struct ParseCase {
  const char* text;
  std::optional<double> expected;
};

TEST(ParseNumber, AcceptsTheDataSyntaxOnly) {
  const ParseCase cases[] = {
      {"0", 0.0},
      {"3", 3.0},
      {"+3", 3.0},
      {"-12", -12.0},
      {"2.675", 2.675},
      {"-0.125", -0.125},
      {"007", 7.0},
      {"1e3", 1000.0},
      {"1E3", 1000.0},
      {"1.5e+2", 150.0},
      {"25e-2", 0.25},
      {"0.1", 0.1},
      {"123456789012345678901234567890", 1.2345678901234568e29},
      {"1.7976931348623157e308", 1.7976931348623157e308},
      {"4.9e-324", 4.9e-324},
      {"1e-400", 0.0},  // underflow rounds to zero
      {"0.0000001e-400", 0.0},
      {"0e99999999999999999999", 0.0},
      {"", std::nullopt},
      {"+", std::nullopt},
      {"-", std::nullopt},
      {".5", std::nullopt},
      {"5.", std::nullopt},
      {"-.5", std::nullopt},
      {"1e", std::nullopt},
      {"1e+", std::nullopt},
      {"1.e3", std::nullopt},
      {"e3", std::nullopt},
      {"+-1", std::nullopt},
      {"--1", std::nullopt},
      {" 1", std::nullopt},
      {"1 ", std::nullopt},
      {"1,000", std::nullopt},
      {"1_000", std::nullopt},
      {"0x10", std::nullopt},
      {"inf", std::nullopt},
      {"-Infinity", std::nullopt},
      {"nan", std::nullopt},
      {"NaN", std::nullopt},
      {"1.2.3", std::nullopt},
      {"12%", std::nullopt},
      {"1e400", std::nullopt},  // overflow
      {"-1e400", std::nullopt},
      {"1.8e308", std::nullopt},
      {"1e99999999999999999999", std::nullopt},
  };
  for (const ParseCase& c : cases) {
    SCOPED_TRACE(c.text);
    std::optional<double> got = ParseNumber(c.text);
    ASSERT_EQ(got.has_value(), c.expected.has_value());
    if (got) EXPECT_EQ(*got, *c.expected);
  }
}

TEST(ParseNumber, NegativeZeroIsPositiveZero) {
  for (const char* text : {"-0", "-0.0", "-0e5", "-1e-400"}) {
    SCOPED_TRACE(text);
    std::optional<double> got = ParseNumber(text);
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(*got, 0.0);
    EXPECT_FALSE(std::signbit(*got));
  }
}

TEST(ParseNumber, ReadsOnlyTheGivenView) {
  const char buffer[] = "12.5;7";
  EXPECT_EQ(ParseNumber(std::string_view(buffer, 4)), 12.5);
  EXPECT_EQ(ParseNumber(std::string_view(buffer + 5, 1)), 7.0);
  EXPECT_EQ(ParseNumber(std::string_view(buffer, 5)), std::nullopt);
}

TEST(ParseNumber, RoundTripsShortestTextOfRandomDoubles) {
  std::mt19937_64 rng(42);
  for (int i = 0; i < 100000; ++i) {
    std::uint64_t bits = rng();
    double x;
    std::memcpy(&x, &bits, sizeof x);
    if (!std::isfinite(x)) continue;
    std::string text = ShortestText(x);
    std::optional<double> back = ParseNumber(text);
    ASSERT_TRUE(back.has_value()) << text;
    ASSERT_EQ(*back, x == 0 ? 0.0 : x) << text;
  }
}

struct TextCase {
  double x;
  const char* expected;
};

TEST(ShortestText, WritesWhatAPersonExpects) {
  const TextCase cases[] = {
      {0.0, "0"},
      {-0.0, "0"},
      {3.0, "3"},
      {-12.0, "-12"},
      {100000.0, "100000"},
      {1e6, "1000000"},
      {123456789012345.0, "123456789012345"},
      {999999999999999.0, "999999999999999"},
      {1e15, "1e+15"},
      {1e21, "1e+21"},
      {0.1, "0.1"},
      {2.675, "2.675"},
      {-0.125, "-0.125"},
      {0.001, "0.001"},
      {0.0001, "0.0001"},
      {1e-6, "0.000001"},
      {1e-7, "1e-07"},
      {0.1 + 0.2, "0.30000000000000004"},
      {1.5e300, "1.5e+300"},
      {5e-324, "5e-324"},
      {1234.5, "1234.5"},
      {std::numeric_limits<double>::infinity(), "inf"},
      {-std::numeric_limits<double>::infinity(), "-inf"},
  };
  for (const TextCase& c : cases) {
    SCOPED_TRACE(c.expected);
    EXPECT_EQ(ShortestText(c.x), c.expected);
  }
}

struct FixedCase {
  double x;
  int digits;
  const char* expected;
};

TEST(FixedText, RoundsHalfAwayOnTheShortestTextAndPads) {
  const FixedCase cases[] = {
      {2.675, 2, "2.68"},
      {1.005, 2, "1.01"},
      {-0.125, 2, "-0.13"},
      {0.125, 2, "0.13"},
      {0.0, 2, "0.00"},
      {-0.0, 2, "0.00"},
      {-0.001, 2, "0.00"},  // rounds to zero: no "-0.00"
      {-0.004999, 2, "0.00"},
      {-0.005, 2, "-0.01"},
      {3.0, 2, "3.00"},
      {-12.0, 0, "-12"},
      {0.5, 0, "1"},
      {-0.5, 0, "-1"},
      {2.5, 0, "3"},
      {0.4999999999999999, 0, "0"},
      {99.995, 2, "100.00"},
      {-99.995, 2, "-100.00"},
      {0.05, 2, "0.05"},
      {0.05, 1, "0.1"},
      {0.1, 5, "0.10000"},
      {123456.789, 1, "123456.8"},
      {1e-320, 2, "0.00"},
      {1e-320, 0, "0"},
      {0.1, 17, "0.10000000000000000"},
      {0.1 + 0.2, 17, "0.30000000000000004"},
      {0.1 + 0.2, 16, "0.3000000000000000"},
      {1.2345678901234567e-5, 17, "0.00001234567890123"},
      {1e20, 2, "100000000000000000000.00"},
      {-1e20, 0, "-100000000000000000000"},
      {4503599627370497.0, 2, "4503599627370497.00"},
      {1234567890123.4567, 3, "1234567890123.457"},
      {1e23, 1, "100000000000000000000000.0"},  // the double is below 1e23; its text is not
      {std::nan(""), 2, ""},
  };
  for (const FixedCase& c : cases) {
    SCOPED_TRACE(testing::Message() << c.expected << " digits " << c.digits);
    EXPECT_EQ(FixedText(c.x, c.digits), c.expected);
  }
}

TEST(AppendFixed, AppendsToWhatIsThere) {
  std::string out = "a,";
  AppendFixed(out, 1.5, 2);
  out.push_back(',');
  AppendFixed(out, -7.25, 1);
  EXPECT_EQ(out, "a,1.50,-7.3");
}

// The text must read back as RoundDecimal's result and have exactly `digits` decimals.
TEST(FixedText, ReadsBackAsTheRoundedValue) {
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<int> exponent(-12, 20);
  std::uniform_real_distribution<double> mantissa(-10.0, 10.0);
  for (int i = 0; i < 100000; ++i) {
    const double x = mantissa(rng) * std::pow(10.0, exponent(rng));
    const int digits = static_cast<int>(rng() % 18);
    const std::string text = FixedText(x, digits);
    const std::size_t point = text.find('.');
    if (digits == 0) {
      ASSERT_EQ(point, std::string::npos) << text;
    } else {
      ASSERT_EQ(text.size() - point - 1, static_cast<std::size_t>(digits)) << text;
    }
    std::optional<double> back = ParseNumber(text);
    ASSERT_TRUE(back.has_value()) << text;
    ASSERT_EQ(*back, RoundDecimal(x, digits)) << text << " from " << ShortestText(x);
    ASSERT_NE(text.rfind("-0", 0) == 0 && *back == 0, true) << text;
  }
}

// Near halves the fast path must give way to the exact one; both must agree with
// RoundDecimal and write `digits` decimals.
TEST(FixedText, ReadsBackAsTheRoundedValueNearHalves) {
  std::mt19937_64 rng(11);
  for (int i = 0; i < 100000; ++i) {
    const int m = static_cast<int>(rng() % 10);
    double x = static_cast<double>(rng() % 100000000) / std::pow(10.0, m);
    const int ulps = static_cast<int>(rng() % 5) - 2;
    for (int u = 0; u < std::abs(ulps); ++u) x = std::nextafter(x, ulps > 0 ? 1e300 : -1e300);
    if (rng() % 2) x = -x;
    const int digits = std::max(0, m - 1);
    const std::string text = FixedText(x, digits);
    std::optional<double> back = ParseNumber(text);
    ASSERT_TRUE(back.has_value()) << text;
    ASSERT_EQ(*back, RoundDecimal(x, digits)) << text << " from " << ShortestText(x);
    const std::size_t point = text.find('.');
    ASSERT_EQ(point == std::string::npos ? 0 : text.size() - point - 1,
              static_cast<std::size_t>(digits))
        << text;
  }
}

}  // namespace
}  // namespace assess
