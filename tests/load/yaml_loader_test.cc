// The loader's result on valid files: every field of SchemeDecl, and the positions of
// expressions (rule-language §3-§9).
#include "load/yaml_loader.h"

#include <gtest/gtest.h>

#include "load/load_test_util.h"

namespace assess::load {
namespace {

using testing::ExpectDiagnostics;
using testing::LoadText;

constexpr std::string_view kDistrict = R"yaml(scheme: district_2024
title: District assessment
version: 1.0
unit: 单位
peers: type
inputs:
  gdp_growth: {type: number, min: -50, max: 100, title: "GDP growth (%)"}
  party_grade: {type: text, values: [A, B, C, D]}
  raters: {type: list}
  incidents: {type: integer, min: 0, default: 0}
  award: {type: boolean, default: false}
  type: {type: text, values: [street, department], column: "单位类别"}
  survey: {type: number, required: false}
params:
  target: 8%
  strict: true
  label: "12"
  region: north
  thresholds: [1, 2.5, 3%]
  party_scores: {A: 1, B: 0.8}
total: {points: 100, cap: none, floor: 0}
indicators:
  - id: economy
    title: Economic development
    points: 40
    meta: {owner: 统计局, tags: [a, b], nested: {x: [1, {y: 2}]}, anything: goes}
    children:
      - id: gdp
        weight: 12.5%
        value: gdp_growth / gdp_target
        score: points * min(value, 1.2)
        cap: 18
        on_missing: zero
      - id: investment
        weight: 87.5%
        when: type != "department"
        score: points * ramp(fixed_investment, 0, investment_target)
  - id: party
    points: 30
    score: lookup(party_grade, party_scores, 0.3) * points
  - id: bonus
    kind: bonus
    cap: 5
    rules:
      - {when: national_awards > 0, points: 3 * national_awards, reason: "national commendation", cap: 3}
      - {when: award, points: 1}
vetoes:
  - {id: safety, when: major_accidents > 0, reason: "major safety accident", grade: poor, cap: 60}
  - {id: excellence, when: complaints > 3, max_grade: good}
grades:
  levels:
    - {name: excellent, min: 90, quota: 20%}
    - {name: good, min: 80}
    - {name: poor}
  tie_break: [economy, party]
  ties: admit
  quota_rounding: nearest
rounding: {digits: 3, stage: output}
tests:
  - name: a street on target
    units:
      - {unit: S1, type: street, gdp_growth: 8.4, note: "8", survey: ~, raters: [90, 85], extra: {k: v}}
    expect:
      S1: {total: 96.5, grade: excellent, gdp: 15.75}
      S2: {error: "gdp_growth"}
)yaml";

class DistrictScheme : public ::testing::Test {
 protected:
  void SetUp() override {
    loaded_ = LoadText(kDistrict);
    ExpectDiagnostics(loaded_.diagnostics, {});
    ASSERT_TRUE(loaded_.decl.has_value());
  }
  const SchemeDecl& decl() const { return *loaded_.decl; }
  testing::Loaded loaded_;
};

TEST_F(DistrictScheme, ReadsTheTopLevel) {
  EXPECT_EQ(decl().id, "district_2024");
  EXPECT_EQ(decl().pos, (SourcePos{1, 9}));
  EXPECT_EQ(decl().title, "District assessment");
  EXPECT_EQ(decl().version, "1.0");
  EXPECT_EQ(decl().unit_column, "单位");
  EXPECT_EQ(decl().peers, "type");
  EXPECT_EQ(decl().peers_pos, (SourcePos{5, 8}));
}

TEST_F(DistrictScheme, ReadsInputsInFileOrder) {
  const auto& in = decl().inputs;
  ASSERT_EQ(in.size(), 7u);
  EXPECT_EQ(in[0].name, "gdp_growth");
  EXPECT_EQ(in[0].pos, (SourcePos{7, 3}));
  EXPECT_EQ(in[0].type, InputType::kNumber);
  EXPECT_EQ(in[0].title, "GDP growth (%)");
  ASSERT_TRUE(in[0].min && in[0].max);
  EXPECT_EQ(in[0].min->text, "-50");
  EXPECT_EQ(in[0].min->value, -50.0);
  EXPECT_EQ(in[0].max->value, 100.0);
  EXPECT_EQ(in[0].column, "gdp_growth");  // the name when no column is given
  EXPECT_FALSE(in[0].required.has_value());
  EXPECT_EQ(in[1].values, (std::vector<std::string>{"A", "B", "C", "D"}));
  EXPECT_EQ(in[1].values_pos, (SourcePos{8, 37}));
  EXPECT_EQ(in[2].type, InputType::kList);
  EXPECT_EQ(in[3].type, InputType::kInteger);
  ASSERT_TRUE(in[3].default_value.has_value());
  EXPECT_EQ(in[3].default_value->kind, LiteralValue::Kind::kScalar);
  EXPECT_EQ(in[3].default_value->scalar, "0");
  EXPECT_FALSE(in[3].default_value->quoted);
  EXPECT_EQ(in[4].type, InputType::kBoolean);
  EXPECT_EQ(in[4].default_value->scalar, "false");
  EXPECT_EQ(in[5].column, "单位类别");
  EXPECT_EQ(in[6].required, false);
}

TEST_F(DistrictScheme, ReadsParamsByTheShapeOfTheirValue) {
  const auto& p = decl().params;
  ASSERT_EQ(p.size(), 6u);
  EXPECT_EQ(p[0].kind, ParamDecl::Kind::kNumber);
  EXPECT_TRUE(p[0].number.percent);
  EXPECT_EQ(p[0].number.text, "8%");
  EXPECT_EQ(p[0].number.value, 0.08);
  EXPECT_EQ(p[0].number.decimal, *Decimal::Parse("0.08"));
  EXPECT_EQ(p[1].kind, ParamDecl::Kind::kBool);
  EXPECT_TRUE(p[1].bool_value);
  EXPECT_EQ(p[2].kind, ParamDecl::Kind::kText);  // quoted: never a number
  EXPECT_EQ(p[2].text, "12");
  EXPECT_EQ(p[3].kind, ParamDecl::Kind::kText);
  EXPECT_EQ(p[3].text, "north");
  EXPECT_EQ(p[4].kind, ParamDecl::Kind::kList);
  ASSERT_EQ(p[4].list.size(), 3u);
  EXPECT_EQ(p[4].list[1].value, 2.5);
  EXPECT_EQ(p[4].list[2].value, 0.03);
  EXPECT_EQ(p[5].kind, ParamDecl::Kind::kTable);
  ASSERT_EQ(p[5].table.size(), 2u);
  EXPECT_EQ(p[5].table[0].first, "A");
  EXPECT_EQ(p[5].table[1].first, "B");
  EXPECT_EQ(p[5].table[1].second.value, 0.8);
  EXPECT_EQ(p[5].value_pos, (SourcePos{20, 17}));
}

TEST_F(DistrictScheme, ReadsTotal) {
  ASSERT_TRUE(decl().total.points.has_value());
  EXPECT_EQ(decl().total.points->value, 100.0);
  EXPECT_TRUE(decl().total.cap_none);
  EXPECT_FALSE(decl().total.cap.has_value());
  EXPECT_EQ(decl().total.floor->value, 0.0);
}

TEST_F(DistrictScheme, ReadsTheIndicatorTree) {
  const auto& nodes = decl().indicators;
  ASSERT_EQ(nodes.size(), 3u);
  const NodeDecl& economy = nodes[0];
  EXPECT_EQ(economy.id, "economy");
  EXPECT_EQ(economy.pos, (SourcePos{23, 3}));  // its `-`
  EXPECT_EQ(economy.id_pos, (SourcePos{23, 9}));
  EXPECT_EQ(economy.kind, NodeKind::kGroup);
  EXPECT_TRUE(economy.has_children);
  EXPECT_EQ(economy.points->text, "40");
  ASSERT_EQ(economy.children.size(), 2u);

  const NodeDecl& gdp = economy.children[0];
  EXPECT_EQ(gdp.kind, NodeKind::kLeaf);
  EXPECT_EQ(gdp.pos, (SourcePos{28, 7}));
  ASSERT_TRUE(gdp.weight && gdp.value && gdp.score && gdp.cap);
  EXPECT_TRUE(gdp.weight->percent);
  EXPECT_EQ(gdp.weight->value, 0.125);
  EXPECT_EQ(gdp.weight->decimal, *Decimal::Parse("0.125"));
  EXPECT_EQ(gdp.value->text, "gdp_growth / gdp_target");
  EXPECT_EQ(gdp.value->pos, (SourcePos{30, 16}));
  EXPECT_EQ(gdp.score->text, "points * min(value, 1.2)");
  EXPECT_EQ(gdp.cap->value, 18.0);
  EXPECT_EQ(gdp.cap_pos, (SourcePos{32, 14}));
  EXPECT_FALSE(gdp.cap_none);
  EXPECT_EQ(gdp.on_missing, OnMissing::kZero);

  const NodeDecl& investment = economy.children[1];
  ASSERT_TRUE(investment.when.has_value());
  EXPECT_EQ(investment.when->text, "type != \"department\"");
  EXPECT_FALSE(investment.on_missing.has_value());

  const NodeDecl& bonus = nodes[2];
  EXPECT_EQ(bonus.kind, NodeKind::kBonus);
  EXPECT_EQ(bonus.kind_pos, (SourcePos{42, 11}));
  EXPECT_TRUE(bonus.has_rules);
  EXPECT_EQ(bonus.cap->value, 5.0);
  ASSERT_EQ(bonus.rules.size(), 2u);
  EXPECT_EQ(bonus.rules[0].pos, (SourcePos{45, 7}));
  EXPECT_EQ(bonus.rules[0].when->text, "national_awards > 0");
  EXPECT_EQ(bonus.rules[0].points->text, "3 * national_awards");
  EXPECT_EQ(bonus.rules[0].reason, "national commendation");
  EXPECT_EQ(bonus.rules[0].cap->value, 3.0);
  EXPECT_FALSE(bonus.rules[1].reason.has_value());
  EXPECT_FALSE(bonus.rules[1].cap.has_value());
}

TEST_F(DistrictScheme, ReadsVetoesGradesAndRounding) {
  const auto& v = decl().vetoes;
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].id, "safety");
  EXPECT_EQ(v[0].when->text, "major_accidents > 0");
  EXPECT_EQ(v[0].grade, "poor");
  EXPECT_EQ(v[0].cap->value, 60.0);
  EXPECT_EQ(v[1].max_grade, "good");
  EXPECT_FALSE(v[1].grade.has_value());

  ASSERT_TRUE(decl().grades.has_value());
  const GradesDecl& g = *decl().grades;
  ASSERT_EQ(g.levels.size(), 3u);
  EXPECT_EQ(g.levels[0].name, "excellent");
  EXPECT_EQ(g.levels[0].quota->value, 0.2);
  EXPECT_TRUE(g.levels[0].quota->percent);
  EXPECT_EQ(g.levels[1].min->value, 80.0);
  EXPECT_FALSE(g.levels[2].min.has_value());
  ASSERT_EQ(g.tie_break.size(), 2u);
  EXPECT_EQ(g.tie_break[0], (std::pair<std::string, SourcePos>{"economy", {55, 15}}));
  EXPECT_EQ(g.tie_break[1].first, "party");
  EXPECT_TRUE(g.ties_admit);
  EXPECT_TRUE(g.quota_nearest);

  EXPECT_EQ(decl().rounding.digits, 3);
  EXPECT_FALSE(decl().rounding.stage_each);
}

TEST_F(DistrictScheme, ReadsTestsAsLiteralValues) {
  ASSERT_EQ(decl().tests.size(), 1u);
  const TestDecl& t = decl().tests[0];
  EXPECT_EQ(t.name, "a street on target");
  ASSERT_EQ(t.units.size(), 1u);
  const auto& f = t.units[0].fields;
  ASSERT_EQ(f.size(), 7u);
  EXPECT_EQ(f[0].first, "unit");
  EXPECT_EQ(f[0].second.scalar, "S1");
  EXPECT_EQ(f[3].first, "note");
  EXPECT_TRUE(f[3].second.quoted);
  EXPECT_EQ(f[3].second.scalar, "8");
  EXPECT_FALSE(f[2].second.quoted);
  EXPECT_EQ(f[4].second.kind, LiteralValue::Kind::kNull);
  EXPECT_EQ(f[5].second.kind, LiteralValue::Kind::kSequence);
  ASSERT_EQ(f[5].second.items.size(), 2u);
  EXPECT_EQ(f[5].second.items[1].scalar, "85");
  EXPECT_EQ(f[6].second.kind, LiteralValue::Kind::kMap);
  ASSERT_EQ(f[6].second.entries.size(), 1u);
  EXPECT_EQ(f[6].second.entries[0].first, "k");
  ASSERT_EQ(t.expect.size(), 2u);
  EXPECT_EQ(t.expect[0].unit, "S1");
  EXPECT_EQ(t.expect[0].pos, (SourcePos{64, 7}));
  ASSERT_EQ(t.expect[0].fields.size(), 3u);
  EXPECT_EQ(t.expect[0].fields[2].first, "gdp");
  EXPECT_EQ(t.expect[0].fields[2].second.scalar, "15.75");
  EXPECT_EQ(t.expect[1].fields[0].second.scalar, "gdp_growth");
  EXPECT_TRUE(t.expect[1].fields[0].second.quoted);
}

TEST(LoadYaml, DefaultsWhenOptionalSectionsAreAbsent) {
  auto loaded = LoadText("scheme: s\nindicators:\n  - {id: a, points: 10, score: points}\n");
  ExpectDiagnostics(loaded.diagnostics, {});
  ASSERT_TRUE(loaded.decl.has_value());
  EXPECT_EQ(loaded.decl->unit_column, "unit");
  EXPECT_FALSE(loaded.decl->peers.has_value());
  EXPECT_EQ(loaded.decl->rounding.digits, 2);
  EXPECT_TRUE(loaded.decl->rounding.stage_each);
  EXPECT_FALSE(loaded.decl->grades.has_value());
  EXPECT_TRUE(loaded.decl->inputs.empty());
}

TEST(LoadYaml, SkipsAByteOrderMark) {
  auto loaded = LoadText("\xEF\xBB\xBFscheme: s\nindicators:\n  - {id: a, score: 1}\n");
  ExpectDiagnostics(loaded.diagnostics, {});
  ASSERT_TRUE(loaded.decl.has_value());
  EXPECT_EQ(loaded.decl->pos, (SourcePos{1, 9}));
}

TEST(LoadYaml, ReadsWindowsLineEnds) {
  auto loaded = LoadText("scheme: s\r\nindicators:\r\n  - id: a\r\n    score: x + 1\r\n");
  ExpectDiagnostics(loaded.diagnostics, {});
  ASSERT_TRUE(loaded.decl.has_value());
  EXPECT_EQ(loaded.decl->indicators[0].score->text, "x + 1");
  EXPECT_EQ(loaded.decl->indicators[0].score->PosAt(4), (SourcePos{4, 16}));
}

// Positions inside expressions: each byte of the parsed text points at its character.
struct ExprCase {
  std::string_view name;
  std::string_view yaml;  // its indicator `a` has the score under test
  std::string_view text;  // the score as parsed
  SourcePos pos;          // its first character
  uint32_t offset;        // a byte of the text...
  SourcePos offset_pos;   // ...and its place
};

class ExpressionPositions : public ::testing::TestWithParam<ExprCase> {};

TEST_P(ExpressionPositions, PointIntoTheFile) {
  const ExprCase& c = GetParam();
  auto loaded = LoadText(c.yaml);
  ExpectDiagnostics(loaded.diagnostics, {});
  ASSERT_TRUE(loaded.decl.has_value());
  ASSERT_TRUE(loaded.decl->indicators[0].score.has_value());
  const ExprSource& score = *loaded.decl->indicators[0].score;
  EXPECT_EQ(score.text, c.text);
  EXPECT_EQ(score.pos, c.pos);
  ASSERT_EQ(score.byte_pos.size(), score.text.size() + 1);
  EXPECT_EQ(score.PosAt(c.offset), c.offset_pos);
}

INSTANTIATE_TEST_SUITE_P(
    Scalars, ExpressionPositions,
    ::testing::Values(
        ExprCase{"SingleQuotedInFlowMapping",
                 "scheme: s\nindicators:\n  - {id: a, score: 'points * x'}\n",
                 "points * x",
                 {3, 21},
                 9,
                 {3, 30}},
        ExprCase{"ChineseTextBeforeOnTheLine",
                 "scheme: s\nindicators:\n  - {id: a, title: 国内生产总值, score: points * x}\n",
                 "points * x",
                 {3, 35},
                 9,
                 {3, 44}},
        // "lookup(g, {\"A\": 1}) + x": the escaped quote maps to its backslash.
        ExprCase{
            "DoubleQuotedWithEscapes",
            "scheme: s\nindicators:\n  - id: a\n    score: \"lookup(g, {\\\"A\\\": 1}) + x\"\n",
            "lookup(g, {\"A\": 1}) + x",
            {4, 13},
            22,
            {4, 37}},
        ExprCase{
            "DoubleQuotedEscapedQuoteItself",
            "scheme: s\nindicators:\n  - id: a\n    score: \"lookup(g, {\\\"A\\\": 1}) + x\"\n",
            "lookup(g, {\"A\": 1}) + x",
            {4, 13},
            11,
            {4, 24}},
        ExprCase{
            "FoldedOverLines",
            "scheme: s\nindicators:\n  - id: a\n    score: >\n      points *\n      min(x, 1)\n",
            "points * min(x, 1)\n",
            {5, 7},
            13,
            {6, 11}},
        ExprCase{
            "LiteralBlock",
            "scheme: s\nindicators:\n  - id: a\n    score: |\n      if x then\n        1 else 2\n",
            "if x then\n  1 else 2\n",
            {5, 7},
            12,
            {6, 9}},
        ExprCase{"PlainOverLines",
                 "scheme: s\nindicators:\n  - id: a\n    score: points *\n      min(x, 1)\n",
                 "points * min(x, 1)",
                 {4, 12},
                 13,
                 {5, 11}},
        ExprCase{"NumberScalar",
                 "scheme: s\nindicators:\n  - {id: a, score: 50}\n",
                 "50",
                 {3, 20},
                 2,
                 {3, 22}},
        ExprCase{"WithAnchor",
                 "scheme: s\nindicators:\n  - {id: a, score: &s x + 1}\n",
                 "x + 1",
                 {3, 23},
                 4,
                 {3, 27}}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace assess::load
