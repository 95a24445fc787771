// Tests of the benchmark's workload generator and hand-written baseline: the generator is
// deterministic, the baseline computes a small case as worked out by hand, and on
// generated workloads it agrees with the engine bit for bit (totals, every node's score,
// ranks and grades), on 1 and 2 threads, from CSV text, JSON Lines text and memory.
#include "baseline.h"

#include <gtest/gtest.h>

#include <bit>
#include <cstdint>
#include <map>
#include <string>

#include "engine_input.h"
#include "workload.h"

namespace assess::bench {
namespace {

uint64_t Bits(double x) { return std::bit_cast<uint64_t>(x); }

TEST(Workload, SameSeedGivesSameSchemeAndData) {
  const Workload a = MakeWorkload(100, 7), b = MakeWorkload(100, 7);
  EXPECT_EQ(a.rules_yaml, b.rules_yaml);
  EXPECT_EQ(MakeCsv(a, 300, 3), MakeCsv(b, 300, 3));
  EXPECT_NE(MakeCsv(a, 300, 3), MakeCsv(a, 300, 4));
}

TEST(Workload, PointsAddUpExactlyAndTheSchemeLoads) {
  for (int leaves : {1, 7, 30, 100, 1000}) {
    SCOPED_TRACE(leaves);
    const Workload w = MakeWorkload(leaves, 5);
    EXPECT_EQ(w.total_points, leaves);
    EXPECT_EQ(w.groups, std::min(leaves, 10));
    const Scheme s = LoadWorkloadScheme(w);
    // Leaves, groups, bonus and deduction.
    EXPECT_EQ(s.indicators().size(), static_cast<size_t>(leaves + w.groups + 2));
    EXPECT_EQ(s.grade_levels(), (std::vector<std::string>{"excellent", "good", "fair", "poor"}));
  }
}

TEST(Workload, LeavesCycleThroughTheForms) {
  const Workload w = MakeWorkload(100, 1);
  ASSERT_EQ(w.leaf.size(), 100u);
  for (int k = 0; k < 100; ++k) EXPECT_EQ(static_cast<int>(w.leaf[k].form), k % kForms);
  EXPECT_NE(w.rules_yaml.find("- {id: i6, points: "), std::string::npos);
  EXPECT_NE(w.rules_yaml.find("x_6 / peer_max(x_6) * points"), std::string::npos);
  EXPECT_NE(w.rules_yaml.find("'points * min(a_0 / t_0, 1.2)'"), std::string::npos);
  EXPECT_NE(w.rules_yaml.find("{name: excellent, min: 90.0, quota: 20%}"), std::string::npos);
}

// Three units, one leaf per form (seed 57 gives points 1.5, 0.5, 1.5, ...: 8 in all, so
// the levels' mins are 7.2 / 6.4 / 4.8 and the veto caps at 4.8).
class HandComputed : public ::testing::Test {
 protected:
  void SetUp() override {
    w_ = MakeWorkload(8, 57);
    for (int k = 0; k < 8; ++k) ASSERT_EQ(w_.leaf[k].points, k % 2 ? 0.5 : 1.5);
    c_ = MakeColumns(w_, 3, 1);  // shapes the columns; every value is set below
    c_.ids = {"U1", "U2", "U3"};
    c_.codes[0] = {0, 0, 1};  // street, street, department
    Set("a_0", {90, 130, 90});
    Set("t_0", {100, 100, 100});
    Set("x_1", {65, 95, 65});
    Set("x_2", {17.5, 3, 17.5});
    SetCode("g_3", {1, 0, 1});  // B, A, B
    SetList("r_4", {{80, 90, 70, 100, 60, 85, 95},
                    {90, 90, 90, 90, 90, 90, 90},
                    {80, 90, 70, 100, 60, 85, 95}});
    Set("c_5", {1, 0, 1});
    Set("x_6", {50, 80, 50});
    Set("x_7", {85, 95, 85});
    Set("awards", {1, 0, 1});
    Set("city_award", {1, 0, 1});
    Set("innovation", {90, 50, 90});
    Set("complaints", {0, 2, 0});
    Set("audit_issues", {4, 0, 4});
    Set("major_accidents", {0, 1, 0});
  }
  const InputDesc& Input(const std::string& name) {
    for (const InputDesc& in : w_.inputs) {
      if (in.name == name) return in;
    }
    ADD_FAILURE() << "no input " << name;
    return w_.inputs[0];
  }
  void Set(const std::string& name, std::vector<double> v) { c_.numbers[Input(name).slot] = v; }
  void SetCode(const std::string& name, std::vector<uint8_t> v) { c_.codes[Input(name).slot] = v; }
  void SetList(const std::string& name, const std::vector<std::vector<double>>& v) {
    std::vector<double>& flat = c_.lists[Input(name).slot];
    flat.clear();
    for (const auto& row : v) flat.insert(flat.end(), row.begin(), row.end());
  }

  Workload w_;
  Columns c_;
};

// U1: 1.35 + 0.25 + 0.75 + 0.43 (0.425 rounds up on its text) + 1.26 + 0 + 0.94 (50 / 80
// of 1.5) + 0.4 = 5.38; bonus 2 + 1 + 1, deduction 2: 7.38. Alone above 7.2 in its group
// of 2, but floor(20% x 2) = 0 places: good.
// U2: 1.8 (capped) + 0.5 + 1.5 + 0.5 + 1.35 + 0.5 + 1.5 + 0.5 = 8.15, deduction 4: 4.15;
// the veto fires (cap 4.8, not reached) and forces poor, ranked last.
// U3: as U1, but alone in its group, so its benchmark is 1.5: 7.94.
TEST_F(HandComputed, BaselineAndEngineGiveTheHandResults) {
  const BaselineResults b = RunBaseline(w_, c_, 1);
  EXPECT_EQ(b.total_cents, (std::vector<int32_t>{738, 415, 794}));
  EXPECT_EQ(b.Total(0), 7.38);
  EXPECT_EQ(b.rank, (std::vector<int32_t>{1, 2, 1}));
  EXPECT_EQ(b.grade, (std::vector<int32_t>{1, 3, 1}));
  EXPECT_EQ(b.Score(3, 0), 0.43);
  EXPECT_EQ(b.Score(6, 0), 0.94);
  EXPECT_EQ(b.Score(6, 2), 1.5);

  const Scheme s = LoadWorkloadScheme(w_);
  Expected<Results> r = Evaluate(s, MakeEngineBatch(s, w_, c_), {.threads = 1});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(EngineTotals(*r), (std::vector<double>{7.38, 4.15, 7.94}));
  EXPECT_EQ(EngineRanks(*r), (std::vector<int>{1, 2, 1}));
  EXPECT_EQ(EngineGrades(s, *r), (std::vector<int>{1, 3, 1}));
  EXPECT_EQ(r->score(0, "i3"), 0.43);
  EXPECT_EQ(r->vetoes(1), (std::vector<std::string>{"major safety accident"}));
}

struct Case {
  int leaves;
  size_t units;
  int threads;
};

class MatchesEngine : public ::testing::TestWithParam<Case> {};

TEST_P(MatchesEngine, BitForBit) {
  const Case k = GetParam();
  const Workload w = MakeWorkload(k.leaves, 11);
  const Columns c = MakeColumns(w, k.units, 12);
  const Scheme s = LoadWorkloadScheme(w);
  const BaselineResults b = RunBaseline(w, c, k.threads);

  Expected<Batch> from_csv = Batch::ReadText(s, MakeCsv(w, c), DataFormat::kCsv);
  ASSERT_TRUE(from_csv.ok());
  Expected<Batch> from_json_lines = Batch::ReadText(s, MakeJsonLines(w, c), DataFormat::kJsonLines);
  ASSERT_TRUE(from_json_lines.ok());
  const Batch from_memory = MakeEngineBatch(s, w, c);
  for (const Batch* batch : {static_cast<const Batch*>(&*from_csv),
                             static_cast<const Batch*>(&*from_json_lines), &from_memory}) {
    SCOPED_TRACE(batch == &from_memory ? "from memory"
                 : batch == &*from_csv ? "from CSV"
                                       : "from JSON Lines");
    Expected<Results> r = Evaluate(s, *batch, {.threads = k.threads});
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r->size(), k.units);
    ASSERT_EQ(r->error_count(), 0u) << r->error(0);

    // Every node's score: the baseline's nodes are leaves, groups, bonus, deduction.
    std::map<std::string, size_t> index;
    for (size_t i = 0; i < s.indicators().size(); ++i) index[s.indicators()[i].id] = i;
    std::vector<size_t> node_of;
    for (const LeafDesc& leaf : w.leaf) node_of.push_back(index.at(leaf.id));
    for (int g = 0; g < w.groups; ++g) node_of.push_back(index.at("g" + std::to_string(g)));
    node_of.push_back(index.at("bonus"));
    node_of.push_back(index.at("deduct"));
    int mismatches = 0;
    for (size_t u = 0; u < k.units && mismatches < 5; ++u) {
      for (size_t n = 0; n < node_of.size(); ++n) {
        const double engine = r->score(u, node_of[n]).value_or(-1);
        if (Bits(engine) != Bits(b.Score(n, u))) {
          ADD_FAILURE() << "unit " << u << " node " << s.indicators()[node_of[n]].id << ": engine "
                        << engine << ", baseline " << b.Score(n, u);
          ++mismatches;
        }
      }
    }
    const std::vector<double> totals = EngineTotals(*r);
    for (size_t u = 0; u < k.units && mismatches < 10; ++u) {
      if (Bits(totals[u]) != Bits(b.Total(u))) {
        ADD_FAILURE() << "unit " << u << ": engine total " << totals[u] << ", baseline "
                      << b.Total(u);
        ++mismatches;
      }
    }
    EXPECT_EQ(EngineRanks(*r), std::vector<int>(b.rank.begin(), b.rank.end()));
    EXPECT_EQ(EngineGrades(s, *r), std::vector<int>(b.grade.begin(), b.grade.end()));
  }

  // The workload exercises what it claims: every level is given, the top level's quota
  // binds (20% of each group's units, rounded down, or fewer after a demoted tie), and
  // the veto fires.
  std::vector<int> per_level(4, 0), per_type(kPeerTypes, 0), top_per_type(kPeerTypes, 0);
  for (size_t u = 0; u < k.units; ++u) {
    ++per_level[b.grade[u]];
    ++per_type[c.type()[u]];
    top_per_type[c.type()[u]] += b.grade[u] == 0;
  }
  for (int l = 0; l < 4; ++l) EXPECT_GT(per_level[l], 0) << "level " << l;
  for (int t = 0; t < kPeerTypes; ++t) {
    EXPECT_LE(top_per_type[t], per_type[t] / 5);
    EXPECT_GE(top_per_type[t], per_type[t] / 5 - 3);
  }
}

INSTANTIATE_TEST_SUITE_P(Workloads, MatchesEngine,
                         ::testing::Values(Case{100, 5000, 1}, Case{100, 5000, 2},
                                           Case{30, 2000, 1}, Case{30, 2000, 2}),
                         [](const ::testing::TestParamInfo<Case>& info) {
                           return "L" + std::to_string(info.param.leaves) + "_N" +
                                  std::to_string(info.param.units) + "_T" +
                                  std::to_string(info.param.threads);
                         });

}  // namespace
}  // namespace assess::bench
