// Results do not depend on the number of threads (bit for bit), and after rounding not on
// the order of units in the input (rule-language §13, §12): a generated batch with peer groups,
// peers of indicators, bonus and deduction rules, vetoes and graded quotas.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "eval/eval_test_util.h"

namespace assess {
namespace {

using testing::LoadScheme;
using testing::ReadBatch;

constexpr const char* kScheme = R"(scheme: det
peers: type
inputs:
  type: {type: text, values: [street, dept, resident], required: false}
  gdp: {type: number}
  target: {type: number}
  raters: {type: list}
  incidents: {type: integer, min: 0}
  award: {type: boolean}
  survey: {type: number, required: false}
indicators:
  - id: economy
    points: 40
    children:
      - {id: gdp_rate, points: 20, value: gdp / target, score: 'points * min(value, 1.2)', cap: 22}
      - id: relative
        points: 20
        score: points * ramp(gdp_rate, peer_min(gdp_rate), peer_max(gdp_rate))
        on_missing: zero
  - id: people
    points: 30
    children:
      - {id: democratic, points: 15, score: 'points * trimmed_mean(raters, 1) / 100'}
      - id: survey_s
        points: 15
        when: type != "dept"
        score: points * survey / 100
        on_missing: exclude
  - {id: spread, points: 30, score: 'points * peer_percentile(democratic + gdp_rate)'}
  - id: bonus
    kind: bonus
    cap: 3
    rules:
      - {when: award, points: 2, reason: award}
      - {when: 'gdp_rate > peer_mean(gdp_rate)', points: 1.5, reason: above mean}
  - id: ded
    kind: deduction
    rules:
      - {when: incidents > 0, points: incidents * 0.7, cap: 4, reason: incidents}
vetoes:
  - {id: major, when: incidents > 5, reason: major accident, grade: poor}
  - {id: weak, when: total < peer_mean(total) - 25, reason: far below, max_grade: good}
grades:
  levels:
    - {name: excellent, min: 80, quota: 15%}
    - {name: good, min: 65, quota: 35%}
    - {name: fair, min: 50}
    - {name: poor}
  tie_break: [economy, people]
)";

// A fixed pseudo-random sequence (not std:: distributions, whose output varies by library).
class Lcg {
 public:
  explicit Lcg(uint64_t seed) : s_(seed) {}
  uint64_t Next() {
    s_ = s_ * 6364136223846793005ull + 1442695040888963407ull;
    return s_ >> 33;
  }
  int Below(int n) { return static_cast<int>(Next() % static_cast<uint64_t>(n)); }

 private:
  uint64_t s_;
};

// Rows of `n` units (ids U00000...), one in ~400 with a zero target (an evaluation error),
// one in ~500 with a negative incident count (a data error); coarse values make ties.
std::vector<std::string> Generate(int n) {
  Lcg rng(20240611);
  const char* types[] = {"street", "dept", "resident", ""};
  std::vector<std::string> rows;
  for (int i = 0; i < n; ++i) {
    const int type = rng.Below(100) < 2 ? 3 : rng.Below(3);
    const double gdp = (rng.Below(2001) - 500) / 100.0;
    const int target = rng.Below(400) == 0 ? 0 : 5 + rng.Below(6);
    std::string raters;
    const int count = 3 + rng.Below(4);
    for (int k = 0; k < count; ++k) {
      raters += fmt::format("{}{}", k ? ";" : "", 60 + rng.Below(401) / 10.0);
    }
    const int incidents = rng.Below(500) == 0 ? -1 : (rng.Below(10) < 8 ? 0 : rng.Below(8));
    const bool award = rng.Below(4) == 0;
    const std::string survey = rng.Below(10) == 0 ? "" : fmt::format("{}", 50 + rng.Below(51));
    rows.push_back(fmt::format("U{:05},{},{},{},{},{},{},{}", i, types[type], gdp, target, raters,
                               incidents, award ? "yes" : "no", survey));
  }
  return rows;
}

constexpr const char* kHeader = "unit,type,gdp,target,raters,incidents,award,survey\n";

std::string Join(const std::vector<std::string>& rows) {
  std::string csv = kHeader;
  for (const std::string& r : rows) csv += r + "\n";
  return csv;
}

struct Outcome {
  std::string csv;
  Results results;  // keeps the table alive
  const eval::ResultTable* table;
};

Outcome Evaluate(const Scheme& scheme, const Batch& batch, int threads) {
  EvalOptions options;
  options.threads = threads;
  const Results r = testing::Eval(scheme, batch, options);
  std::ostringstream out;
  r.WriteCsv(out);
  return {out.str(), r, &r.impl().table};
}

bool SameBits(const eval::ScoreColumn& a, const eval::ScoreColumn& b) {
  if (a.size() != b.size()) return false;
  for (size_t u = 0; u < a.size(); ++u) {
    const double x = a[u], y = b[u];
    if (std::memcmp(&x, &y, sizeof x) != 0) return false;
  }
  return true;
}

bool SameBits(const eval::ResultColumn& a, const eval::ResultColumn& b) {
  // memcmp is not called on an empty column: its data() may be null.
  return a.size() == b.size() &&
         (a.size() == 0 || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

// The CSV's data lines sorted by unit, with the row numbers in error messages blanked.
std::vector<std::string> SortedLines(const std::string& csv) {
  static const std::regex kRow(R"(row \d+)");
  std::vector<std::string> lines;
  std::istringstream in(csv);
  std::string line;
  std::getline(in, line);  // the header
  while (std::getline(in, line)) lines.push_back(std::regex_replace(line, kRow, "row"));
  std::sort(lines.begin(), lines.end());
  return lines;
}

class Determinism : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { rows_ = new std::vector<std::string>(Generate(20000)); }
  static void TearDownTestSuite() { delete rows_; }
  static std::vector<std::string>* rows_;
};
std::vector<std::string>* Determinism::rows_ = nullptr;

TEST_F(Determinism, TheBatchExercisesWhatItShould) {
  const Scheme scheme = LoadScheme(kScheme);
  const Outcome one = Evaluate(scheme, ReadBatch(scheme, Join(*rows_)), 1);
  int errors = 0, vetoed = 0, excellent = 0, bonus = 0;
  for (const std::string& line : SortedLines(one.csv)) {
    errors +=
        line.find("error in") != std::string::npos || line.find("data error") != std::string::npos;
    vetoed += line.find("major accident") != std::string::npos;
    excellent += line.find(",excellent,") != std::string::npos;
  }
  const eval::ScoreColumn& bonus_scores = one.table->scores[scheme.impl().model->FindNode("bonus")];
  for (size_t u = 0; u < bonus_scores.size(); ++u) bonus += bonus_scores[u] > 0;
  EXPECT_GT(errors, 20);
  EXPECT_GT(vetoed, 20);
  EXPECT_GT(excellent, 100);
  EXPECT_GT(bonus, 1000);
  EXPECT_EQ(one.table->peer_group.size(), 20000u);
}

TEST_F(Determinism, SameBitsForAnyNumberOfThreads) {
  const Scheme scheme = LoadScheme(kScheme);
  const Batch batch = ReadBatch(scheme, Join(*rows_));
  const Outcome one = Evaluate(scheme, batch, 1);
  for (int threads : {2, 3, 8}) {
    SCOPED_TRACE(fmt::format("{} threads", threads));
    const Outcome many = Evaluate(scheme, batch, threads);
    EXPECT_TRUE(many.csv == one.csv);
    ASSERT_EQ(many.table->scores.size(), one.table->scores.size());
    for (size_t n = 0; n < one.table->scores.size(); ++n) {
      EXPECT_TRUE(SameBits(many.table->scores[n], one.table->scores[n])) << "node " << n;
    }
    for (size_t c = 0; c < one.table->peer_results.size(); ++c) {
      EXPECT_TRUE(SameBits(many.table->peer_results[c], one.table->peer_results[c])) << c;
    }
    EXPECT_TRUE(SameBits(many.table->total, one.table->total));
    EXPECT_EQ(many.table->rank, one.table->rank);
    EXPECT_EQ(many.table->grade, one.table->grade);
    EXPECT_EQ(many.table->errors, one.table->errors);
  }
}

TEST_F(Determinism, SameResultsAfterShufflingTheUnits) {
  const Scheme scheme = LoadScheme(kScheme);
  const std::vector<std::string> expected =
      SortedLines(Evaluate(scheme, ReadBatch(scheme, Join(*rows_)), 1).csv);
  std::vector<std::string> shuffled = *rows_;
  Lcg rng(7);
  for (size_t i = shuffled.size() - 1; i > 0; --i) {
    std::swap(shuffled[i], shuffled[static_cast<size_t>(rng.Below(static_cast<int>(i + 1)))]);
  }
  std::reverse(shuffled.begin(), shuffled.end());
  ASSERT_NE(shuffled, *rows_);
  for (int threads : {1, 3}) {
    const std::vector<std::string> got =
        SortedLines(Evaluate(scheme, ReadBatch(scheme, Join(shuffled)), threads).csv);
    ASSERT_EQ(got.size(), expected.size());
    size_t differences = 0;
    for (size_t i = 0; i < got.size(); ++i) {
      if (got[i] != expected[i] && differences++ < 5) {
        ADD_FAILURE() << "shuffled: " << got[i] << "\nin order: " << expected[i];
      }
    }
    EXPECT_EQ(differences, 0u);
  }
}

}  // namespace
}  // namespace assess
