// Tests of Decimal (num/decimal.h): parsing, exact arithmetic and comparison, correctly
// rounded conversion to double, and the integer roundings used for quotas.
#include "num/decimal.h"

#include <gtest/gtest.h>

#include <climits>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <optional>
#include <random>
#include <string>

namespace assess {
namespace {

Decimal D(const char* text) {
  std::optional<Decimal> d = Decimal::Parse(text);
  EXPECT_TRUE(d.has_value()) << text;
  return d.value_or(Decimal());
}

struct ParseCase {
  const char* text;
  const char* canonical;  // nullptr: rejected
};

TEST(Decimal, ParsesAndWritesCanonicalText) {
  const ParseCase cases[] = {
      {"0", "0"},
      {"-0", "0"},
      {"+0.000", "0"},
      {"0.3", "0.3"},
      {".5", "0.5"},
      {"5.", "5"},
      {"-12.5", "-12.5"},
      {"40", "40"},
      {"40.00", "40"},
      {"007.50", "7.5"},
      {"0.125", "0.125"},
      {"1e3", "1000"},
      {"1.5E-3", "0.0015"},
      {"-2.5e+1", "-25"},
      {"12.5%", "0.125"},
      {"8%", "0.08"},
      {"100%", "1"},
      {"0.5%", "0.005"},
      {"1e2%", "1"},
      {"123456789012345678901234567890123456", "123456789012345678901234567890123456"},
      {"0.123456789012345678901234567890123456", "0.123456789012345678901234567890123456"},
      {"1234567890123456789012345678901234560000", "1234567890123456789012345678901234560000"},
      {"1000000000000000000000000000000000000000000000000",
       "1000000000000000000000000000000000000000000000000"},
      {"0.00000000000000000000000000000000000000000000000001",
       "0.00000000000000000000000000000000000000000000000001"},
      {"1234567890123456789012345678901234567", nullptr},  // 37 significant digits
      {"1e1001", nullptr},
      {"1e-1001", nullptr},
      {"0e99999999999", "0"},
      {"", nullptr},
      {".", nullptr},
      {"-", nullptr},
      {"%", nullptr},
      {"1.2.3", nullptr},
      {"1e", nullptr},
      {"1e+", nullptr},
      {"e5", nullptr},
      {" 1", nullptr},
      {"1 ", nullptr},
      {"1 %", nullptr},
      {"1%%", nullptr},
      {"nan", nullptr},
      {"inf", nullptr},
      {"1,5", nullptr},
      {"--1", nullptr},
  };
  for (const ParseCase& c : cases) {
    SCOPED_TRACE(c.text);
    std::optional<Decimal> d = Decimal::Parse(c.text);
    if (c.canonical == nullptr) {
      EXPECT_FALSE(d.has_value());
    } else {
      ASSERT_TRUE(d.has_value());
      EXPECT_EQ(d->ToString(), c.canonical);
    }
  }
}

TEST(Decimal, FromIntWritesIntegers) {
  EXPECT_EQ(Decimal::FromInt(0).ToString(), "0");
  EXPECT_EQ(Decimal::FromInt(100).ToString(), "100");
  EXPECT_EQ(Decimal::FromInt(-7).ToString(), "-7");
  EXPECT_EQ(Decimal::FromInt(LLONG_MIN).ToString(), "-9223372036854775808");
  EXPECT_EQ(Decimal::FromInt(100), D("1e2"));
}

struct BinaryCase {
  const char* a;
  const char* b;
  const char* expected;  // nullptr: too many digits
};

TEST(Decimal, AddsExactly) {
  const BinaryCase cases[] = {
      {"0.1", "0.2", "0.3"},
      {"0.3", "-0.1", "0.2"},
      {"-0.5", "0.5", "0"},
      {"0", "-2.5", "-2.5"},
      {"1e30", "1e-5", "1000000000000000000000000000000.00001"},
      {"99.99", "0.01", "100"},
      {"999999999999999999999999999999999999", "1", "1000000000000000000000000000000000000"},
      {"999999999999999999999999999999999999", "0.1", nullptr},  // 37 digits
      {"999999999999999999999999999999999999", "-1", "999999999999999999999999999999999998"},
      {"1e36", "1", nullptr},
      {"1e100", "1e-100", nullptr},
      {"1e100", "1e100",
       "20000000000000000000000000000000000000000000000000000000000000000000"
       "000000000000000000000000000000000"},
      {"0.000000000000000001", "-0.000000000000000001", "0"},
  };
  for (const BinaryCase& c : cases) {
    SCOPED_TRACE(testing::Message() << c.a << " + " << c.b);
    std::optional<Decimal> sum = D(c.a).Add(D(c.b));
    std::optional<Decimal> swapped = D(c.b).Add(D(c.a));
    if (c.expected == nullptr) {
      EXPECT_FALSE(sum.has_value());
      EXPECT_FALSE(swapped.has_value());
    } else {
      ASSERT_TRUE(sum.has_value());
      ASSERT_TRUE(swapped.has_value());
      EXPECT_EQ(sum->ToString(), c.expected);
      EXPECT_EQ(swapped->ToString(), c.expected);
    }
  }
}

TEST(Decimal, MultipliesExactly) {
  const BinaryCase cases[] = {
      {"0.1", "0.2", "0.02"},
      {"0.15", "40", "6"},  // a quota q x N
      {"0.3", "7", "2.1"},
      {"-2.5", "4", "-10"},
      {"-2.5", "-0.4", "1"},
      {"0", "123.456", "0"},
      {"12.5%", "8", "1"},
      {"123456789012345678", "1000000000000000000", "123456789012345678000000000000000000"},
      {"999999999999999999", "999999999999999999", "999999999999999998000000000000000001"},
      {"9999999999999999999", "9999999999999999999", nullptr},  // 38 digits
      // 5^50 x 2^110 overflows 128 bits but is 2^60 x 10^50: 19 significant digits.
      {"88817841970012523233890533447265625", "1298074214633706907132624082305024",
       "115292150460684697600000000000000000000000000000000000000000000000000"},
      {"1e600", "1e600", nullptr},  // exponent out of range
  };
  for (const BinaryCase& c : cases) {
    SCOPED_TRACE(testing::Message() << c.a << " x " << c.b);
    std::optional<Decimal> product = D(c.a).Multiply(D(c.b));
    std::optional<Decimal> swapped = D(c.b).Multiply(D(c.a));
    if (c.expected == nullptr) {
      EXPECT_FALSE(product.has_value());
      EXPECT_FALSE(swapped.has_value());
    } else {
      ASSERT_TRUE(product.has_value());
      ASSERT_TRUE(swapped.has_value());
      EXPECT_EQ(product->ToString(), c.expected);
      EXPECT_EQ(swapped->ToString(), c.expected);
    }
  }
}

struct DoubleCase {
  const char* text;
  double expected;
};

TEST(Decimal, ToDoubleIsTheNearestDouble) {
  const DoubleCase cases[] = {
      {"0", 0.0},
      {"-0", 0.0},
      {"0.3", 0.3},
      {"12.5%", 0.125},
      {"8%", 0.08},  // not 8 * 0.01 = 0.08000000000000000166
      {"7%", 0.07},  // 7 / 100.0 would do too; 0.07 * 1 is the check
      {"33.3%", 0.333},
      {"-2.675", -2.675},
      {"1e308", 1e308},
      {"1.7976931348623157e308", 1.7976931348623157e308},
      {"1e-1000", 0.0},
      {"1e1000", std::numeric_limits<double>::infinity()},
      {"-1e1000", -std::numeric_limits<double>::infinity()},
      {"4.9406564584124654e-324", 4.9406564584124654e-324},
      // Halfway between 1 and the next double, plus a bit: must round up.
      // 1 + 2^-53 (halfway to the next double) is 1.000000000000000111022302462515654042363...
      {"1.00000000000000011102230246251565405", 1.0000000000000002},  // just above the half
      {"1.00000000000000011102230246251565404", 1.0},                 // just below it
  };
  for (const DoubleCase& c : cases) {
    SCOPED_TRACE(c.text);
    const double got = D(c.text).ToDouble();
    EXPECT_EQ(got, c.expected);
    EXPECT_FALSE(std::signbit(got) && got == 0);
  }
}

TEST(Decimal, ToDoubleMatchesStrtodOnRandomDecimals) {
  std::mt19937_64 rng(5);
  for (int i = 0; i < 20000; ++i) {
    std::string text = std::to_string(rng() % 1000000000000ULL);
    const int point = static_cast<int>(rng() % (text.size() + 1));
    if (point < static_cast<int>(text.size())) text.insert(text.begin() + point, '.');
    if (rng() % 2) text.insert(text.begin(), '-');
    text += "e" + std::to_string(static_cast<int>(rng() % 80) - 40);
    SCOPED_TRACE(text);
    const double expected = std::strtod(text.c_str(), nullptr);
    ASSERT_EQ(D(text.c_str()).ToDouble(), expected == 0 ? 0.0 : expected);
  }
}

TEST(Decimal, ComparesAsDecimals) {
  EXPECT_EQ(*D("0.1").Add(D("0.2")), D("0.3"));  // while 0.1 + 0.2 != 0.3 in doubles
  EXPECT_EQ(D("40"), D("40.000"));
  EXPECT_EQ(D("4e1"), Decimal::FromInt(40));
  EXPECT_EQ(D("-0"), D("0"));
  const char* ascending[] = {
      "-1e30",  "-100", "-12.5", "-12.49999999999999999999", "-0.001", "0",  "1e-30", "0.001",
      "0.0011", "0.3",  "1",     "1.000000000000001",        "9.99",   "10", "12.5%", "1e30"};
  // "12.5%" is 0.125: place it by value.
  std::vector<Decimal> values;
  for (const char* t : ascending) values.push_back(D(t));
  std::sort(values.begin(), values.end());
  std::vector<std::string> sorted;
  for (const Decimal& d : values) sorted.push_back(d.ToString());
  EXPECT_EQ(sorted,
            (std::vector<std::string>{
                "-1000000000000000000000000000000", "-100", "-12.5", "-12.49999999999999999999",
                "-0.001", "0", "0.000000000000000000000000000001", "0.001", "0.0011", "0.125",
                "0.3", "1", "1.000000000000001", "9.99", "10", "1000000000000000000000000000000"}));
  for (std::size_t i = 0; i + 1 < values.size(); ++i) {
    EXPECT_TRUE(values[i] < values[i + 1]) << sorted[i];
    EXPECT_TRUE(values[i + 1] > values[i]) << sorted[i];
    EXPECT_FALSE(values[i] == values[i + 1]) << sorted[i];
  }
}

struct IntegerCase {
  const char* text;
  long long floor;
  long long round_half_up;
};

TEST(Decimal, FloorsAndRoundsHalvesUp) {
  const IntegerCase cases[] = {
      {"0", 0, 0},
      {"2.5", 2, 3},
      {"-2.5", -3, -2},  // half up is toward +infinity
      {"2.4999", 2, 2},
      {"-2.4999", -3, -2},
      {"-2.5001", -3, -3},
      {"0.5", 0, 1},
      {"-0.5", -1, 0},
      {"7", 7, 7},
      {"-7", -7, -7},
      {"6.0", 6, 6},
      {"1e-30", 0, 0},
      {"-1e-30", -1, 0},
      {"1e-40", 0, 0},  // beyond the 36-digit fast range
      {"-1e-40", -1, 0},
      {"4.5e1", 45, 45},
      {"123456789.987654321", 123456789, 123456790},
      {"1e30", LLONG_MAX, LLONG_MAX},  // saturates
      {"-1e30", LLONG_MIN, LLONG_MIN},
      {"9223372036854775807", LLONG_MAX, LLONG_MAX},
      {"9223372036854775807.4", LLONG_MAX, LLONG_MAX},
  };
  for (const IntegerCase& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(D(c.text).Floor(), c.floor);
    EXPECT_EQ(D(c.text).RoundHalfUp(), c.round_half_up);
  }
  // A quota of 15% of 40 units is exactly 6 (in doubles 0.15 * 40 = 6.000000000000001).
  EXPECT_EQ(D("15%").Multiply(Decimal::FromInt(40))->Floor(), 6);
}

}  // namespace
}  // namespace assess
