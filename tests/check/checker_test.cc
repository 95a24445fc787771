// Tests of check::Check on names: ids (syntax, reserved words, repeats, clashes with inputs
// and params), name resolution with suggestions, where `points`, `value` and `total` may
// stand, `x.value`, and the node limit (rule-language §6, §4, §10, §12 "Loading").
#include "check/checker.h"

#include <gtest/gtest.h>

#include "check/front_test_util.h"

namespace assess::check {
namespace {

using assess::testing::CheckText;
using assess::testing::DiagnosticCase;
using assess::testing::ExpectDiagnostics;

class CheckerDiagnostics : public ::testing::TestWithParam<DiagnosticCase> {};

TEST_P(CheckerDiagnostics, ReportsExactlyTheseDiagnostics) {
  const DiagnosticCase& c = GetParam();
  auto checked = CheckText(c.yaml);
  ExpectDiagnostics(checked.diagnostics, c.expected);
  const bool has_error = std::any_of(c.expected.begin(), c.expected.end(), [](const auto& d) {
    return d.find("warning:") == std::string::npos;
  });
  EXPECT_EQ(checked.model == nullptr, has_error);
}

// Ids: rule-language §6 (`[A-Za-z_][A-Za-z0-9_]*`, unique, not reserved), §12 (a repeat is reported
// at its second occurrence).
const std::vector<DiagnosticCase> kIdsCheckerDiagnostics = {
    {"StartsWithDigit",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: 1a, points: 10, score: x}
)",
     {"4:10: `1a` is not a valid id"}},
    {"HasDash",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: a-b, points: 10, score: x}
)",
     {"4:10: `a-b` is not a valid id"}},
    {"HasNonAsciiLetter",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: 经济, points: 10, score: x}
)",
     {"4:10: `经济` is not a valid id"}},
    {"ReservedTotal",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: total, points: 10, score: x}
)",
     {"4:10: `total` is not a valid id"}},
    {"ReservedPointsAndIf",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: points, points: 10, score: x}
  - {id: if, points: 10, score: x}
)",
     {"4:10: `points` is not a valid id", "5:10: `if` is not a valid id"}},
    {"UnderscoreAndDigitsAreFine",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: _a1, points: 10, score: x}
  - {id: B_2, points: 10, score: _a1}
)",
     {}},
    {"RepeatedAtSecondOccurrence",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: a, points: 10, score: x}
  - {id: b, points: 10, score: x}
  - {id: a, points: 10, score: x}
)",
     {"6:10: repeated id `a` (first at line 4)"}},
    {"RepeatedBetweenGroupAndChild",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - id: g
    children:
      - id: g
        points: 10
        score: x
)",
     {"6:13: repeated id `g` (first at line 4)"}},
    {"ThirdOccurrenceAlsoReported",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: a, points: 10, score: x}
  - {id: a, points: 10, score: x}
  - {id: a, points: 10, score: x}
)",
     {"5:10: repeated id `a` (first at line 4)", "6:10: repeated id `a` (first at line 4)"}},
    {"ClashWithInput",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: x, points: 10, score: 1}
)",
     {"4:10: `x` is both an indicator id and an input"}},
    {"ClashWithParam",
     R"(scheme: s
inputs: {x: {type: number}}
params: {k: 2}
indicators:
  - {id: k, points: 10, score: x}
)",
     {"5:10: `k` is both an indicator id and a param"}},
    {"InputNameReserved",
     R"(scheme: s
inputs:
  x: {type: number}
  value: {type: number}
indicators:
  - {id: a, points: 10, score: x}
)",
     {"4:3: `value` is not a valid input name"}},
    {"ParamNameInvalid",
     R"(scheme: s
inputs: {x: {type: number}}
params:
  not: 1
indicators:
  - {id: a, points: 10, score: x}
)",
     {"4:3: `not` is not a valid param name"}},
    {"ParamClashesWithInput",
     R"(scheme: s
inputs: {x: {type: number}}
params:
  x: 1
indicators:
  - {id: a, points: 10, score: x}
)",
     {"4:3: `x` is both an input and a param"}},
    {"VetoIdRepeated",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: a, points: 10, score: x}
vetoes:
  - {id: v, when: x > 1}
  - {id: v, when: x > 2}
)",
     {"7:3: repeated veto id `v`"}},
};

INSTANTIATE_TEST_SUITE_P(Ids, CheckerDiagnostics, ::testing::ValuesIn(kIdsCheckerDiagnostics),
                         [](const auto& info) { return info.param.name; });

// Names: rule-language §8 (inputs, params, ids, `id.value`, `points`, `value`, `total`), §10
// (unknown names suggest the nearest known one), §12 (`total` only in vetoes, `points` in a node's
// `score` and `value`, `value` in its `score`).
const std::vector<DiagnosticCase> kNamesCheckerDiagnostics = {
    {"UnknownInputSuggestsNearest",
     R"(scheme: s
inputs:
  gdp_growth: {type: number}
indicators:
  - id: gdp
    points: 10
    score: gdp_grwoth * 2
)",
     {"7:12: unknown name `gdp_grwoth` (did you mean `gdp_growth`?)"}},
    {"UnknownNameSuggestsIndicator",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: economy, points: 10, score: x}
  - id: b
    points: 10
    score: x + ecnomy
)",
     {"7:16: unknown name `ecnomy` (did you mean `economy`?)"}},
    {"UnknownNameSuggestsParam",
     R"(scheme: s
inputs: {x: {type: number}}
params: {target: 8}
indicators:
  - id: a
    points: 10
    score: x / targte
)",
     {"7:16: unknown name `targte` (did you mean `target`?)"}},
    {"UnknownNameSuggestsPointsInScore",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - id: a
    points: 10
    score: pionts * x
)",
     {"6:12: unknown name `pionts` (did you mean `points`?)"}},
    {"FarNameSuggestsNothing",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - id: a
    points: 10
    score: zzzzzz
)",
     {"6:12: unknown name `zzzzzz`"}},
    {"EveryUnknownNameReported",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - id: a
    points: 10
    when: q > 1
    score: x + y
)",
     {"6:11: unknown name `q`", "7:16: unknown name `y`"}},
    {"UnknownFunctionSuggestsNearest",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - id: a
    points: 10
    score: mni(x, 1)
)",
     {"6:12: unknown function `mni` (did you mean `min`?)"}},
    {"FunctionNameWithoutCall",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - id: a
    points: 10
    score: x + max
)",
     {"6:16: `max` is a function: call it as `max(...)`"}},
    {"PointsInWhen",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - id: a
    points: 10
    when: points > 5
    score: x
)",
     {"6:11: `points` can be used only in a node's `score` and `value`"}},
    {"PointsInRulePoints",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: a, points: 10, score: x}
  - id: b
    kind: bonus
    rules:
      - {when: x > 1, points: points}
)",
     {"8:31: `points` can be used only in a node's `score` and `value`"}},
    {"PointsInVeto",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: a, points: 10, score: x}
vetoes:
  - {id: v, when: points > 1}
)",
     {"6:19: `points` can be used only in a node's `score` and `value`"}},
    {"PointsInValueAndScoreAreFine",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - id: a
    points: 10
    value: x / points
    score: points * value
)",
     {}},
    {"ValueInWhen",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - id: a
    points: 10
    value: x
    when: value > 1
    score: value
)",
     {"7:11: `value` can be used only in a node's `score`"}},
    {"ValueInItsOwnValue",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - id: a
    points: 10
    value: value + 1
    score: x
)",
     {"6:12: `value` can be used only in a node's `score`"}},
    {"ValueWithoutValue",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - id: a
    points: 10
    score: value * x
)",
     {"6:12: `value` is used, but `a` has no `value`"}},
    {"TotalInScore",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - id: a
    points: 10
    score: total / 10 + x
)",
     {"6:12: `total` can be used only in vetoes"}},
    {"TotalInRuleWhen",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: a, points: 10, score: x}
  - id: b
    kind: deduction
    rules:
      - {when: total < 1, points: 1}
)",
     {"8:16: `total` can be used only in vetoes"}},
    {"TotalInVetoIsFine",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: a, points: 10, score: x}
vetoes:
  - {id: v, when: total < peer_mean(total) / 2}
)",
     {}},
    {"MemberValueOfNodeWithValue",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: gdp, points: 10, value: x * 2, score: value}
  - {id: b, points: 10, score: gdp.value + gdp}
)",
     {}},
    {"MemberValueNeedsAValue",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: gdp, points: 10, score: x}
  - {id: b, points: 10, score: gdp.value}
)",
     {"5:32: `gdp` has no `value`"}},
    {"MemberOtherThanValue",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: gdp, points: 10, value: x, score: value}
  - {id: b, points: 10, score: gdp.score}
)",
     {"5:32: `gdp.score`: only `.value` can follow an indicator id"}},
    {"MemberOfUnknownIdSuggests",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: gdp, points: 10, value: x, score: value}
  - {id: b, points: 10, score: gpd.value}
)",
     {"5:32: `gpd` is not an indicator id (did you mean `gdp`?)"}},
    {"MemberOfAnInput",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: b, points: 10, score: x.value}
)",
     {"4:32: `x` is not an indicator id"}},
};

INSTANTIATE_TEST_SUITE_P(Names, CheckerDiagnostics, ::testing::ValuesIn(kNamesCheckerDiagnostics),
                         [](const auto& info) { return info.param.name; });

TEST(Checker, ResolvesEveryKindOfName) {
  auto checked = CheckText(R"(scheme: s
inputs:
  x: {type: number}
params: {k: 2}
indicators:
  - {id: a, points: 10, value: x, score: 'points * value + k'}
  - {id: b, points: 10, score: a + a.value}
vetoes:
  - {id: v, when: total > 1}
)");
  ASSERT_NE(checked.model, nullptr) << ::testing::PrintToString(checked.diagnostics);
  const Model& m = *checked.model;
  ASSERT_EQ(m.nodes.size(), 3u);
  const expr::Expr& a_score = *m.nodes[1].score->root;  // (+ (* points value) k)
  EXPECT_EQ(a_score.args[0]->args[0]->ref, expr::Ref::kOwnPoints);
  EXPECT_EQ(a_score.args[0]->args[1]->ref, expr::Ref::kOwnValue);
  EXPECT_EQ(a_score.args[0]->args[1]->ref_index, 1u);
  EXPECT_EQ(a_score.args[1]->ref, expr::Ref::kParam);
  EXPECT_EQ(m.nodes[1].value->root->ref, expr::Ref::kInput);
  const expr::Expr& b_score = *m.nodes[2].score->root;
  EXPECT_EQ(b_score.args[0]->ref, expr::Ref::kNodeScore);
  EXPECT_EQ(b_score.args[0]->ref_index, 1u);
  EXPECT_EQ(b_score.args[1]->ref, expr::Ref::kNodeValue);
  EXPECT_EQ(b_score.args[1]->ref_index, 1u);
  EXPECT_EQ(m.vetoes[0].when.root->args[0]->ref, expr::Ref::kTotal);
}

TEST(Checker, BuildsTheTreeInPreOrderUnderTotal) {
  auto checked = CheckText(R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - id: g
    children:
      - {id: a, points: 10, score: x}
      - id: h
        children:
          - {id: b, points: 5, score: x}
      - {id: bonus, kind: bonus, rules: [{points: 1}]}
  - {id: c, points: 1, score: x}
)");
  ASSERT_NE(checked.model, nullptr) << ::testing::PrintToString(checked.diagnostics);
  const Model& m = *checked.model;
  std::vector<std::string> ids;
  std::vector<int> parents, depths;
  for (const Node& n : m.nodes) {
    ids.push_back(n.id);
    parents.push_back(n.parent);
    depths.push_back(n.depth);
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"total", "g", "a", "h", "b", "bonus", "c"}));
  EXPECT_EQ(parents, (std::vector<int>{-1, 0, 1, 1, 3, 1, 0}));
  EXPECT_EQ(depths, (std::vector<int>{0, 1, 2, 2, 3, 2, 1}));
  EXPECT_EQ(m.nodes[1].children, (std::vector<int>{2, 3, 5}));
  EXPECT_EQ(m.nodes[0].children, (std::vector<int>{1, 6}));
  EXPECT_EQ(m.FindNode("h"), 3);
  EXPECT_EQ(m.FindNode("total"), -1);  // the root is not a name
  EXPECT_EQ(m.FindNode("zz"), -1);
}

// CheckOptions::max_nodes counts indicators and rules; the implicit root is not one.
TEST(Checker, NodeLimitCountsIndicatorsAndRules) {
  CheckOptions options;
  options.max_nodes = 3;
  const std::string three = R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: a, points: 10, score: x}
  - {id: b, points: 10, score: x}
  - {id: c, points: 10, score: x}
)";
  auto ok = CheckText(three, options);
  EXPECT_NE(ok.model, nullptr) << ::testing::PrintToString(ok.diagnostics);

  auto four = CheckText(three + "  - {id: d, points: 10, score: x}\n", options);
  EXPECT_EQ(four.model, nullptr);
  ExpectDiagnostics(four.diagnostics, {"7:3: more than 3 nodes and rules"});

  // Two indicators and two rules: the rule over the limit is reported, not dropped.
  auto rules = CheckText(R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: a, points: 10, score: x}
  - id: b
    kind: bonus
    rules:
      - {when: x > 1, points: 1}
      - {when: x > 2, points: 2}
)",
                         options);
  EXPECT_EQ(rules.model, nullptr);
  ExpectDiagnostics(rules.diagnostics, {"9:7: more than 3 nodes and rules"});
}

// A repeated key in a lookup map literal is surely a typo: a load error at the second key.
TEST(Checker, RepeatedKeyInLookupMapIsAnError) {
  auto checked = CheckText(R"(scheme: s
inputs: {g: {type: text}}
indicators:
  - id: a
    points: 10
    score: 'lookup(g, {"A": 1, "B": 2, "A": 3})'
)");
  ExpectDiagnostics(checked.diagnostics, {"6:40: repeated key `A` in the table of `lookup`"});
  EXPECT_EQ(checked.model, nullptr);

  // Bare names and texts are the same keys.
  auto mixed = CheckText(R"(scheme: s
inputs: {g: {type: text}}
indicators:
  - id: a
    points: 10
    score: 'lookup(g, {A: 1, "A": 3})'
)");
  ExpectDiagnostics(mixed.diagnostics, {"6:30: repeated key `A` in the table of `lookup`"});
}

}  // namespace
}  // namespace assess::check
