// Ranks, grades, quotas and vetoes (rule-language §9, §6, §12 "Ranks and grades", "Vetoes").
// Each unit's total is its input x (one leaf `a: x`), so the expected ranks and grades
// follow from the rows by hand.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "eval/eval_test_util.h"

namespace assess {
namespace {

using testing::RunText;
using testing::View;

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// "unit,x,bar,force\n" + one row per (unit, x, bar, force).
struct Row {
  std::string unit;
  double x;
  bool bar = false;    // fires the max_grade veto
  bool force = false;  // fires the forcing veto
};
std::string Rows(const std::vector<Row>& rows) {
  std::string csv = "unit,x,bar,force\n";
  for (const Row& r : rows) {
    csv += r.unit + "," + std::to_string(r.x) + "," + (r.bar ? "yes" : "no") + "," +
           (r.force ? "yes" : "no") + "\n";
  }
  return csv;
}

// Levels: excellent (min 0, quota Q1), good (min 0, quota Q2), fair.
constexpr const char* kQuotas = R"(scheme: q
rounding: {stage: output}
inputs:
  x: {type: number}
  bar: {type: boolean}
  force: {type: boolean}
indicators:
  - {id: a, points: 100, score: x}
vetoes:
  - {id: barred, when: bar, reason: barred, max_grade: good}
  - {id: forced, when: force, reason: forced, grade: fair}
grades:
  levels:
    - {name: excellent, min: 0, quota: Q1}
    - {name: good, min: 0, quota: Q2}
    - {name: fair}
  ties: TIES
  quota_rounding: ROUNDING
)";

std::string Quotas(const std::string& q1, const std::string& q2, const std::string& ties = "demote",
                   const std::string& rounding = "floor") {
  std::string yaml = kQuotas;
  yaml = Replace(yaml, "Q1", q1);
  yaml = Replace(yaml, "Q2", q2);
  yaml = Replace(yaml, "TIES", ties);
  return Replace(yaml, "ROUNDING", rounding);
}

// Grades of the units, in the order given; "-" for none.
std::vector<std::string> Grades(const View& v, const std::vector<std::string>& units) {
  std::vector<std::string> out;
  for (const std::string& u : units) out.push_back(v.Grade(u).value_or("-"));
  return out;
}

std::vector<std::optional<int>> Ranks(const View& v, const std::vector<std::string>& units) {
  std::vector<std::optional<int>> out;
  for (const std::string& u : units) out.push_back(v.Rank(u));
  return out;
}

using Ints = std::vector<std::optional<int>>;
using Strings = std::vector<std::string>;

TEST(Ranking, TiesOnRoundedTotalsShareARank) {
  // Stage output: 85.004 and 84.996 differ, but both are 85.00 as published.
  View v(
      RunText(Quotas("100%", "100%"), Rows({{"A", 90}, {"B", 85.004}, {"C", 84.996}, {"D", 80}})));
  EXPECT_EQ(Ranks(v, {"A", "B", "C", "D"}), (Ints{1, 2, 2, 4}));
}

TEST(Ranking, NegativeTotalsRoundHalvesAwayFromZeroAndRankBelowZero) {
  // Stage output, floors lowered: -0.125 and -0.13 both publish as -0.13 and tie; -0.124
  // is -0.12, above them; 0.125 is 0.13.
  std::string yaml = Replace(Quotas("100%", "100%"), "score: x}", "score: x, floor: -100}");
  yaml = Replace(yaml, "vetoes:", "total: {floor: -100}\nvetoes:");
  View v(RunText(
      yaml, Rows({{"A", -0.125}, {"B", 0.125}, {"C", -0.13}, {"D", -0.124}, {"E", 0}, {"F", -3}})));
  EXPECT_EQ(v.Total("A"), -0.13);
  EXPECT_EQ(Ranks(v, {"A", "B", "C", "D", "E", "F"}), (Ints{4, 1, 4, 3, 2, 6}));
}

TEST(Ranking, TieBreakScoresThenNotApplicableBelowEveryNumber) {
  View v(RunText(R"(scheme: t
inputs:
  e: {type: number, required: false}
  p: {type: number}
  t: {type: text}
indicators:
  - {id: economy, points: 40, floor: -10, when: t != "dept", score: e}
  - {id: party, points: 60, score: p}
grades:
  levels: [{name: all}]
  tie_break: [economy, party]
)",
                 "unit,e,p,t\n"
                 "U1,30,20,st\n"     // 50; economy 30
                 "U2,20,30,st\n"     // 50; economy 20
                 "U3,,30,dept\n"     // 30 x (100 / 60) = 50.00; economy n/a
                 "U4,-5,55,st\n"     // 50; economy -5
                 "U5,20,30,st\n"     // 50; the same as U2 in both keys
                 "U6,10,30,st\n"));  // 40
  EXPECT_EQ(v.Total("U3"), 50.0);
  EXPECT_EQ(Ranks(v, {"U1", "U2", "U5", "U4", "U3", "U6"}), (Ints{1, 2, 2, 4, 5, 6}));
}

TEST(Ranking, TieBreakComparesRoundedScores) {
  View v(RunText(R"(scheme: t
rounding: {stage: output}
inputs: {e: {type: number}, p: {type: number}}
indicators:
  - {id: economy, points: 50, score: e}
  - {id: party, points: 50, score: p}
grades:
  levels: [{name: all}]
  tie_break: [economy, party]
)",
                 "unit,e,p\nA,20.001,30\nB,19.999,30.002\nC,20,29.5\n"));
  // A and B: totals 50.001, 50.001 -> 50.00; economy 20.00 = 20.00; party 30.00 = 30.00.
  EXPECT_EQ(Ranks(v, {"A", "B", "C"}), (Ints{1, 1, 3}));
}

TEST(Ranking, ForcingVetoesRankLastAmongThemselves) {
  View v(RunText(Quotas("100%", "100%"),
                 Rows({{"A", 95, false, true}, {"B", 90}, {"C", 85, false, true}, {"D", 80}})));
  EXPECT_EQ(Ranks(v, {"B", "D", "A", "C"}), (Ints{1, 2, 3, 4}));
  EXPECT_EQ(Grades(v, {"A", "B", "C", "D"}), (Strings{"fair", "excellent", "fair", "excellent"}));
}

TEST(Ranking, ForcingVetoWithoutGradesStillRanksLast) {
  View v(RunText(R"(scheme: t
inputs: {x: {type: number}, bad: {type: boolean}}
indicators:
  - {id: a, points: 100, score: x}
vetoes:
  - {id: v, when: bad}
)",
                 "unit,x,bad\nA,95,yes\nB,90,no\nC,85,no\n"));
  EXPECT_EQ(Ranks(v, {"B", "C", "A"}), (Ints{1, 2, 3}));
  EXPECT_EQ(v.Grade("A"), std::nullopt);
  EXPECT_EQ(v.Vetoes("A"), Strings{"bad"});  // a veto without reason shows its `when`
}

TEST(Ranking, UnitsInErrorHaveNoRankAndDoNotCount) {
  View v(RunText(R"(scheme: t
inputs: {x: {type: number}}
indicators:
  - {id: a, points: 100, score: 1000 / x}
grades:
  levels: [{name: top, min: 0, quota: 50%}, {name: rest}]
)",
                 "unit,x\nA,10\nB,20\nE,0\n"));
  // N = 2 (E is in error): 50% x 2 = 1 place.
  EXPECT_EQ(Ranks(v, {"A", "B", "E"}), (Ints{1, 2, std::nullopt}));
  EXPECT_EQ(Grades(v, {"A", "B", "E"}), (Strings{"top", "rest", "-"}));
}

// ---------------------------------------------------------------------------------------
// Several vetoes

TEST(Vetoes, SeveralFired) {
  View v(RunText(R"(scheme: v
inputs:
  x: {type: number}
  a: {type: boolean}
  b: {type: boolean}
  c: {type: boolean}
  d: {type: boolean}
indicators:
  - {id: s, points: 100, score: x}
vetoes:
  - {id: v1, when: a, reason: first, cap: 70, grade: fair}
  - {id: v2, when: b, reason: second, max_grade: good}
  - {id: v3, when: c, cap: 80, grade: poor}
  - {id: v4, when: d, max_grade: fair}
  - {id: v5, when: total > 94 and a, reason: sees 95, cap: 90}
grades:
  levels:
    - {name: excellent, min: 90}
    - {name: good, min: 80}
    - {name: fair, min: 60}
    - {name: poor}
)",
                 "unit,x,a,b,c,d\n"
                 "X,95,yes,yes,yes,no\n"  // caps 70, 80, 90 -> 70; forced fair, poor -> poor
                 "Y,95,no,yes,no,yes\n"   // max good, fair -> fair
                 "Z,95,no,yes,no,no\n"    // max good -> good
                 "W,95,yes,no,no,no\n"    // cap 70; fair (v1), poor (v5 forces the lowest)
                 "V,95,no,no,no,no\n"));  // excellent
  EXPECT_EQ(v.Total("X"), 70.0);
  EXPECT_EQ(v.Vetoes("X"), (Strings{"first", "second", "c", "sees 95"}));
  EXPECT_EQ(Grades(v, {"X", "Y", "Z", "W", "V"}),
            (Strings{"poor", "fair", "good", "poor", "excellent"}));
  EXPECT_EQ(v.Total("Y"), 95.0);
  // V, Y, Z rank as usual (all 95); X and W (forced) after them, tied at 70.
  EXPECT_EQ(Ranks(v, {"V", "Y", "Z", "X", "W"}), (Ints{1, 1, 1, 4, 4}));
  std::string csv = v.Csv();
  EXPECT_NE(csv.find("X,95.00,70.00,4,poor,first;second;c;sees 95,\n"), std::string::npos) << csv;
}

TEST(Vetoes, NullWhenIsAnError) {
  View v(RunText(R"(scheme: v
inputs: {x: {type: number}, b: {type: boolean, required: false}}
indicators:
  - {id: s, points: 100, score: x}
vetoes:
  - {id: v1, when: b}
)",
                 "unit,x,b\nA,50,\nB,60,no\n"));
  EXPECT_NE(v.Error("A").find("evaluation error in veto v1: the veto's `when` is missing"),
            std::string::npos)
      << v.Error("A");
  EXPECT_EQ(v.Rank("B"), 1);
}

// ---------------------------------------------------------------------------------------
// Quotas

std::vector<Row> Descending(int n, double top = 100) {
  std::vector<Row> rows;
  for (int i = 0; i < n; ++i) rows.push_back({"U" + std::to_string(i), top - i});
  return rows;
}

int CountGrade(const View& v, int n, const std::string& grade) {
  int count = 0;
  for (int i = 0; i < n; ++i) count += v.Grade("U" + std::to_string(i)) == grade ? 1 : 0;
  return count;
}

TEST(Quotas, FloorAndNearestCountExactlyInDecimal) {
  // 0.3 x 15 = 4.5: floor 4, nearest (half up) 5.
  EXPECT_EQ(CountGrade(View(RunText(Quotas("30%", "0%"), Rows(Descending(15)))), 15, "excellent"),
            4);
  EXPECT_EQ(
      CountGrade(View(RunText(Quotas("30%", "0%", "demote", "nearest"), Rows(Descending(15)))), 15,
                 "excellent"),
      5);
  // 0.29 x 100 = 29 exactly (in doubles 0.29 * 100 = 28.999999999999996).
  EXPECT_EQ(CountGrade(View(RunText(Quotas("29%", "0%"), Rows(Descending(100)))), 100, "excellent"),
            29);
  // 0.25 x 10 = 2.5 -> nearest 3: half up, not to even.
  EXPECT_EQ(
      CountGrade(View(RunText(Quotas("25%", "0%", "demote", "nearest"), Rows(Descending(10)))), 10,
                 "excellent"),
      3);  // 2.5 -> 3
}

TEST(Quotas, TiesDemoteAndFillingExactlyCloses) {
  // N = 10: excellent and good take 2 each. A takes excellent; B and C tie across its end:
  // both go down, and excellent closes. Good takes B and C exactly: it closes too.
  std::vector<Row> rows = {{"A", 100}, {"B", 95}, {"C", 95}, {"D", 90}, {"E", 85},
                           {"F", 84},  {"G", 83}, {"H", 82}, {"I", 81}, {"J", 80}};
  View v(RunText(Quotas("20%", "20%"), Rows(rows)));
  EXPECT_EQ(Grades(v, {"A", "B", "C", "D", "E", "J"}),
            (Strings{"excellent", "good", "good", "fair", "fair", "fair"}));
  View admit(RunText(Quotas("20%", "20%", "admit"), Rows(rows)));
  EXPECT_EQ(Grades(admit, {"A", "B", "C", "D", "E", "F"}),
            (Strings{"excellent", "excellent", "excellent", "good", "good", "fair"}));
}

TEST(Quotas, DemotedTiesMayStraddleAgain) {
  std::vector<Row> rows = {{"A", 100}, {"B", 95}, {"C", 95}, {"D", 95}, {"E", 85},
                           {"F", 84},  {"G", 83}, {"H", 82}, {"I", 81}, {"J", 80}};
  // Excellent (2): A, then B, C, D straddle (3 > 1): down. Good (2): 3 > 2: down again.
  View v(RunText(Quotas("20%", "20%"), Rows(rows)));
  EXPECT_EQ(Grades(v, {"A", "B", "C", "D", "E"}),
            (Strings{"excellent", "fair", "fair", "fair", "fair"}));
  View admit(RunText(Quotas("20%", "20%", "admit"), Rows(rows)));
  EXPECT_EQ(Grades(admit, {"A", "B", "C", "D", "E", "F", "G"}),
            (Strings{"excellent", "excellent", "excellent", "excellent", "good", "good", "fair"}));
}

TEST(Quotas, BarredUnitsNeitherTakeAPlaceNorStraddle) {
  // B is barred from excellent: at the tie B, C only C counts, and 1 place is left.
  std::vector<Row> rows = {{"A", 100}, {"B", 95, true}, {"C", 95}, {"D", 90}, {"E", 85},
                           {"F", 84},  {"G", 83},       {"H", 82}, {"I", 81}, {"J", 80}};
  View v(RunText(Quotas("20%", "20%"), Rows(rows)));
  EXPECT_EQ(Ranks(v, {"A", "B", "C", "D"}), (Ints{1, 2, 2, 4}));
  EXPECT_EQ(Grades(v, {"A", "B", "C", "D", "E"}),
            (Strings{"excellent", "good", "excellent", "good", "fair"}));
  // A barred unit at the top takes no excellent place: B and C (95) both fit in 2.
  rows[0].bar = true;
  rows[1].bar = false;
  View w(RunText(Quotas("20%", "20%"), Rows(rows)));
  EXPECT_EQ(Grades(w, {"A", "B", "C", "D", "E"}),
            (Strings{"good", "excellent", "excellent", "good", "fair"}));
}

TEST(Quotas, ForcedUnitsTakeNoPlaceButCountInN) {
  // N = 10 with the two forced units: 20% -> 2 excellent places (of 8 it would be 1).
  std::vector<Row> rows = Descending(10);
  rows[0].force = true;
  rows[1].force = true;
  View v(RunText(Quotas("20%", "20%"), Rows(rows)));
  EXPECT_EQ(Grades(v, {"U0", "U1", "U2", "U3", "U4", "U5", "U6"}),
            (Strings{"fair", "fair", "excellent", "excellent", "good", "good", "fair"}));
  EXPECT_EQ(Ranks(v, {"U2", "U9", "U0", "U1"}), (Ints{1, 8, 9, 10}));
}

TEST(Quotas, NoGradeWhenNoLevelFits) {
  View v(RunText(R"(scheme: q
inputs: {x: {type: number}}
indicators:
  - {id: a, points: 100, score: x}
grades:
  levels:
    - {name: top, min: 50, quota: 50%}
    - {name: rest, quota: 25%}
)",
                 "unit,x\nA,90\nB,80\nC,70\nD,60\n"));
  // top: 2 of 4; rest: 1 of 4; D fits nothing.
  EXPECT_EQ(Grades(v, {"A", "B", "C", "D"}), (Strings{"top", "top", "rest", "-"}));
  std::string csv = v.Csv();
  EXPECT_NE(csv.find("D,60.00,60.00,4,,,\n"), std::string::npos) << csv;
}

TEST(Quotas, GradesCompareTheRoundedTotalWithMin) {
  View v(RunText(R"(scheme: q
rounding: {stage: output}
inputs: {x: {type: number}}
indicators:
  - {id: a, points: 100, score: x}
grades:
  levels: [{name: good, min: 80}, {name: rest}]
)",
                 "unit,x\nA,79.996\nB,79.994\n"));
  EXPECT_EQ(v.Grade("A"), "good");  // 79.996 is 80.00 as published
  EXPECT_EQ(v.Grade("B"), "rest");
}

TEST(Quotas, CountPerPeerGroup) {
  View v(RunText(R"(scheme: q
peers: type
inputs: {x: {type: number}, type: {type: text}}
indicators:
  - {id: a, points: 100, score: x}
grades:
  levels: [{name: top, min: 0, quota: 50%}, {name: rest}]
)",
                 "unit,type,x\nA,s,90\nB,s,80\nC,d,70\nD,d,60\nE,s,85\nF,s,50\n"));
  // s: A 90, E 85, B 80, F 50 -> 2 top. d: C 70, D 60 -> 1 top.
  EXPECT_EQ(Ranks(v, {"A", "E", "B", "F", "C", "D"}), (Ints{1, 2, 3, 4, 1, 2}));
  EXPECT_EQ(Grades(v, {"A", "E", "B", "F", "C", "D"}),
            (Strings{"top", "top", "rest", "rest", "top", "rest"}));
}

// A single large group is ranked in two halves on two threads and merged: the ranks and
// grades (quotas, ties straddling them, vetoes) are those of one thread, unit by unit.
TEST(Ranking, ALargeGroupRanksTheSameOnOneAndTwoThreads) {
  const Scheme s = testing::LoadScheme(Quotas("20%", "30%", "demote", "nearest"));
  std::vector<Row> rows;
  for (int u = 0; u < 40'000; ++u) {
    // Many ties (totals 0..499), some barred and forced units, spread over both halves.
    rows.push_back({"U" + std::to_string(u), static_cast<double>((u * 7919) % 500), u % 97 == 0,
                    u % 1013 == 0});
  }
  const Batch batch = testing::ReadBatch(s, Rows(rows));
  EvalOptions one, two;
  one.threads = 1;
  two.threads = 2;
  const Results a = testing::Eval(s, batch, one), b = testing::Eval(s, batch, two);
  int ranked = 0;
  for (size_t u = 0; u < a.size(); ++u) {
    ASSERT_EQ(a.rank(u), b.rank(u)) << u;
    ASSERT_EQ(a.grade(u), b.grade(u)) << u;
    ranked += a.rank(u).has_value();
  }
  EXPECT_EQ(ranked, 40'000);
  // By hand: the units of the highest total not forced share rank 1; a forced unit ranks
  // after every unit not forced.
  double best = -1;
  int not_forced = 0;
  for (const Row& r : rows) {
    if (!r.force) best = std::max(best, r.x), ++not_forced;
  }
  for (size_t u = 0; u < rows.size(); ++u) {
    if (!rows[u].force && rows[u].x == best) EXPECT_EQ(b.rank(u), 1) << u;
    if (rows[u].force) EXPECT_GT(*b.rank(u), not_forced) << u;
  }
}

// Totals are tallied by their whole hundredths, unless one is too large for that to be
// exact (from about 10^10 at 2 digits): then sorted by comparing them. Both give the same
// ranks and grades: the same units shifted up by 5 x 10^10 rank and grade alike, ties,
// quotas and forced vetoes included.
TEST(Ranking, HugeTotalsRankAsSmallOnesDo) {
  const std::string yaml =
      Replace(Quotas("20%", "30%", "demote", "nearest"), "points: 100", "points: 1e15");
  const Scheme s = testing::LoadScheme(yaml);
  std::vector<Row> small, huge;
  for (int u = 0; u < 3000; ++u) {
    const double x = static_cast<double>((u * 7919) % 200) / 20;  // 0.05 apart: ties
    small.push_back({"U" + std::to_string(u), x, u % 31 == 0, u % 101 == 0});
    huge.push_back(small.back());
    huge.back().x += 5e10;
  }
  const Results a = testing::Eval(s, testing::ReadBatch(s, Rows(small)), {});
  const Results b = testing::Eval(s, testing::ReadBatch(s, Rows(huge)), {});
  ASSERT_EQ(b.total(0), a.total(0).value() + 5e10);
  for (size_t u = 0; u < a.size(); ++u) {
    ASSERT_TRUE(a.rank(u).has_value()) << u;
    ASSERT_EQ(a.rank(u), b.rank(u)) << u;
    ASSERT_EQ(a.grade(u), b.grade(u)) << u;
  }
}

// Each unit of `units` has a total of whole hundredths with ties (the close batch) and the
// same total times 1000 (the spread one, whose totals a tally of the group's size does not
// hold); some are barred and some forced. For every thread count (1, 2), `check` compares
// the results of the two.
template <class Check>
void ForCloseAndSpread(const Scheme& s, int units, Check check) {
  std::vector<Row> close, spread;
  for (int u = 0; u < units; ++u) {
    const double x = static_cast<double>((u * 7919) % 400) / 100;  // ties, hundredths
    close.push_back({"U" + std::to_string(u), x, u % 31 == 0, u % 101 == 0});
    spread.push_back(close.back());
    spread.back().x *= 1000;
  }
  const Batch a_batch = testing::ReadBatch(s, Rows(close));
  const Batch b_batch = testing::ReadBatch(s, Rows(spread));
  for (int threads : {1, 2}) {
    EvalOptions options;
    options.threads = threads;
    check(testing::Eval(s, a_batch, options), testing::Eval(s, b_batch, options), threads);
  }
}

// Totals spread over more hundredths than a tally of the group's size holds are sorted by
// their whole hundredths instead (with 10^4 units or more) or by comparing them (fewer):
// the same units with their totals times 1000 keep their order and ties, and so rank and
// grade as the tallied ones do, on one and two threads, barred and forced units included.
TEST(Ranking, WidelySpreadTotalsRankAsCloseOnesDo) {
  const Scheme s = testing::LoadScheme(
      Replace(Quotas("20%", "30%", "demote", "nearest"), "points: 100", "points: 1e15"));
  for (int units : {3000, 20'000}) {
    ForCloseAndSpread(s, units, [&](const Results& a, const Results& b, int threads) {
      for (size_t u = 0; u < a.size(); ++u) {
        ASSERT_TRUE(a.rank(u).has_value()) << units << " " << threads << " " << u;
        ASSERT_EQ(a.rank(u), b.rank(u)) << units << " " << threads << " " << u;
        ASSERT_EQ(a.grade(u), b.grade(u)) << units << " " << threads << " " << u;
      }
    });
  }
}

// Counting records each unit's key and class where its rank and grade go; when it then
// gives up (totals too spread for a tally), the sort must find the units as counting found
// them: the units that no quota leaves room for have no grade after the sort too.
TEST(Ranking, UnitsLeftUngradedAfterCountingGaveUpHaveNoGrade) {
  std::string yaml =
      Replace(Quotas("20%", "30%", "demote", "nearest"), "points: 100", "points: 1e15");
  const Scheme s = testing::LoadScheme(Replace(yaml, "{name: fair}", "{name: fair, quota: 10%}"));
  for (int units : {3000, 20'000}) {
    ForCloseAndSpread(s, units, [&](const Results& a, const Results& b, int threads) {
      size_t ungraded = 0;
      for (size_t u = 0; u < a.size(); ++u) {
        ASSERT_EQ(a.rank(u), b.rank(u)) << units << " " << threads << " " << u;
        ASSERT_EQ(a.grade(u), b.grade(u)) << units << " " << threads << " " << u;
        ungraded += !b.grade(u).has_value();
      }
      EXPECT_GT(ungraded, static_cast<size_t>(units) / 3);
    });
  }
}

}  // namespace
}  // namespace assess
