// Tests of lint warnings: likely mistakes that do not stop loading (`assess check` prints
// them and exits 0).
#include <gtest/gtest.h>

#include "check/checker.h"
#include "check/front_test_util.h"

namespace assess::check {
namespace {

using assess::testing::CheckText;
using assess::testing::ExpectDiagnostics;

TEST(Lint, CleanSchemeHasNoWarnings) {
  // Every input and param is used somewhere: a score, a `when`, a value, a rule, a veto,
  // `peers`, a list of `in`, a lookup table, an interp point.
  auto checked = CheckText(R"(scheme: s
peers: type
inputs:
  type: {type: text}
  x: {type: number}
  y: {type: number}
  g: {type: text}
  l: {type: list}
  award: {type: boolean}
  accidents: {type: integer}
  flag: {type: boolean}
params:
  knee: 5
  table: {A: 1}
  codes: [1, 2]
  veto_cap: 60
indicators:
  - id: a
    points: 10
    when: flag
    value: y
    score: 'interp(x, [0, 0], [knee, 10]) + lookup(g, table) + sum(l) + value'
  - {id: b, points: 10, score: 'if x in codes then 1 else 0'}
  - id: bonus
    kind: bonus
    rules:
      - {when: award, points: 1}
vetoes:
  - {id: v, when: 'accidents > 0 and total < veto_cap'}
grades:
  levels:
    - {name: good, min: 80, quota: 20%}
    - {name: poor}
)");
  ASSERT_NE(checked.model, nullptr);
  EXPECT_TRUE(checked.diagnostics.empty()) << ::testing::PrintToString(checked.diagnostics);
}

TEST(Lint, UnusedInputsAndParams) {
  auto checked = CheckText(R"(scheme: s
inputs:
  x: {type: number}
  unused_in: {type: number}
params:
  k: 2
  unused_param: [1, 2]
indicators:
  - {id: a, points: 10, score: x * k}
)");
  ASSERT_NE(checked.model, nullptr);
  ExpectDiagnostics(checked.diagnostics,
                    {"4:3: warning: input `unused_in` is not used by any expression",
                     "7:3: warning: param `unused_param` is not used by any expression"});
}

TEST(Lint, CapBelowPointsAndQuotaOnTheLastLevel) {
  auto checked = CheckText(R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: a, points: 10, score: x, cap: 8}
  - {id: b, points: 10, score: x, cap: 12}
grades:
  levels:
    - {name: good, min: 15}
    - {name: poor, quota: 50%}
)");
  ASSERT_NE(checked.model, nullptr);
  ExpectDiagnostics(
      checked.diagnostics,
      {"4:3: warning: `a` can never reach its full marks: its cap is below its points",
       "9:5: warning: the last level (`poor`) has a quota: units beyond it get no grade"});
}

TEST(Lint, IndicatorNamedLikeAResultColumnIsAWarning) {
  auto checked = CheckText(R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: rank, points: 10, score: x}
  - {id: vetoes, points: 10, score: x}
)");
  ASSERT_NE(checked.model, nullptr);
  ExpectDiagnostics(
      checked.diagnostics,
      {"4:10: warning: `rank` is also the name of a result column: results will have two "
       "`rank` columns",
       "5:10: warning: `vetoes` is also the name of a result column: results will have two "
       "`vetoes` columns"});
}

TEST(Lint, NoWarningsWhenThereAreErrors) {
  // The errors are what matters; an unused input next to them is not reported.
  auto checked = CheckText(R"(scheme: s
inputs:
  x: {type: number}
  unused_in: {type: number}
indicators:
  - {id: a, points: 10, score: zz}
)");
  EXPECT_EQ(checked.model, nullptr);
  ExpectDiagnostics(checked.diagnostics, {"6:32: unknown name `zz`"});
}

}  // namespace
}  // namespace assess::check
