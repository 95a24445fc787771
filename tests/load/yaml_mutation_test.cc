// Robustness: rule files broken at random (bytes replaced, inserted, deleted with the
// characters that matter to YAML) load without a crash, and every result keeps the
// loader's promises: nothing read means at least one error, and every place is in the file.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "load/load_test_util.h"

namespace assess::load {
namespace {

constexpr std::string_view kBase = R"yaml(scheme: s
inputs:
  x: {type: number, min: 0, default: 1}
  t: {type: text, values: [a, "b c"]}
params:
  table: {A: 1, B: 80%}
  list: [1, 2]
indicators:
  - id: g
    points: 40
    children:
      - {id: a, weight: 50%, score: 'points * min(x / 2, 1.2)'}
      - id: b
        weight: 50%
        when: t == "a"
        score: >
          points *
          lookup(t, table, 0)
  - id: bonus
    kind: bonus
    rules:
      - {when: x > 3, points: "2 * \"x\"", reason: 'it''s', cap: 3}
vetoes:
  - {id: v, when: x < 0, grade: poor}
grades:
  levels: [{name: good, min: 60, quota: 20%}, {name: poor}]
tests:
  - name: 国内 test
    units:
      - {unit: S1, x: 3, t: a, l: [1, ~]}
    expect:
      S1: {total: 40}
)yaml";

void CheckPos(SourcePos pos, int lines) {
  EXPECT_GE(pos.line, 1);
  EXPECT_LE(pos.line, lines + 1);
  EXPECT_GE(pos.column, 1);
}

void CheckExpr(const std::optional<ExprSource>& e, int lines) {
  if (!e) return;
  ASSERT_EQ(e->byte_pos.size(), e->text.size() + 1);
  for (SourcePos p : e->byte_pos) CheckPos(p, lines);
}

void CheckNode(const NodeDecl& n, int lines) {
  CheckExpr(n.value, lines);
  CheckExpr(n.score, lines);
  CheckExpr(n.when, lines);
  for (const RuleDecl& r : n.rules) {
    CheckExpr(r.when, lines);
    CheckExpr(r.points, lines);
  }
  for (const NodeDecl& c : n.children) CheckNode(c, lines);
}

TEST(YamlMutations, LoadWithoutCrashingAndKeepThePromises) {
  constexpr std::string_view kAlphabet = " \n:-,[]{}'\"#&*!|>\\%~?x1\t\xe5\x9b\xbd";
  std::mt19937 rng(20240601);
  for (int round = 0; round < 600; ++round) {
    std::string text(kBase);
    int edits = 1 + static_cast<int>(rng() % 4);
    for (int k = 0; k < edits && !text.empty(); ++k) {
      std::size_t at = rng() % text.size();
      char c = kAlphabet[rng() % kAlphabet.size()];
      switch (rng() % 3) {
        case 0:
          text[at] = c;
          break;
        case 1:
          text.insert(text.begin() + static_cast<long>(at), c);
          break;
        default:
          text.erase(at, 1 + rng() % 3);
          break;
      }
    }
    int lines = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
    DiagnosticSink sink("f");
    auto decl = LoadYaml(text, LoadLimits{}, sink);
    auto diagnostics = sink.Sorted();
    if (!decl) EXPECT_TRUE(sink.has_errors()) << text;
    for (const Diagnostic& d : diagnostics) {
      if (d.line != 0) CheckPos({d.line, d.column}, lines);
    }
    if (!decl) continue;
    for (const NodeDecl& n : decl->indicators) CheckNode(n, lines);
    for (const VetoDecl& v : decl->vetoes) CheckExpr(v.when, lines);
    if (::testing::Test::HasFailure()) {
      ADD_FAILURE() << "round " << round << ":\n" << text;
      return;
    }
  }
}

}  // namespace
}  // namespace assess::load
