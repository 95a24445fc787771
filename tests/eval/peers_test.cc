// Peer functions (rule-language §8 "Peer functions", §12 "Peers"): groups by the `peers` input,
// who is left out, nesting, peers of indicators, and the null and error cases of the
// per-unit functions (peer_rank, peer_rank_asc, peer_percentile).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "eval/eval_test_util.h"

namespace assess {
namespace {

using testing::RunText;
using testing::View;

constexpr double kNull = std::numeric_limits<double>::quiet_NaN();

// Expects `node`'s value for each unit, exactly; NaN: null.
void ExpectValues(const View& v, const std::string& node,
                  const std::vector<std::pair<std::string, double>>& want) {
  for (const auto& [unit, expected] : want) {
    SCOPED_TRACE(node + " of " + unit);
    EXPECT_EQ(v.Error(unit), "");
    const double got = v.Value(unit, node);
    if (std::isnan(expected)) {
      EXPECT_TRUE(std::isnan(got)) << got;
    } else {
      EXPECT_EQ(got, expected);
    }
  }
}

constexpr const char* kAll = R"(scheme: p
peers: type
inputs:
  type: {type: text, required: false}
  x: {type: number, required: false}
indicators:
  - {id: pmax, points: 1, value: peer_max(x), score: 0}
  - {id: pmin, points: 1, value: peer_min(x), score: 0}
  - {id: pmean, points: 1, value: peer_mean(x), score: 0}
  - {id: psum, points: 1, value: peer_sum(x), score: 0}
  - {id: pcount, points: 1, value: peer_count(x), score: 0}
  - {id: rank, points: 1, value: peer_rank(x), score: 0}
  - {id: rasc, points: 1, value: peer_rank_asc(x), score: 0}
  - {id: pct, points: 1, value: peer_percentile(x), score: 0}
)";

// Groups: s = {A 10, B 30, C 20} (H has a data error, the second A is a repeat: neither is
// a peer); d = {D 5, E null}; units without a type form one group {F 7, G 9}.
constexpr const char* kAllData =
    "unit,type,x\nA,s,10\nB,s,30\nC,s,20\nD,d,5\nE,d,\nF,,7\nG,,9\nH,s,abc\nA,s,1000\n";

// Groups larger than the blocks peer aggregates are read in: two groups whose members
// alternate (so they are not consecutive units), and every unit at once without `peers`
// (consecutive): the largest, the least, the count and the sum of what is not missing,
// against the same computed here.
TEST(Peers, AggregatesOfLargeGroupsConsecutiveOrNot) {
  constexpr int kUnits = 3 * 4096 + 17;
  std::string data = "unit,type,x\n";
  std::vector<double> xs;
  for (int u = 0; u < kUnits; ++u) {
    const bool missing = u % 10 == 3;
    const double x = (u * 7919) % 10007 - 5000.0;
    xs.push_back(missing ? kNull : x);
    data += "u" + std::to_string(u) + "," + (u % 2 ? "odd" : "even") + "," +
            (missing ? std::string() : std::to_string(static_cast<int>(x))) + "\n";
  }
  for (const bool grouped : {true, false}) {
    SCOPED_TRACE(grouped ? "two alternating groups" : "one group");
    std::string scheme = kAll;
    if (!grouped) scheme.erase(scheme.find("peers: type\n"), std::string("peers: type\n").size());
    View v(RunText(scheme, data));
    for (int parity = 0; parity < 2; ++parity) {
      double hi = -1e300, lo = 1e300, sum = 0, count = 0;
      for (int u = 0; u < kUnits; ++u) {
        if ((grouped && u % 2 != parity) || std::isnan(xs[u])) continue;
        hi = std::max(hi, xs[u]);
        lo = std::min(lo, xs[u]);
        sum += xs[u];  // whole numbers: exact
        ++count;
      }
      const std::string unit = "u" + std::to_string(parity);
      EXPECT_EQ(v.Value(unit, "pmax"), hi);
      EXPECT_EQ(v.Value(unit, "pmin"), lo);
      EXPECT_EQ(v.Value(unit, "pcount"), count);
      EXPECT_EQ(v.Value(unit, "psum"), sum);
    }
  }
}

// Without `peers`, a large batch's one group is made on every thread (a part of the units
// each): on 1, 2 and 3 threads it holds exactly the units without a data error, in input
// order, wherever in the parts those errors fall.
TEST(Peers, WithoutPeersALargeBatchIsOneGroupOnEveryThreadCount) {
  constexpr int kUnits = 70'001;
  std::string data = "unit,type,x\n";
  double sum = 0, count = 0;
  for (int u = 0; u < kUnits; ++u) {
    const bool bad = u % 97 == 5 || u == kUnits - 1;
    const int x = (u * 7919) % 1000;
    data += "u" + std::to_string(u) + ",s," + (bad ? std::string("abc") : std::to_string(x)) + "\n";
    if (!bad) sum += x, ++count;
  }
  std::string scheme = kAll;
  scheme.erase(scheme.find("peers: type\n"), std::string("peers: type\n").size());
  std::optional<Results> one;
  for (int threads : {1, 2, 3}) {
    SCOPED_TRACE(threads);
    EvalOptions options;
    options.threads = threads;
    Results r = RunText(scheme, data, DataFormat::kCsv, options);
    ASSERT_EQ(r.size(), static_cast<size_t>(kUnits));
    EXPECT_EQ(r.error_count(), static_cast<size_t>(kUnits - count));
    View v(std::move(r));
    EXPECT_EQ(v.Value("u0", "pcount"), count);
    EXPECT_EQ(v.Value("u0", "psum"), sum);
    const Results& got = v.results();
    if (threads == 1) {
      one = RunText(scheme, data, DataFormat::kCsv, options);
      continue;
    }
    for (size_t u = 0; u < got.size(); ++u) {
      ASSERT_EQ(got.error(u), one->error(u)) << u;
      ASSERT_EQ(got.rank(u), one->rank(u)) << u;
      if (got.error(u).empty()) {
        ASSERT_EQ(testing::ValueOf(got, u, "rank"), testing::ValueOf(*one, u, "rank")) << u;
      }
    }
  }
}

TEST(Peers, AggregatesWithinEachGroup) {
  View v(RunText(kAll, kAllData));
  ExpectValues(v, "pmax",
               {{"A", 30}, {"B", 30}, {"C", 30}, {"D", 5}, {"E", 5}, {"F", 9}, {"G", 9}});
  ExpectValues(v, "pmin", {{"A", 10}, {"C", 10}, {"D", 5}, {"E", 5}, {"F", 7}, {"G", 7}});
  ExpectValues(v, "pmean", {{"A", 20}, {"D", 5}, {"E", 5}, {"F", 8}});
  ExpectValues(v, "psum", {{"A", 60}, {"D", 5}, {"E", 5}, {"G", 16}});
  // E's null x is left out: D is alone in d.
  ExpectValues(v, "pcount", {{"A", 3}, {"B", 3}, {"D", 1}, {"E", 1}, {"F", 2}});
}

TEST(Peers, UnitsWithDataErrorsAreNoPeers) {
  View v(RunText(kAll, kAllData));
  const Results& r = v.results();
  ASSERT_EQ(r.size(), 9u);
  EXPECT_NE(r.error(7).find("unit H"), std::string::npos) << r.error(7);
  EXPECT_NE(r.error(7).find("row 9"), std::string::npos) << r.error(7);
  EXPECT_NE(r.error(8).find("A"), std::string::npos) << r.error(8);  // the repeat
  EXPECT_EQ(r.total(7), std::nullopt);
  EXPECT_EQ(r.rank(8), std::nullopt);
  EXPECT_EQ(v.Error("A"), "");  // the first row of A is evaluated
}

TEST(Peers, RankAscAndPercentile) {
  View v(RunText(kAll, kAllData));
  // rank: 1 + peers with a larger x; asc: 1 + peers with a smaller x;
  // percentile: (peers with a smaller x) / (peers - 1), 1 for a single peer.
  ExpectValues(v, "rank", {{"A", 3}, {"B", 1}, {"C", 2}, {"D", 1}, {"F", 2}, {"G", 1}});
  ExpectValues(v, "rasc", {{"A", 1}, {"B", 3}, {"C", 2}, {"D", 1}, {"F", 1}, {"G", 2}});
  ExpectValues(v, "pct", {{"A", 0}, {"B", 1}, {"C", 0.5}, {"D", 1}, {"F", 0}, {"G", 1}});
  // A unit whose own argument is null gets null.
  ExpectValues(v, "rank", {{"E", kNull}});
  ExpectValues(v, "rasc", {{"E", kNull}});
  ExpectValues(v, "pct", {{"E", kNull}});
}

TEST(Peers, TiesShareARank) {
  View v(RunText(kAll, "unit,type,x\nP,s,10\nQ,s,20\nR,s,20\nS,s,5\n"));
  ExpectValues(v, "rank", {{"Q", 1}, {"R", 1}, {"P", 3}, {"S", 4}});
  ExpectValues(v, "rasc", {{"S", 1}, {"P", 2}, {"Q", 3}, {"R", 3}});
  ExpectValues(v, "pct", {{"S", 0}, {"P", 1.0 / 3}, {"Q", 2.0 / 3}, {"R", 2.0 / 3}});
}

TEST(Peers, WithoutPeersTheBatchIsOneGroup) {
  std::string yaml = kAll;
  yaml.erase(yaml.find("peers: type\n"), 12);
  View v(RunText(yaml, "unit,type,x\nA,s,10\nD,d,5\nF,,7\n"));
  ExpectValues(v, "pmax", {{"A", 10}, {"D", 10}, {"F", 10}});
  ExpectValues(v, "rank", {{"A", 1}, {"F", 2}, {"D", 3}});
}

TEST(Peers, SumAndMeanAreExactlyRoundedWhateverTheOrder) {
  std::string rows = "unit,type,x\n";
  for (int i = 0; i < 10; ++i) rows += "T" + std::to_string(i) + ",s,0.1\n";
  View tenths(RunText(kAll, rows));
  ExpectValues(tenths, "psum", {{"T0", 1.0}, {"T9", 1.0}});  // not 0.9999999999999999
  ExpectValues(tenths, "pmean", {{"T0", 0.1}});
  for (const char* data :
       {"unit,type,x\nA,s,1e16\nB,s,1\nC,s,-1e16\n", "unit,type,x\nC,s,-1e16\nA,s,1e16\nB,s,1\n",
        "unit,type,x\nA,s,1e16\nC,s,-1e16\nB,s,1\n"}) {
    View v(RunText(kAll, data));
    ExpectValues(v, "psum", {{"A", 1}, {"B", 1}});
    ExpectValues(v, "pmean", {{"C", 1.0 / 3}});
  }
}

TEST(Peers, NoPeerLeftGivesNull) {
  View v(RunText(kAll, "unit,type,x\nD,d,\nE,d,\nA,s,4\n"));
  ExpectValues(v, "pmax", {{"D", kNull}, {"E", kNull}, {"A", 4}});
  ExpectValues(v, "psum", {{"D", kNull}});
  ExpectValues(v, "pmean", {{"D", kNull}});
  ExpectValues(v, "pcount", {{"D", kNull}, {"A", 1}});  // peer_count too
}

TEST(Peers, NestAndUseIndicators) {
  View v(RunText(R"(scheme: p
peers: type
inputs:
  type: {type: text}
  x: {type: number}
indicators:
  - {id: a, points: 10, when: x != 20, score: x / 10}
  - {id: dev, points: 1, value: peer_max(x - peer_mean(x)), score: 0}
  - {id: best, points: 1, value: peer_max(a), score: 0}
  - {id: share, points: 100, value: a / peer_sum(a), score: 'coalesce(value, 0) * points'}
)",
                 "unit,type,x\nA,s,10\nB,s,30\nC,s,20\nD,d,50\n"));
  // s: mean 20, deviations -10, 10, 0 -> 10. d: 50 - 50 = 0.
  ExpectValues(v, "dev", {{"A", 10}, {"C", 10}, {"D", 0}});
  // a = x / 10 = 1, 3 (C does not apply: left out); D: 5.
  ExpectValues(v, "best", {{"A", 3}, {"B", 3}, {"C", 3}, {"D", 5}});
  // share = a / (1 + 3) for s.
  ExpectValues(v, "share", {{"A", 0.25}, {"B", 0.75}, {"C", kNull}, {"D", 1}});
  EXPECT_EQ(v.Score("A", "share"), 25.0);
  EXPECT_EQ(v.Score("C", "share"), 0.0);
}

constexpr const char* kFailing = R"(scheme: p
inputs:
  x: {type: number}
indicators:
  - {id: low, points: 1, value: peer_min(10 / x), score: 0}
  - {id: top, points: 1, value: peer_max(x), score: 0}
  - {id: bad, points: 1, score: 1 / (x - 30)}
)";

TEST(Peers, ArgumentThatFailsIsLeftOut) {
  // Z's argument 10 / 0 fails: it is left out of every unit's peer_min (10 / 4 = 2.5 is
  // the min of 10 / 2, 10 / 4), and Z itself is not in error for it.
  View v(RunText(kFailing, "unit,x\nP,2\nQ,4\nZ,0\n"));
  ExpectValues(v, "low", {{"P", 2.5}, {"Q", 2.5}, {"Z", 2.5}});
}

TEST(Peers, EvaluationErrorElsewhereDoesNotLeaveAUnitOut) {
  // B fails in `bad` (1 / 0), but is still a peer: peer_max(x) = 30 for A.
  View v(RunText(kFailing, "unit,x\nA,10\nB,30\n"));
  EXPECT_NE(v.Error("B").find("in bad: division by zero"), std::string::npos) << v.Error("B");
  ExpectValues(v, "top", {{"A", 30}});
}

TEST(Peers, RankOfAUnitWhoseOwnArgumentFailsIsAnError) {
  View v(RunText(R"(scheme: p
inputs:
  x: {type: number}
indicators:
  - {id: r, points: 10, score: peer_rank(10 / x)}
)",
                 "unit,x\nP,2\nQ,4\nZ,0\n"));
  EXPECT_NE(v.Error("Z").find("unit Z (row 4): evaluation error in r: division by zero"),
            std::string::npos)
      << v.Error("Z");
  EXPECT_EQ(v.Score("P", "r"), 1.0);  // 10 / 2 = 5 is the largest left
  EXPECT_EQ(v.Score("Q", "r"), 2.0);
}

TEST(Peers, VetoMayUsePeerFunctionsOfTotal) {
  View v(RunText(R"(scheme: p
inputs:
  x: {type: number}
indicators:
  - {id: a, points: 100, score: x}
vetoes:
  - {id: low, when: total < peer_mean(total) - 10, reason: far below the mean}
)",
                 "unit,x\nA,50\nB,80\nC,80\n"));
  // mean = 70: A (50 < 60) is vetoed; B and C are not.
  EXPECT_EQ(v.Vetoes("A"), std::vector<std::string>{"far below the mean"});
  EXPECT_TRUE(v.Vetoes("B").empty());
  EXPECT_EQ(v.Rank("A"), 3);
}

}  // namespace
}  // namespace assess
