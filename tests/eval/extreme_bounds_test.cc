// ramp and interp with bounds near ±1e308, where hi - lo (or y1 - y0) overflows: the right
// value or an evaluation error, never a silent 0 or null.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "eval_test_util.h"

namespace assess {
namespace {

using testing::LoadScheme;
using testing::ReadBatch;

constexpr const char* kScheme = R"(scheme: bounds
inputs:
  big: {type: number}
  zero: {type: number}
  half: {type: number}
  four: {type: number}
indicators:
  - id: r
    points: 1
    value: '{EXPR}'
    score: 0
)";

constexpr const char* kUnit = R"([{"unit": "U", "big": 1e308, "zero": 0, "half": 0.5, "four": 4}])";

// The value of `expr` for the one unit; the test fails when the unit is in error.
double ValueOf(const std::string& expr) {
  std::string yaml = kScheme;
  yaml.replace(yaml.find("{EXPR}"), 6, expr);
  const Scheme scheme = LoadScheme(yaml);
  const Results r = testing::Eval(scheme, ReadBatch(scheme, kUnit, DataFormat::kJson));
  EXPECT_EQ(r.error(0), "") << expr;
  return testing::ValueOf(r, 0, "r");
}

TEST(ExtremeBounds, RampWhoseSpanOverflowsIsStillAFraction) {
  EXPECT_EQ(ValueOf("ramp(zero, -big, big)"), 0.5);
  EXPECT_EQ(ValueOf("ramp(zero, -1e308, 1.7e308)"), (0.5e308) / (1.35e308));
  EXPECT_EQ(ValueOf("ramp(big, -big, big)"), 1.0);
  EXPECT_EQ(ValueOf("ramp(-big, -big, big)"), 0.0);
  EXPECT_NEAR(ValueOf("ramp(big / 2, -big, big)"), 0.75, 1e-15);
  EXPECT_NEAR(ValueOf("ramp(-big / 2, -big, big)"), 0.25, 1e-15);
  // Falling (lower is better).
  EXPECT_EQ(ValueOf("ramp(zero, big, -big)"), 0.5);
  EXPECT_NEAR(ValueOf("ramp(big / 2, big, -big)"), 0.25, 1e-15);
  // x - lo overflows, hi - lo does not: past the top.
  EXPECT_EQ(ValueOf("ramp(big, -big, -big / 2)"), 1.0);
  EXPECT_EQ(ValueOf("ramp(-big, big / 2, big)"), 0.0);
}

TEST(ExtremeBounds, InterpWhoseSegmentOrRiseOverflowsIsStillOnTheLine) {
  // x1 - x0 overflows.
  EXPECT_EQ(ValueOf("interp(zero, [-1e308, 0], [1e308, 100])"), 50.0);
  EXPECT_NEAR(ValueOf("interp(big / 2, [-1e308, 0], [1e308, 100])"), 75.0, 1e-12);
  // y1 - y0 overflows.
  EXPECT_EQ(ValueOf("interp(half, [0, -big], [1, big])"), 0.0);
  EXPECT_NEAR(ValueOf("interp(four, [0, -big], [16, big])"), -0.5e308, 1e293);
  // Both, and the ends still give the end values.
  EXPECT_EQ(ValueOf("interp(zero, [-1e308, -big], [1e308, big])"), 0.0);
  EXPECT_EQ(ValueOf("interp(big, [-1e308, -big], [1e308, big])"), 1e308);
  EXPECT_EQ(ValueOf("interp(-big, [-1e308, -big], [1e308, big])"), -1e308);
  // Ordinary points keep their exact value.
  EXPECT_EQ(ValueOf("interp(four, [0, 0], [8, 10])"), 5.0);
}

}  // namespace
}  // namespace assess
