// A loaded scheme is immutable and may be shared by any number of threads (the rule language,
// DESIGN: "compile once, evaluate many"): 8 threads evaluate one shared scheme at once, each with
// its own batch, params and thread count, and every result is the one a single thread
// gets. Run under ThreadSanitizer by scripts/test.sh, which then also checks the
// evaluator's own worker threads and the C API's per-handle caches.
#include <gtest/gtest.h>

#include <cstddef>
#include <fstream>
#include <latch>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "assess/assess.h"
#include "assess/batch.h"
#include "assess/evaluate.h"
#include "assess/results.h"
#include "assess/scheme.h"

namespace assess {
namespace {

constexpr int kThreads = 8;
constexpr int kRounds = 3;  // each thread evaluates its job this many times

using Params = std::vector<std::pair<std::string, std::string>>;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The district data as three different batches: every row, every other row, and the rows
// of the last third, so that peer groups, ranks and quotas differ from batch to batch. The
// second and third are repeated (ids numbered) past 1,024 units, so that evaluating them on
// 2 and 3 threads runs the evaluator's team of worker threads (core/thread_team.h).
std::vector<std::string> DistrictCsvs() {
  const std::string all = ReadFile(std::string(ASSESS_SOURCE_DIR) + "/examples/district-2025.csv");
  std::vector<std::string> lines;
  std::istringstream in(all);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  std::string odd = lines[0] + "\n", tail = lines[0] + "\n";
  for (int copy = 0; copy < 100; ++copy) {
    for (std::size_t i = 1; i < lines.size(); ++i) {
      // The id is the first field: "name" becomes "name-7" in the 8th copy.
      const std::string row = lines[i].substr(0, lines[i].find(',')) + "-" + std::to_string(copy) +
                              lines[i].substr(lines[i].find(','));
      if (i % 2 == 1 && copy < 70) odd += row + "\n";
      if (i > lines.size() * 2 / 3) tail += row + "\n";
    }
  }
  return {all, odd, tail};
}

const std::vector<Params>& ParamSets() {
  static const std::vector<Params> sets = {
      {},
      {{"overachievement_limit", "1"}},
      {{"party_scores", R"({"A": 1, "B": 0.8, "C": 0.6, "D": 0.4})"}},
      {{"overachievement_limit", "1.5"}, {"party_scores", R"({"A": 1, "B": 1, "C": 1, "D": 1})"}},
  };
  return sets;
}

struct Job {
  std::size_t batch;
  std::size_t params;
  int threads;  // the evaluation's own worker threads
};

Job JobOf(int t) {
  return {static_cast<std::size_t>(t) % 3, static_cast<std::size_t>(t) % 4, 1 + t % 3};
}

std::string Csv(const Results& r) {
  std::ostringstream out;
  r.WriteCsv(out);
  return out.str();
}

std::string JsonExplained(const Results& r) {
  std::ostringstream out;
  r.WriteJson(out, /*explain=*/true);
  return out.str();
}

class SharedScheme : public ::testing::Test {
 protected:
  void SetUp() override {
    Expected<Scheme> s = Scheme::LoadFile(std::string(ASSESS_SOURCE_DIR) + "/rules/district.yaml");
    ASSERT_TRUE(s.ok()) << s.error().message;
    scheme_.emplace_back(std::move(*s));
    csvs_ = DistrictCsvs();
    // What one thread gets, job by job: the reference.
    for (int t = 0; t < kThreads; ++t) {
      const Job job = JobOf(t);
      Expected<Batch> batch = Batch::ReadText(scheme(), csvs_[job.batch], DataFormat::kCsv);
      ASSERT_TRUE(batch.ok());
      EvalOptions options;
      options.threads = 1;
      options.params = ParamSets()[job.params];
      options.explain = true;
      Expected<Results> r = Evaluate(scheme(), *batch, options);
      ASSERT_TRUE(r.ok()) << r.error().message;
      expected_csv_.push_back(Csv(*r));
      expected_json_.push_back(JsonExplained(*r));
    }
    // The jobs differ: a test whose threads all computed the same thing would prove less.
    ASSERT_NE(expected_csv_[0], expected_csv_[1]);
    ASSERT_NE(expected_csv_[0], expected_csv_[3]);
    ASSERT_NE(expected_csv_[0], expected_csv_[4]);
  }

  const Scheme& scheme() const { return scheme_.front(); }

  std::vector<Scheme> scheme_;  // one; a vector because Scheme has no empty state
  std::vector<std::string> csvs_;
  std::vector<std::string> expected_csv_, expected_json_;
};

TEST_F(SharedScheme, EightThreadsGetWhatOneThreadGets) {
  std::vector<std::vector<std::string>> got_csv(kThreads), got_json(kThreads);
  std::latch start(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      const Job job = JobOf(t);
      start.arrive_and_wait();  // all threads in the scheme at once
      for (int round = 0; round < kRounds; ++round) {
        // Each round reads its batch again: batches are made while others evaluate.
        Expected<Batch> batch = Batch::ReadText(scheme(), csvs_[job.batch], DataFormat::kCsv);
        if (!batch.ok()) return;
        EvalOptions options;
        options.threads = job.threads;
        options.params = ParamSets()[job.params];
        options.explain = true;
        Expected<Results> r = Evaluate(scheme(), *batch, options);
        if (!r.ok()) return;
        got_csv[t].push_back(Csv(*r));
        got_json[t].push_back(JsonExplained(*r));
      }
    });
  }
  for (std::thread& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) {
    ASSERT_EQ(got_csv[t].size(), static_cast<std::size_t>(kRounds)) << "thread " << t;
    for (int round = 0; round < kRounds; ++round) {
      EXPECT_EQ(got_csv[t][round], expected_csv_[t]) << "thread " << t << " round " << round;
      EXPECT_EQ(got_json[t][round], expected_json_[t]) << "thread " << t << " round " << round;
    }
  }
}

TEST_F(SharedScheme, EightThreadsShareOneResultsObject) {
  Expected<Batch> batch = Batch::ReadText(scheme(), csvs_[0], DataFormat::kCsv);
  ASSERT_TRUE(batch.ok());
  Expected<Results> shared = Evaluate(scheme(), *batch);
  ASSERT_TRUE(shared.ok());
  const std::string expected = JsonExplained(*shared);
  std::vector<std::string> got(kThreads);
  std::latch start(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      start.arrive_and_wait();
      got[t] = JsonExplained(*shared);
      for (std::size_t u = 0; u < shared->size(); ++u) got[t] += shared->Explain(u);
    });
  }
  for (std::thread& th : threads) th.join();
  std::string explained;
  for (std::size_t u = 0; u < shared->size(); ++u) explained += shared->Explain(u);
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(got[t], expected + explained) << "thread " << t;
}

// The same through the C API: one scheme handle and one results handle shared by 8
// threads (the results handle fills its per-unit string cache under a lock).
TEST_F(SharedScheme, EightThreadsShareCHandles) {
  const std::string rules = std::string(ASSESS_SOURCE_DIR) + "/rules/district.yaml";
  assess_scheme* scheme = nullptr;
  ASSERT_EQ(assess_scheme_load_file(rules.c_str(), nullptr, &scheme, nullptr), ASSESS_OK);
  assess_batch* all = nullptr;
  ASSERT_EQ(assess_batch_read_text(scheme, csvs_[0].data(), csvs_[0].size(), ASSESS_DATA_CSV,
                                   nullptr, &all),
            ASSESS_OK);
  assess_results* shared = nullptr;
  ASSERT_EQ(assess_evaluate(scheme, all, nullptr, &shared), ASSESS_OK);
  std::size_t units = 0;
  ASSERT_EQ(assess_results_size(shared, &units), ASSESS_OK);

  std::vector<std::string> got_csv(kThreads), got_grades(kThreads);
  std::latch start(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      const Job job = JobOf(t);
      assess_eval_options* options = nullptr;
      assess_eval_options_new(&options);
      assess_eval_options_set_threads(options, job.threads);
      assess_eval_options_set_explain(options, 1);
      for (const auto& [name, value] : ParamSets()[job.params]) {
        assess_eval_options_set_param(options, name.c_str(), value.c_str());
      }
      start.arrive_and_wait();
      assess_batch* batch = nullptr;
      assess_results* results = nullptr;
      char* csv = nullptr;
      if (assess_batch_read_text(scheme, csvs_[job.batch].data(), csvs_[job.batch].size(),
                                 ASSESS_DATA_CSV, nullptr, &batch) == ASSESS_OK &&
          assess_evaluate(scheme, batch, options, &results) == ASSESS_OK &&
          assess_results_write(results, ASSESS_OUTPUT_CSV, &csv) == ASSESS_OK) {
        got_csv[t] = csv;
      }
      assess_string_free(csv);
      assess_results_free(results);
      assess_batch_free(batch);
      assess_eval_options_free(options);
      // Reads of the shared results, in a different order on each thread.
      for (std::size_t i = 0; i < units; ++i) {
        const std::size_t u = (i * 7 + static_cast<std::size_t>(t)) % units;
        const char* grade = nullptr;
        std::size_t vetoes = 0;
        assess_results_grade(shared, u, &grade);
        assess_results_veto_count(shared, u, &vetoes);
        got_grades[t] +=
            std::to_string(u) + "=" + (grade ? grade : "-") + "/" + std::to_string(vetoes) + " ";
      }
    });
  }
  for (std::thread& th : threads) th.join();

  for (int t = 0; t < kThreads; ++t) {
    EXPECT_EQ(got_csv[t], expected_csv_[t]) << "thread " << t;
    std::string want;
    for (std::size_t i = 0; i < units; ++i) {
      const std::size_t u = (i * 7 + static_cast<std::size_t>(t)) % units;
      const char* grade = nullptr;
      std::size_t vetoes = 0;
      assess_results_grade(shared, u, &grade);
      assess_results_veto_count(shared, u, &vetoes);
      want += std::to_string(u) + "=" + (grade ? grade : "-") + "/" + std::to_string(vetoes) + " ";
    }
    EXPECT_EQ(got_grades[t], want) << "thread " << t;
  }
  assess_results_free(shared);
  assess_batch_free(all);
  assess_scheme_free(scheme);
}

}  // namespace
}  // namespace assess
