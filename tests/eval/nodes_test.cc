// Node steps (rule-language §6, §12 "Applicability and missing values"): `when` and `on_missing`,
// group sums and rescaling, bonus / deduction rules, floors and caps, rounding stages, and
// the unit, node and place that an evaluation error names. Expected scores are worked out
// by hand in the comments.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "eval/eval_test_util.h"
#include "num/number_text.h"
#include "num/round.h"

namespace assess {
namespace {

using testing::RunText;
using testing::View;

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

const std::optional<double> kNa = std::nullopt;  // not applicable: an empty cell

// A policy and what it gives: the node's score (kNa: not applicable), the total, or an error
// containing `error` when that is not empty.
struct PolicyCase {
  std::string policy;
  std::optional<double> score;
  std::optional<double> total;
  std::string error;
};

void CheckPolicies(const std::string& yaml_template, const std::string& csv,
                   const std::string& node, const std::vector<PolicyCase>& cases) {
  for (const PolicyCase& c : cases) {
    SCOPED_TRACE("on_missing: " + c.policy);
    View v(RunText(Replace(yaml_template, "{POLICY}", c.policy), csv));
    if (!c.error.empty()) {
      EXPECT_NE(v.Error("U").find(c.error), std::string::npos) << v.Error("U");
      EXPECT_EQ(v.Total("U"), std::nullopt);
      EXPECT_EQ(v.Rank("U"), std::nullopt);
      continue;
    }
    EXPECT_EQ(v.Error("U"), "");
    EXPECT_EQ(v.Score("U", node), c.score);
    EXPECT_EQ(v.Total("U"), c.total);
  }
}

// ---------------------------------------------------------------------------------------
// on_missing of leaves and groups

TEST(OnMissing, LeafWhenNull) {
  // `a`'s score would divide by zero: `zero` and `full` must not evaluate it.
  const std::string yaml = R"(scheme: s
inputs:
  f: {type: boolean, required: false}
  x: {type: number}
indicators:
  - {id: a, points: 10, when: f, score: points / (x - x), on_missing: {POLICY}}
  - {id: b, points: 10, score: 5}
)";
  CheckPolicies(yaml, "unit,f,x\nU,,4\n", "a",
                {
                    {"zero", 0.0, 5.0},      // 0 + 5
                    {"full", 10.0, 15.0},    // 10 + 5
                    {"exclude", kNa, 10.0},  // 5 x (20 / 10)
                    {"error", kNa, kNa, "in a: `when` is missing (null): missing input f"},
                });
}

TEST(OnMissing, LeafWhenNullFullMarksAreClamped) {
  View v(RunText(R"(scheme: s
inputs: {f: {type: boolean, required: false}}
indicators:
  - {id: a, points: 10, cap: 8, when: f, score: points, on_missing: full}
)",
                 "unit,f\nU,\n"));
  EXPECT_EQ(v.Score("U", "a"), 8.0);
  EXPECT_EQ(v.Total("U"), 8.0);
}

TEST(OnMissing, LeafScoreNull) {
  const std::string yaml = R"(scheme: s
inputs:
  x: {type: number, required: false}
indicators:
  - {id: a, points: 10, score: x * 2, on_missing: {POLICY}}
  - {id: b, points: 30, score: 12}
)";
  CheckPolicies(yaml, "unit,x\nU,\n", "a",
                {
                    {"zero", 0.0, 12.0},
                    {"full", 10.0, 22.0},
                    {"exclude", kNa, 16.0},  // 12 x (40 / 30)
                    {"error", kNa, kNa, "in a: the score is missing (null): missing input x"},
                });
}

TEST(OnMissing, DefaultIsAnErrorNamingTheNodeAndTheInput) {
  View v(RunText(R"(scheme: s
inputs:
  x: {type: number, required: false}
  y: {type: number, required: false}
indicators:
  - {id: a, points: 10, score: 1}
  - {id: gdp, points: 10, score: x + y}
)",
                 "unit,x,y\nU,,\nV,1,2\n"));
  EXPECT_EQ(v.Error("U"),
            "unit U (row 2): evaluation error in gdp: the score is missing (null): missing inputs "
            "x, y (rule file line 7)");
  EXPECT_EQ(v.Total("V"), 4.0);
}

TEST(OnMissing, MissingInputIsFoundThroughValues) {
  // The score uses `value`, which is null because `growth` is missing; `c` uses a.value.
  View v(RunText(R"(scheme: s
inputs:
  growth: {type: number, required: false}
  target: {type: number}
indicators:
  - {id: a, points: 10, value: growth / target, score: points * value}
  - {id: c, points: 10, score: a.value * 2, on_missing: zero}
)",
                 "unit,growth,target\nU,,8\n"));
  EXPECT_NE(v.Error("U").find("in a: the score is missing (null): missing input growth"),
            std::string::npos)
      << v.Error("U");
}

TEST(OnMissing, ReferenceToANodeThatDoesNotApplyIsNull) {
  // b refers to a, which does not apply to U: b's score is null, and b says zero.
  View v(RunText(R"(scheme: s
inputs: {t: {type: text}}
indicators:
  - {id: a, points: 10, when: t == "x", score: 7}
  - {id: b, points: 10, score: 'coalesce(a, 1) + a', on_missing: zero}
  - {id: c, points: 10, score: 'coalesce(a, 3)'}
)",
                 "unit,t\nU,y\nX,x\n"));
  EXPECT_EQ(v.Score("U", "a"), kNa);
  EXPECT_EQ(v.Score("U", "b"), 0.0);
  EXPECT_EQ(v.Score("U", "c"), 3.0);
  EXPECT_EQ(v.Total("U"), 4.5);        // (0 + 3) x (30 / 20)
  EXPECT_EQ(v.Score("X", "b"), 10.0);  // 7 + 7 = 14, capped at 10
  EXPECT_EQ(v.Total("X"), 24.0);       // 7 + 10 + 7
}

TEST(OnMissing, GroupWhenNull) {
  // With zero / full the group's children are not evaluated: `bad` would divide by zero.
  const std::string yaml = R"(scheme: s
inputs:
  f: {type: boolean, required: false}
  x: {type: number}
indicators:
  - id: g
    points: 10
    when: f
    on_missing: {POLICY}
    children:
      - {id: bad, points: 6, score: points / (x - x)}
      - {id: c, points: 4, score: 4}
  - {id: h, points: 10, score: 5}
)";
  CheckPolicies(yaml, "unit,f,x\nU,,4\n", "g",
                {
                    {"zero", 0.0, 5.0},
                    {"full", 10.0, 15.0},
                    {"exclude", kNa, 10.0},  // 5 x (20 / 10)
                    {"error", kNa, kNa, "in g: `when` is missing (null)"},
                });
  View v(RunText(Replace(yaml, "{POLICY}", "full"), "unit,f,x\nU,,4\n"));
  EXPECT_EQ(v.Score("U", "bad"), kNa);
  EXPECT_EQ(v.Score("U", "c"), kNa);
}

TEST(OnMissing, GroupPolicyCoversItsWhenOnly) {
  // The group says zero, but its child's null score follows the child's own policy.
  View v(RunText(R"(scheme: s
inputs:
  f: {type: boolean}
  x: {type: number, required: false}
indicators:
  - id: g
    points: 10
    when: f
    on_missing: zero
    children:
      - {id: a, points: 10, score: x}
)",
                 "unit,f,x\nU,true,\n"));
  EXPECT_NE(v.Error("U").find("in a: the score is missing"), std::string::npos) << v.Error("U");
}

TEST(OnMissing, WhenFalseNeverEvaluatesTheNode) {
  // A node whose `when` is false is not evaluated: its division by zero cannot occur.
  View v(RunText(R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - id: g
    points: 10
    when: x != 0
    children:
      - {id: a, points: 10, value: 10 / x, score: value}
  - {id: b, points: 10, when: x != 0, score: 10 / x}
  - {id: c, points: 10, score: 3}
)",
                 "unit,x\nU,0\nV,2\n"));
  EXPECT_EQ(v.Error("U"), "");
  EXPECT_EQ(v.Total("U"), 9.0);   // 3 x (30 / 10)
  EXPECT_EQ(v.Total("V"), 13.0);  // g = a = 10 / 2 = 5, b = 5, c = 3
}

// ---------------------------------------------------------------------------------------
// on_missing of bonus / deduction nodes

TEST(OnMissing, BonusWhenFalseNeverEvaluatesItsRules) {
  View v(RunText(R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: a, points: 10, score: 4}
  - id: b
    kind: bonus
    when: x != 0
    rules:
      - {when: 10 / x > 1, points: 10 / x, reason: ratio}
)",
                 "unit,x\nU,0\nV,2\n"));
  EXPECT_EQ(v.Error("U"), "");
  EXPECT_EQ(v.Score("U", "b"), kNa);
  EXPECT_EQ(v.Total("U"), 4.0);
  EXPECT_EQ(v.Total("V"), 9.0);  // 4 + 10 / 2
}

TEST(OnMissing, BonusOwnWhenNull) {
  const std::string yaml = R"(scheme: s
inputs:
  f: {type: boolean, required: false}
indicators:
  - {id: a, points: 10, score: 6}
  - id: b
    kind: bonus
    when: f
    on_missing: {POLICY}
    rules:
      - {points: 2, reason: r1}
)";
  CheckPolicies(yaml, "unit,f\nU,\n", "b",
                {
                    {"zero", 0.0, 6.0},     // adds nothing
                    {"full", 2.0, 8.0},     // its rules are evaluated
                    {"exclude", kNa, 6.0},  // not applicable
                    {"error", kNa, kNa, "in b: `when` is missing (null)"},
                });
}

TEST(OnMissing, BonusRuleWhenNull) {
  const std::string yaml = R"(scheme: s
inputs:
  g: {type: boolean, required: false}
indicators:
  - {id: a, points: 10, score: 6}
  - id: b
    kind: bonus
    on_missing: {POLICY}
    rules:
      - {when: g, points: 2, reason: r1}
      - {points: 1, reason: r2}
)";
  CheckPolicies(yaml, "unit,g\nU,\n", "b",
                {
                    {"zero", 1.0, 7.0},     // r1 does not fire
                    {"exclude", 1.0, 7.0},  // r1 does not fire
                    {"full", 3.0, 9.0},     // r1 fires: 2 + 1
                    {"error", kNa, kNa, "in b: a rule's `when` is missing (null): missing input g"},
                });
}

TEST(OnMissing, BonusRulePointsNull) {
  const std::string yaml = R"(scheme: s
inputs:
  p: {type: number, required: false}
indicators:
  - {id: a, points: 10, score: 6}
  - id: b
    kind: deduction
    on_missing: {POLICY}
    rules:
      - {points: p, reason: capped, cap: 3}
      - {points: p * 2, reason: uncapped}
      - {points: 0.5, reason: fixed}
)";
  CheckPolicies(
      yaml, "unit,p\nU,\n", "b",
      {
          {"zero", -0.5, 5.5},  // 0 + 0 + 0.5
          {"exclude", -0.5, 5.5},
          {"full", -3.5, 2.5},  // the rule's cap 3, 0 without one, + 0.5
          {"error", kNa, kNa, "in b: a rule's `points` are missing (null): missing input p"},
      });
}

TEST(OnMissing, BonusRuleWhenNullIsAnErrorByDefault) {
  View v(RunText(R"(scheme: s
inputs: {g: {type: boolean, required: false}}
indicators:
  - {id: a, points: 10, score: 6}
  - id: b
    kind: bonus
    rules:
      - {when: g, points: 2}
)",
                 "unit,g\nU,\nV,yes\n"));
  EXPECT_NE(v.Error("U").find("unit U (row 2): evaluation error in b"), std::string::npos)
      << v.Error("U");
  EXPECT_EQ(v.Total("V"), 8.0);
}

// ---------------------------------------------------------------------------------------
// Groups

constexpr const char* kRescale = R"(scheme: s
inputs: {t: {type: text}}
indicators:
  - id: g
    points: 32
    children:
      - {id: a, points: 10, score: 7}
      - {id: b, points: 12, when: t == "x", score: 12}
      - {id: c, points: 10, score: 4}
)";

TEST(Groups, RescaleForChildrenThatDoNotApply) {
  View v(RunText(kRescale, "unit,t\nX,x\nY,y\n"));
  EXPECT_EQ(v.Score("X", "g"), 23.0);  // 7 + 12 + 4, no rescale
  EXPECT_EQ(v.Score("Y", "b"), kNa);
  EXPECT_EQ(v.Score("Y", "g"), 17.6);  // S = 11, A = 20: 11 x (32 / 20)
  EXPECT_EQ(v.Total("Y"), 17.6);
}

TEST(Groups, NoRescaleWhenEveryChildApplies) {
  // Ten weighted children of 1 x 1 / 10 = 0.1 points add up to A = 0.9999999999999999 in
  // doubles, not P = 1; with every child applying the group is their plain sum S, never
  // S x (P / A) (= 1).
  std::string yaml =
      "scheme: s\nrounding: {stage: output}\nindicators:\n"
      "  - id: g\n    points: 1\n    cap: none\n    children:\n";
  for (int i = 0; i < 10; ++i) {
    yaml += "      - {id: c" + std::to_string(i) + ", weight: 1, score: points}\n";
  }
  const Results r = RunText(yaml, "unit\nU\n");
  double sum = 0;
  for (int i = 0; i < 10; ++i) sum += 1.0 * 1 / 10;
  ASSERT_NE(sum, 1.0);
  const int g = r.impl().scheme->model->FindNode("g");
  EXPECT_EQ(r.impl().table.scores[g][0], sum);
}

TEST(Groups, RescaleIsSTimesPOverA) {
  // S = 0.1, P = 10, A = 3: S x (P / A) = 0.33333333333333337, where S x P / A would be
  // 0.3333333333333333 (stage output keeps the bits).
  const Results r = RunText(R"(scheme: s
rounding: {stage: output}
indicators:
  - id: g
    points: 10
    children:
      - {id: a, points: 3, score: 0.1}
      - {id: b, points: 7, when: false, score: 1}
)",
                            "unit\nU\n");
  const int g = r.impl().scheme->model->FindNode("g");
  EXPECT_EQ(r.impl().table.scores[g][0], 0.1 * (10.0 / 3));
  EXPECT_NE(0.1 * (10.0 / 3), 0.1 * 10.0 / 3);
}

TEST(Groups, ExcludedChildIsRescaledLikeANonApplicableOne) {
  View v(RunText(R"(scheme: s
inputs: {x: {type: number, required: false}}
indicators:
  - {id: a, points: 10, score: x, on_missing: exclude}
  - {id: b, points: 30, score: 12}
)",
                 "unit,x\nU,\n"));
  EXPECT_EQ(v.Total("U"), 16.0);  // 12 x (40 / 30)
}

constexpr const char* kGroupWithBonus = R"(scheme: s
inputs: {t: {type: text}}
indicators:
  - id: g
    points: 10
    children:
      - {id: a, points: 10, when: t == "x", score: 6}
      - {id: gb, kind: bonus, rules: [{points: 2, reason: extra}]}
      - {id: gd, kind: deduction, rules: [{points: 1, reason: late}]}
  - {id: h, points: 10, score: 5}
)";

TEST(Groups, WithNoApplicableScoreChildIsNotApplicableAndItsBonusesCountForNothing) {
  View v(RunText(kGroupWithBonus, "unit,t\nX,x\nY,y\n"));
  // X: g = 6 + 2 - 1 = 7; total = 7 + 5 = 12.
  EXPECT_EQ(v.Score("X", "gb"), 2.0);
  EXPECT_EQ(v.Score("X", "gd"), -1.0);
  EXPECT_EQ(v.Score("X", "g"), 7.0);
  EXPECT_EQ(v.Total("X"), 12.0);
  // Y: a does not apply, so neither does g; gb and gd are empty, and no rule of theirs
  // fired; total = 5 x (20 / 10) = 10.
  EXPECT_EQ(v.Error("Y"), "");
  EXPECT_EQ(v.Total("Y"), 10.0);
  EXPECT_EQ(v.Score("Y", "a"), kNa);
  EXPECT_EQ(v.Score("Y", "g"), kNa);
  EXPECT_EQ(v.Score("Y", "gb"), kNa);
  EXPECT_EQ(v.Score("Y", "gd"), kNa);
  const std::size_t y = v.Unit("Y");
  for (const FiredRule& f : v.results().fired_rules(y)) {
    EXPECT_NE(f.indicator, "gb");
    EXPECT_NE(f.indicator, "gd");
  }
  EXPECT_EQ(v.Csv(),
            "unit,g,a,gb,gd,h,total,rank,vetoes,error\n"
            "X,7.00,6.00,2.00,-1.00,5.00,12.00,1,,\n"
            "Y,,,,,5.00,10.00,2,,\n");
}

TEST(Groups, BonusOfAGroupThatDoesNotApplyIsNullToExpressions) {
  View v(
      RunText(std::string(kGroupWithBonus) +
                  "  - {id: hb, kind: bonus, rules: [{when: 'coalesce(gb, 0) < 1', points: 1}]}\n",
              "unit,t\nX,x\nY,y\n"));
  EXPECT_EQ(v.Total("X"), 12.0);  // 7 + 5; gb = 2: hb does not fire
  EXPECT_EQ(v.Total("Y"), 11.0);  // 5 x (20 / 10) + 1: gb is null, 0 < 1
}

TEST(Groups, WithOnlyBonusChildrenScoresTheirSum) {
  View v(RunText(R"(scheme: s
indicators:
  - id: extras
    children:
      - {id: b1, kind: bonus, rules: [{points: 2}]}
      - {id: d1, kind: deduction, rules: [{points: 0.5}]}
  - {id: h, points: 10, score: 5}
)",
                 "unit\nU\n"));
  EXPECT_EQ(v.Score("U", "extras"), 1.5);  // 2 - 0.5
  EXPECT_EQ(v.Total("U"), 6.5);            // 1.5 + 5
}

TEST(Groups, TotalIsNeverNull) {
  // Nothing applies: total = 0 + bonuses - deductions, clamped at the floor 0.
  const std::string yaml = R"(scheme: s
inputs: {t: {type: text}}
indicators:
  - {id: a, points: 10, when: t == "x", score: 6}
  - {id: b, kind: bonus, rules: [{points: 2}]}
  - {id: d, kind: deduction, rules: [{points: {D}}]}
)";
  View v(RunText(Replace(yaml, "{D}", "0.5"), "unit,t\nX,x\nY,y\n"));
  EXPECT_EQ(v.Total("X"), 7.5);  // 6 + 2 - 0.5
  EXPECT_EQ(v.Error("Y"), "");
  EXPECT_EQ(v.Score("Y", "a"), kNa);
  EXPECT_EQ(v.Total("Y"), 1.5);  // 0 + 2 - 0.5
  EXPECT_EQ(v.Rank("Y"), 2);
  View w(RunText(Replace(yaml, "{D}", "5"), "unit,t\nY,y\n"));
  EXPECT_EQ(w.Total("Y"), 0.0);  // 0 + 2 - 5 = -3, clamped to the floor 0
  View none(RunText(R"(scheme: s
inputs: {t: {type: text}}
indicators:
  - {id: a, points: 10, when: t == "x", score: 6}
)",
                    "unit,t\nY,y\n"));
  EXPECT_EQ(none.Total("Y"), 0.0);
  EXPECT_EQ(none.Rank("Y"), 1);
}

// ---------------------------------------------------------------------------------------
// Bonus and deduction rules

constexpr const char* kRules = R"(scheme: s
inputs:
  n: {type: number}
  m: {type: number}
indicators:
  - {id: base, points: 100, score: 80}
  - id: bonus
    kind: bonus
    cap: 5
    rules:
      - {when: n > 0, points: 3 * n, reason: "national", cap: 3}
      - {points: 1.5, reason: "municipal"}
      - {points: m, reason: "negative counts as 0"}
  - id: ded
    kind: deduction
    cap: 4
    rules:
      - {points: 2.5}
      - {when: n > 1, points: 3}
)";

TEST(Rules, CapsAndNegativePoints) {
  View v(RunText(kRules, "unit,n,m\nA,2,-4\nB,3,2\nC,0,0\n"));
  // A: national 6 -> 3 (rule cap), municipal 1.5, negative -4 -> 0: 4.5 <= 5.
  //    ded: 2.5 + 3 = 5.5 -> 4 (node cap). total = 80 + 4.5 - 4 = 80.5.
  EXPECT_EQ(v.Score("A", "bonus"), 4.5);
  EXPECT_EQ(v.Score("A", "ded"), -4.0);
  EXPECT_EQ(v.Total("A"), 80.5);
  // B: 3 + 1.5 + 2 = 6.5 -> 5; ded 4. total = 81.
  EXPECT_EQ(v.Score("B", "bonus"), 5.0);
  EXPECT_EQ(v.Total("B"), 81.0);
  // C: national does not fire: 1.5 + 0; ded 2.5 only. total = 80 + 1.5 - 2.5 = 79.
  EXPECT_EQ(v.Score("C", "bonus"), 1.5);
  EXPECT_EQ(v.Score("C", "ded"), -2.5);
  EXPECT_EQ(v.Total("C"), 79.0);
}

TEST(Rules, FiredRulesAreRecordedWithReasonsAndPointsBeforeTheNodeCap) {
  View v(RunText(kRules, "unit,n,m\nA,2,-4\nC,0,0\n"));
  std::vector<std::string> got;
  for (const FiredRule& f : v.results().fired_rules(v.Unit("A"))) {
    got.push_back(f.indicator + ":" + f.reason + "=" + std::to_string(f.points));
  }
  // A reason defaults to the rule's `when` text, `true` without one.
  EXPECT_EQ(got, (std::vector<std::string>{"bonus:national=3.000000", "bonus:municipal=1.500000",
                                           "bonus:negative counts as 0=0.000000",
                                           "ded:true=2.500000", "ded:n > 1=3.000000"}));
  got.clear();
  for (const FiredRule& f : v.results().fired_rules(v.Unit("C"))) got.push_back(f.reason);
  EXPECT_EQ(got, (std::vector<std::string>{"municipal", "negative counts as 0", "true"}));
}

TEST(Rules, DeductionCellIsNegativeInCsv) {
  View v(RunText(kRules, "unit,n,m\nA,2,-4\n"));
  EXPECT_EQ(v.Csv(), "unit,base,bonus,ded,total,rank,vetoes,error\nA,80.00,4.50,-4.00,80.50,1,,\n");
}

// One thread; with explanations every unit takes the unit-by-unit paths.
Results EvalOnOneThread(const Scheme& scheme, const Batch& batch, bool explain) {
  EvalOptions options;
  options.threads = 1;
  options.explain = explain;
  return testing::Eval(scheme, batch, options);
}

// Whole chunks of units take the bonus and deduction nodes' chunk path; with explanations
// on, every unit takes the unit-by-unit path. Both must give the same scores, fired rules
// and totals: caps of rules and nodes, negative and -0 points, near-half amounts, rules
// that fire for some units only, a deduction of 0.
TEST(Rules, ChunksOfUnitsScoreAsUnitByUnit) {
  std::string data = "unit,n,m\n";
  for (int u = 0; u < 2 * 1024 + 5; ++u) {
    const int n = u % 7 - 2;
    const std::string m = u % 9 == 0 ? "-0" : std::to_string(u % 23 - 5) + ".125";
    data += "u" + std::to_string(u) + "," + std::to_string(n) + "," + m + "\n";
  }
  const Scheme scheme = testing::LoadScheme(kRules);
  const Batch batch = testing::ReadBatch(scheme, data, DataFormat::kCsv);
  const Results a = EvalOnOneThread(scheme, batch, /*explain=*/false);
  const Results b = EvalOnOneThread(scheme, batch, /*explain=*/true);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t u = 0; u < a.size(); ++u) {
    for (std::size_t node = 0; node < 3; ++node) {
      ASSERT_EQ(a.score(u, node), b.score(u, node)) << "unit " << u << ", indicator " << node;
      ASSERT_FALSE(std::signbit(*a.score(u, node)) && *a.score(u, node) == 0) << "unit " << u;
    }
    ASSERT_EQ(a.total(u), b.total(u)) << "unit " << u;
    const std::vector<FiredRule> fa = a.fired_rules(u), fb = b.fired_rules(u);
    ASSERT_EQ(fa.size(), fb.size()) << "unit " << u;
    for (std::size_t k = 0; k < fa.size(); ++k) {
      EXPECT_EQ(fa[k].reason, fb[k].reason);
      EXPECT_EQ(fa[k].points, fb[k].points);
    }
  }
}

// The same, in chunks that hold units in data error (one in 37), units that a bonus does
// not apply to (its group's `when` is false (n < 0), or none of the group's score children
// applies (n of 0 or 1)), and units whose leaf `s` has a null raw score that it excludes.
// The chunk paths mask those units as null, as the unit-by-unit paths leave them; the last
// chunk's missing points send it to the unit-by-unit path.
TEST(Rules, ChunksWithUnitsInDataErrorNotApplicableOrExcludedScoreAsUnitByUnit) {
  const Scheme scheme = testing::LoadScheme(R"(scheme: s
inputs:
  n: {type: number}
  m: {type: number, required: false}
  q: {type: number, required: false}
indicators:
  - {id: base, points: 50, score: 40}
  - {id: s, points: 10, score: q / 10, on_missing: exclude}
  - id: g
    points: 40
    when: n >= 0
    children:
      - {id: a, points: 20, when: n > 1, score: 2 * n}
      - {id: b, points: 20, when: n > 2, score: m}
      - id: gb
        kind: bonus
        cap: 5
        rules:
          - {when: n > 3, points: m, reason: "m", cap: 3}
          - {points: 1.5, reason: "flat"}
  - id: ded
    kind: deduction
    cap: 4
    rules:
      - {points: 2.5}
      - {when: n > 1, points: 3}
)");
  std::string data = "unit,n,m,q\n";
  const int units = 2 * 1024 + 5;
  for (int u = 0; u < units; ++u) {
    const std::string m = u % 37 == 0      ? "oops"  // data error
                          : u >= units - 3 ? ""      // missing: the last chunk's general path
                          : u % 9 == 0     ? "-0"
                                           : std::to_string(u % 23 - 5) + ".125";
    const std::string q = u % 5 == 0 ? "" : std::to_string(u % 101);
    data += "u" + std::to_string(u) + "," + std::to_string(u % 8 - 2) + "," + m + "," + q + "\n";
  }
  const Batch batch = testing::ReadBatch(scheme, data, DataFormat::kCsv);
  const Results a = EvalOnOneThread(scheme, batch, /*explain=*/false);
  const Results b = EvalOnOneThread(scheme, batch, /*explain=*/true);
  ASSERT_EQ(a.size(), b.size());
  std::size_t in_error = 0, without_bonus = 0, excluded = 0;
  for (std::size_t u = 0; u < a.size(); ++u) {
    ASSERT_EQ(a.ok(u), b.ok(u)) << "unit " << u;
    in_error += !a.ok(u);
    for (const char* id : {"base", "s", "g", "a", "b", "gb", "ded"}) {
      ASSERT_EQ(a.score(u, id), b.score(u, id)) << "unit " << u << ", indicator " << id;
    }
    without_bonus += a.ok(u) && !a.score(u, "gb").has_value();
    excluded += a.ok(u) && !a.score(u, "s").has_value();
    ASSERT_EQ(a.total(u), b.total(u)) << "unit " << u;
    const std::vector<FiredRule> fa = a.fired_rules(u), fb = b.fired_rules(u);
    ASSERT_EQ(fa.size(), fb.size()) << "unit " << u;
    for (std::size_t k = 0; k < fa.size(); ++k) {
      EXPECT_EQ(fa[k].indicator, fb[k].indicator) << "unit " << u;
      EXPECT_EQ(fa[k].points, fb[k].points) << "unit " << u;
    }
  }
  EXPECT_EQ(in_error, (units + 36) / 37);
  EXPECT_GT(without_bonus, a.size() / 4);  // n of -2 to 1: half the units, less errors
  EXPECT_GT(excluded, a.size() / 6);       // q missing: one in five, less errors
}

// ---------------------------------------------------------------------------------------
// Floors and caps

TEST(Clamping, LeafFloorsAndCaps) {
  View v(RunText(R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: plain, points: 10, score: x}
  - {id: capped, points: 10, cap: 12, score: x}
  - {id: uncapped, points: 10, cap: none, score: x}
  - {id: floored, points: 10, floor: -2, score: x}
total: {cap: none}
)",
                 "unit,x\nHI,15\nLO,-3\n"));
  EXPECT_EQ(v.Score("HI", "plain"), 10.0);  // the default cap is the points
  EXPECT_EQ(v.Score("HI", "capped"), 12.0);
  EXPECT_EQ(v.Score("HI", "uncapped"), 15.0);
  EXPECT_EQ(v.Score("HI", "floored"), 10.0);
  EXPECT_EQ(v.Total("HI"), 47.0);
  EXPECT_EQ(v.Score("LO", "plain"), 0.0);  // the default floor is 0
  EXPECT_EQ(v.Score("LO", "floored"), -2.0);
  EXPECT_EQ(v.Total("LO"), 0.0);  // -2, clamped at total's floor 0
}

TEST(Clamping, GroupsAndTotal) {
  View v(RunText(R"(scheme: s
inputs: {x: {type: number}}
total: {cap: 25, floor: 1}
indicators:
  - id: g
    points: 10
    children:
      - {id: a, points: 10, cap: none, score: x}
  - id: k
    points: 10
    cap: 12
    children:
      - {id: b, points: 10, cap: none, score: x}
)",
                 "unit,x\nU,15\nZ,0\n"));
  EXPECT_EQ(v.Score("U", "g"), 15.0);  // a group has no cap by default
  EXPECT_EQ(v.Score("U", "k"), 12.0);
  EXPECT_EQ(v.Total("U"), 25.0);  // 27, capped at 25
  EXPECT_EQ(v.Total("Z"), 1.0);   // 0, raised to the floor 1
}

// ---------------------------------------------------------------------------------------
// Rounding stages

constexpr const char* kThirds = R"(scheme: s
rounding: {digits: 2, stage: {STAGE}}
indicators:
  - id: g
    children:
      - {id: a, points: 10, value: 1 / 3, score: value * 3}
      - {id: b, points: 10, score: 10 / 3}
      - {id: c, points: 10, score: b * 3}
)";

TEST(Rounding, StageEachMakesThePublishedTableAddUp) {
  View v(RunText(Replace(kThirds, "{STAGE}", "each"), "unit\nU\n"));
  // a: a value is never rounded: (1 / 3) x 3 = 1, not 0.33 x 3. b: 3.333... -> 3.33
  // before c uses it: c = 3.33 x 3 = 9.99. g = 1 + 3.33 + 9.99 = 14.32.
  EXPECT_EQ(v.Csv(), "unit,g,a,b,c,total,rank,vetoes,error\nU,14.32,1.00,3.33,9.99,14.32,1,,\n");
}

TEST(Rounding, StageOutputRoundsOnlyWhenWritten) {
  View v(RunText(Replace(kThirds, "{STAGE}", "output"), "unit\nU\n"));
  // b = 3.333..., c = 10.000...02 capped at 10, g = 1 + 3.333... + 10 = 14.333... -> 14.33.
  EXPECT_EQ(v.Csv(), "unit,g,a,b,c,total,rank,vetoes,error\nU,14.33,1.00,3.33,10.00,14.33,1,,\n");
}

TEST(Rounding, StageOutputTableNeedNotAddUp) {
  const std::string yaml = R"(scheme: s
rounding: {stage: {STAGE}}
indicators:
  - {id: a, points: 10, score: 10 / 3}
  - {id: b, points: 10, score: 10 / 3}
  - {id: c, points: 10, score: 10 / 3}
)";
  // each: 3.33 x 3 = 9.99; output: 3.333... x 3 = 10.00.
  EXPECT_EQ(View(RunText(Replace(yaml, "{STAGE}", "each"), "unit\nU\n")).Total("U"), 9.99);
  EXPECT_EQ(View(RunText(Replace(yaml, "{STAGE}", "output"), "unit\nU\n")).Total("U"), 10.0);
}

TEST(Rounding, StageEachRoundsBonusAmountsAndTotalAfterAVetoCap) {
  View v(RunText(R"(scheme: s
rounding: {digits: 1}
inputs: {x: {type: number}}
indicators:
  - {id: a, points: 100, score: x}
  - {id: b, kind: bonus, cap: 2.25, rules: [{points: 2.25}]}
vetoes:
  - {id: v, when: total > 90, cap: 60.04}
)",
                 "unit,x\nU,95\nW,50\n"));
  EXPECT_EQ(v.Score("U", "b"), 2.3);  // 2.25 -> 2.3 (half away from zero)
  EXPECT_EQ(v.Total("U"), 60.0);      // 97.3 capped at 60.04 -> 60.0
  EXPECT_EQ(v.Total("W"), 52.3);
  const auto& t = v.results().impl().table;
  EXPECT_EQ(t.total[v.Unit("U")], 60.0);  // rounded in the table, not only when written
}

// The common case rounds and stores a chunk in one pass (compact codes); a chunk with a
// score that takes another path (2^31 hundredths and more) is stored as doubles. Either way
// every score is RoundDecimal of the clamped raw score, bit for bit, and never -0.0.
TEST(Rounding, StageEachScoresAreRoundDecimalOfEveryRawScore) {
  const std::string yaml = R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: a, points: 100, floor: -1e12, cap: 1e12, score: x}
  - {id: g, points: 100, floor: -1e12, children: [{id: b, points: 100, floor: -1e12, cap: 1e12, score: x / 7}]}
)";
  std::vector<double> xs = {0.005, -0.005, 0.004,  -0.004,      1.005,     2.675,  -2.675, 1.0 / 3,
                            8.345, 0.125,  -0.125, 21474836.47, 12345.675, 99.995, -99.995};
  for (int i = 0; i < 3000; ++i) xs.push_back((i * 7919 % 200001 - 100000) / 1000.0);
  xs.push_back(3e10);  // the last chunk: 3e12 hundredths need a double
  std::string csv = "unit,x\n";
  for (size_t i = 0; i < xs.size(); ++i)
    csv += "U" + std::to_string(i) + "," + ShortestText(xs[i]) + "\n";
  const Results r = RunText(yaml, csv);
  auto bits = [](std::optional<double> x) {
    uint64_t b = 0;
    if (x) std::memcpy(&b, &*x, sizeof b);
    return b;
  };
  for (size_t i = 0; i < xs.size(); ++i) {
    const double a = RoundDecimal(xs[i], 2);  // never -0.0
    const double b = RoundDecimal(xs[i] / 7, 2);
    EXPECT_EQ(bits(r.score(i, "a")), bits(a)) << xs[i];
    EXPECT_EQ(bits(r.score(i, "b")), bits(b)) << xs[i];
    EXPECT_EQ(bits(r.score(i, "g")), bits(b)) << xs[i];
  }
}

// ---------------------------------------------------------------------------------------
// Errors name the unit, the node and the place

constexpr const char* kDivide = R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: ok, points: 10, score: 1}
  - {id: ratio, points: 10, score: 10 / x}
)";

TEST(Errors, NameUnitNodeAndPlace) {
  View csv(RunText(kDivide, "unit,x\nU1,2\nU2,0\n"));
  EXPECT_EQ(csv.Error("U2"),
            "unit U2 (row 3): evaluation error in ratio: division by zero (rule file line 5)");
  EXPECT_EQ(csv.Total("U1"), 6.0);
  View json(
      RunText(kDivide, R"([{"unit": "U1", "x": 2}, {"unit": "U2", "x": 0}])", DataFormat::kJson));
  EXPECT_NE(json.Error("U2").find("unit U2 ([1]): evaluation error in ratio"), std::string::npos)
      << json.Error("U2");
  View jsonl(RunText(kDivide, "{\"unit\": \"U1\", \"x\": 2}\n{\"unit\": \"U2\", \"x\": 0}\n",
                     DataFormat::kJsonLines));
  EXPECT_NE(jsonl.Error("U2").find("unit U2 (line 2): evaluation error in ratio"),
            std::string::npos)
      << jsonl.Error("U2");
}

TEST(Errors, FirstInFileOrderIsReported) {
  View v(RunText(R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: late, points: 10, score: sqrt(-1 - x)}
  - {id: early, points: 10, score: 10 / x}
)",
                 "unit,x\nU,0\n"));
  EXPECT_NE(v.Error("U").find("in late: sqrt of a negative number"), std::string::npos)
      << v.Error("U");
}

TEST(Errors, AUnitInErrorHasNoScoresButOthersGoOn) {
  View v(RunText(kDivide, "unit,x\nU1,2\nU2,0\nU3,5\n"));
  EXPECT_EQ(v.Score("U2", "ok"), std::nullopt);
  EXPECT_EQ(v.Rank("U2"), std::nullopt);
  EXPECT_EQ(v.Rank("U1"), 1);  // 1 + 10 / 2 = 6
  EXPECT_EQ(v.Rank("U3"), 2);  // 1 + 10 / 5 = 3
  EXPECT_EQ(v.results().error_count(), 1u);
}

}  // namespace
}  // namespace assess
