// An evaluation of a large batch carves every per-unit result column (ranks, grades and peer
// groups too) from one arena that the kernel backs with huge pages (evaluator.cc's
// Allocate): the arena is sized for all of them, so none is left to the heap, with or
// without explanations, under both rounding stages; rank and grade reuse the room of the
// units' error codes once those are read no more.
// Results are the same as a small batch's, whose columns come from the heap.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "eval/eval_test_util.h"

namespace assess {
namespace {

using testing::LoadScheme;
using testing::ReadBatch;

// Values, applicability, a computed peer argument, a per-unit peer function, rules and a
// veto: every kind of result column; and scores of 8 bits (`small`, whose bounds span
// fewer than 255 codes; `on_missing: zero` gives it its floor), 16 bits and doubles
// (stage output); rules' points of 16 bits and doubles (`b / 40`: 1.275 is no
// whole number of hundredths).
std::string Scheme(const std::string& stage) {
  return fmt::format(R"(scheme: arena
rounding: {{digits: 2, stage: {}}}
inputs:
  a: {{type: number}}
  b: {{type: number, required: false}}
  kind: {{type: text, values: [x, y]}}
indicators:
  - {{id: rate, points: 50, value: a / 10, score: 'points * min(value, 1)'}}
  - id: other
    points: 30
    when: kind == "x"
    score: points * b / 100
    on_missing: zero
  - {{id: spread, points: 20, score: 'points * peer_percentile(rate + other)'}}
  - {{id: small, points: 1.5, floor: 0.5, score: 'points * b / 100', on_missing: zero}}
  - id: bonus
    kind: bonus
    cap: 3
    rules:
      - {{when: 'a > peer_mean(a + 0)', points: 1, reason: above}}
      - {{when: 'b > 50', points: 'b / 40', reason: many}}
vetoes:
  - {{id: low, when: a < 1, reason: too low, grade: poor}}
grades:
  levels:
    - {{name: good, min: 60}}
    - {{name: poor}}
)",
                     stage);
}

std::string Rows(int n) {
  std::string csv = "unit,a,b,kind\n";
  for (int i = 0; i < n; ++i) {
    csv += fmt::format("U{},{},{},{}\n", i, i % 13, i % 7 == 0 ? "" : std::to_string(i % 101),
                       i % 3 ? "x" : "y");
  }
  return csv;
}

// Every non-empty per-unit column of doubles of `t`, by name (the scores' and the rules'
// points' columns hide their storage: their values are compared below).
std::vector<std::pair<std::string, const eval::ResultColumn*>> Columns(const eval::ResultTable& t) {
  std::vector<std::pair<std::string, const eval::ResultColumn*>> out;
  auto add = [&](const char* what, const std::vector<eval::ResultColumn>& cols) {
    for (size_t i = 0; i < cols.size(); ++i) {
      if (!cols[i].empty()) out.emplace_back(fmt::format("{}[{}]", what, i), &cols[i]);
    }
  };
  add("values", t.values);
  add("apps", t.apps);
  add("raw", t.raw);
  add("veto_fired", t.veto_fired);
  add("peer_args", t.peer_args);
  add("peer_results", t.peer_results);
  out.emplace_back("total", &t.total);
  return out;
}

// Parameters: the rounding stage, and whether the evaluation explains (keeps raw scores).
class ResultArena : public ::testing::TestWithParam<std::tuple<std::string, bool>> {
 protected:
  Results Evaluate(int units, int threads) const {
    const auto [stage, explain] = GetParam();
    const assess::Scheme scheme = LoadScheme(Scheme(stage));
    EvalOptions options;
    options.threads = threads;
    options.explain = explain;
    return testing::Eval(scheme, ReadBatch(scheme, Rows(units)), options);
  }
};

TEST_P(ResultArena, EveryColumnOfALargeBatchIsInTheOneArena) {
  const bool explain = std::get<1>(GetParam());
  // 20,003 units: rank's and grade's 80,012 bytes each round up to 80,064 in the arena,
  // more than half of the codes' 160,024 (their room has slack for it).
  constexpr size_t kUnits = 20003;
  const Results r = Evaluate(kUnits, 2);
  const eval::ResultTable& t = r.impl().table;
  const auto columns = Columns(t);
  ASSERT_GE(columns.size(), explain ? 12u : 7u);
  // A copy: get_allocator() gives a temporary, whose arena() reference would dangle.
  const std::shared_ptr<data::ColumnArena> arena = t.total.get_allocator().arena();
  ASSERT_NE(arena, nullptr);
  for (const auto& [name, column] : columns) {
    EXPECT_EQ(column->size(), kUnits) << name;
    EXPECT_EQ(column->get_allocator().arena(), arena) << name;
    EXPECT_TRUE(arena->Owns(column->data())) << name << " was left to the heap";
  }
  // Filled after the steps (by the grouping and the ranking), from the same arena: rank
  // and grade in the room of the units' error codes, which are read no more (emptied).
  for (const int32_t* column : {t.rank.data(), t.grade.data(), t.peer_group.data()}) {
    EXPECT_TRUE(arena->Owns(column));
  }
  EXPECT_EQ(t.rank.size(), kUnits);
  EXPECT_EQ(t.grade.size(), kUnits);
  EXPECT_EQ(t.peer_group.size(), kUnits);
  EXPECT_TRUE(t.unit_error.empty());
  // No two columns share a byte.
  std::vector<std::pair<const char*, const char*>> spans;
  auto span = [&](const auto& v) {
    const char* p = reinterpret_cast<const char*>(v.data());
    spans.emplace_back(p, p + v.size() * sizeof(v[0]));
  };
  for (const auto& [name, column] : columns) span(*column);
  span(t.rank);
  span(t.grade);
  span(t.peer_group);
  std::sort(spans.begin(), spans.end());
  for (size_t i = 1; i < spans.size(); ++i) {
    EXPECT_LE(spans[i - 1].second, spans[i].first) << "columns " << i - 1 << " and " << i;
  }
}

TEST_P(ResultArena, ALargeBatchGivesWhatItsPartsGiveFromTheHeap) {
  // Without peers, a unit's results depend on the batch only through the peer functions;
  // the first 500 units alone have other peer values, so compare what does not use them.
  const Results large = Evaluate(20000, 1);
  const Results small = Evaluate(500, 1);
  ASSERT_EQ(small.impl().table.total.get_allocator().arena(), nullptr);
  for (size_t u = 0; u < 500; ++u) {
    for (const char* node : {"rate", "other", "small"}) {
      EXPECT_EQ(large.score(u, node), small.score(u, node)) << u << " " << node;
    }
    EXPECT_EQ(large.vetoes(u), small.vetoes(u)) << u;
    // The rule that uses no peer value fires alike.
    auto many = [](const Results& r, size_t unit) {
      for (const FiredRule& f : r.fired_rules(unit)) {
        if (f.reason == "many") return std::optional<double>(f.points);
      }
      return std::optional<double>();
    };
    EXPECT_EQ(many(large, u), many(small, u)) << u;
  }
}

INSTANTIATE_TEST_SUITE_P(StagesAndExplain, ResultArena,
                         ::testing::Combine(::testing::Values(std::string("each"),
                                                              std::string("output")),
                                            ::testing::Bool()),
                         [](const auto& info) {
                           return std::get<0>(info.param) +
                                  (std::get<1>(info.param) ? "Explained" : "");
                         });

}  // namespace
}  // namespace assess
