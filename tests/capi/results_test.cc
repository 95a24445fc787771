// Evaluation and results through the C API: every field of every unit of the test scheme
// (worked out by hand in capi_test_util.h), params per evaluation, explanations, writers,
// and agreement with the C++ API on the district example.
#include "assess/results.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "assess/batch.h"
#include "assess/evaluate.h"
#include "assess/scheme.h"
#include "capi_test_util.h"

namespace assess::capi_testing {
namespace {

struct Row {
  std::string unit;
  std::optional<double> performance, survey, bonus, total;
  std::optional<int> rank;
  std::optional<std::string> grade;
  std::vector<std::string> vetoes;
  bool in_error;
};

std::optional<double> Score(const assess_results* r, size_t u, const char* id) {
  double x = -1;
  int has = -1;
  EXPECT_EQ(assess_results_score(r, u, id, &x, &has), ASSESS_OK) << assess_last_error();
  if (!has) {
    EXPECT_EQ(x, 0);  // documented: 0 when there is no value
    return std::nullopt;
  }
  return x;
}

Row ReadRow(const assess_results* r, size_t u) {
  Row row{};
  const char *id = nullptr, *error = nullptr, *grade = nullptr;
  EXPECT_EQ(assess_results_unit(r, u, &id, &error), ASSESS_OK);
  row.unit = id;
  row.in_error = error[0] != '\0';
  row.performance = Score(r, u, "performance");
  row.survey = Score(r, u, "survey");
  row.bonus = Score(r, u, "bonus");
  double total = 0;
  int rank = 0, has = 0;
  EXPECT_EQ(assess_results_total(r, u, &total, &has), ASSESS_OK);
  if (has) row.total = total;
  EXPECT_EQ(assess_results_rank(r, u, &rank, &has), ASSESS_OK);
  if (has) row.rank = rank;
  EXPECT_EQ(assess_results_grade(r, u, &grade), ASSESS_OK);
  if (grade) row.grade = grade;
  size_t n = 0;
  EXPECT_EQ(assess_results_veto_count(r, u, &n), ASSESS_OK);
  for (size_t i = 0; i < n; ++i) {
    const char* reason = nullptr;
    EXPECT_EQ(assess_results_veto(r, u, i, &reason), ASSESS_OK);
    row.vetoes.push_back(reason);
  }
  return row;
}

TEST(CapiResults, EveryFieldOfEveryUnitAsWorkedOutByHand) {
  SchemePtr scheme = LoadTestScheme();
  BatchPtr batch = ReadTestCsv(scheme.get());
  ResultsPtr results = EvaluateTest(scheme.get(), batch.get());
  ASSERT_TRUE(results) << assess_last_error();
  const std::optional<double> none;
  const std::vector<Row> expected = {
      {"A1", 72, 17, 2, 91, 1, "good", {}, false},
      {"A2", 80, none, 5, 60, 3, "poor", {"安全事故"}, false},
      {"A3", 40, 20, 0, 60, 2, "poor", {}, false},
      {"B1", none, none, none, none, std::nullopt, std::nullopt, {}, true},
      {"B2", 64, 12, 0, 76, 1, "poor", {}, false},
  };
  size_t n = 0, errors = 0;
  ASSERT_EQ(assess_results_size(results.get(), &n), ASSESS_OK);
  ASSERT_EQ(assess_results_error_count(results.get(), &errors), ASSESS_OK);
  ASSERT_EQ(n, expected.size());
  EXPECT_EQ(errors, 1u);
  for (size_t u = 0; u < n; ++u) {
    const Row got = ReadRow(results.get(), u);
    const Row& want = expected[u];
    SCOPED_TRACE(want.unit);
    EXPECT_EQ(got.unit, want.unit);
    EXPECT_EQ(got.performance, want.performance);
    EXPECT_EQ(got.survey, want.survey);
    EXPECT_EQ(got.bonus, want.bonus);
    EXPECT_EQ(got.total, want.total);
    EXPECT_EQ(got.rank, want.rank);
    EXPECT_EQ(got.grade, want.grade);
    EXPECT_EQ(got.vetoes, want.vetoes);
    EXPECT_EQ(got.in_error, want.in_error);
  }
}

TEST(CapiResults, ScoreByIndexAgreesWithScoreById) {
  SchemePtr scheme = LoadTestScheme();
  BatchPtr batch = ReadTestCsv(scheme.get());
  ResultsPtr results = EvaluateTest(scheme.get(), batch.get());
  ASSERT_TRUE(results);
  double x = 0;
  int has = 0;
  ASSERT_EQ(assess_results_score_at(results.get(), 0, 1, &x, &has), ASSESS_OK);  // survey
  EXPECT_EQ(has, 1);
  EXPECT_EQ(x, 17);
  ASSERT_EQ(assess_results_score_at(results.get(), 1, 1, &x, &has), ASSESS_OK);
  EXPECT_EQ(has, 0);
}

TEST(CapiResults, UnknownUnitsAndIndicatorsAreNotFound) {
  SchemePtr scheme = LoadTestScheme();
  BatchPtr batch = ReadTestCsv(scheme.get());
  ResultsPtr results = EvaluateTest(scheme.get(), batch.get());
  ASSERT_TRUE(results);
  size_t unit = 99;
  ASSERT_EQ(assess_results_find(results.get(), "B2", &unit), ASSESS_OK);
  EXPECT_EQ(unit, 4u);
  EXPECT_EQ(assess_results_find(results.get(), "C9", &unit), ASSESS_ERROR_NOT_FOUND);
  EXPECT_STREQ(assess_last_error(), "assess_results_find: no unit `C9`");
  double x = 0;
  int has = 0;
  EXPECT_EQ(assess_results_score(results.get(), 0, "perfromance", &x, &has),
            ASSESS_ERROR_NOT_FOUND);
  EXPECT_STREQ(assess_last_error(), "assess_results_score: no indicator `perfromance`");
}

TEST(CapiResults, FiredRulesCountPointsBeforeTheNodesCap) {
  SchemePtr scheme = LoadTestScheme();
  BatchPtr batch = ReadTestCsv(scheme.get());
  ResultsPtr results = EvaluateTest(scheme.get(), batch.get());
  ASSERT_TRUE(results);
  size_t n = 0;
  ASSERT_EQ(assess_results_fired_rule_count(results.get(), 1, &n), ASSESS_OK);
  ASSERT_EQ(n, 1u);
  const char *indicator = nullptr, *reason = nullptr;
  double points = 0;
  ASSERT_EQ(assess_results_fired_rule(results.get(), 1, 0, &indicator, &reason, &points),
            ASSESS_OK);
  EXPECT_STREQ(indicator, "bonus");
  EXPECT_STREQ(reason, "表彰");
  EXPECT_EQ(points, 6);  // 2 × 3; the node's cap of 5 applies to the node's score
  ASSERT_EQ(assess_results_fired_rule_count(results.get(), 2, &n), ASSESS_OK);
  EXPECT_EQ(n, 0u);
}

TEST(CapiResults, AParamPerEvaluationAndABadOne) {
  SchemePtr scheme = LoadTestScheme();
  BatchPtr batch = ReadTestCsv(scheme.get());
  assess_eval_options* o = nullptr;
  ASSERT_EQ(assess_eval_options_new(&o), ASSESS_OK);
  EvalOptionsPtr options(o);
  ASSERT_EQ(assess_eval_options_set_threads(options.get(), 2), ASSESS_OK);
  ASSERT_EQ(assess_eval_options_set_param(options.get(), "award_points", "3"), ASSESS_OK);
  ResultsPtr results = EvaluateTest(scheme.get(), batch.get(), options.get());
  ASSERT_TRUE(results) << assess_last_error();
  EXPECT_EQ(Score(results.get(), 0, "bonus"), 3);
  ASSERT_EQ(assess_eval_options_set_param(options.get(), "award_points", "lots"), ASSESS_OK);
  assess_results* r = nullptr;
  EXPECT_EQ(assess_evaluate(scheme.get(), batch.get(), options.get(), &r), ASSESS_ERROR_EVALUATE);
  EXPECT_EQ(r, nullptr);
  EXPECT_EQ(assess_eval_options_set_threads(options.get(), -1), ASSESS_ERROR_ARGUMENT);
}

TEST(CapiResults, ExplainsOneUnit) {
  SchemePtr scheme = LoadTestScheme();
  BatchPtr batch = ReadTestCsv(scheme.get());
  assess_eval_options* o = nullptr;
  ASSERT_EQ(assess_eval_options_new(&o), ASSESS_OK);
  EvalOptionsPtr options(o);
  ASSERT_EQ(assess_eval_options_set_explain(options.get(), 1), ASSESS_OK);
  ResultsPtr results = EvaluateTest(scheme.get(), batch.get(), options.get());
  ASSERT_TRUE(results);
  char* text = nullptr;
  ASSERT_EQ(assess_results_explain(results.get(), 1, &text), ASSESS_OK);
  StringPtr owned(text);
  const std::string explanation = text;
  EXPECT_NE(explanation.find("unit A2"), std::string::npos) << explanation;
  EXPECT_NE(explanation.find("veto: 安全事故"), std::string::npos) << explanation;
  EXPECT_NE(explanation.find("total after vetoes: 60.00"), std::string::npos) << explanation;
}

TEST(CapiResults, WritesCsvAsTheCommandDoes) {
  SchemePtr scheme = LoadTestScheme();
  BatchPtr batch = ReadTestCsv(scheme.get());
  ResultsPtr results = EvaluateTest(scheme.get(), batch.get());
  ASSERT_TRUE(results);
  char* text = nullptr;
  ASSERT_EQ(assess_results_write(results.get(), ASSESS_OUTPUT_CSV, &text), ASSESS_OK);
  StringPtr owned(text);
  EXPECT_EQ(std::string(text),
            "unit,performance,survey,bonus,total,rank,grade,vetoes,error\n"
            "A1,72.00,17.00,2.00,91.00,1,good,,\n"
            "A2,80.00,,5.00,60.00,3,poor,安全事故,\n"
            "A3,40.00,20.00,0.00,60.00,2,poor,,\n"
            "B1,,,,,,,,\"data error: unit B1, input work: bad number \"\"abc\"\" (row 5, column "
            "\"\"work\"\")\"\n"
            "B2,64.00,12.00,0.00,76.00,1,poor,,\n");
}

// assess_evaluate_releasing takes the batch (freed by the call, as ASan checks) and gives
// assess_evaluate's results; explanations need the explain option there.
TEST(CapiResults, EvaluatingReleasingTakesTheBatchAndExplainsOnlyFromATrace) {
  SchemePtr scheme = LoadTestScheme();
  BatchPtr kept = ReadTestCsv(scheme.get());
  ResultsPtr expected = EvaluateTest(scheme.get(), kept.get());
  ASSERT_TRUE(expected);
  auto csv = [](const assess_results* r) {
    char* text = nullptr;
    EXPECT_EQ(assess_results_write(r, ASSESS_OUTPUT_CSV, &text), ASSESS_OK);
    StringPtr owned(text);
    return std::string(text ? text : "");
  };

  assess_results* r = nullptr;
  ASSERT_EQ(
      assess_evaluate_releasing(scheme.get(), ReadTestCsv(scheme.get()).release(), nullptr, &r),
      ASSESS_OK)
      << assess_last_error();
  ResultsPtr released(r);
  EXPECT_EQ(csv(released.get()), csv(expected.get()));
  char* text = nullptr;
  EXPECT_EQ(assess_results_explain(released.get(), 1, &text), ASSESS_ERROR_ARGUMENT);
  EXPECT_EQ(text, nullptr);
  EXPECT_NE(std::string(assess_last_error()).find("explain"), std::string::npos);

  assess_eval_options* o = nullptr;
  ASSERT_EQ(assess_eval_options_new(&o), ASSESS_OK);
  EvalOptionsPtr options(o);
  ASSERT_EQ(assess_eval_options_set_explain(options.get(), 1), ASSESS_OK);
  ASSERT_EQ(assess_evaluate_releasing(scheme.get(), ReadTestCsv(scheme.get()).release(),
                                      options.get(), &r),
            ASSESS_OK);
  ResultsPtr traced(r);
  ASSERT_EQ(assess_results_explain(traced.get(), 1, &text), ASSESS_OK);
  StringPtr owned(text);
  EXPECT_NE(std::string(text).find("veto: 安全事故"), std::string::npos) << text;

  // A failing evaluation frees the batch too (a scheme of another family), and no batch is
  // an argument error.
  SchemePtr other = LoadTestScheme();
  EXPECT_EQ(
      assess_evaluate_releasing(other.get(), ReadTestCsv(scheme.get()).release(), nullptr, &r),
      ASSESS_ERROR_EVALUATE);
  EXPECT_EQ(r, nullptr);
  EXPECT_EQ(assess_evaluate_releasing(scheme.get(), nullptr, nullptr, &r), ASSESS_ERROR_ARGUMENT);
}

TEST(CapiResults, WritesFilesAndReportsOnesThatCannotBeWritten) {
  SchemePtr scheme = LoadTestScheme();
  BatchPtr batch = ReadTestCsv(scheme.get());
  ResultsPtr results = EvaluateTest(scheme.get(), batch.get());
  ASSERT_TRUE(results);
  const std::string path =
      (std::filesystem::temp_directory_path() / "assess_capi_results.jsonl").string();
  ASSERT_EQ(assess_results_write_file(results.get(), ASSESS_OUTPUT_JSON_LINES, path.c_str()),
            ASSESS_OK);
  std::ifstream in(path);
  int lines = 0;
  for (std::string line; std::getline(in, line);) ++lines;
  EXPECT_EQ(lines, 5);
  std::remove(path.c_str());
  EXPECT_EQ(assess_results_write_file(results.get(), ASSESS_OUTPUT_CSV, "/nonexistent/dir/r.csv"),
            ASSESS_ERROR_IO);
  EXPECT_STREQ(assess_last_error(),
               "assess_results_write_file: /nonexistent/dir/r.csv: cannot open for writing");
}

TEST(CapiResults, OutliveTheSchemeAndBatchHandles) {
  SchemePtr scheme = LoadTestScheme();
  BatchPtr batch = ReadTestCsv(scheme.get());
  ResultsPtr results = EvaluateTest(scheme.get(), batch.get());
  ASSERT_TRUE(results);
  scheme.reset();
  batch.reset();
  const char* id = nullptr;
  ASSERT_EQ(assess_results_unit(results.get(), 4, &id, nullptr), ASSESS_OK);
  EXPECT_STREQ(id, "B2");
  EXPECT_EQ(Score(results.get(), 4, "survey"), 12);
}

// The C API is a view of the C++ API: on the district example both give the same CSV, and
// the same value for every cell read one by one.
TEST(CapiResults, AgreeWithTheCppApiOnTheDistrictExample) {
  const std::string rules = SourcePath("rules/district.yaml");
  const std::string data = SourcePath("examples/district-2025.csv");
  Expected<Scheme> cpp_scheme = Scheme::LoadFile(rules);
  ASSERT_TRUE(cpp_scheme.ok());
  Expected<Batch> cpp_batch = Batch::ReadFile(*cpp_scheme, data);
  ASSERT_TRUE(cpp_batch.ok());
  Expected<Results> cpp = Evaluate(*cpp_scheme, *cpp_batch);
  ASSERT_TRUE(cpp.ok());
  std::ostringstream cpp_csv;
  cpp->WriteCsv(cpp_csv);

  assess_scheme* s = nullptr;
  ASSERT_EQ(assess_scheme_load_file(rules.c_str(), nullptr, &s, nullptr), ASSESS_OK);
  SchemePtr scheme(s);
  assess_batch* b = nullptr;
  ASSERT_EQ(assess_batch_read_file(scheme.get(), data.c_str(), ASSESS_DATA_AUTO, &b), ASSESS_OK);
  BatchPtr batch(b);
  ResultsPtr results = EvaluateTest(scheme.get(), batch.get());
  ASSERT_TRUE(results);
  char* text = nullptr;
  ASSERT_EQ(assess_results_write(results.get(), ASSESS_OUTPUT_CSV, &text), ASSESS_OK);
  StringPtr owned(text);
  EXPECT_EQ(std::string(text), cpp_csv.str());

  size_t units = 0, indicators = 0;
  ASSERT_EQ(assess_results_size(results.get(), &units), ASSESS_OK);
  ASSERT_EQ(assess_scheme_indicator_count(scheme.get(), &indicators), ASSESS_OK);
  ASSERT_EQ(units, 36u);
  ASSERT_EQ(indicators, cpp_scheme->indicators().size());
  for (size_t u = 0; u < units; ++u) {
    for (size_t i = 0; i < indicators; ++i) {
      double x = 0;
      int has = 0;
      ASSERT_EQ(assess_results_score_at(results.get(), u, i, &x, &has), ASSESS_OK);
      const std::optional<double> want = cpp->score(u, i);
      EXPECT_EQ(has == 1, want.has_value()) << u << " " << i;
      if (want && has) EXPECT_EQ(x, *want) << u << " " << i;
    }
    const char* grade = nullptr;
    ASSERT_EQ(assess_results_grade(results.get(), u, &grade), ASSESS_OK);
    EXPECT_EQ(grade ? std::optional<std::string>(grade) : std::nullopt, cpp->grade(u));
  }
}

}  // namespace
}  // namespace assess::capi_testing
