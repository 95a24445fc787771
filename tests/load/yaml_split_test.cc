// The parse of a rule file in two parts (PlanSplit, ParseInParts) gives the very tree of
// the whole text's parse, or nothing (then the whole text is parsed): for every cut the
// plan could make, in texts built to trip it and in texts broken at random.
#include "load/yaml_split.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "load/load_test_util.h"
#include "load/source_map.h"
#include "load/yaml_parse.h"
#include "load/yaml_tree.h"

namespace assess::load {
namespace {

// The tree as text: kind, mark, plain / flow, scalar, children (to a depth that stops at
// an alias's cycle).
std::string Dump(const YamlNode& n, int depth = 0) {
  if (!n.IsDefined()) return "none";
  std::string out = fmt::format("@{}", n.MarkPos());
  if (n.IsNull()) return "~" + out;
  if (n.IsScalar()) return fmt::format("{}{}'{}'", n.IsPlain() ? "P" : "Q", out, n.Scalar());
  out = (n.IsMap() ? "M" : "S") + out + (n.IsFlow() ? "F[" : "B[");
  if (depth > 8) return out + "...]";
  for (std::size_t i = 0; i < n.size(); ++i) {
    if (n.IsMap()) {
      out += Dump(n.Key(i), depth + 1) + ": " + Dump(n.Value(i), depth + 1) + ", ";
    } else {
      out += Dump(n.Item(i), depth + 1) + ", ";
    }
  }
  return out + "]";
}

struct Whole {
  bool ok = false;
  std::string tree;
  bool second_document = false;
};

Whole ParseWholeText(std::string_view text) {
  SourceMap map(text);
  DiagnosticSink sink("rules.yaml");
  LoadLimits limits;
  limits.parallel_part_bytes = 0;
  YamlTree tree;
  std::optional<SourcePos> second;
  Whole out;
  out.ok = ParseYaml(text, map, limits, tree, second, sink);
  out.tree = Dump(tree.root());
  out.second_document = second.has_value();
  return out;
}

// The starts of the lines that are items of the planned list.
std::vector<std::size_t> ItemLines(std::string_view text, const SplitPlan& plan) {
  std::vector<std::size_t> lines;
  std::string item = std::string(plan.indent, ' ') + "-";
  for (std::size_t at = plan.first_item; at < plan.end; at = text.find('\n', at) + 1) {
    if (text.substr(at).starts_with(item) &&
        (at + item.size() == text.size() ||
         std::string_view(" \t\r\n").find(text[at + item.size()]) != std::string::npos)) {
      lines.push_back(at);
    }
  }
  return lines;
}

// The plan with its cut moved to item `k` (from 1).
SplitPlan CutAt(std::string_view text, SplitPlan plan, std::size_t k) {
  std::vector<std::size_t> lines = ItemLines(text, plan);
  plan.cut = lines.at(k);
  plan.items_before = k;
  plan.items_after = lines.size() - k;
  return plan;
}

// Every cut: a two-part parse that succeeds gives the whole text's tree. Returns which
// cuts succeeded.
std::vector<bool> CheckEveryCut(std::string_view text) {
  std::vector<bool> accepted;
  std::optional<SplitPlan> plan = PlanSplit(text, 1);
  if (!plan) return accepted;
  Whole whole = ParseWholeText(text);
  std::size_t items = ItemLines(text, *plan).size();
  for (std::size_t k = 1; k < items; ++k) {
    YamlTree tree;
    bool ok = ParseInParts(text, CutAt(text, *plan, k), tree);
    accepted.push_back(ok);
    if (!ok) continue;
    EXPECT_TRUE(whole.ok) << "cut at item " << k << " of:\n" << text;
    EXPECT_FALSE(whole.second_document) << "cut at item " << k << " of:\n" << text;
    EXPECT_EQ(Dump(tree.root()), whole.tree) << "cut at item " << k << " of:\n" << text;
  }
  return accepted;
}

std::string Scheme(std::string_view items, std::string_view after = "vetoes: []\n") {
  return "scheme: s\ninputs:\n  x: {type: number}\nindicators:\n" + std::string(items) +
         std::string(after);
}

TEST(PlanSplit, CutsTheListNearTheMiddleOfTheText) {
  std::string text = Scheme(
      "  - {id: a, score: 1}\n  - {id: b, score: 2}\n\n  # c\n  - id: c\n    score: 3\n"
      "  - {id: d, score: 4}\n",
      "vetoes: []\ngrades: {levels: [{name: a}]}\n");
  std::optional<SplitPlan> plan = PlanSplit(text, 1);
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->indent, 2u);
  EXPECT_EQ(plan->first_item, text.find("  - {id: a"));
  EXPECT_EQ(plan->end, text.find("vetoes"));
  EXPECT_EQ(plan->key_line_end, text.find("grades"));
  EXPECT_EQ(plan->items_before + plan->items_after, 4u);
  // The second part should hold about half the work, counted as the bytes plus 44 a line:
  // 187 + 44 x 13 = 759 in all; from `b` it holds 74 + 44 x 6 = 338, from `c` 177.
  EXPECT_EQ(plan->cut, text.find("  - {id: b"));
  EXPECT_EQ(plan->items_before, 1u);
  EXPECT_FALSE(PlanSplit(text, plan->end - plan->cut + 1));  // second part too small
}

TEST(PlanSplit, TakesCarriageReturnLineFeeds) {
  std::string text = "indicators:\r\n  - a\r\n  - b\r\nnext: 1\r\n";
  std::optional<SplitPlan> plan = PlanSplit(text, 1);
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->cut, text.find("  - b"));
  EXPECT_EQ(plan->end, text.find("next"));
}

TEST(PlanSplit, NoPlanForWhatItDoesNotHandle) {
  const std::string items = "  - {id: a}\n  - {id: b}\n";
  struct Case {
    std::string_view name;
    std::string text;
  } cases[] = {
      {"NoList", "scheme: s\nvetoes:\n  - a\n  - b\nx: 1\n"},
      {"OneItem", Scheme("  - {id: a}\n")},
      {"ListAtTheEnd", Scheme(items, "")},
      {"ListAtColumnZero", Scheme("- {id: a}\n- {id: b}\n")},
      {"ListInFlowStyle", Scheme("  [a, b]\n")},
      {"ValueOnTheKeyLine", "indicators: [a, b]\nx: 1\n"},
      {"DirectiveFirst", "%YAML 1.2\n---\n" + Scheme(items)},
      {"TabInIndentation", Scheme("  - {id: a}\n\t- {id: b}\n")},
      {"LoneCarriageReturn", Scheme(items) + "x: 'a\rb'\n"},
      {"IndentedAfterTheList", Scheme(items, "  x: 1\n")},
      {"QuotedKeyAfterTheList", Scheme(items, "'vetoes': []\n")},
      {"NullKeyAfterTheList", Scheme(items, "~: []\n")},
      {"DocumentEndAfterTheList", Scheme(items, "...\n")},
  };
  for (const Case& c : cases) EXPECT_FALSE(PlanSplit(c.text, 1)) << c.name;
}

struct PartsCase {
  std::string_view name;
  std::string text;
  std::vector<bool> accepted;  // for the cut at item 1, 2, ...
};

class ParseInPartsTest : public ::testing::TestWithParam<PartsCase> {};

TEST_P(ParseInPartsTest, GivesTheWholeTreeOrNothing) {
  const PartsCase& c = GetParam();
  EXPECT_EQ(CheckEveryCut(c.text), c.accepted);
}

std::string CaseName(const ::testing::TestParamInfo<PartsCase>& info) {
  return std::string(info.param.name);
}

INSTANTIATE_TEST_SUITE_P(
    Texts, ParseInPartsTest,
    ::testing::Values(
        PartsCase{"FlowItems",
                  Scheme("  - {id: a, score: 'points * min(x, 1.2)'}\n  - {id: b, score: 1}\n"
                         "  - {id: c, score: x / peer_max(x) * points}\n"),
                  {true, true}},
        PartsCase{"BlockItemsCommentsAndBlankLines",
                  Scheme("  - id: g\n    title: \"two\n      lines\"\n    children:\n"
                         "      - {id: a, score: 1}\n\n# aside\n  - id: b\n    score: |\n"
                         "      x +\n\n      1\n  - id: c\n    score: >-\n      x\n"),
                  {true, true}},
        PartsCase{"EmptyValueAtTheEndOfEachPart",
                  Scheme("  - id: a\n    title:\n  - id: b\n    title:\n"),
                  {true}},
        PartsCase{"EmptyItems", Scheme("  -\n  -\n  - x\n  -\n"), {true, true, true}},
        PartsCase{"AnchorBeforeTheCutAliasAfterTheList",
                  Scheme("  - &a {id: a}\n  - {id: b}\n", "tests:\n  x: *a\n"),
                  {true}},
        PartsCase{
            "AliasOnTheKeyLine", Scheme("  - &a {id: a}\n  - {id: b}\n", "tests: *a\n"), {false}},
        PartsCase{"AnchorAfterTheCut", Scheme("  - {id: a}\n  - &b {id: b}\n"), {false}},
        PartsCase{"AliasAfterTheCut", Scheme("  - &a {id: a}\n  - *a\n"), {false}},
        PartsCase{"QuoteAcrossTheCut",
                  Scheme("  - id: a\n    title: 'open\n  - id: b\n    '\n  - id: c\n"),
                  {false, false}},
        PartsCase{"FlowAcrossLines", Scheme("  - [a,\n    b]\n  - c\n  - d\n"), {true, true}},
        PartsCase{"FlowAcrossTheCut", Scheme("  - [a,\n  - b,\n    c]\n  - d\n"), {false, false}},
        PartsCase{"KeyWithoutValueBeforeTheCut",
                  Scheme("  - id: a\n    dangling\n  - id: b\n  - id: c\n"),
                  {false, false}},
        PartsCase{
            "KeyWithoutValueAtTheEnd", Scheme("  - id: a\n  - id: b\n    dangling\n"), {false}},
        PartsCase{
            "QuoteLeftOpenAtTheEnd", Scheme("  - id: a\n  - id: b\n    score: \"open\n"), {false}},
        PartsCase{"ListInsideAQuote",
                  "title: \"x\nindicators:\n  - a\n  - b\nnext: \"\nindicators:\n  - c\n"
                  "  - d\nz: 1\n",
                  {false}},
        PartsCase{
            "SecondDocumentAfterTheList", Scheme("  - a\n  - b\n", "x: 1\n---\ny: 2\n"), {false}},
        PartsCase{"StrayCommaAfterTheList", Scheme("  - a\n  - b\n", "x: 1\n,\n"), {false}}),
    CaseName);

// Rule files broken at random, cut at every item: a two-part parse that succeeds gives
// the whole text's tree.
TEST(ParseInParts, BrokenFilesGiveTheWholeTreeOrNothing) {
  const std::string base = Scheme(
      "  - id: g\n    points: 40\n    children:\n      - {id: a, weight: 50%, score: 'x'}\n"
      "      - id: b\n        weight: 50%\n        when: x == \"a\"\n        score: >\n"
      "          points *\n          x\n  - {id: c, score: x}\n  - id: bonus\n"
      "    kind: bonus\n    rules:\n      - {when: x > 3, points: \"2 * \\\"x\\\"\", cap: 3}\n"
      "  - - nested\n    - list\n  - [flow,\n     list]\n  - 'it''s'\n",
      "vetoes:\n  - {id: v, when: x < 0}\ngrades:\n  levels: [{name: a}]\n");
  constexpr std::string_view kAlphabet = " \n:-,[]{}'\"#&*!|>\\%~?x1";
  std::mt19937 rng(20240607);
  int accepted = 0;
  for (int round = 0; round < 300; ++round) {
    std::string text = base;
    int edits = 1 + static_cast<int>(rng() % 3);
    for (int k = 0; k < edits; ++k) {
      std::size_t at = rng() % text.size();
      char c = kAlphabet[rng() % kAlphabet.size()];
      switch (rng() % 3) {
        case 0:
          text[at] = c;
          break;
        case 1:
          text.insert(at, 1, c);
          break;
        default:
          text.erase(at, 1);
      }
    }
    for (bool ok : CheckEveryCut(text)) accepted += ok ? 1 : 0;
    if (::testing::Test::HasFailure()) break;
  }
  EXPECT_GT(accepted, 100);  // the test does test something
}

// The loader gives the same diagnostics and the same scheme, split or not (this file is
// split on a machine with two cores).
TEST(ParseInParts, LoadGivesTheSameDiagnostics) {
  std::string items;
  for (int i = 0; i < 200; ++i) {
    items += fmt::format("  - {{id: i{}, points: 1, score: 'points * x', caps: 1}}\n", i);
  }
  std::string text = Scheme(items);
  LoadLimits split;
  split.parallel_part_bytes = 1;
  LoadLimits whole;
  whole.parallel_part_bytes = 0;
  auto a = testing::LoadText(text, split);
  auto b = testing::LoadText(text, whole);
  ASSERT_EQ(a.diagnostics.size(), 200u);
  EXPECT_EQ(a.diagnostics, b.diagnostics);
  EXPECT_EQ(a.diagnostics.back(), "204:48: unknown key `caps` (did you mean `cap`?)");
}

}  // namespace
}  // namespace assess::load
