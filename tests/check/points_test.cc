// Tests of full marks (rule-language §6 "points", "weight", "floor / cap", bonus nodes; §12
// "Arithmetic", "Loading"): sums compared as decimals, weights as P x w / sum w, groups
// without points, floors and caps, and where each error points.
#include <gtest/gtest.h>

#include "check/checker.h"
#include "check/front_test_util.h"

namespace assess::check {
namespace {

using assess::testing::CheckText;
using assess::testing::DiagnosticCase;
using assess::testing::ExpectDiagnostics;

// The full marks of each node, root first, by id.
std::vector<std::pair<std::string, double>> PointsOf(const Model& m) {
  std::vector<std::pair<std::string, double>> out;
  for (const Node& n : m.nodes) out.emplace_back(n.id, n.points);
  return out;
}

using Points = std::vector<std::pair<std::string, double>>;

TEST(Points, SumsAreComparedAsDecimals) {
  auto checked = CheckText(R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - id: g
    points: 0.3
    children:
      - {id: a, points: 0.1, score: x}
      - {id: b, points: 0.2, score: x}
  - id: h
    points: 100
    children:
      - {id: c, points: 33.33, score: x}
      - {id: d, points: 33.33, score: x}
      - {id: e, points: 33.34, score: x}
)");
  ASSERT_NE(checked.model, nullptr) << ::testing::PrintToString(checked.diagnostics);
  EXPECT_EQ(checked.model->nodes[1].points, 0.3);
  // total has no points: the sum of its children, added as decimals (0.3 + 100), not as
  // doubles.
  EXPECT_EQ(checked.model->nodes[0].points, 100.3);
}

TEST(Points, DecimalSumIsExactNotNearest) {
  // 0.1 + 0.2 is 0.30000000000000004 as doubles: a group of 0.30000000000000004 does not
  // match children of 0.1 and 0.2.
  auto checked = CheckText(R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - id: g
    points: 0.30000000000000004
    children:
      - {id: a, points: 0.1, score: x}
      - {id: b, points: 0.2, score: x}
)");
  ExpectDiagnostics(checked.diagnostics,
                    {"5:13: the points of `g` (0.30000000000000004) do not match the sum of "
                     "its children's points (0.3)"});
}

class PointsDiagnostics : public ::testing::TestWithParam<DiagnosticCase> {};

TEST_P(PointsDiagnostics, ReportsExactlyTheseDiagnostics) {
  auto checked = CheckText(GetParam().yaml);
  ExpectDiagnostics(checked.diagnostics, GetParam().expected);
  EXPECT_EQ(checked.model, nullptr);
}

const std::vector<DiagnosticCase> kErrorsPointsDiagnostics = {
    {"MismatchAtTheGroupsPoints",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - id: g
    points: 40
    children:
      - {id: a, points: 25, score: x}
      - {id: b, points: 10, score: x}
)",
     {"5:13: the points of `g` (40) do not match the sum of its children's points (35)"}},
    {"MismatchOfTotal",
     R"(scheme: s
inputs: {x: {type: number}}
total: {points: 100}
indicators:
  - {id: a, points: 60, score: x}
  - {id: b, points: 30, score: x}
)",
     {"3:17: the points of `total` (100) do not match the sum of its children's points (90)"}},
    {"MismatchInAGroupGivenPointsByWeight",
     R"(scheme: s
inputs: {x: {type: number}}
total: {points: 100}
indicators:
  - {id: a, weight: 60%, score: x}
  - id: g
    weight: 40%
    children:
      - {id: b, points: 25, score: x}
      - {id: c, points: 10, score: x}
)",
     {"6:9: the points of `g` (40) do not match the sum of its children's points (35)"}},
    {"MixedPointsAndWeight",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - id: economy
    points: 40
    children:
      - {id: gdp, weight: 2, score: points * x}
      - {id: revenue, points: 20, score: points * x}
)",
     {"4:9: the children of `economy` mix `points` and `weight`"}},
    {"MixedAtTopLevelPointsAtAWeight",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: a, points: 10, score: x}
  - {id: b, weight: 1, score: x}
)",
     {"5:21: the children of `total` mix `points` and `weight`"}},
    {"PointsAndWeightOnOneNode",
     R"(scheme: s
inputs: {x: {type: number}}
total: {points: 10}
indicators:
  - {id: a, points: 10, weight: 1, score: x}
)",
     {"5:33: `a` has both `points` and `weight`"}},
    {"WeightsNeedParentPoints",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - id: g
    children:
      - {id: a, weight: 1, score: x}
      - {id: b, weight: 1, score: x}
)",
     {"4:9: `g` gives its children `weight`, so it needs `points`"}},
    {"TopLevelWeightsNeedTotalPoints",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: a, weight: 1, score: x}
  - {id: b, weight: 1, score: x}
)",
     {"4:21: `total` gives its children `weight`, so it needs `points` (for `total`: "
      "`total: {points: 100}`)"}},
    {"SiblingWithoutWeight",
     R"(scheme: s
inputs: {x: {type: number}}
total: {points: 10}
indicators:
  - {id: a, weight: 1, score: x}
  - {id: b, score: x}
)",
     {"6:10: `b` needs a `weight`, as its siblings have"}},
    {"WeightsAddUpToZero",
     R"(scheme: s
inputs: {x: {type: number}}
total: {points: 10}
indicators:
  - {id: a, weight: 0, score: x}
  - {id: b, weight: 0%, score: x}
)",
     {"3:1: the weights of the children of `total` add up to 0"}},
    {"NegativeWeight",
     R"(scheme: s
inputs: {x: {type: number}}
total: {points: 10}
indicators:
  - {id: a, weight: -1, score: x}
  - {id: b, weight: 2, score: x}
)",
     {"5:21: `weight` must be 0 or more"}},
    {"NegativePoints",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: a, points: -1, score: x, floor: -1}
)",
     {"4:21: `points` must be 0 or more"}},
    {"NegativePointsAloneIsOneError",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: a, points: -1, score: x}
)",
     {"4:21: `points` must be 0 or more"}},
    {"CapBelowTheDefaultFloor",
     R"(scheme: s
inputs: {x: {type: number}}
total: {cap: -5}
indicators:
  - {id: a, points: 10, score: x, cap: -1}
)",
     {"3:14: the `floor` of `total` (0) is above its cap (-5)",
      "5:40: the `floor` of `a` (0) is above its cap (-1)"}},
    {"LeafWithoutPoints",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: a, score: x}
)",
     {"4:10: `a` needs `points` (its full marks), or a `weight`"}},
    {"FloorAboveCap",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: a, points: 10, score: x, floor: 5, cap: 3}
)",
     {"4:42: the `floor` of `a` (5) is above its cap (3)"}},
    {"FloorAboveDefaultCap",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: a, points: 10, score: x, floor: 12}
)",
     {"4:42: the `floor` of `a` (12) is above its cap (10)"}},
    {"NegativeCaps",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: a, points: 10, score: x}
  - {id: b, kind: bonus, cap: -5, rules: [{points: 1, cap: -1}]}
)",
     {"5:31: `cap` must be 0 or more", "5:60: a rule's `cap` must be 0 or more"}},
};

INSTANTIATE_TEST_SUITE_P(Errors, PointsDiagnostics, ::testing::ValuesIn(kErrorsPointsDiagnostics),
                         [](const auto& info) { return info.param.name; });

TEST(Points, WeightsGivePTimesWOverSumW) {
  auto checked = CheckText(R"(scheme: s
inputs: {x: {type: number}}
total: {points: 100}
indicators:
  - id: a
    weight: 60%
    children:
      - {id: a1, weight: 1, score: x}
      - {id: a2, weight: 2, score: x}
  - id: b
    weight: 40%
    children:
      - {id: b1, points: 25, score: x}
      - {id: b2, points: 15, score: x}
  - id: c
    weight: 0
    children:
      - {id: c1, weight: 12.5%, score: x}
      - {id: c2, weight: 87.5%, score: x}
)");
  ASSERT_NE(checked.model, nullptr) << ::testing::PrintToString(checked.diagnostics);
  // 100 x 0.6 / 1 = 60; 60 x 1 / 3 = 20 and 60 x 2 / 3 = 40; c has weight 0: 0 points.
  EXPECT_EQ(PointsOf(*checked.model), (Points{{"total", 100},
                                              {"a", 60},
                                              {"a1", 20},
                                              {"a2", 40},
                                              {"b", 40},
                                              {"b1", 25},
                                              {"b2", 15},
                                              {"c", 0},
                                              {"c1", 0},
                                              {"c2", 0}}));
}

TEST(Points, PercentWeightsAreExactDecimals) {
  auto checked = CheckText(R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - id: g
    points: 40
    children:
      - {id: a, weight: 12.5%, score: x}
      - {id: b, weight: 87.5%, score: x}
  - id: h
    points: 10
    children:
      - {id: c, weight: 1, score: x}
      - {id: d, weight: 1, score: x}
      - {id: e, weight: 1, score: x}
)");
  ASSERT_NE(checked.model, nullptr) << ::testing::PrintToString(checked.diagnostics);
  const Model& m = *checked.model;
  EXPECT_EQ(m.nodes[2].points, 5);   // 40 x 0.125 / 1
  EXPECT_EQ(m.nodes[3].points, 35);  // 40 x 0.875 / 1
  // 10 x 1 / 3, the double nearest to 3.333...; never adjusted so that they add up.
  EXPECT_EQ(m.nodes[5].points, 10.0 / 3.0);
  EXPECT_EQ(m.nodes[7].points, 10.0 / 3.0);
  // The group keeps its own points (50 in all, not 40 + 3 x 3.333...).
  EXPECT_EQ(m.nodes[0].points, 50);
}

TEST(Points, GroupsWithoutPointsGetTheSumOfTheirScoreChildren) {
  auto checked = CheckText(R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - id: g
    children:
      - {id: a, points: 10, score: x}
      - id: h
        children:
          - {id: b, points: 2.5, score: x}
          - {id: c, points: 2.5, score: x}
      - {id: bonus, kind: bonus, cap: 5, rules: [{points: 3}]}
      - {id: ded, kind: deduction, rules: [{points: 3}]}
  - {id: d, points: 20, score: x}
  - id: only_bonus
    children:
      - {id: bonus2, kind: bonus, rules: [{points: 1}]}
)");
  ASSERT_NE(checked.model, nullptr) << ::testing::PrintToString(checked.diagnostics);
  EXPECT_EQ(PointsOf(*checked.model), (Points{{"total", 35},
                                              {"g", 15},
                                              {"a", 10},
                                              {"h", 5},
                                              {"b", 2.5},
                                              {"c", 2.5},
                                              {"bonus", 0},
                                              {"ded", 0},
                                              {"d", 20},
                                              {"only_bonus", 0},
                                              {"bonus2", 0}}));
  const Model& m = *checked.model;
  EXPECT_FALSE(m.nodes[6].counts_points);
  EXPECT_FALSE(m.nodes[7].counts_points);
  EXPECT_TRUE(m.nodes[1].counts_points);
  EXPECT_EQ(m.nodes[6].kind, NodeKind::kBonus);
  EXPECT_EQ(m.nodes[7].kind, NodeKind::kDeduction);
  EXPECT_EQ(m.nodes[6].cap, 5);
  EXPECT_EQ(m.nodes[7].cap, kNoCap);
}

TEST(Points, FloorsAndCaps) {
  auto checked = CheckText(R"(scheme: s
inputs: {x: {type: number}}
total: {points: 60, cap: 70, floor: 5}
indicators:
  - {id: plain, points: 10, score: x}
  - {id: capped, points: 10, score: x, cap: 18}
  - {id: uncapped, points: 10, score: x, cap: none}
  - {id: floored, points: 10, score: x, floor: -5}
  - id: group
    cap: 15
    children:
      - {id: inner, points: 20, score: x}
)");
  ASSERT_NE(checked.model, nullptr) << ::testing::PrintToString(checked.diagnostics);
  std::vector<std::tuple<std::string, double, double>> got;
  for (const Node& n : checked.model->nodes) got.emplace_back(n.id, n.floor, n.cap);
  EXPECT_EQ(got, (std::vector<std::tuple<std::string, double, double>>{
                     {"total", 5, 70},
                     {"plain", 0, 10},  // a leaf's cap defaults to its points
                     {"capped", 0, 18},
                     {"uncapped", 0, kNoCap},
                     {"floored", -5, 10},
                     {"group", 0, 15},  // a group has no default cap
                     {"inner", 0, 20}}));
}

TEST(Points, TotalWithoutCapHasNone) {
  auto checked = CheckText(R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: a, points: 10, score: x}
)");
  ASSERT_NE(checked.model, nullptr);
  EXPECT_EQ(checked.model->nodes[0].cap, kNoCap);
  EXPECT_EQ(checked.model->nodes[0].floor, 0);
  EXPECT_EQ(checked.model->nodes[0].points, 10);
}

TEST(Points, RulesKeepTheirCapsAndReasons) {
  auto checked = CheckText(R"(scheme: s
inputs: {x: {type: number}, award: {type: boolean}}
indicators:
  - {id: a, points: 10, score: x}
  - id: bonus
    kind: bonus
    cap: 5
    rules:
      - {when: x > 0, points: 3 * x, reason: "national commendation", cap: 3}
      - {when: award, points: 1}
      - {points: 0.5}
)");
  ASSERT_NE(checked.model, nullptr) << ::testing::PrintToString(checked.diagnostics);
  const Node& bonus = checked.model->nodes[2];
  ASSERT_EQ(bonus.rules.size(), 3u);
  EXPECT_EQ(bonus.rules[0].reason, "national commendation");
  EXPECT_EQ(bonus.rules[0].cap, 3);
  EXPECT_EQ(bonus.rules[1].reason, "award");  // default: the `when` text
  EXPECT_EQ(bonus.rules[1].cap, kNoCap);
  EXPECT_EQ(bonus.rules[2].reason, "true");  // no `when`
  EXPECT_FALSE(bonus.rules[2].when.has_value());
}

}  // namespace
}  // namespace assess::check
