// Tests of ParseNumber, ShortestText, AppendFixed and FixedText (num/number_text.h).
#include "num/number_text.h"

#include <gtest/gtest.h>

#include <bit>
#include <charconv>
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

// The fast path must give what std::from_chars gives, bit for bit, for every decimal it
// takes: mantissas up to 2^53 with up to 19 digits and any number of decimals it allows.
TEST(ParseNumber, ShortDecimalsReadAsFromCharsDoes) {
  std::mt19937_64 rng(5);
  for (int i = 0; i < 200000; ++i) {
    const int bits = static_cast<int>(rng() % 54);
    const std::uint64_t m = bits == 0 ? 0 : rng() >> (64 - bits);
    std::string digits = std::to_string(m);
    const int scale = static_cast<int>(rng() % 20);
    while (static_cast<int>(digits.size()) <= scale) digits.insert(0, "0");
    std::string text = digits;
    if (scale > 0) text.insert(text.size() - static_cast<std::size_t>(scale), ".");
    if (rng() % 2) text.insert(0, "-");
    double expected = 0;
    const auto res = std::from_chars(text.data(), text.data() + text.size(), expected);
    ASSERT_EQ(res.ec, std::errc()) << text;
    std::optional<double> got = ParseNumber(text);
    ASSERT_TRUE(got.has_value()) << text;
    ASSERT_EQ(std::bit_cast<std::uint64_t>(*got),
              std::bit_cast<std::uint64_t>(expected == 0 ? 0.0 : expected))
        << text;
  }
}

TEST(ParseShortDecimal, TakesPlainDecimalsUpTo2Pow53) {
  struct Case {
    const char* text;
    bool fast;
    std::uint64_t mantissa;
    int scale;
    bool negative;
  };
  const Case cases[] = {
      {"87.5", true, 875, 1, false},
      {"-0.125", true, 125, 3, true},
      {"+3", true, 3, 0, false},
      {"007.50", true, 750, 2, false},
      {"-0", true, 0, 0, true},
      {"9007199254740992", true, 9007199254740992ULL, 0, false},   // 2^53
      {"900719925474099.2", true, 9007199254740992ULL, 1, false},  // 2^53 / 10
      {"0.000000000000000001", true, 1, 18, false},                // 19 digits
      {"9007199254740993", false, 0, 0, false},                    // 2^53 + 1
      {"0.0000000000000000001", false, 0, 0, false},               // 20 digits
      {"12345678901234567890", false, 0, 0, false},                // overflows 64 bits
      {"99999999999999999999999", false, 0, 0, false},
      {"1e3", false, 0, 0, false},
      {"1.5E2", false, 0, 0, false},
      {"5.", false, 0, 0, false},
      {".5", false, 0, 0, false},
      {"", false, 0, 0, false},
      {"-", false, 0, 0, false},
      {"1.2.3", false, 0, 0, false},
      {" 1", false, 0, 0, false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    ShortDecimal d;
    ASSERT_EQ(ParseShortDecimal(c.text, &d), c.fast);
    if (!c.fast) continue;
    EXPECT_EQ(d.mantissa, c.mantissa);
    EXPECT_EQ(d.scale, c.scale);
    EXPECT_EQ(d.negative, c.negative);
  }
  // What the fast path declines, ParseNumber still reads exactly.
  EXPECT_EQ(ParseNumber("9007199254740993"), 9007199254740992.0);  // ties to even
  EXPECT_EQ(ParseNumber("0.0000000000000000001"), 1e-19);
  EXPECT_EQ(ParseNumber("12345678901234567890"), 12345678901234567890.0);
}

// Short texts (up to 8 bytes after a sign) are read by a word-at-a-time path; it must take
// and give exactly what the byte-at-a-time ParseShortDecimalPrefix does, on any bytes.
TEST(ParseShortDecimal, WordPathAgreesWithTheBytePath) {
  std::mt19937_64 rng(17);
  const char alphabet[] = "0123456789..-+e ;x\0";
  for (int i = 0; i < 300000; ++i) {
    std::string text(rng() % 11, ' ');
    for (char& c : text) c = alphabet[rng() % (sizeof alphabet - 1)];
    if (rng() % 2 == 0) {  // mostly numbers
      for (char& c : text) {
        if (c != '.' && rng() % 3 != 0) c = static_cast<char>('0' + rng() % 10);
      }
    }
    ShortDecimal a, b;
    const bool word = ParseShortDecimal(text, &a);
    const bool byte = ParseShortDecimalPrefix(text.data(), text.data() + text.size(), &b) ==
                      text.data() + text.size();
    ASSERT_EQ(word, byte) << text;
    if (!word) continue;
    ASSERT_EQ(a.mantissa, b.mantissa) << text;
    ASSERT_EQ(a.scale, b.scale) << text;
    ASSERT_EQ(a.negative, b.negative) << text;
  }
}

// Values already rounded to `digits` take WriteFixedShort; it must write what the exact
// binary value of x shows at `digits` decimals (which, for such values, is the decimal
// they were rounded to), and decline only values it cannot vouch for.
TEST(WriteFixedShort, WritesRoundedValuesAsTheirDecimal) {
  std::mt19937_64 rng(9);
  int written = 0;
  for (int i = 0; i < 200000; ++i) {
    const int digits = static_cast<int>(rng() % 8);
    const int magnitude = static_cast<int>(rng() % 15);
    const double raw = static_cast<double>(rng() % 1000000007) / 1e9 *
                       std::pow(10.0, magnitude - 4) * (rng() % 2 ? -1 : 1);
    const double x = RoundDecimal(raw, digits);
    char buf[kFixedShortMaxBytes];
    char* end = WriteFixedShort(buf, x, digits);
    char ref[400];
    auto res = std::to_chars(ref, ref + sizeof ref, x, std::chars_format::fixed, digits);
    ASSERT_EQ(res.ec, std::errc());
    std::string expected(ref, res.ptr);
    if (expected.find_first_not_of("-0.") == std::string::npos && expected[0] == '-') {
      expected.erase(0, 1);  // never "-0.00"
    }
    if (std::fabs(x) * std::pow(10.0, digits) < 1e15) {
      ASSERT_NE(end, nullptr) << expected;
    }
    if (end == nullptr) continue;
    ++written;
    ASSERT_EQ(std::string(buf, static_cast<std::size_t>(end - buf)), expected);
    ASSERT_EQ(std::string(buf, static_cast<std::size_t>(end - buf)), FixedText(x, digits));
  }
  EXPECT_GT(written, 150000);
}

// Every 4-digit half in both halves of the 8-digit groups, with and without decimals.
TEST(WriteFixedShort, WritesEveryDigitGroup) {
  char buf[kFixedShortMaxBytes];
  for (std::uint64_t h = 0; h < 10000; ++h) {
    for (std::uint64_t k : {h, h * 10000 + 7, h * 100000000 + 12345678}) {
      for (int digits : {0, 2, 9}) {
        const double x = static_cast<double>(k) / std::pow(10.0, digits);
        char* end = WriteFixedShort(buf, x, digits);
        ASSERT_NE(end, nullptr) << k;
        char ref[64];
        auto res = std::to_chars(ref, ref + sizeof ref, x, std::chars_format::fixed, digits);
        ASSERT_EQ(std::string(buf, static_cast<std::size_t>(end - buf)), std::string(ref, res.ptr));
      }
    }
  }
}

// The same for 8 to 15 decimals (the 16-digit path) and for values just below 10^15 at any
// number of decimals: the text is the exact binary value at `digits` decimals.
TEST(WriteFixedShort, ManyDecimalsAndValuesNear10Pow15) {
  std::mt19937_64 rng(31);
  char buf[kFixedShortMaxBytes];
  int written = 0;
  for (int i = 0; i < 200000; ++i) {
    const int digits = static_cast<int>(rng() % 16);
    const std::uint64_t limit = 1000000000000000ULL;  // 10^15
    std::uint64_t k = rng() % 3 == 0 ? limit - 1 - rng() % 1000 : rng() % limit;
    if (rng() % 4 == 0) k %= 1000000;  // short ones with many decimals: leading zeros
    const double x = static_cast<double>(k) / std::pow(10.0, digits) * (rng() % 2 ? -1 : 1);
    char* end = WriteFixedShort(buf, x, digits);
    if (end == nullptr) continue;
    ++written;
    char ref[400];
    auto res = std::to_chars(ref, ref + sizeof ref, x, std::chars_format::fixed, digits);
    std::string expected(ref, res.ptr);
    if (expected.find_first_not_of("-0.") == std::string::npos && expected[0] == '-') {
      expected.erase(0, 1);
    }
    ASSERT_EQ(std::string(buf, static_cast<std::size_t>(end - buf)), expected)
        << "k " << k << " digits " << digits;
  }
  EXPECT_GT(written, 100000);
}

TEST(WriteFixedShort, DeclinesWhatItCannotVouchFor) {
  char buf[kFixedShortMaxBytes];
  EXPECT_EQ(WriteFixedShort(buf, 2.675, 2), nullptr);  // not rounded to 2 decimals
  EXPECT_EQ(WriteFixedShort(buf, 0.125, 2), nullptr);
  EXPECT_EQ(WriteFixedShort(buf, 1e-320, 2), nullptr);
  EXPECT_EQ(WriteFixedShort(buf, 1e15, 0), nullptr);
  EXPECT_EQ(WriteFixedShort(buf, std::nan(""), 2), nullptr);
  EXPECT_EQ(WriteFixedShort(buf, INFINITY, 2), nullptr);
  struct Case {
    double x;
    int digits;
    const char* expected;
  };
  const Case cases[] = {
      {0.0, 2, "0.00"},     {-0.0, 2, "0.00"},   {0.05, 2, "0.05"},
      {-0.05, 2, "-0.05"},  {7.0, 0, "7"},       {-12.5, 1, "-12.5"},
      {100.0, 2, "100.00"}, {0.1, 5, "0.10000"}, {999999999999999.0, 0, "999999999999999"}};
  for (const Case& c : cases) {
    char* end = WriteFixedShort(buf, c.x, c.digits);
    ASSERT_NE(end, nullptr) << c.expected;
    EXPECT_EQ(std::string(buf, static_cast<std::size_t>(end - buf)), c.expected);
  }
}

}  // namespace
}  // namespace assess
