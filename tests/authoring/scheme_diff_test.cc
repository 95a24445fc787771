// DiffSchemes and DiffResults: what `assess diff` reports between two schemes, by meaning.
#include "authoring/scheme_diff.h"

#include <gtest/gtest.h>

#include <string>

#include "assess/batch.h"
#include "assess/evaluate.h"
#include "authoring/results_diff.h"

namespace assess::authoring {
namespace {

constexpr const char* kOld = R"(scheme: s
title: 考核
inputs:
  x: {type: number}
  t: {type: text, values: [a, b]}
params:
  limit: 1.2
  table: {A: 1, B: 0.9}
indicators:
  - id: g
    title: 经济
    children:
      - {id: a, points: 10, score: 'points * min(x / 10, limit)', cap: 12}
      - {id: b, points: 10, score: x}
  - id: bonus
    kind: bonus
    cap: 3
    rules:
      - {when: x > 5, points: 1, reason: "big"}
vetoes:
  - {id: v, when: x > 100, reason: "too big", cap: 60}
grades:
  levels: [{name: top, min: 15, quota: 50%}, {name: rest}]
)";

Scheme Load(const std::string& text) {
  Expected<Scheme> s = Scheme::LoadText(text, "t.yaml");
  if (!s) ADD_FAILURE() << s.error().message;
  return std::move(*s);
}

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

std::vector<Change> Diff(const std::string& a, const std::string& b) {
  return DiffSchemes(Load(a).Outline(), Load(b).Outline());
}

// The one change a test expects, found by subject and field.
const Change* Find(const std::vector<Change>& changes, const std::string& subject,
                   const std::string& field) {
  for (const Change& c : changes) {
    if (c.subject == subject && c.field == field) return &c;
  }
  return nullptr;
}

TEST(SchemeDiff, LayoutCommentsKeyOrderAndFormulaSpacingAreNoChange) {
  std::string b =
      Replace(kOld, "score: 'points * min(x / 10, limit)'", "score: '(points)*min( x/10 ,limit )'");
  b = Replace(b, "  x: {type: number}\n  t: {type: text, values: [a, b]}",
              "  t: {values: [a, b], type: text}   # reordered\n  x:\n    type: number");
  EXPECT_TRUE(Diff(kOld, b).empty());
}

TEST(SchemeDiff, AFormulaThatParsesDifferentlyIsAChange) {
  const std::string b = Replace(kOld, "score: x}", "score: x * 1}");
  const std::vector<Change> changes = Diff(kOld, b);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].subject, "indicator b");
  EXPECT_EQ(changes[0].field, "score");
  EXPECT_EQ(changes[0].old_value, "x");
  EXPECT_EQ(changes[0].new_value, "x * 1");
  EXPECT_TRUE(changes[0].affects_results);
}

TEST(SchemeDiff, ATitleIsListedButDoesNotChangeResults) {
  const std::vector<Change> changes = Diff(kOld, Replace(kOld, "title: 经济", "title: 经济发展"));
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].field, "title");
  EXPECT_EQ(changes[0].old_value, "经济");
  EXPECT_FALSE(changes[0].affects_results);
}

TEST(SchemeDiff, PointsParamsCapsRulesVetoesAndQuotas) {
  std::string b = Replace(kOld, "limit: 1.2", "limit: 1.15");
  b = Replace(b, "cap: 12}", "cap: 11.5}");
  b = Replace(b, "{when: x > 5, points: 1,", "{when: x > 6, points: 1,");
  b = Replace(b, "reason: \"too big\", cap: 60", "reason: \"too big\", cap: 50");
  b = Replace(b, "quota: 50%", "quota: 40%");
  b = Replace(b, "score: x}", "score: x, when: t == \"a\"}");
  const std::vector<Change> changes = Diff(kOld, b);
  const Change* limit = Find(changes, "param limit", "value");
  ASSERT_NE(limit, nullptr);
  EXPECT_EQ(limit->old_value, "1.2");
  EXPECT_EQ(limit->new_value, "1.15");
  ASSERT_NE(Find(changes, "indicator a", "cap"), nullptr);
  EXPECT_EQ(Find(changes, "indicator a", "cap")->new_value, "11.5");
  ASSERT_NE(Find(changes, "indicator bonus", "rule 1 when"), nullptr);
  EXPECT_EQ(Find(changes, "indicator bonus", "rule 1 when")->new_value, "x > 6");
  ASSERT_NE(Find(changes, "veto v", "cap"), nullptr);
  ASSERT_NE(Find(changes, "level top", "quota"), nullptr);
  EXPECT_EQ(Find(changes, "level top", "quota")->old_value, "0.5");
  ASSERT_NE(Find(changes, "indicator b", "when"), nullptr);
  EXPECT_EQ(changes.size(), 6u);
}

TEST(SchemeDiff, WeightsShowAsThePointsTheyGive) {
  // Two children by weight: a weight of 3 instead of 1 moves the points from 10 / 10 to
  // 15 / 5 (group of 20).
  const std::string a = R"(scheme: w
inputs: {x: {type: number}}
indicators:
  - id: g
    points: 20
    children:
      - {id: a, weight: 1, score: x}
      - {id: b, weight: 1, score: x}
)";
  const std::vector<Change> changes = Diff(a, Replace(a, "{id: a, weight: 1", "{id: a, weight: 3"));
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].subject, "indicator a");
  EXPECT_EQ(changes[0].old_value, "10");
  EXPECT_EQ(changes[0].new_value, "15");
  EXPECT_EQ(changes[1].subject, "indicator b");
  EXPECT_EQ(changes[1].new_value, "5");
}

TEST(SchemeDiff, AddedRemovedAndMovedIndicators) {
  std::string b = Replace(kOld, "      - {id: b, points: 10, score: x}\n", "");
  b = Replace(
      b, "  - id: bonus\n",
      "  - {id: b, points: 10, score: x}\n  - {id: c, points: 5, score: x}\n  - id: bonus\n");
  const std::vector<Change> changes = Diff(kOld, b);
  const auto has = [&](Change::Kind kind, const std::string& subject) {
    for (const Change& c : changes) {
      if (c.kind == kind && c.subject == subject) return true;
    }
    return false;
  };
  EXPECT_TRUE(has(Change::Kind::kMoved, "indicator b"));
  EXPECT_TRUE(has(Change::Kind::kAdded, "indicator c"));
  const Change* g = Find(changes, "indicator g", "points");  // 20 -> 10: b left it
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(g->old_value, "20");
  EXPECT_EQ(g->new_value, "10");
  EXPECT_TRUE(has(Change::Kind::kRemoved, "indicator c") == false);
  const std::vector<Change> back = Diff(b, kOld);
  bool removed = false;
  for (const Change& c : back)
    removed |= c.kind == Change::Kind::kRemoved && c.subject == "indicator c";
  EXPECT_TRUE(removed);
}

TEST(CanonicalExpression, IsTheSameForTheSameTreeWhateverTheSpacing) {
  const Expected<std::string> a = Scheme::CanonicalExpression("points * min(x / 10, 1.2)");
  const Expected<std::string> b = Scheme::CanonicalExpression("(points)*min( (x/10) , 1.2 )");
  const Expected<std::string> c = Scheme::CanonicalExpression("points * min(x, 1.2) / 10");
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(*a, *b);
  EXPECT_NE(*a, *c);
  EXPECT_EQ(*Scheme::CanonicalExpression("8%"), *Scheme::CanonicalExpression("0.08"));
  const Expected<std::string> bad = Scheme::CanonicalExpression("a < b < c");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("chain"), std::string::npos) << bad.error().message;
}

TEST(Outline, GivesEachDeclarationItsPlace) {
  const SchemeOutline o = Load(kOld).Outline();
  ASSERT_EQ(o.inputs.size(), 2u);
  EXPECT_EQ(o.inputs[0].place.line, 4);  // `  x: {type: number}`
  EXPECT_EQ(o.inputs[0].place.column, 3);
  EXPECT_EQ(o.params[1].name, "table");
  EXPECT_EQ(o.params[1].type, "table");
  EXPECT_EQ(o.params[1].value, R"({"A": 1, "B": 0.9})");
  ASSERT_EQ(o.indicators.size(), 4u);
  EXPECT_EQ(o.indicators[1].id, "a");
  EXPECT_EQ(o.indicators[1].parent, "g");
  EXPECT_EQ(o.indicators[1].place.line, 13);
  EXPECT_EQ(o.indicators[0].points, 20);  // the sum of its children
  ASSERT_TRUE(o.indicators[1].score);
  EXPECT_EQ(o.indicators[1].score->text, "points * min(x / 10, limit)");
  EXPECT_EQ(o.vetoes[0].cap, 60);
  EXPECT_EQ(o.levels[0].quota, "0.5");
}

TEST(Outline, ShowsAListParamAndAListDefaultAsTheirNumbers) {
  const SchemeOutline o = Load(R"(scheme: o
inputs:
  r: {type: list, default: [60, 70.5]}
  s: {type: list}
params:
  bands: [60, 70.25, 80]
  none: []
indicators:
  - {id: a, points: 10, score: 'points * mean(r) / 100 + 0 * count(s)'}
)")
                              .Outline();
  ASSERT_EQ(o.inputs.size(), 2u);
  EXPECT_EQ(o.inputs[0].default_value, "[60, 70.5]");
  EXPECT_EQ(o.inputs[1].default_value, "");
  ASSERT_EQ(o.params.size(), 2u);
  EXPECT_EQ(o.params[0].type, "list");
  EXPECT_EQ(o.params[0].value, "[60, 70.25, 80]");
  EXPECT_EQ(o.params[1].value, "[]");
}

TEST(ResultsDiff, ListsMovedUnitsLargestFirstAndCountsGradeChanges) {
  const Scheme a = Load(kOld);
  // Indicator b counts double: every total goes up by x (P grows, no cap on the total).
  const Scheme b = Load(Replace(kOld, "score: x}", "score: 2 * x, cap: 20}"));
  const std::string data = "unit,x,t\nU1,1,a\nU2,8,a\nU3,3,b\n";
  Expected<Batch> batch_a = Batch::ReadText(a, data, DataFormat::kCsv);
  Expected<Batch> batch_b = Batch::ReadText(b, data, DataFormat::kCsv);
  ASSERT_TRUE(batch_a && batch_b);
  Expected<Results> ra = Evaluate(a, *batch_a);
  Expected<Results> rb = Evaluate(b, *batch_b);
  ASSERT_TRUE(ra && rb);
  const ResultsDiff d = DiffResults(*ra, *rb, a.grade_levels(), b.grade_levels());
  EXPECT_EQ(d.units, 3);
  ASSERT_EQ(d.moves.size(), 3u);
  // Each unit's move is its x (b's score doubles): U2 (8) first, then U3 (3), then U1 (1).
  EXPECT_EQ(d.moves[0].unit, "U2");
  EXPECT_EQ(d.moves[1].unit, "U3");
  EXPECT_EQ(d.moves[2].unit, "U1");
  for (const UnitMove& m : d.moves) {
    ASSERT_TRUE(m.old_total && m.new_total);
    const double x = m.unit == "U1" ? 1 : m.unit == "U2" ? 8 : 3;
    EXPECT_NEAR(*m.new_total - *m.old_total, x, 1e-9) << m.unit;
  }
  int old_total = 0, new_total = 0;
  for (const GradeCount& g : d.grades) {
    old_total += g.old_count;
    new_total += g.new_count;
    EXPECT_EQ(g.new_count - g.old_count, g.gained - g.lost) << g.level;
  }
  EXPECT_EQ(old_total, 3);
  EXPECT_EQ(new_total, 3);
}

}  // namespace
}  // namespace assess::authoring
