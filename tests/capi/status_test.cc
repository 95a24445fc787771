// The C API's contract outside any one object: versions, status names, the per-thread last
// error, and NULL arguments refused with ASSESS_ERROR_ARGUMENT rather than a crash.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "capi_test_util.h"

namespace assess::capi_testing {
namespace {

TEST(CapiVersion, MatchesTheHeader) {
  EXPECT_EQ(assess_abi_version(), ASSESS_ABI_VERSION);
  EXPECT_STREQ(assess_version(), ASSESS_VERSION_STRING);
  EXPECT_EQ(std::string(assess_version()), std::to_string(ASSESS_VERSION_MAJOR) + "." +
                                               std::to_string(ASSESS_VERSION_MINOR) + "." +
                                               std::to_string(ASSESS_VERSION_PATCH));
}

TEST(CapiStatusName, NamesEveryCodeAndAnUnknownOne) {
  const std::vector<std::pair<assess_status, std::string>> cases = {
      {ASSESS_OK, "ASSESS_OK"},
      {ASSESS_ERROR_ARGUMENT, "ASSESS_ERROR_ARGUMENT"},
      {ASSESS_ERROR_LOAD, "ASSESS_ERROR_LOAD"},
      {ASSESS_ERROR_DATA, "ASSESS_ERROR_DATA"},
      {ASSESS_ERROR_EVALUATE, "ASSESS_ERROR_EVALUATE"},
      {ASSESS_ERROR_NOT_FOUND, "ASSESS_ERROR_NOT_FOUND"},
      {ASSESS_ERROR_IO, "ASSESS_ERROR_IO"},
      {ASSESS_ERROR_OUT_OF_MEMORY, "ASSESS_ERROR_OUT_OF_MEMORY"},
      {ASSESS_ERROR_INTERNAL, "ASSESS_ERROR_INTERNAL"},
      {static_cast<assess_status>(42), "ASSESS_UNKNOWN_STATUS"},
  };
  for (const auto& [status, name] : cases) EXPECT_EQ(assess_status_name(status), name);
}

TEST(CapiLastError, IsSetByAFailureAndClearedByTheNextSuccess) {
  size_t n = 0;
  EXPECT_EQ(assess_results_size(nullptr, &n), ASSESS_ERROR_ARGUMENT);
  EXPECT_STREQ(assess_last_error(), "assess_results_size: results is NULL");
  SchemePtr scheme = LoadTestScheme();
  ASSERT_TRUE(scheme);
  EXPECT_EQ(assess_scheme_indicator_count(scheme.get(), &n), ASSESS_OK);
  EXPECT_STREQ(assess_last_error(), "");
}

TEST(CapiLastError, SurvivesFreeFunctions) {
  EXPECT_EQ(assess_scheme_load_file(nullptr, nullptr, nullptr, nullptr), ASSESS_ERROR_ARGUMENT);
  assess_scheme_free(nullptr);
  assess_results_free(nullptr);
  assess_string_free(nullptr);
  EXPECT_STREQ(assess_last_error(), "assess_scheme_load_file: path is NULL");
}

TEST(CapiLastError, IsPerThread) {
  size_t n = 0;
  ASSERT_EQ(assess_batch_size(nullptr, &n), ASSESS_ERROR_ARGUMENT);
  std::string other;
  std::thread t([&] {
    other = assess_last_error();  // nothing failed on this thread yet
    assess_eval_options_set_threads(nullptr, 1);
  });
  t.join();
  EXPECT_EQ(other, "");
  EXPECT_STREQ(assess_last_error(), "assess_batch_size: batch is NULL");
}

TEST(CapiArguments, NullPointersAreRefusedWithTheirName) {
  SchemePtr scheme = LoadTestScheme();
  ASSERT_TRUE(scheme);
  BatchPtr batch = ReadTestCsv(scheme.get());
  ASSERT_TRUE(batch);
  ResultsPtr results = EvaluateTest(scheme.get(), batch.get());
  ASSERT_TRUE(results);
  size_t n = 0;
  const char* text = nullptr;
  double x = 0;
  int has = 0;
  assess_results* out_results = nullptr;
  const std::vector<std::pair<std::function<assess_status()>, std::string>> cases = {
      {[&] { return assess_evaluate(nullptr, batch.get(), nullptr, &out_results); },
       "assess_evaluate: scheme is NULL"},
      {[&] { return assess_evaluate(scheme.get(), nullptr, nullptr, &out_results); },
       "assess_evaluate: batch is NULL"},
      {[&] { return assess_evaluate(scheme.get(), batch.get(), nullptr, nullptr); },
       "assess_evaluate: out_results is NULL"},
      {[&] { return assess_scheme_indicator_count(scheme.get(), nullptr); },
       "assess_scheme_indicator_count: out_count is NULL"},
      {[&] { return assess_results_find(results.get(), nullptr, &n); },
       "assess_results_find: unit_id is NULL"},
      {[&] { return assess_results_score(results.get(), 0, nullptr, &x, &has); },
       "assess_results_score: indicator_id is NULL"},
      {[&] { return assess_results_grade(results.get(), 0, nullptr); },
       "assess_results_grade: out_grade is NULL"},
      {[&] { return assess_batch_read_file(scheme.get(), nullptr, ASSESS_DATA_AUTO, nullptr); },
       "assess_batch_read_file: path is NULL"},
      {[&] { return assess_load_options_set_param(nullptr, "a", "b"); },
       "assess_load_options_set_param: options is NULL"},
      {[&] { return assess_diagnostics_text(nullptr, &text); },
       "assess_diagnostics_text: diagnostics is NULL"},
  };
  for (const auto& [call, message] : cases) {
    EXPECT_EQ(call(), ASSESS_ERROR_ARGUMENT) << message;
    EXPECT_EQ(assess_last_error(), message);
  }
  EXPECT_EQ(out_results, nullptr);
}

TEST(CapiArguments, IndexesOutOfRangeAreRefused) {
  SchemePtr scheme = LoadTestScheme();
  ASSERT_TRUE(scheme);
  BatchPtr batch = ReadTestCsv(scheme.get());
  ASSERT_TRUE(batch);
  ResultsPtr results = EvaluateTest(scheme.get(), batch.get());
  ASSERT_TRUE(results);
  const char* text = nullptr;
  double x = 0;
  int has = 0;
  EXPECT_EQ(assess_results_total(results.get(), 5, &x, &has), ASSESS_ERROR_ARGUMENT);
  EXPECT_STREQ(assess_last_error(), "assess_results_total: unit 5 is out of range (there are 5)");
  EXPECT_EQ(assess_results_score_at(results.get(), 0, 3, &x, &has), ASSESS_ERROR_ARGUMENT);
  EXPECT_STREQ(assess_last_error(),
               "assess_results_score_at: indicator 3 is out of range (there are 3)");
  EXPECT_EQ(assess_results_veto(results.get(), 0, 0, &text), ASSESS_ERROR_ARGUMENT);
  EXPECT_EQ(assess_batch_unit(batch.get(), 99, &text, nullptr), ASSESS_ERROR_ARGUMENT);
  EXPECT_EQ(assess_scheme_grade(scheme.get(), 2, &text), ASSESS_ERROR_ARGUMENT);
  EXPECT_EQ(assess_scheme_input(scheme.get(), 5, &text, nullptr, nullptr, nullptr, nullptr),
            ASSESS_ERROR_ARGUMENT);
}

TEST(CapiArguments, UnknownEnumValuesAreRefused) {
  SchemePtr scheme = LoadTestScheme();
  ASSERT_TRUE(scheme);
  assess_batch* batch = nullptr;
  EXPECT_EQ(assess_batch_read_text(scheme.get(), kCsv, sizeof(kCsv) - 1,
                                   static_cast<assess_data_format>(9), nullptr, &batch),
            ASSESS_ERROR_ARGUMENT);
  EXPECT_STREQ(assess_last_error(), "assess_batch_read_text: unknown data format 9");
  EXPECT_EQ(batch, nullptr);
  LoadOptionsPtr options;
  {
    assess_load_options* o = nullptr;
    ASSERT_EQ(assess_load_options_new(&o), ASSESS_OK);
    options.reset(o);
  }
  EXPECT_EQ(assess_load_options_set_limit(options.get(), static_cast<assess_limit>(77), 1),
            ASSESS_ERROR_ARGUMENT);
  EXPECT_EQ(assess_load_options_set_limit(options.get(), ASSESS_LIMIT_MAX_YAML_DEPTH,
                                          static_cast<size_t>(1) << 40),
            ASSESS_ERROR_ARGUMENT);
  EXPECT_STREQ(assess_last_error(),
               "assess_load_options_set_limit: the limit is larger than INT_MAX");
}

}  // namespace
}  // namespace assess::capi_testing
