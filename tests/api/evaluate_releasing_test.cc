// EvaluateReleasing: the results of Evaluate, from a batch whose input columns are freed
// once it is evaluated; explanations only from an evaluation that kept its trace.
#include <gtest/gtest.h>

#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "assess/batch.h"
#include "assess/evaluate.h"
#include "assess/results.h"
#include "assess/scheme.h"
#include "eval/eval_test_util.h"

namespace assess {
namespace {

using testing::LoadScheme;

// A peer function, a rank and a grade: results that need every unit's inputs at once.
constexpr const char* kScheme = R"(scheme: releasing
unit: office
inputs:
  growth: {type: number}
  grade: {type: text, values: [A, B, C]}
params:
  party: {A: 1, B: 0.8, C: 0.5}
indicators:
  - {id: gdp, points: 30, score: 'points * growth / peer_max(growth)'}
  - {id: party_s, points: 20, score: 'lookup(grade, party, 0) * points'}
grades:
  levels:
    - {name: good, min: 40}
    - {name: poor}
)";

// Five offices; the growth column is shared with the batch, and `alive` tells whether the
// batch still holds it.
struct Built {
  Batch batch;
  std::weak_ptr<const std::vector<double>> alive;
};

Built Build(const Scheme& s) {
  BatchBuilder b(s);
  EXPECT_TRUE(b.SetUnitIds({"o1", "o2", "o3", "o4", "o5"}).ok());
  auto growth =
      std::make_shared<const std::vector<double>>(std::vector<double>{4.5, 6.0, 2.25, 6.0, 5.0});
  EXPECT_TRUE(b.SetColumnShared("growth", growth->data(), growth->size(), growth).ok());
  EXPECT_TRUE(b.SetTextColumn("grade", {"A", "B", "C", "A", "B"}).ok());
  Expected<Batch> batch = b.Build();
  EXPECT_TRUE(batch.ok());
  return {std::move(*batch), growth};
}

std::string Csv(const Results& r) {
  std::ostringstream out;
  r.WriteCsv(out);
  return out.str();
}

TEST(EvaluateReleasing, GivesEvaluatesResultsAndFreesTheInputsAtOnce) {
  const Scheme s = LoadScheme(kScheme);
  Built kept = Build(s);
  const Expected<Results> expected = Evaluate(s, kept.batch);
  ASSERT_TRUE(expected.ok());

  Built given = Build(s);
  ASSERT_FALSE(given.alive.expired());
  const Expected<Results> released = EvaluateReleasing(s, std::move(given.batch));
  ASSERT_TRUE(released.ok());
  // The shared column went with the batch's columns, while the results live on.
  EXPECT_TRUE(given.alive.expired());
  EXPECT_EQ(Csv(*released), Csv(*expected));
  ASSERT_EQ(released->size(), 5u);
  EXPECT_EQ(released->unit_id(2), "o3");
  EXPECT_EQ(released->rank(1), expected->rank(1));
  EXPECT_EQ(released->grade(0), expected->grade(0));
  // Evaluate, by contrast, keeps the batch's columns for as long as its results live.
  kept.batch = Build(s).batch;
  EXPECT_FALSE(kept.alive.expired());
}

TEST(EvaluateReleasing, FreesNothingAnotherCopyOfTheBatchHolds) {
  const Scheme s = LoadScheme(kScheme);
  Built built = Build(s);
  const Batch copy = built.batch;
  const Expected<Results> released = EvaluateReleasing(s, std::move(built.batch));
  ASSERT_TRUE(released.ok());
  EXPECT_FALSE(built.alive.expired());
  // The copy is whole: evaluated again, it gives the same results.
  const Expected<Results> again = Evaluate(s, copy);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(Csv(*again), Csv(*released));
}

TEST(EvaluateReleasing, ExplainsFromTheTraceAndRefusesWithoutIt) {
  const Scheme s = LoadScheme(kScheme);
  Built kept = Build(s);
  const Expected<Results> expected = Evaluate(s, kept.batch);
  ASSERT_TRUE(expected.ok());

  EvalOptions explain;
  explain.explain = true;
  const Expected<Results> traced = EvaluateReleasing(s, Build(s).batch, explain);
  ASSERT_TRUE(traced.ok());
  EXPECT_EQ(traced->Explain(3), expected->Explain(3));
  std::ostringstream a, b;
  traced->WriteJson(a, true);
  expected->WriteJson(b, true);
  EXPECT_EQ(a.str(), b.str());

  const Expected<Results> untraced = EvaluateReleasing(s, Build(s).batch);
  ASSERT_TRUE(untraced.ok());
  EXPECT_THROW(untraced->Explain(0), std::logic_error);
  std::ostringstream c;
  EXPECT_THROW(untraced->WriteJsonLines(c, true), std::logic_error);
  std::ostringstream d;
  untraced->WriteJsonLines(d, false);  // without explanations, as Evaluate's
  std::ostringstream e;
  expected->WriteJsonLines(e, false);
  EXPECT_EQ(d.str(), e.str());
}

TEST(EvaluateReleasing, AMovedFromBatchIsAnErrorNotACrash) {
  const Scheme s = LoadScheme(kScheme);
  Built built = Build(s);
  ASSERT_TRUE(EvaluateReleasing(s, std::move(built.batch)).ok());
  const Expected<Results> again = Evaluate(s, built.batch);  // NOLINT(bugprone-use-after-move)
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.error().message.find("given up"), std::string::npos);
  EXPECT_FALSE(EvaluateReleasing(s, std::move(built.batch)).ok());
  EXPECT_EQ(built.batch.size(), 0u);  // NOLINT(bugprone-use-after-move): it holds no unit
}

}  // namespace
}  // namespace assess
