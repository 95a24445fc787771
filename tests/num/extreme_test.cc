// Tests of num::Extreme (num/extreme.h): the greatest or least of values that are not NaN,
// over several runs of them, against std::max_element / std::min_element of the values
// without NaN.
#include "num/extreme.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

namespace assess {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

TEST(Extreme, NaNIsNeitherTheExtremeNorCounted) {
  const std::vector<double> x = {kNaN, 3, kNaN, -7, 5, kNaN};
  num::Extreme most(true);
  num::Extreme least(false);
  most.Add(x.data(), x.size());
  least.Add(x.data(), x.size());
  EXPECT_EQ(most.present(), 3u);
  EXPECT_EQ(most.best(), 5);
  EXPECT_EQ(least.present(), 3u);
  EXPECT_EQ(least.best(), -7);
}

TEST(Extreme, NoValueButNaNIsNonePresent) {
  const std::vector<double> x = {kNaN, kNaN};
  num::Extreme most(true);
  most.Add(x.data(), x.size());
  most.Add(x.data(), 0);
  EXPECT_EQ(most.present(), 0u);
}

TEST(Extreme, OfEqualValuesTheFirstStays) {
  const std::vector<double> zeros = {-0.0, 0.0, -0.0};
  num::Extreme most(true);
  num::Extreme least(false);
  most.Add(zeros.data(), zeros.size());
  least.Add(zeros.data() + 1, 2);
  EXPECT_TRUE(std::signbit(most.best()));
  EXPECT_FALSE(std::signbit(least.best()));
}

TEST(Extreme, RunsTakenInPiecesGiveTheExtremeOfAll) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> value(-1e6, 1e6);
  for (int round = 0; round < 50; ++round) {
    std::vector<double> x(1 + rng() % 3000);
    for (double& v : x) v = rng() % 5 == 0 ? kNaN : value(rng);
    std::vector<double> present;
    for (double v : x) {
      if (!std::isnan(v)) present.push_back(v);
    }
    num::Extreme most(true);
    num::Extreme least(false);
    for (std::size_t at = 0; at < x.size();) {
      const std::size_t len = std::min<std::size_t>(x.size() - at, rng() % 700);
      most.Add(x.data() + at, len);
      least.Add(x.data() + at, len);
      at += len;
    }
    ASSERT_EQ(most.present(), present.size());
    ASSERT_EQ(least.present(), present.size());
    if (present.empty()) continue;
    EXPECT_EQ(most.best(), *std::max_element(present.begin(), present.end()));
    EXPECT_EQ(least.best(), *std::min_element(present.begin(), present.end()));
  }
}

}  // namespace
}  // namespace assess
