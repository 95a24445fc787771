// Tests of ExactSum and ExactSumOf (num/exact_sum.h): Python's math.fsum cases, and random
// sums against a slow big-integer reference, shuffled and split as threads would split them.
#include "num/exact_sum.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

namespace assess {
namespace {

// The exact sum in two's complement fixed point with unit 2^-1074 (the smallest
// subnormal), wide enough for every double and for millions of terms, rounded to nearest
// even at the end. Slow and simple on purpose.
class ReferenceSum {
 public:
  void Add(double x) {
    int exp = 0;
    const double m = std::frexp(std::fabs(x), &exp);  // x = m * 2^exp, 0.5 <= m < 1
    if (m == 0) return;
    // x = mantissa * 2^(exp - 53); in units of 2^-1074 the shift is exp - 53 + 1074.
    std::uint64_t mantissa = static_cast<std::uint64_t>(std::ldexp(m, 53));
    int shift = exp - 53 + 1074;
    if (shift < 0) {  // subnormal: the low bits of the mantissa are zero
      mantissa >>= -shift;
      shift = 0;
    }
    std::vector<std::uint64_t> term(kLimbs, 0);
    const int limb = shift / 64, bit = shift % 64;
    term[limb] = mantissa << bit;
    if (bit != 0) term[limb + 1] = mantissa >> (64 - bit);
    if (x < 0) Negate(term);
    unsigned carry = 0;
    for (int i = 0; i < kLimbs; ++i) {
      const std::uint64_t a = limbs_[i], b = term[i];
      const std::uint64_t s = a + b;
      const unsigned c1 = s < a;
      limbs_[i] = s + carry;
      const unsigned c2 = limbs_[i] < s;
      carry = c1 | c2;
    }
  }

  double Result() const {
    std::vector<std::uint64_t> v = limbs_;
    const bool negative = v[kLimbs - 1] >> 63;
    if (negative) Negate(v);
    int top = -1;  // index of the highest set bit
    for (int i = kLimbs - 1; i >= 0 && top < 0; --i) {
      if (v[i] != 0) top = i * 64 + 63 - __builtin_clzll(v[i]);
    }
    if (top < 0) return 0.0;
    auto bit_at = [&](int i) { return i < 0 ? 0 : static_cast<int>((v[i / 64] >> (i % 64)) & 1); };
    double r;
    if (top < 53) {  // fewer than 54 significant bits: exact, subnormal or not
      r = std::ldexp(static_cast<double>(v[0]), -1074);
    } else {
      std::uint64_t mantissa = 0;
      for (int i = top; i > top - 53; --i)
        mantissa = mantissa * 2 + static_cast<unsigned>(bit_at(i));
      const int round_bit = bit_at(top - 53);
      bool sticky = false;
      for (int i = top - 54; i >= 0 && !sticky; --i) sticky = bit_at(i);
      if (round_bit && (sticky || (mantissa & 1))) ++mantissa;  // may carry to 2^53: fine
      r = std::ldexp(static_cast<double>(mantissa), top - 52 - 1074);
    }
    return negative ? -r : r;
  }

 private:
  static constexpr int kLimbs = 40;  // 2560 bits: 2^-1074 .. 2^1485
  static void Negate(std::vector<std::uint64_t>& v) {
    unsigned carry = 1;
    for (auto& limb : v) {
      limb = ~limb + carry;
      carry = carry && limb == 0;
    }
  }
  std::vector<std::uint64_t> limbs_ = std::vector<std::uint64_t>(kLimbs, 0);
};

double Fsum(const std::vector<double>& terms) {
  ExactSum sum;
  for (double x : terms) sum.Add(x);
  return sum.Result();
}

double Reference(const std::vector<double>& terms) {
  ReferenceSum sum;
  for (double x : terms) sum.Add(x);
  return sum.Result();
}

struct SumCase {
  const char* name;
  std::vector<double> terms;
  double expected;
};

// Python's test_math.testFsum cases, values checked with CPython's math.fsum.
std::vector<SumCase> PythonCases() {
  std::vector<double> harmonic, alternating, crafted;
  for (int n = 1; n <= 1000; ++n) harmonic.push_back(1.0 / n);
  for (int n = 1; n <= 1000; ++n) alternating.push_back((n % 2 ? -1.0 : 1.0) / n);
  for (int n = -1074; n < 972; n += 2) {
    crafted.push_back(std::ldexp(1.0, n) - std::ldexp(1.0, n + 50) + std::ldexp(1.0, n + 52));
  }
  crafted.push_back(-std::ldexp(1.0, 1022));
  const double p53 = std::ldexp(1.0, 53);
  return {
      {"empty", {}, 0.0},
      {"zero", {0.0}, 0.0},
      {"negative zero", {-0.0, -0.0}, 0.0},
      {"big cancels", {1e100, 1.0, -1e100}, 1.0},
      {"tenths", std::vector<double>(10, 0.1), 1.0},  // a plain sum gives 0.9999999999999999
      {"nested cancel", {1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50}, 1e-100},
      {"below 2^53", {p53, -0.5, -std::ldexp(1.0, -54)}, p53 - 1.0},
      {"round up past half", {p53, 1.0, std::ldexp(1.0, -100)}, p53 + 2.0},
      {"round up past half 2", {p53 + 10.0, 1.0, std::ldexp(1.0, -100)}, p53 + 12.0},
      {"round up near 2^53", {p53 - 4.0, 0.5, std::ldexp(1.0, -54)}, p53 - 3.0},
      {"half-way correction", {1e16, 1.0, 1e-16}, 10000000000000002.0},
      {"exact zero",
       {1e16 - 2.0, 1.0 - std::ldexp(1.0, -53), -(1e16 - 2.0), -(1.0 - std::ldexp(1.0, -53))},
       0.0},
      {"harmonic", harmonic, 0x1.df11f45f4e61ap+2},
      {"alternating", alternating, -0x1.62a2af1bd3624p-1},
      {"crafted", crafted, 0x1.5555555555555p+970},
      {"subnormals", {5e-324, 5e-324, -1e-323, 5e-324}, 5e-324},
      {"max",
       {1.7976931348623157e308, -1.7976931348623157e308, 1.7976931348623157e308},
       1.7976931348623157e308},
  };
}

TEST(ExactSum, MatchesPythonFsum) {
  for (const SumCase& c : PythonCases()) {
    SCOPED_TRACE(c.name);
    const double got = Fsum(c.terms);
    EXPECT_EQ(got, c.expected);
    EXPECT_FALSE(std::signbit(got) && got == 0);
    EXPECT_EQ(ExactSumOf(c.terms.data(), c.terms.size()), c.expected);
    EXPECT_EQ(Reference(c.terms), c.expected);  // checks the reference too
  }
}

TEST(ExactSum, OverflowGivesInfinity) {
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_EQ(Fsum({1e308, 1e308}), inf);
  EXPECT_EQ(Fsum({-1e308, -1e308, 1.0}), -inf);
  EXPECT_EQ(Fsum({1.7976931348623157e308, 1e292}), inf);  // rounds up past the maximum
  EXPECT_EQ(ExactSumOf(std::vector<double>{1e308, 1e308}.data(), 2), inf);
  ExactSum sum;
  sum.Add(1e308);
  sum.Add(1e308);
  sum.Add(-1e308);  // known limit: an intermediate overflow sticks
  EXPECT_EQ(sum.Result(), inf);
  sum.Clear();
  sum.Add(2.5);
  EXPECT_EQ(sum.Result(), 2.5);
}

TEST(ExactSum, DoesNotCrashOnNonFiniteTerms) {
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_EQ(Fsum({1.0, inf, 2.0}), inf);
  EXPECT_TRUE(std::isnan(Fsum({1.0, inf, -inf})));
  EXPECT_TRUE(std::isnan(Fsum({1.0, std::nan("")})));
  std::vector<double> with_nan = {1.0, std::nan(""), 2.0};
  EXPECT_TRUE(std::isnan(ExactSumOf(with_nan.data(), with_nan.size())));
}

// Terms of wildly different magnitudes and signs, with pairs that cancel.
std::vector<double> WildTerms(std::mt19937_64& rng, int count) {
  std::uniform_real_distribution<double> mantissa(-1.0, 1.0);
  std::uniform_int_distribution<int> exponent(-1074, 960);
  std::vector<double> terms;
  while (static_cast<int>(terms.size()) < count) {
    const double x = std::ldexp(mantissa(rng), exponent(rng) / (1 + static_cast<int>(rng() % 8)));
    terms.push_back(x);
    if (rng() % 4 == 0) terms.push_back(-x);
  }
  terms.resize(static_cast<std::size_t>(count));
  return terms;
}

TEST(ExactSum, IsExactlyRoundedAndOrderIndependent) {
  std::mt19937_64 rng(1234);
  for (int round = 0; round < 20; ++round) {
    SCOPED_TRACE(round);
    std::vector<double> terms = WildTerms(rng, 10000);
    const double expected = Reference(terms);
    ASSERT_EQ(Fsum(terms), expected);
    ASSERT_EQ(ExactSumOf(terms.data(), terms.size()), expected);
    for (int shuffle = 0; shuffle < 3; ++shuffle) {
      std::shuffle(terms.begin(), terms.end(), rng);
      ASSERT_EQ(Fsum(terms), expected);
      ASSERT_EQ(ExactSumOf(terms.data(), terms.size()), expected);
    }
  }
}

TEST(ExactSum, SmallSumsMatchTheReference) {
  // Few terms at nearby magnitudes: ties and near-ties of the final rounding are common.
  std::mt19937_64 rng(77);
  for (int i = 0; i < 20000; ++i) {
    std::vector<double> terms;
    const int count = 1 + static_cast<int>(rng() % 6);
    for (int j = 0; j < count; ++j) {
      const double base =
          std::ldexp(static_cast<double>(rng() % 1000) - 500, static_cast<int>(rng() % 120) - 60);
      terms.push_back(base);
    }
    ASSERT_EQ(Fsum(terms), Reference(terms));
    ASSERT_EQ(ExactSumOf(terms.data(), terms.size()), Reference(terms));
  }
}

TEST(ExactSum, TermsNeedingManyPartialsSumExactlyToo) {
  // Powers of two 2^55 apart never share a partial (no two fit one double's 53 bits): 38
  // of them, from 2^1000 down to the subnormals, need 38, more than ExactSumOf keeps on the
  // stack, so it starts again with ExactSum, whatever the sign mix and the order.
  for (int variant = 0; variant < 3; ++variant) {
    SCOPED_TRACE(variant);
    std::vector<double> terms;
    for (int k = 0; k < 38; ++k) {
      const double x = std::ldexp(1.0, 1000 - 55 * k);
      terms.push_back(variant == 1 && k % 2 ? -x : x);
    }
    if (variant == 2) std::reverse(terms.begin(), terms.end());
    const double expected = Reference(terms);
    EXPECT_EQ(ExactSumOf(terms.data(), terms.size()), expected);
    EXPECT_EQ(Fsum(terms), expected);
  }
}

TEST(ExactSum, MergingPartsEqualsSummingAll) {
  std::mt19937_64 rng(99);
  std::vector<double> terms = WildTerms(rng, 10000);
  const double expected = Reference(terms);
  for (std::size_t parts : {2u, 3u, 7u}) {
    SCOPED_TRACE(parts);
    std::vector<ExactSum> sums(parts);
    for (std::size_t i = 0; i < terms.size(); ++i) sums[i % parts].Add(terms[i]);
    ExactSum total;
    for (const ExactSum& s : sums) total.Merge(s);
    EXPECT_EQ(total.Result(), expected);
  }
}

TEST(ExactSumOf, TakesTheFastPathOnlyWhenExact) {
  struct Case {
    std::vector<double> terms;
    double expected;
  };
  const Case cases[] = {
      {{}, 0.0},
      {{1.0, 2.0, 3.5, -0.25}, 6.25},
      {{0.5, 0.25, 0.125}, 0.875},
      {{0.1, 0.2}, 0.30000000000000004},           // 0.1 + 0.2 rounds; the exact sum does too
      {{0.1, 0.2, -0.3}, 2.7755575615628914e-17},  // plain sum: 5.551115123125783e-17
      {{1e16, 1.0, 1.0}, 10000000000000002.0},     // plain sum: 1e16
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ExactSumOf(c.terms.data(), c.terms.size()), c.expected);
  }
}

}  // namespace
}  // namespace assess
