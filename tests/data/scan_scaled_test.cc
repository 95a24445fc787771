// ScanScaled (src/data/scan_scaled.h): each copy of its loop (scalar, SSE4.1, AVX2) gives
// what a value-by-value reading gives: whether some value is not a mantissa at the scale
// (or is -0.0), whether some is NaN, and the greatest magnitude, with one odd value at every
// place of a vector and its tail.
#include "data/scan_scaled.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

namespace assess::data {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

ScaledScan Reference(const std::vector<double>& x, double p) {
  ScaledScan s;
  for (const double v : x) {
    if (std::isnan(v)) {
      s.any_nan = true;
      continue;
    }
    if (std::nearbyint(v * p) / p != v || (v == 0 && std::signbit(v))) s.inexact = true;
    s.max_abs = std::max(s.max_abs, std::fabs(v));
  }
  return s;
}

TEST(ScanScaled, EveryCopyGivesTheValueByValueScan) {
  const std::vector<double> odd = {kNaN, -0.0, 0.125, 1e300, -7.25, 0.1, 1.0 / 3, -1e9};
  std::mt19937_64 rng(9);
  int inexact = 0, exact = 0;
  for (const double p : {1.0, 100.0}) {
    for (std::size_t n : {0, 1, 3, 4, 5, 8, 13}) {
      for (std::size_t at = 0; at <= n; ++at) {
        for (const double o : odd) {
          std::vector<double> x(n);
          for (double& v : x) v = static_cast<double>(rng() % 2001) - 1000;
          if (at < n) x[at] = o;
          const ScaledScan want = Reference(x, p);
          for (const SimdCopy copy : {SimdCopy::kScalar, SimdCopy::kSse41, SimdCopy::kAvx2}) {
            if (!CpuRuns(copy)) continue;
            const ScaledScan got = ScanScaledBy(copy, x.data(), n, p);
            ASSERT_EQ(got.inexact, want.inexact)
                << "copy " << static_cast<int>(copy) << ", p " << p << ", n " << n << ", at " << at;
            ASSERT_EQ(got.any_nan, want.any_nan);
            ASSERT_EQ(got.max_abs, want.max_abs);
          }
          (want.inexact ? inexact : exact) += 1;
          if (at == n) break;
        }
      }
    }
  }
  EXPECT_GT(inexact, 50);
  EXPECT_GT(exact, 50);
}

}  // namespace
}  // namespace assess::data
