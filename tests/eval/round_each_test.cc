// RoundEach, the rounding loop of stage `each`: every lane whose scaled value is below
// 2^31 - 2 is decided, near-ties too, and holds exactly what RoundDecimal gives and its
// code; any other lane is undecided and left as it was; the baseline copy and the AVX2 copy
// give the same bits for every lane.
#include "eval/round_each.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "num/fast_round.h"
#include "num/round.h"

namespace assess::eval {
namespace {

// Values of every kind a chunk of raw scores can hold: near and at halves, huge, tiny,
// negative, -0, infinities, NaN, and plain ones, in an order that fills every lane of a
// vector and leaves a tail after it.
std::vector<double> Values(uint32_t seed, int digits) {
  std::mt19937_64 rng(seed);
  const double p = num_internal::kPow10[digits];
  std::vector<double> v = {0.0,
                           -0.0,
                           0.5 / p,
                           -0.5 / p,
                           1.005,
                           -1.005,
                           2.675,
                           1e-300,
                           -1e-300,
                           2147483645.0 / p,
                           2147483647.0 / p,
                           -2147483650.0 / p,
                           1e300,
                           std::numeric_limits<double>::infinity(),
                           -std::numeric_limits<double>::infinity(),
                           std::numeric_limits<double>::quiet_NaN()};
  std::uniform_real_distribution<double> plain(-150.0, 150.0);
  std::uniform_int_distribution<int64_t> whole(-40000, 40000);
  for (int i = 0; i < 3000; ++i) {
    switch (i % 4) {
      case 0:
        v.push_back(plain(rng));
        break;
      case 1:  // a half at `digits` decimals, or next to it
        v.push_back(
            std::nextafter((static_cast<double>(whole(rng)) + 0.5) / p, i % 8 == 1 ? 1e9 : -1e9));
        break;
      case 2:
        v.push_back((static_cast<double>(whole(rng)) + 0.5) / p);
        break;
      default:  // already rounded
        v.push_back(static_cast<double>(whole(rng)) / p);
        break;
    }
  }
  v.push_back(0.125);  // a tail of three after the last multiple of four
  v.push_back(-7.0);
  return v;
}

struct Out {
  RoundEachSummary sum;
  std::vector<double> out;
  std::vector<int32_t> codes;
  std::vector<int16_t> codes16;
};

Out RunLoop(RoundEachFn fn, const std::vector<double>& v, double lo, double hi, int digits) {
  Out r;
  const int n = static_cast<int>(v.size());
  r.out.assign(n, 0.0);
  r.codes.assign(n, 0);
  r.codes16.assign(n, 0);
  r.sum = fn(v.data(), lo, hi, num_internal::kPow10[digits], n, r.out.data(), r.codes.data(),
             r.codes16.data());
  return r;
}

void ExpectTheContract(const std::vector<double>& v, double lo, double hi, int digits,
                       const Out& r) {
  const double p = num_internal::kPow10[digits];
  bool any_undecided = false;
  int32_t code_lo = 0, code_hi = 0;
  for (size_t i = 0; i < v.size(); ++i) {
    const double c = v[i] < lo ? lo : v[i];
    const double x = c > hi ? hi : c;
    // Decided exactly when s is below 2^31 - 2 (not NaN).
    EXPECT_EQ(r.codes[i] != kUndecidedCode, std::fabs(x) * p < 2147483646.0)
        << "lane " << i << ": " << v[i] << " at " << digits;
    if (r.codes[i] == kUndecidedCode) {
      any_undecided = true;
      EXPECT_EQ(std::bit_cast<uint64_t>(r.out[i]), std::bit_cast<uint64_t>(x))
          << "lane " << i << ": " << v[i];
      EXPECT_EQ(r.codes16[i], 0);
      continue;
    }
    // Decided: what RoundDecimal gives, never -0, and its code.
    const double expected = RoundDecimal(x, digits);
    EXPECT_EQ(std::bit_cast<uint64_t>(r.out[i]),
              std::bit_cast<uint64_t>(expected == 0 ? 0.0 : expected))
        << "lane " << i << ": " << v[i] << " at " << digits;
    EXPECT_EQ(static_cast<double>(r.codes[i]) / p, r.out[i]) << "lane " << i;
    EXPECT_EQ(r.codes16[i], static_cast<int16_t>(r.codes[i])) << "lane " << i;
    code_lo = std::min(code_lo, r.codes[i]);
    code_hi = std::max(code_hi, r.codes[i]);
  }
  EXPECT_EQ(r.sum.undecided, any_undecided);
  EXPECT_EQ(r.sum.lo, code_lo);
  EXPECT_EQ(r.sum.hi, code_hi);
}

TEST(RoundEach, DecidedLanesHoldRoundDecimalAndTheirCodes) {
  for (int digits : {0, 1, 2, 3, 4, 6, 9}) {
    const std::vector<double> v = Values(17u + digits, digits);
    const double inf = std::numeric_limits<double>::infinity();
    ExpectTheContract(v, -inf, inf, digits, RunLoop(RoundEachBaseline(), v, -inf, inf, digits));
    ExpectTheContract(v, -20.0, 120.0, digits,
                      RunLoop(RoundEachBaseline(), v, -20.0, 120.0, digits));
  }
}

TEST(RoundEach, ReportsTheLeastAndGreatestCodeOfTheDecidedLanes) {
  const std::vector<double> v = {3.25, -1.5, 0.0, 12.0, 7.75, -3.0, 2.0};
  for (RoundEachFn fn : {RoundEachBaseline(), RoundEachAvx2()}) {
    if (fn == nullptr) continue;
    const Out r = RunLoop(fn, v, -100.0, 100.0, 2);
    EXPECT_FALSE(r.sum.undecided);
    EXPECT_EQ(r.sum.lo, -300);
    EXPECT_EQ(r.sum.hi, 1200);
  }
}

TEST(RoundEach, TheAvx2CopyGivesTheBaselinesBits) {
  const RoundEachFn avx2 = RoundEachAvx2();
  if (avx2 == nullptr) GTEST_SKIP() << "no AVX2 on this CPU";
  const double inf = std::numeric_limits<double>::infinity();
  for (int digits : {0, 1, 2, 3, 4, 6, 9}) {
    for (uint32_t seed = 1; seed <= 4; ++seed) {
      const std::vector<double> v = Values(seed * 101 + digits, digits);
      for (auto [lo, hi] : {std::pair{-inf, inf}, std::pair{0.0, 10.0}, std::pair{-5.5, -0.25}}) {
        const Out a = RunLoop(RoundEachBaseline(), v, lo, hi, digits);
        const Out b = RunLoop(avx2, v, lo, hi, digits);
        ExpectTheContract(v, lo, hi, digits, b);
        ASSERT_EQ(a.sum.undecided, b.sum.undecided);
        EXPECT_EQ(a.sum.lo, b.sum.lo);
        EXPECT_EQ(a.sum.hi, b.sum.hi);
        for (size_t i = 0; i < v.size(); ++i) {
          ASSERT_EQ(std::bit_cast<uint64_t>(a.out[i]), std::bit_cast<uint64_t>(b.out[i]))
              << "lane " << i << ": " << v[i];
          ASSERT_EQ(a.codes[i], b.codes[i]) << "lane " << i << ": " << v[i];
          ASSERT_EQ(a.codes16[i], b.codes16[i]) << "lane " << i << ": " << v[i];
        }
      }
    }
  }
}

}  // namespace
}  // namespace assess::eval
