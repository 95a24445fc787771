// StoredAsIs (src/data/stored_as_is.h): each copy of its loop (scalar, SSE4.1, AVX2) gives
// the answer a value-by-value reading of its rule gives, on columns with one odd value at
// every place of a vector and its tail.
#include "data/stored_as_is.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

namespace assess::data {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// The rule, read plainly: nullopt-like false when some value is not stored as it is.
bool Reference(const std::vector<double>& x, const AsIsRule& r, bool& any_missing) {
  bool nan = false;
  for (const double v : x) {
    std::uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    if (std::isnan(v)) {
      const double missing = kNaN;
      std::uint64_t missing_bits;
      std::memcpy(&missing_bits, &missing, sizeof missing_bits);
      if (!r.missing_ok || bits != missing_bits) return false;
      nan = true;
      continue;
    }
    if (std::isinf(v) || v < r.lo || v > r.hi || bits == (1ULL << 63)) return false;
    if (r.integer && std::floor(v) != v) return false;
  }
  any_missing = nan;
  return true;
}

TEST(StoredAsIs, EveryCopyReadsTheRuleAsAValueByValueReading) {
  const double payload_nan = -kNaN;
  const std::vector<double> odd = {kNaN, payload_nan, -0.0, kInf,  -kInf,  2.5,  -1,
                                   101,  100,         0,    1e308, 5e-324, 99.75};
  const std::vector<AsIsRule> rules = {{0, 100, false, false},
                                       {0, 100, true, true},
                                       {-kInf, kInf, false, true},
                                       {-kInf, kInf, true, false}};
  std::mt19937_64 rng(3);
  int checked = 0, as_is = 0;
  for (const AsIsRule& rule : rules) {
    for (std::size_t n : {0, 1, 3, 4, 5, 8, 13}) {
      for (std::size_t at = 0; at <= n; ++at) {  // at == n: no odd value
        for (const double o : odd) {
          std::vector<double> x(n);
          for (double& v : x) v = static_cast<double>(rng() % 101);
          if (at < n) x[at] = o;
          bool want_missing = false;
          const bool want = Reference(x, rule, want_missing);
          for (const SimdCopy copy : {SimdCopy::kScalar, SimdCopy::kSse41, SimdCopy::kAvx2}) {
            if (!CpuRuns(copy)) continue;
            bool missing = !want_missing;
            const bool got = StoredAsIsBy(copy, x.data(), n, rule, missing);
            ASSERT_EQ(got, want) << "copy " << static_cast<int>(copy) << ", n " << n << ", at "
                                 << at << ", value " << o;
            if (want) {
              ASSERT_EQ(missing, want_missing);
            }
            ++checked;
          }
          as_is += want;
          if (at == n) break;  // the same column for every odd value
        }
      }
    }
  }
  EXPECT_GT(as_is, 50);  // both answers are asked for
  EXPECT_GT(checked, 1000);
}

}  // namespace
}  // namespace assess::data
