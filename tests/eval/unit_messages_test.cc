// The units' messages of an evaluation: a batch where no unit is in error keeps none (the
// table's `errors` stays empty: no pass over a million empty strings), and a batch with a
// unit in data error or in evaluation error has its message at that unit only, on one
// thread or several.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>

#include "eval/eval_test_util.h"

namespace assess {
namespace {

using testing::LoadScheme;
using testing::ReadBatch;

constexpr const char* kScheme = R"(scheme: messages
inputs:
  done: {type: number}
  target: {type: number}
indicators:
  - {id: completion, points: 100, score: 'points * min(done / target, 1)'}
)";

// n units; unit `zero` has a target of 0 (division by zero), unit `bad` a bad number.
std::string Rows(int n, int zero, int bad) {
  std::string csv = "unit,done,target\n";
  for (int i = 0; i < n; ++i) {
    csv += fmt::format("U{},{},{}\n", i, i == bad ? "lots" : std::to_string(i % 50),
                       i == zero ? 0 : 40);
  }
  return csv;
}

Results Evaluate(const std::string& rows, int threads) {
  const Scheme scheme = LoadScheme(kScheme);
  EvalOptions options;
  options.threads = threads;
  return testing::Eval(scheme, ReadBatch(scheme, rows), options);
}

TEST(UnitMessages, ABatchWithoutAUnitInErrorKeepsNoMessages) {
  for (int threads : {1, 2}) {
    const Results r = Evaluate(Rows(5000, -1, -1), threads);
    EXPECT_TRUE(r.impl().table.errors.empty()) << threads;
    EXPECT_EQ(r.error_count(), 0u);
    for (std::size_t u : {std::size_t{0}, std::size_t{4999}}) {
      EXPECT_TRUE(r.ok(u));
      EXPECT_EQ(r.error(u), "");
    }
  }
}

TEST(UnitMessages, OnlyTheUnitsInErrorHaveAMessage) {
  for (int threads : {1, 2, 3}) {
    for (const auto& [zero, bad] : {std::pair{4321, -1}, std::pair{-1, 17}, std::pair{3, 4998}}) {
      SCOPED_TRACE(::testing::Message() << threads << " threads, zero " << zero << ", bad " << bad);
      const Results r = Evaluate(Rows(5000, zero, bad), threads);
      EXPECT_EQ(r.error_count(), (zero >= 0) + (bad >= 0));
      for (std::size_t u = 0; u < r.size(); ++u) {
        const bool in_error = static_cast<int>(u) == zero || static_cast<int>(u) == bad;
        ASSERT_EQ(r.ok(u), !in_error) << u;
        if (!in_error) {
          ASSERT_EQ(r.error(u), "") << u;
          continue;
        }
        EXPECT_NE(r.error(u).find(static_cast<int>(u) == zero ? "division by zero" : "lots"),
                  std::string::npos)
            << r.error(u);
        EXPECT_FALSE(r.total(u).has_value());
      }
    }
  }
}

// Units in error all through the batch (every seventh fails a division, and one row is bad),
// so that every thread's part holds some: each keeps its own message (which names it),
// whatever the thread count, and the units between them none.
TEST(UnitMessages, UnitsInErrorThroughTheBatchEachKeepTheirOwn) {
  std::string rows = "unit,done,target\n";
  for (int i = 0; i < 5000; ++i) {
    rows += fmt::format("U{},{},{}\n", i, i == 2500 ? "lots" : std::to_string(i % 50),
                        i % 7 == 0 ? 0 : 40);
  }
  const Results one = Evaluate(rows, 1);
  for (int threads : {1, 2, 3}) {
    SCOPED_TRACE(threads);
    const Results r = Evaluate(rows, threads);
    EXPECT_EQ(r.error_count(), 5000u / 7 + 1 + (2500 % 7 != 0));
    for (std::size_t u = 0; u < r.size(); ++u) {
      ASSERT_EQ(r.error(u), one.error(u)) << u;
      if (!r.ok(u)) {
        ASSERT_NE(r.error(u).find(fmt::format("unit U{}", u)), std::string::npos) << r.error(u);
      }
      if (u == 2500) {
        EXPECT_NE(r.error(u).find("lots"), std::string::npos) << r.error(u);
      } else if (u % 7 == 0) {
        EXPECT_NE(r.error(u).find("division by zero"), std::string::npos) << u << r.error(u);
      } else {
        ASSERT_TRUE(r.ok(u)) << u;
      }
    }
  }
}

}  // namespace
}  // namespace assess
