// Wrong shapes in rule files: each YAML text and the diagnostics it must give, as
// "LINE:COLUMN: part of the message" (rule-language §16 "Loading").
#include <gtest/gtest.h>

#include "load/load_test_util.h"

namespace assess::load {
namespace {

using testing::ExpectDiagnostics;
using testing::LoadText;
using testing::WithIndicator;

struct ShapeCase {
  std::string_view name;
  std::string yaml;
  std::vector<std::string> diagnostics;
};

// The indicators header: node lines start at line 3.
std::string Nodes(std::string_view lines) {
  return "scheme: s\nindicators:\n" + std::string(lines);
}

class ShapeDiagnostics : public ::testing::TestWithParam<ShapeCase> {};

TEST_P(ShapeDiagnostics, AreReportedAtTheirPlace) {
  const ShapeCase& c = GetParam();
  auto loaded = LoadText(c.yaml);
  ExpectDiagnostics(loaded.diagnostics, c.diagnostics);
}

std::string CaseName(const ::testing::TestParamInfo<ShapeCase>& info) {
  return std::string(info.param.name);
}

INSTANTIATE_TEST_SUITE_P(
    Keys, ShapeDiagnostics,
    ::testing::Values(
        ShapeCase{"UnknownKeySuggestsTheNearest",
                  Nodes("  - {id: a, points: 10, caps: 5, score: points}\n"),
                  {"3:25: unknown key `caps` (did you mean `cap`?)"}},
        ShapeCase{"UnknownKeyListsTheAllowedKeys",
                  Nodes("  - id: b\n    kind: bonus\n    rules:\n      - {when: x, author: me}\n"),
                  {"6:19: unknown key `author` in a rule (allowed: when, points, reason, cap)"}},
        ShapeCase{"UnknownTopLevelKey",
                  "scheme: s\nindicator:\n  - {id: a, score: 1}\n",
                  {"1:1: the rule file needs `indicators:`",
                   "2:1: unknown key `indicator` (did you mean `indicators`?)"}},
        ShapeCase{"MetaIsFree",
                  Nodes("  - id: a\n    score: 1\n    meta: {caps: 1, any: [1, {x: y}], x: 1}\n"),
                  {}},
        ShapeCase{"MetaIsAMapping",
                  Nodes("  - id: a\n    score: 1\n    meta: notes\n"),
                  {"5:11: `meta` must be a mapping (free notes), got `notes`"}},
        ShapeCase{"RepeatedKeyAtItsSecondPlace",
                  Nodes("  - id: a\n    points: 10\n    score: points\n    points: 20\n"),
                  {"6:5: repeated key `points` (first at line 4)"}},
        ShapeCase{"KeyThatIsNotAName",
                  Nodes("  - id: a\n    score: 1\n    ? [k]\n    : 2\n"),
                  {"5:7: a key must be a name, got a list"}},
        ShapeCase{"ErrorsInSeveralPlacesAreAllReported",
                  Nodes("  - {id: a, points: x, score: 1}\n  - {id: b, caps: 1, score: 1}\n"),
                  {"3:21: `points` must be a number, got `x`",
                   "4:13: unknown key `caps` (did you mean `cap`?)"}}),
    CaseName);

INSTANTIATE_TEST_SUITE_P(
    Numbers, ShapeDiagnostics,
    ::testing::Values(
        ShapeCase{"PointsNotANumber",
                  Nodes("  - {id: a, points: abc, score: points}\n"),
                  {"3:21: `points` must be a number, got `abc`"}},
        ShapeCase{"PointsNotAPercentage",
                  Nodes("  - {id: a, points: 12%, score: points}\n"),
                  {"3:21: `points` must be a plain number, not a percentage: got `12%`"}},
        ShapeCase{"QuotedNumberIsText",
                  Nodes("  - {id: a, points: \"40\", score: points}\n"),
                  {"3:21: `points` must be a number, got the quoted text `40`"}},
        ShapeCase{"WeightPercentAndCapNone",
                  Nodes("  - {id: a, weight: 12.5%, cap: none, floor: -1, score: 1}\n"),
                  {}},
        ShapeCase{"CapNotANumber",
                  Nodes("  - {id: a, cap: nothing, score: 1}\n"),
                  {"3:18: `cap` must be a number, got `nothing`"}},
        ShapeCase{"DigitsOutOfRange",
                  WithIndicator("rounding: {digits: 16}\n"),
                  {"4:20: `digits` must be a whole number from 0 to 15, got `16`"}},
        ShapeCase{"DigitsNotWhole",
                  WithIndicator("rounding: {digits: 2.5}\n"),
                  {"4:20: `digits` must be a whole number from 0 to 15, got `2.5`"}},
        ShapeCase{"LevelMinNotAPercentage",
                  WithIndicator("grades:\n  levels:\n    - {min: 90%}\n"),
                  {"6:5: a grade level needs a `name`",
                   "6:13: `min` must be a plain number, not a percentage: got `90%`"}}),
    CaseName);

INSTANTIATE_TEST_SUITE_P(
    Enumerations, ShapeDiagnostics,
    ::testing::Values(
        ShapeCase{"KindIsBonusOrDeduction",
                  Nodes("  - {id: a, kind: leaf, score: 1}\n"),
                  {"3:19: `kind` must be `bonus` or `deduction`, got `leaf`"}},
        ShapeCase{"OnMissing",
                  Nodes("  - {id: a, score: 1, on_missing: sometimes}\n"),
                  {"3:35: `on_missing` must be one of `error`, `zero`, `full`, `exclude`, got "
                   "`sometimes`"}},
        ShapeCase{"InputType",
                  WithIndicator("inputs:\n  x: {type: float}\n"),
                  {"5:13: `type` must be one of `number`, `integer`, `boolean`, `text`, `list`, "
                   "got `float`"}},
        ShapeCase{"RequiredIsTrueOrFalse",
                  WithIndicator("inputs:\n  x: {required: yes}\n"),
                  {"5:17: `required` must be `true` or `false`, got `yes`"}},
        ShapeCase{"StageSuggestsTheNearest",
                  WithIndicator("rounding: {digits: 2, stage: outptu}\n"),
                  {"4:30: `stage` must be `each` or `output`, got `outptu` (did you mean "
                   "`output`?)"}},
        ShapeCase{"TiesAndQuotaRounding",
                  WithIndicator("grades:\n  levels: [{name: a}]\n  ties: sometimes\n"
                                "  quota_rounding: up\n"),
                  {"6:9: `ties` must be `demote` or `admit`, got `sometimes`",
                   "7:19: `quota_rounding` must be `floor` or `nearest`, got `up`"}}),
    CaseName);

INSTANTIATE_TEST_SUITE_P(
    Nodes, ShapeDiagnostics,
    ::testing::Values(
        ShapeCase{"BonusTakesNoPointsOrScore",
                  Nodes("  - id: b\n    kind: bonus\n    points: 5\n    score: 1\n    weight: 1\n"
                        "    rules: []\n"),
                  {"5:5: a `bonus` indicator takes no `points`",
                   "6:5: a `bonus` indicator takes no `score`: its amount comes from its `rules`",
                   "7:5: a `bonus` indicator takes no `weight`"}},
        ShapeCase{"DeductionNeedsRules",
                  Nodes("  - {id: d, kind: deduction, cap: 3}\n"),
                  {"3:3: indicator `d` (`kind: deduction`) needs `rules`"}},
        ShapeCase{"RulesNeedAKind",
                  Nodes("  - {id: a, score: 1, rules: []}\n"),
                  {"3:23: unknown key `rules`: only a `kind: bonus` or `kind: deduction` "
                   "indicator has `rules`"}},
        ShapeCase{"ScoreAndChildren",
                  Nodes("  - id: g\n    score: 1\n    children:\n      - {id: c, score: 1}\n"),
                  {"5:5: indicator `g` has both `score` and `children`"}},
        ShapeCase{"NeitherScoreNorChildren",
                  Nodes("  - {id: a, points: 10}\n"),
                  {"3:3: indicator `a` needs a `score` or `children`"}},
        ShapeCase{"NodeNeedsAnId", Nodes("  - {score: 1}\n"), {"3:3: an indicator needs an `id`"}},
        ShapeCase{"NodeIsAMapping",
                  Nodes("  - gdp\n"),
                  {"3:5: an indicator must be a mapping, got `gdp`"}},
        ShapeCase{"ScoreIsAScalar",
                  Nodes("  - id: a\n    score: [a, b]\n"),
                  {"4:12: `score` must be an expression (one YAML scalar), got a list (quote an "
                   "expression that starts with `[`)"}},
        ShapeCase{"ScoreIsEmpty",
                  Nodes("  - id: a\n    score:\n"),
                  {"4:5: `score` is empty: it needs an expression"}},
        ShapeCase{"IndicatorsNeedOne",
                  "scheme: s\nindicators: []\n",
                  {"2:1: `indicators` needs at least one indicator"}},
        ShapeCase{"IndicatorsAreAList",
                  "scheme: s\nindicators: {a: 1}\n",
                  {"2:13: `indicators` must be a list, got a mapping"}},
        ShapeCase{"SchemeAndIndicatorsAreRequired",
                  "title: x\n",
                  {"1:1: the rule file needs `scheme:`", "1:1: the rule file needs `indicators:`"}},
        ShapeCase{"VetoNeedsWhen",
                  WithIndicator("vetoes:\n  - {id: v, grades: poor}\n"),
                  {"5:3: veto `v` needs a `when`",
                   "5:13: unknown key `grades` (did you mean `grade`?)"}}),
    CaseName);

INSTANTIATE_TEST_SUITE_P(
    Sections, ShapeDiagnostics,
    ::testing::Values(
        ShapeCase{"InputIsAMapping",
                  WithIndicator("inputs:\n  x: number\n"),
                  {"5:6: input `x` must be a mapping such as `{type: number}`, got `number`"}},
        ShapeCase{"InputKeyTypo",
                  WithIndicator("inputs:\n  x: {type: number, colum: c}\n"),
                  {"5:21: unknown key `colum` (did you mean `column`?)"}},
        ShapeCase{"ValuesAreTexts",
                  WithIndicator("inputs:\n  x: {type: text, values: [a, [b]]}\n"),
                  {"5:31: each of `values` must be a text, got a list"}},
        ShapeCase{"ParamListOfNumbers",
                  WithIndicator("params:\n  l: [1, x, 3]\n"),
                  {"5:10: element 2 of param `l` must be a number, got `x`"}},
        ShapeCase{"ParamTableOfNumbers",
                  WithIndicator("params:\n  t: {A: 1, B: high}\n"),
                  {"5:16: the value of `B` in param `t` must be a number, got `high`"}},
        ShapeCase{
            "ParamNeedsAValue", WithIndicator("params:\n  p:\n"), {"5:3: param `p` has no value"}},
        ShapeCase{"TieBreakIsAList",
                  WithIndicator("grades:\n  levels: [{name: a}]\n  tie_break: economy\n"),
                  {"6:14: `tie_break` must be a list, got `economy`"}},
        ShapeCase{"PeersIsAText",
                  WithIndicator("peers: [a]\n"),
                  {"4:8: `peers` must be a text, got a list"}},
        ShapeCase{
            "UnitIsAText", WithIndicator("unit:\n"), {"4:1: `unit` must be a text, got nothing"}},
        ShapeCase{"EmptyTitlesAreFine", WithIndicator("title:\ndescription:\nversion:\n"), {}},
        ShapeCase{"TestShapes",
                  WithIndicator("tests:\n  - units: {unit: S1}\n    expect:\n      S1: 90\n"),
                  {"5:3: a test needs a `name`", "5:12: `units` must be a list, got a mapping",
                   "7:11: the expectation for `S1` must be a mapping"}},
        ShapeCase{"TestUnitIsAMapping",
                  WithIndicator("tests:\n  - name: t\n    units: [S1]\n"),
                  {"6:13: a test unit must be a mapping of fields"}}),
    CaseName);

INSTANTIATE_TEST_SUITE_P(
    Syntax, ShapeDiagnostics,
    ::testing::Values(ShapeCase{"UnclosedFlowSequence",
                                "scheme: s\nindicators: [1, 2\nb: 3\n",
                                {"3:2: YAML syntax error: a `[` is not closed by `]`"}},
                      ShapeCase{
                          "SecondDocument",
                          WithIndicator("---\nfoo: 1\n"),
                          {"5:1: a rule file is one YAML document, but a second one starts here"}},
                      ShapeCase{"ColonInAPlainValue",
                                Nodes("  - id: a\n    score: a: b\n"),
                                {"4:13: YAML syntax error: a `: ` where it cannot be"}}),
    CaseName);

// rule-language §8: in a flow mapping a comma ends a plain value.
INSTANTIATE_TEST_SUITE_P(
    CommaCut, ShapeDiagnostics,
    ::testing::Values(
        ShapeCase{"ExpressionCutOnceAtTheComma",
                  Nodes("  - {id: a, points: 50, score: points * min(x / t, 1.2)}\n"),
                  {"3:50: the expression `points * min(x / t` was cut at this comma: in a flow "
                   "mapping `{...}` a comma ends the value; quote the expression: "
                   "'points * min(x / t, 1.2)'"}},
        ShapeCase{"ExpressionCutTwice",
                  Nodes("  - {id: a, score: clamp(x, 0, 1), cap: 5}\n"),
                  {"3:27: the expression `clamp(x` was cut at this comma: in a flow mapping "
                   "`{...}` a comma ends the value; quote the expression: 'clamp(x, 0, 1)'"}},
        ShapeCase{"RuleExpressionCut",
                  Nodes("  - id: b\n    kind: bonus\n    rules:\n"
                        "      - {when: x > 0, points: min(x, 3)}\n"),
                  {"6:36: the expression `min(x` was cut at this comma"}},
        ShapeCase{"TextCut",
                  Nodes("  - {id: a, title: Hello, world, score: 1}\n"),
                  {"3:25: the value of `title` was cut at this comma (to `Hello`): in a flow "
                   "mapping `{...}` a comma ends the value; quote the value: 'Hello, world'"}},
        ShapeCase{"QuotedExpressionIsFine",
                  Nodes("  - {id: a, points: 50, score: 'points * min(x / t, 1.2)'}\n"),
                  {}},
        ShapeCase{"BlockMappingHasNoCut", Nodes("  - id: a\n    score: min(x, 1.2)\n"), {}}),
    CaseName);

TEST(CommaCut, GoesOnWithTheWholeExpression) {
  auto loaded = LoadText(Nodes("  - {id: a, points: 50, score: points * min(x / t, 1.2)}\n"));
  ASSERT_TRUE(loaded.decl.has_value());
  const NodeDecl& a = loaded.decl->indicators[0];
  ASSERT_TRUE(a.score.has_value());
  EXPECT_EQ(a.score->text, "points * min(x / t, 1.2)");
  EXPECT_EQ(a.score->pos, (SourcePos{3, 32}));
  EXPECT_EQ(a.score->PosAt(20), (SourcePos{3, 52}));  // the `1` of 1.2
  EXPECT_EQ(a.kind, NodeKind::kLeaf);
  EXPECT_EQ(a.points->value, 50.0);
}

}  // namespace
}  // namespace assess::load
