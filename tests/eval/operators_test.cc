// The operators and functions of rule-language §8 with their null and error semantics (§12), one
// expression at a time: each case is the `value` of the only indicator of a scheme,
// evaluated for one unit, and read back exactly (bit for bit) from the value column.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <tuple>
#include <vector>

#include "eval/eval_test_util.h"
#include "num/exact_sum.h"

namespace assess {
namespace {

using testing::LoadScheme;
using testing::ReadBatch;

// The unit every case sees: four = 4, zero = 0, neg8 = -8, half = 0.5, big = 1e308,
// nul missing; t = "A", c = "C", tn missing; yes, no, bn missing; tenths = ten times 0.1,
// empty = [], ln missing.
constexpr const char* kScheme = R"(scheme: ops
inputs:
  four: {type: number}
  zero: {type: number}
  neg8: {type: number}
  half: {type: number}
  big: {type: number}
  nul: {type: number, required: false}
  t: {type: text}
  c: {type: text}
  tn: {type: text, required: false}
  yes: {type: boolean}
  no: {type: boolean}
  bn: {type: boolean, required: false}
  tenths: {type: list}
  empty: {type: list}
  ln: {type: list, required: false}
params:
  grades: {A: 1, B: 0.8}
indicators:
  - id: r
    points: 1
    value: '{EXPR}'
    score: 0
)";

constexpr const char* kUnit =
    R"([{"unit": "U", "four": 4, "zero": 0, "neg8": -8, "half": 0.5, "big": 1e308,
        "t": "A", "c": "C", "yes": true, "no": false,
        "tenths": [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1], "empty": []}])";

// What a case expects: a number (exactly), a bool, a text, null, or an evaluation error
// whose message contains `error`.
struct Want {
  enum Kind { kNumber, kBool, kText, kNull, kError } kind;
  double number = 0;
  std::string text;
};
Want Num(double x) { return {Want::kNumber, x}; }
Want Bool(bool b) { return {Want::kBool, b ? 1.0 : 0.0}; }
Want Text(std::string t) { return {Want::kText, 0, std::move(t)}; }
Want Null() { return {Want::kNull}; }
Want Err(std::string message) { return {Want::kError, 0, std::move(message)}; }

struct Case {
  std::string expr;
  Want want;
};

std::string Escape(const std::string& expr) {
  std::string out;
  for (char ch : expr) out += ch == '\'' ? std::string("''") : std::string(1, ch);
  return out;
}

// Evaluates `expr` as the value of `r` and checks it against `want`.
void Check(const Case& c) {
  SCOPED_TRACE(c.expr);
  std::string yaml = kScheme;
  yaml.replace(yaml.find("{EXPR}"), 6, Escape(c.expr));
  const Scheme scheme = LoadScheme(yaml);
  const Results r = testing::Eval(scheme, ReadBatch(scheme, kUnit, DataFormat::kJson));
  ASSERT_EQ(r.size(), 1u);
  ASSERT_EQ(r.impl().units().errors[0], "") << "data error";
  if (c.want.kind == Want::kError) {
    EXPECT_NE(r.error(0).find(c.want.text), std::string::npos) << "error: " << r.error(0);
    EXPECT_NE(r.error(0).find("unit U ([0])"), std::string::npos) << r.error(0);
    EXPECT_NE(r.error(0).find("in r"), std::string::npos) << r.error(0);
    return;
  }
  ASSERT_EQ(r.error(0), "");
  const auto& impl = r.impl();
  const int node = impl.scheme->model->FindNode("r");
  const double v = impl.table.values[impl.scheme->program.value_column_of[node]][0];
  switch (c.want.kind) {
    case Want::kNull:
      EXPECT_TRUE(std::isnan(v)) << v;
      break;
    case Want::kNumber:
    case Want::kBool:
      // Exactly: the same double, and 0 with the same sign.
      EXPECT_EQ(v, c.want.number) << fmt::format("{:.17g} vs {:.17g}", v, c.want.number);
      EXPECT_EQ(std::signbit(v), std::signbit(c.want.number));
      break;
    case Want::kText:
      ASSERT_FALSE(std::isnan(v));
      EXPECT_EQ(impl.units().texts.Text(static_cast<uint32_t>(v)), c.want.text);
      break;
    case Want::kError:
      break;
  }
}

void CheckAll(const std::vector<Case>& cases) {
  for (const Case& c : cases) Check(c);
}

TEST(Operators, Arithmetic) {
  CheckAll({
      {"four + half", Num(4.5)},
      {"four - half", Num(3.5)},
      {"four * half", Num(2)},
      {"four / half", Num(8)},
      {"four + nul", Null()},
      {"nul * zero", Null()},
      {"-nul", Null()},
      {"-four", Num(-4)},
      {"8%", Num(0.08)},
      {"four * 50%", Num(2)},
      {"12.5%", Num(0.125)},
      {"1e3 / four", Num(250)},
  });
}

// Arithmetic over whole chunks (the loops' vector lanes, not only their tail): each result
// as computed here, null where an operand is missing, and a division by zero or an
// overflow an error of exactly the units where it happens.
TEST(Operators, ArithmeticOverWholeChunksFailsOnlyWhereItShould) {
  const Scheme scheme = LoadScheme(R"(scheme: a
inputs:
  x: {type: number, required: false}
  y: {type: number, required: false}
indicators:
  - {id: q, points: 1, value: x / y, score: 1}
  - {id: p, points: 1, value: x * y * 1e300, score: 1}
  - {id: s, points: 1, value: x - y + 0.25, score: 1}
)");
  std::string data = "unit,x,y\n";
  std::vector<std::pair<double, double>> xy;
  for (int u = 0; u < 2 * 1024 + 11; ++u) {
    const double x = u % 97 == 5 ? NAN : (u % 31) - 12.5;
    const double y = u % 101 == 9 ? 0.0 : (u % 89 == 3 ? 1e10 : (u % 17) + 0.5);
    xy.emplace_back(x, y);
    data += "u" + std::to_string(u) + "," + (std::isnan(x) ? "" : fmt::format("{}", x)) + "," +
            fmt::format("{}", y) + "\n";
  }
  const Results r = testing::Eval(scheme, ReadBatch(scheme, data, DataFormat::kCsv));
  for (std::size_t u = 0; u < xy.size(); ++u) {
    const auto [x, y] = xy[u];
    const bool zero = !std::isnan(x) && y == 0;
    const bool overflow = !zero && std::isinf(x * y * 1e300);
    const std::string& error = r.error(u);
    if (zero) {
      EXPECT_NE(error.find("division by zero"), std::string::npos) << "unit " << u << ": " << error;
      continue;
    }
    if (overflow) {
      EXPECT_FALSE(error.empty()) << "unit " << u;
      continue;
    }
    ASSERT_EQ(error, "") << "unit " << u;
    if (std::isnan(x)) {
      EXPECT_TRUE(std::isnan(testing::ValueOf(r, u, "q"))) << "unit " << u;
      continue;
    }
    EXPECT_EQ(testing::ValueOf(r, u, "q"), x / y) << "unit " << u;
    EXPECT_EQ(testing::ValueOf(r, u, "p"), x * y * 1e300) << "unit " << u;
    EXPECT_EQ(testing::ValueOf(r, u, "s"), x - y + 0.25) << "unit " << u;
  }
}

TEST(Operators, DivisionByZeroIsAnError) {
  CheckAll({
      {"1 / zero", Err("division by zero")},
      {"four / zero", Err("division by zero")},
      {"zero / zero", Err("division by zero")},
      {"1 / 0", Err("division by zero")},  // constants are not folded into an error
  });
}

TEST(Operators, Power) {
  CheckAll({
      {"four ^ half", Num(2)},
      {"2 ^ -1", Num(0.5)},  // a unary minus on the right of ^
      {"four ^ -1", Num(0.25)},
      {"-2 ^ 2", Num(-4)},        // -(2^2)
      {"-four ^ half", Num(-2)},  // -(4^0.5)
      {"2 ^ 3 ^ 2", Num(512)},    // right-associative: 2^(3^2)
      {"neg8 ^ 2", Num(64)},      // a negative base with a whole exponent is fine
      {"neg8 ^ 3", Num(-512)},
      {"zero ^ 0", Num(1)},
      {"zero ^ -1", Err("division by zero")},
      {"0 ^ -1", Err("division by zero")},
      {"(-8) ^ 0.5", Err("fractional power")},
      {"neg8 ^ half", Err("fractional power")},
      {"neg8 ^ (1 / 3)", Err("fractional power")},
      // Null propagates before any check of the operands.
      {"neg8 ^ nul", Null()},
      {"zero ^ nul", Null()},
      {"nul ^ -1", Null()},
      {"nul ^ half", Null()},
      {"nul ^ 0", Null()},  // std::pow(NaN, 0) would be 1
      {"1 ^ nul", Null()},  // std::pow(1, NaN) would be 1
  });
}

TEST(Operators, ResultThatIsNotFiniteIsAnError) {
  CheckAll({
      {"big * 10", Err("not finite")},
      {"big + big", Err("not finite")},
      {"-big - big", Err("not finite")},
      {"exp(four * 1000)", Err("not finite")},
      {"four ^ 1000", Err("not finite")},
      {"big / 0.1", Err("not finite")},
      {"sum([big, big])", Err("not finite")},
  });
}

TEST(Operators, Comparisons) {
  CheckAll({
      {"four == 4", Bool(true)},
      {"four != 4", Bool(false)},
      {"four < 5", Bool(true)},
      {"four <= 4", Bool(true)},
      {"four > 4", Bool(false)},
      {"four >= 4", Bool(true)},
      {"nul == 4", Null()},
      {"nul != 4", Null()},
      {"nul < 4", Null()},
      {"four == null", Null()},  // a comparison with null is null, not false
      {"t == \"A\"", Bool(true)},
      {"t != \"A\"", Bool(false)},
      {"t == c", Bool(false)},
      {"tn == \"A\"", Null()},
      {"yes == true", Bool(true)},
      {"bn == true", Null()},
  });
}

TEST(Operators, NotAndOrAreThreeValued) {
  CheckAll({
      {"not yes", Bool(false)},
      {"not no", Bool(true)},
      {"not bn", Null()},
      {"yes and yes", Bool(true)},
      {"yes and no", Bool(false)},
      {"bn and no", Bool(false)},
      {"no and bn", Bool(false)},
      {"bn and yes", Null()},
      {"yes and bn", Null()},
      {"bn and bn", Null()},
      {"no or no", Bool(false)},
      {"no or yes", Bool(true)},
      {"bn or yes", Bool(true)},
      {"yes or bn", Bool(true)},
      {"bn or no", Null()},
      {"no or bn", Null()},
  });
}

TEST(Operators, AndOrShortCircuit) {
  CheckAll({
      // `false and X` never evaluates X: its division by zero cannot happen.
      {"false and 1 / zero > 0", Bool(false)},
      {"no and 1 / zero > 0", Bool(false)},
      {"yes or 1 / zero > 0", Bool(true)},
      {"true or 1 / zero > 0", Bool(true)},
      // Otherwise the right side is evaluated, and its error is the result's.
      {"yes and 1 / zero > 0", Err("division by zero")},
      {"no or 1 / zero > 0", Err("division by zero")},
      {"bn and 1 / zero > 0", Err("division by zero")},  // null and X evaluates X
      {"bn or 1 / zero > 0", Err("division by zero")},
      // The left side is always evaluated.
      {"1 / zero > 0 and no", Err("division by zero")},
      {"1 / zero > 0 or yes", Err("division by zero")},
      // Nested: the inner short circuit decides what the outer one sees.
      {"no and (yes and 1 / zero > 0)", Bool(false)},
      {"(no and 1 / zero > 0) or yes", Bool(true)},
  });
}

TEST(Operators, IfEvaluatesOnlyTheBranchTaken) {
  CheckAll({
      {"if yes then 1 else 2", Num(1)},
      {"if no then 1 else 2", Num(2)},
      {"if bn then 1 else 2", Null()},  // a null condition gives null
      {"if yes then 1 else 1 / zero", Num(1)},
      {"if no then 1 / zero else 2", Num(2)},
      {"if bn then 1 / zero else 1 / zero", Null()},  // no branch is taken
      {"if yes then 1 / zero else 2", Err("division by zero")},
      {"if no then 1 else sqrt(-four)", Err("sqrt")},
      {"if 1 / zero > 0 then 1 else 2", Err("division by zero")},
      {"if no then 1 else if yes then 2 else 3", Num(2)},  // nests to the right
      {"if yes then \"x\" else \"y\"", Text("x")},
      {"if yes then nul else 2", Null()},
  });
}

TEST(Operators, CoalesceStopsAtTheFirstValuePresent) {
  CheckAll({
      {"coalesce(nul, 3)", Num(3)},
      {"coalesce(four, 3)", Num(4)},
      {"coalesce(nul, nul)", Null()},
      {"coalesce(nul, nul, 7)", Num(7)},
      {"coalesce(four, 1 / zero)", Num(4)},
      {"coalesce(nul, four, 1 / zero)", Num(4)},
      {"coalesce(nul, 1 / zero)", Err("division by zero")},
      {"coalesce(1 / zero, 3)", Err("division by zero")},
      {"coalesce(tn, \"B\")", Text("B")},
      {"coalesce(bn, yes)", Bool(true)},
  });
}

TEST(Operators, IsMissing) {
  CheckAll({
      {"is_missing(nul)", Bool(true)},
      {"is_missing(four)", Bool(false)},
      {"is_missing(tn)", Bool(true)},
      {"is_missing(t)", Bool(false)},
      {"is_missing(bn)", Bool(true)},
      {"is_missing(ln)", Bool(true)},  // a list input
      {"is_missing(tenths)", Bool(false)},
      {"is_missing(empty)", Bool(false)},
      {"is_missing(four + nul)", Bool(true)},
      {"is_missing(1 / zero)", Err("division by zero")},  // its argument is evaluated
  });
}

TEST(Operators, MathFunctions) {
  CheckAll({
      {"abs(-four)", Num(4)},
      {"abs(nul)", Null()},
      {"floor(-half)", Num(-1)},
      {"floor(four + half)", Num(4)},
      {"ceil(half)", Num(1)},
      {"ceil(-half)", Num(-0.0)},
      {"sqrt(four)", Num(2)},
      {"sqrt(zero)", Num(0)},
      {"sqrt(-four)", Err("sqrt of a negative number")},
      {"sqrt(nul)", Null()},
      {"ln(four)", Num(std::log(4.0))},
      {"ln(1)", Num(0)},
      {"ln(zero)", Err("ln of a number that is not above 0")},
      {"ln(-four)", Err("ln of a number")},
      {"ln(nul)", Null()},
      {"exp(zero)", Num(1)},
      {"exp(half)", Num(std::exp(0.5))},
      {"exp(nul)", Null()},
  });
}

TEST(Operators, RoundIsHalfAwayFromZeroOnTheShortestText) {
  CheckAll({
      {"round(2.675, 2)", Num(2.68)},  // the double is below 2.675; its text is not
      {"round(1.005, 2)", Num(1.01)},
      {"round(-0.125, 2)", Num(-0.13)},
      {"round(half)", Num(1)},
      {"round(-half)", Num(-1)},
      {"round(2.5)", Num(3)},
      {"round(four + 0.449, 1)", Num(4.4)},
      {"round(nul, 2)", Null()},
      {"round(four, nul)", Null()},
      {"round(four, -four)", Err("digits must be a whole number of 0 or more")},
      {"round(four, half)", Err("digits must be a whole number")},
      {"round(nul, -four)", Null()},  // null first, as `null / 0` is null
      {"nul / zero", Null()},
  });
}

TEST(Operators, ClampRampSafeDiv) {
  CheckAll({
      {"clamp(four, 0, 3)", Num(3)},
      {"clamp(-four, 0, 3)", Num(0)},
      {"clamp(half, 0, 3)", Num(0.5)},
      {"clamp(nul, 0, 3)", Null()},
      {"clamp(four, nul, 3)", Null()},
      // Rising: t = (x - a) / (b - a) clamped to [0, 1].
      {"ramp(four, 0, 10)", Num(0.4)},
      {"ramp(-four, 0, 10)", Num(0)},
      {"ramp(four, 0, 2)", Num(1)},
      // Falling (a > b, lower is better): (2 - 10) / (0 - 10) = 0.8.
      {"ramp(four - 2, 10, 0)", Num(0.8)},
      {"ramp(four + 8, 10, 0)", Num(0)},
      {"ramp(-four, 10, 0)", Num(1)},
      // a = b: 1 if x >= a else 0.
      {"ramp(four, 4, 4)", Num(1)},
      {"ramp(four, 4.5, 4.5)", Num(0)},
      {"ramp(nul, 0, 1)", Null()},
      {"ramp(four, 0, nul)", Null()},
      {"safe_div(four, zero, 7)", Num(7)},
      {"safe_div(four, 2, 7)", Num(2)},
      {"safe_div(zero, zero, nul)", Null()},
      {"safe_div(nul, zero, 7)", Null()},
      {"safe_div(four, nul, 7)", Null()},
      {"safe_div(four, 2, nul)", Null()},  // a null default propagates, used or not
  });
}

TEST(Operators, InterpIsPiecewiseLinear) {
  // Points (0, 0.1), (10, 0.7), (30, 0.9).
  const std::string pts = "[0, 0.1], [10, 0.7], [30, 0.9]";
  CheckAll({
      {"interp(four, " + pts + ")", Num(0.1 + (0.7 - 0.1) * (4.0 - 0) / (10.0 - 0))},
      {"interp(four * 5, " + pts + ")", Num(0.7 + (0.9 - 0.7) * (20.0 - 10) / (30.0 - 10))},
      // On a segment boundary: exactly y_k.
      {"interp(four * 2.5, " + pts + ")", Num(0.7)},
      {"interp(zero, " + pts + ")", Num(0.1)},
      {"interp(four * 7.5, " + pts + ")", Num(0.9)},
      // y0 below x0, yn above xn.
      {"interp(-four, " + pts + ")", Num(0.1)},
      {"interp(four * 100, " + pts + ")", Num(0.9)},
      {"interp(nul, " + pts + ")", Null()},
      // y's are expressions.
      {"interp(four, [0, zero], [8, four])", Num(2)},
      {"interp(four, [0, nul], [8, four])", Null()},
  });
}

TEST(Operators, StepTakesTheLargestThresholdAtOrBelow) {
  const std::string pts = "[0, 1], [3, 2], [5, 3]";
  CheckAll({
      {"step(four, " + pts + ")", Num(2)},
      {"step(four + 1, " + pts + ")", Num(3)},  // on a threshold: its y
      {"step(four - 1, " + pts + ")", Num(2)},
      {"step(zero, " + pts + ")", Num(1)},
      {"step(four * 100, " + pts + ")", Num(3)},
      {"step(-four, " + pts + ")", Num(0)},     // below t1: the default 0
      {"step(-four, " + pts + ", 9)", Num(9)},  // an explicit default
      {"step(-four, " + pts + ", nul)", Null()},
      {"step(nul, " + pts + ")", Null()},
  });
}

TEST(Operators, Lookup) {
  CheckAll({
      {"lookup(t, grades)", Num(1)},
      {"lookup(t, grades, 0.3)", Num(1)},
      {"lookup(c, grades, 0.3)", Num(0.3)},
      {"lookup(tn, grades)", Null()},
      {"lookup(tn, grades, 0.3)", Null()},
      {"lookup(t, grades, nul)", Null()},  // a null default propagates, used or not
      {"lookup(t, {\"A\": 2, \"B\": 1})", Num(2)},
      {"lookup(c, {\"A\": 2, C: 5})", Num(5)},  // a bare name as a key
      // No entry and no default: an error that names the key.
      {"lookup(c, grades)", Err("lookup: no entry for C and no default")},
      {"lookup(c, {\"A\": 2})", Err("no entry for C")},
  });
}

TEST(Operators, MinMax) {
  CheckAll({
      {"min(four, 2, 3)", Num(2)},
      {"max(four, 9)", Num(9)},
      {"max(four, -9, half)", Num(4)},
      {"min(four, nul)", Null()},
      {"max(nul, four)", Null()},
      {"min(tenths)", Num(0.1)},
      {"max([3, four, 2])", Num(4)},
      {"min(empty)", Null()},
      {"max(empty)", Null()},
      {"min(ln)", Null()},
  });
}

TEST(Operators, ListFunctionsAreExactlyRounded) {
  CheckAll({
      // Ten times 0.1 adds up to 1 exactly rounded (a running sum gives 0.9999999999999999).
      {"sum(tenths)", Num(1.0)},
      {"mean(tenths)", Num(0.1)},
      {"count(tenths)", Num(10)},
      {"sum([0.1, 0.2, 0.3])", Num(0.6)},  // a running sum: 0.6000000000000001
      {"sum([1e16, 1, -1e16])", Num(1)},
      {"mean([1e16, 1, -1e16])", Num(1.0 / 3)},
      {"sum(empty)", Num(0)},
      {"count(empty)", Num(0)},
      {"mean(empty)", Null()},
      {"median(empty)", Null()},
      {"sum(ln)", Null()},
      {"count(ln)", Null()},
      {"median([5, 1, 3])", Num(3)},
      {"median([1, 4, 2, 10])", Num(3)},  // even count: (2 + 4) / 2
      {"median([four, 1])", Num(2.5)},
  });
}

TEST(Operators, TrimmedMean) {
  CheckAll({
      {"trimmed_mean([1, 2, 3, 100], 1)", Num(2.5)},   // drops 1 and 100
      {"trimmed_mean([1, 2, 3, 100], 2)", Num(26.5)},  // count <= 2k: the plain mean
      {"trimmed_mean([1, 2, 3, 100], 0)", Num(26.5)},
      {"trimmed_mean([7, 1, 9, 3, 5], 2)", Num(5)},
      {"trimmed_mean(tenths, 1)", Num(0.1)},
      // k = 1 in one pass: the exact sum of 0.1, 0.2 and 0.3 (not the plain 0.6000000000000001),
      // with 1e16 and -5 dropped; and ties for the lowest and the highest.
      {"trimmed_mean([1e16, 0.1, 0.2, 0.3, -5], 1)", Num(0.6 / 3)},
      {"trimmed_mean([2, 2, 5, 9, 9], 1)", Num(16.0 / 3)},
      {"trimmed_mean([4, 4], 1)", Num(4)},
      {"trimmed_mean(empty, 0)", Null()},
      {"trimmed_mean(ln, 1)", Null()},
      {"trimmed_mean(tenths, nul)", Null()},
      {"trimmed_mean(tenths, half)", Err("trimmed_mean: k must be a whole number of 0 or more")},
      {"trimmed_mean(tenths, -four)", Err("k must be a whole number")},
      {"trimmed_mean(ln, -four)", Null()},  // null first
  });
}

// trimmed_mean(l, k) over whole chunks of raters' marks (lists of one length). For k = 1 the
// kernel's chunk loop, four units at a time where the CPU has AVX2, four marks at a time,
// the last four overlapping the ones before unless the length is a multiple of four: so
// lengths 3 to 9 and 12. For k = 2 to 4 the one pass for the k lowest and highest, lists of
// 2k marks or fewer (the plain mean), a few more, and more than 32 (past the sort's
// insertion sort); k = 5 is sorted. With ties for the lowest and the highest, -0 and
// negative marks, halves and 1/256ths up to 2^24 (plain sums, still exact), and some
// units' marks tenths or halves near 2^51 (the exact path), against the exactly rounded
// mean of the sorted list's middle, bit for bit.
class TrimmedMeanOfWholeChunks : public ::testing::TestWithParam<std::tuple<int, int>> {};

TEST_P(TrimmedMeanOfWholeChunks, IsTheMeanOfTheMiddle) {
  const auto [k, length] = GetParam();
  const Scheme scheme = LoadScheme(fmt::format(R"(scheme: t
inputs:
  r: {{type: list}}
indicators:
  - {{id: a, points: 100, value: 'trimmed_mean(r, {})', score: value}}
)",
                                               k));
  std::string data = "unit,r\n";
  std::vector<std::vector<double>> lists;
  uint64_t state = 12345;
  auto next = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<int>((state >> 33) % 21) - 3;  // -3..17: many ties
  };
  for (int u = 0; u < 2 * 1024 + 7; ++u) {
    std::vector<double> l;
    std::string cell;
    for (int j = 0; j < length; ++j) {
      const int x = next();
      if (u % 50 == 7) {  // tenths: not whole, so these units take the exact path
        const std::string text = std::to_string(x) + ".1";
        l.push_back(std::stod(text));
        cell += (j ? ";" : "") + text;
        continue;
      }
      // Halves and 1/256ths, up to just below 2^24 (the plain sum is exact), and halves
      // just above 2^51, whose plain sums round (the exact path).
      const double odd = u % 50 == 11   ? x + 0.5
                         : u % 50 == 13 ? 16777216.0 - (x + 4) / 256.0
                         : u % 50 == 17 ? 0x1p51 + 0.5 * (x + 4)
                                        : 0;
      if (odd != 0) {
        l.push_back(odd);
        cell += (j ? ";" : "") + fmt::format("{}", odd);
        continue;
      }
      l.push_back(x == 0 && u % 5 == 0 ? -0.0 : x);
      cell += (j ? ";" : "") + std::string(x == 0 && u % 5 == 0 ? "-0" : std::to_string(x));
    }
    lists.push_back(l);
    data += "u" + std::to_string(u) + "," + cell + "\n";
  }
  const Results r = testing::Eval(scheme, ReadBatch(scheme, data, DataFormat::kCsv));
  for (std::size_t u = 0; u < lists.size(); ++u) {
    std::vector<double> l = lists[u];
    std::sort(l.begin(), l.end());
    const int drop = length > 2 * k ? k : 0;  // the plain mean of 2k marks or fewer
    const double middle = ExactSumOf(l.data() + drop, l.size() - 2 * drop);
    const double expected = middle / (length - 2 * drop);
    const double got = testing::ValueOf(r, u, "a");
    ASSERT_EQ(std::memcmp(&got, &expected, sizeof got), 0)
        << "unit " << u << ": " << got << " against " << expected;
  }
}

INSTANTIATE_TEST_SUITE_P(Operators, TrimmedMeanOfWholeChunks,
                         ::testing::Values(std::tuple{1, 3}, std::tuple{1, 4}, std::tuple{1, 5},
                                           std::tuple{1, 6}, std::tuple{1, 7}, std::tuple{1, 8},
                                           std::tuple{1, 9}, std::tuple{1, 12}, std::tuple{2, 4},
                                           std::tuple{2, 5}, std::tuple{2, 6}, std::tuple{2, 9},
                                           std::tuple{2, 25}, std::tuple{2, 40}, std::tuple{3, 7},
                                           std::tuple{3, 13}, std::tuple{3, 33}, std::tuple{4, 9},
                                           std::tuple{4, 20}, std::tuple{5, 11},
                                           std::tuple{5, 20}));

// step and interp with constant points over whole chunks (the kernel counts each unit's
// points a point at a time over the chunk): values on, between, below and above the
// points, and missing ones, against the definitions computed here unit by unit.
TEST(Operators, StepAndInterpOverWholeChunksFollowTheirDefinitions) {
  const Scheme scheme = LoadScheme(R"(scheme: t
inputs:
  x: {type: number, required: false}
indicators:
  - {id: s, points: 1, value: 'step(x, [60, 0.6], [80, 0.8], [90, 1])', score: 1}
  - {id: i, points: 1, value: 'interp(x, [50, 0], [70, 0.5], [100, 1])', score: 1}
)");
  std::string data = "unit,x\n";
  std::vector<double> xs;
  for (int u = 0; u < 2 * 1024 + 9; ++u) {
    const double x = u % 11 == 0 ? NAN : (u % 13 == 0 ? 60.0 + 10 * (u % 4) : (u % 137) * 0.75);
    xs.push_back(x);
    data += "u" + std::to_string(u) + "," + (std::isnan(x) ? "" : fmt::format("{}", x)) + "\n";
  }
  const Results r = testing::Eval(scheme, ReadBatch(scheme, data, DataFormat::kCsv));
  for (std::size_t u = 0; u < xs.size(); ++u) {
    const double x = xs[u];
    const double step = x >= 90 ? 1 : x >= 80 ? 0.8 : x >= 60 ? 0.6 : 0;
    const double interp = x >= 100  ? 1
                          : x >= 70 ? 0.5 + (1 - 0.5) * (x - 70) / (100 - 70)
                          : x >= 50 ? 0 + (0.5 - 0) * (x - 50) / (70 - 50)
                                    : 0;
    const double got_step = testing::ValueOf(r, u, "s"), got_interp = testing::ValueOf(r, u, "i");
    if (std::isnan(x)) {
      EXPECT_TRUE(std::isnan(got_step) && std::isnan(got_interp)) << "unit " << u;
      continue;
    }
    ASSERT_EQ(got_step, step) << "unit " << u << ", x " << x;
    ASSERT_EQ(got_interp, interp) << "unit " << u << ", x " << x;
  }
}

TEST(Operators, InAndListLiterals) {
  CheckAll({
      {"four in [1, 4]", Bool(true)},
      {"four in [1, 2]", Bool(false)},
      {"nul in [1, 2]", Null()},
      {"t in [\"A\", \"B\"]", Bool(true)},
      {"c in [\"A\", \"B\"]", Bool(false)},
      {"tn in [\"A\"]", Null()},
      {"half * 0.2 in tenths", Bool(true)},
      {"four in empty", Bool(false)},
      {"four in ln", Null()},
      // A list literal with a null element is null.
      {"sum([four, nul])", Null()},
      {"count([four, nul])", Null()},
      {"four in [nul, 4]", Null()},
      {"max([four, nul, 9])", Null()},
      // An element that fails makes the list fail.
      {"sum([four, 1 / zero])", Err("division by zero")},
      {"count([four, sqrt(-four)])", Err("sqrt")},
  });
}

// Nested calls make the compiler reuse scratch registers, so that an instruction's result
// may overwrite one of its own operands.
TEST(Operators, NestedExpressionsReuseRegisters) {
  CheckAll({
      {"(four + 1) * (four - 1) / (four - 2)", Num(7.5)},
      {"min(four, half) + max(four, half) * min(four * 2, 9)", Num(0.5 + 4 * 8)},
      {"interp(four * 2, [0, four], [10, four * 3])", Num(4 + (12.0 - 4) * (8 - 0) / (10 - 0))},
      {"step(four + 1, [0, four], [5, four * 2], four - 10)", Num(8)},
      {"step(four - 5, [0, four], [5, four * 2], four - 10)", Num(-6)},
      {"lookup(if yes then t else c, grades)", Num(1)},
      {"coalesce(if no then 1 else nul, four * 2)", Num(8)},
      {"sum([four, four * 2, four ^ 2])", Num(28)},
      {"safe_div(four * 3, four - 4, four + 1)", Num(5)},
      {"round(four / 3, four - 2)", Num(1.33)},
      {"trimmed_mean([four, 1, 9, four * 2, 100], four - 3)", Num(7)},
      {"clamp(four * 10, four, four * 5)", Num(20)},
      {"ramp(four * 2, four, four * 3)", Num(0.5)},
      {"if four > 3 and not (half > 1) then four * half else -1", Num(2)},
      {"(four in [1, 4]) and (t in [\"A\"]) and is_missing(nul)", Bool(true)},
  });
}

}  // namespace
}  // namespace assess
