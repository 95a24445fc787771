// Loading through the C API: schemes from files and texts, every diagnostic of a rule file
// that does not load (with its place), warnings, limits and params, and what a loaded
// scheme tells about itself.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "capi_test_util.h"

namespace assess::capi_testing {
namespace {

struct Diag {
  assess_severity severity;
  std::string file;
  int line;
  int column;
  std::string message;
};

std::vector<Diag> ReadDiagnostics(const assess_diagnostics* d) {
  std::vector<Diag> out;
  size_t n = 0;
  if (assess_diagnostics_count(d, &n) != ASSESS_OK) return out;
  for (size_t i = 0; i < n; ++i) {
    Diag x{};
    const char* file = nullptr;
    const char* message = nullptr;
    if (assess_diagnostics_get(d, i, &x.severity, &file, &x.line, &x.column, &message) ==
        ASSESS_OK) {
      x.file = file;
      x.message = message;
      out.push_back(x);
    }
  }
  return out;
}

LoadOptionsPtr NewLoadOptions() {
  assess_load_options* o = nullptr;
  EXPECT_EQ(assess_load_options_new(&o), ASSESS_OK);
  return LoadOptionsPtr(o);
}

TEST(CapiLoad, LoadsTheDistrictSchemeFromItsFile) {
  assess_scheme* s = nullptr;
  assess_diagnostics* d = nullptr;
  ASSERT_EQ(assess_scheme_load_file(SourcePath("rules/district.yaml").c_str(), nullptr, &s, &d),
            ASSESS_OK)
      << assess_last_error();
  SchemePtr scheme(s);
  DiagnosticsPtr warnings(d);
  ASSERT_NE(warnings, nullptr);  // given on success too: the warnings (none here)
  size_t n = 99;
  ASSERT_EQ(assess_diagnostics_count(warnings.get(), &n), ASSESS_OK);
  EXPECT_EQ(n, 0u);
  size_t grades = 0;
  ASSERT_EQ(assess_scheme_grade_count(scheme.get(), &grades), ASSESS_OK);
  EXPECT_EQ(grades, 4u);
  const char* best = nullptr;
  ASSERT_EQ(assess_scheme_grade(scheme.get(), 0, &best), ASSESS_OK);
  EXPECT_STREQ(best, "优秀");
}

TEST(CapiLoad, GivesEveryErrorWithItsPlace) {
  std::string yaml = kSchemeYaml;
  yaml.replace(yaml.find("score: work * 0.8"), 17, "score: wrok * 0.8");
  yaml.replace(yaml.find("min: 80}"), 8, "min: 80, quota: x}");
  assess_scheme* s = reinterpret_cast<assess_scheme*>(&yaml);  // must be overwritten
  assess_diagnostics* d = nullptr;
  EXPECT_EQ(assess_scheme_load_text(yaml.data(), yaml.size(), "bad.yaml", nullptr, &s, &d),
            ASSESS_ERROR_LOAD);
  EXPECT_EQ(s, nullptr);
  DiagnosticsPtr diagnostics(d);
  ASSERT_NE(diagnostics, nullptr);
  std::vector<Diag> all = ReadDiagnostics(diagnostics.get());
  ASSERT_EQ(all.size(), 2u);
  // Columns count code points: `工作` is two columns, not six bytes.
  EXPECT_EQ(all[0].severity, ASSESS_SEVERITY_ERROR);
  EXPECT_EQ(all[0].file, "bad.yaml");
  EXPECT_EQ(all[0].line, 14);
  EXPECT_EQ(all[0].column, 53);
  EXPECT_EQ(all[0].message, "unknown name `wrok` (did you mean `work`?)");
  EXPECT_EQ(all[1].line, 25);
  EXPECT_EQ(all[1].column, 36);
  const char* text = nullptr;
  ASSERT_EQ(assess_diagnostics_text(diagnostics.get(), &text), ASSESS_OK);
  EXPECT_EQ(std::string(text),
            "bad.yaml:14:53: error: unknown name `wrok` (did you mean `work`?)\n"
            "bad.yaml:25:36: error: `quota` must be a number, got `x`\n");
}

TEST(CapiLoad, TheLastErrorCountsTheErrorsAndShowsTheFirst) {
  const std::string yaml =
      "scheme: x\ninputs: {a: {type: number}}\nindicators:\n"
      "  - {id: n, points: 10, score: b}\n";
  assess_scheme* s = nullptr;
  EXPECT_EQ(assess_scheme_load_text(yaml.data(), yaml.size(), "x.yaml", nullptr, &s, nullptr),
            ASSESS_ERROR_LOAD);
  EXPECT_STREQ(assess_last_error(),
               "assess_scheme_load_text: x.yaml: 1 error in the rule file; first: "
               "x.yaml:4:32: error: unknown name `b` (did you mean `a`?)");
}

TEST(CapiLoad, AMissingFileIsALoadErrorWithoutAPlace) {
  assess_scheme* s = nullptr;
  assess_diagnostics* d = nullptr;
  EXPECT_EQ(assess_scheme_load_file("/nonexistent/rules.yaml", nullptr, &s, &d), ASSESS_ERROR_LOAD);
  DiagnosticsPtr diagnostics(d);
  std::vector<Diag> all = ReadDiagnostics(diagnostics.get());
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].line, 0);
  EXPECT_EQ(all[0].column, 0);
  EXPECT_EQ(all[0].message, "cannot open the rule file");
}

TEST(CapiLoad, GivesWarningsOfASchemeThatLoads) {
  const std::string yaml =
      "scheme: w\ninputs:\n  x: {type: number}\n  unused: {type: number}\n"
      "indicators:\n  - {id: a, points: 10, score: x}\n";
  assess_scheme* s = nullptr;
  assess_diagnostics* d = nullptr;
  ASSERT_EQ(assess_scheme_load_text(yaml.data(), yaml.size(), "w.yaml", nullptr, &s, &d),
            ASSESS_OK);
  SchemePtr scheme(s);
  DiagnosticsPtr warnings(d);
  std::vector<Diag> all = ReadDiagnostics(warnings.get());
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].severity, ASSESS_SEVERITY_WARNING);
  EXPECT_EQ(all[0].line, 4);
  EXPECT_EQ(all[0].column, 3);
}

TEST(CapiLoad, ALimitExceededIsALoadError) {
  LoadOptionsPtr options = NewLoadOptions();
  ASSERT_EQ(assess_load_options_set_limit(options.get(), ASSESS_LIMIT_MAX_FILE_BYTES, 100),
            ASSESS_OK);
  assess_scheme* s = nullptr;
  EXPECT_EQ(assess_scheme_load_text(kSchemeYaml, sizeof(kSchemeYaml) - 1, "t.yaml", options.get(),
                                    &s, nullptr),
            ASSESS_ERROR_LOAD);
  EXPECT_NE(std::string(assess_last_error()).find("limit of 100"), std::string::npos)
      << assess_last_error();
}

TEST(CapiLoad, AParamOverrideChangesTheScheme) {
  LoadOptionsPtr options = NewLoadOptions();
  ASSERT_EQ(assess_load_options_set_param(options.get(), "award_points", "9"), ASSESS_OK);
  ASSERT_EQ(assess_load_options_set_param(options.get(), "award_points", "3"), ASSESS_OK);
  assess_scheme* s = nullptr;
  ASSERT_EQ(assess_scheme_load_text(kSchemeYaml, sizeof(kSchemeYaml) - 1, "t.yaml", options.get(),
                                    &s, nullptr),
            ASSESS_OK)
      << assess_last_error();
  SchemePtr scheme(s);
  BatchPtr batch = ReadTestCsv(scheme.get());
  ResultsPtr results = EvaluateTest(scheme.get(), batch.get());
  ASSERT_TRUE(results);
  double total = 0;
  int has = 0;
  ASSERT_EQ(assess_results_total(results.get(), 0, &total, &has), ASSESS_OK);
  EXPECT_EQ(total, 92);  // A1: 72 + 17 + 3 × 1 (the later value of the param wins)
}

TEST(CapiLoad, AnUnknownParamIsALoadError) {
  LoadOptionsPtr options = NewLoadOptions();
  ASSERT_EQ(assess_load_options_set_param(options.get(), "no_such_param", "1"), ASSESS_OK);
  assess_scheme* s = nullptr;
  EXPECT_EQ(assess_scheme_load_text(kSchemeYaml, sizeof(kSchemeYaml) - 1, "t.yaml", options.get(),
                                    &s, nullptr),
            ASSESS_ERROR_LOAD);
  EXPECT_NE(std::string(assess_last_error()).find("no_such_param"), std::string::npos)
      << assess_last_error();
}

TEST(CapiLoad, WithParamsMakesAnotherSchemeAndLeavesTheFirstAlone) {
  SchemePtr scheme = LoadTestScheme();
  ASSERT_TRUE(scheme);
  const char* names[] = {"award_points"};
  const char* values[] = {"4"};
  assess_scheme* s = nullptr;
  ASSERT_EQ(assess_scheme_with_params(scheme.get(), names, values, 1, &s, nullptr), ASSESS_OK)
      << assess_last_error();
  SchemePtr variant(s);
  BatchPtr batch = ReadTestCsv(scheme.get());
  ResultsPtr base = EvaluateTest(scheme.get(), batch.get());
  ResultsPtr changed = EvaluateTest(variant.get(), batch.get());  // a batch of the family
  ASSERT_TRUE(base && changed);
  double a = 0, b = 0;
  int has = 0;
  ASSERT_EQ(assess_results_score(base.get(), 0, "bonus", &a, &has), ASSESS_OK);
  ASSERT_EQ(assess_results_score(changed.get(), 0, "bonus", &b, &has), ASSESS_OK);
  EXPECT_EQ(a, 2);
  EXPECT_EQ(b, 4);
  const char* bad_values[] = {"many"};
  EXPECT_EQ(assess_scheme_with_params(scheme.get(), names, bad_values, 1, &s, nullptr),
            ASSESS_ERROR_LOAD);
  EXPECT_EQ(s, nullptr);
}

TEST(CapiScheme, DescribesItselfIndicatorsInputsAndGrades) {
  SchemePtr scheme = LoadTestScheme();
  ASSERT_TRUE(scheme);
  const char *id = nullptr, *title = nullptr, *version = nullptr;
  ASSERT_EQ(assess_scheme_describe(scheme.get(), &id, &title, &version), ASSESS_OK);
  EXPECT_STREQ(id, "capi-test");
  EXPECT_STREQ(title, "C API 测试");
  EXPECT_STREQ(version, "2025");
  int digits = 0;
  ASSERT_EQ(assess_scheme_digits(scheme.get(), &digits), ASSESS_OK);
  EXPECT_EQ(digits, 2);

  struct Indicator {
    std::string id, kind;
    int parent, depth;
    double points;
  };
  const std::vector<Indicator> expected = {{"performance", "leaf", -1, 1, 80},
                                           {"survey", "leaf", -1, 1, 20},
                                           {"bonus", "bonus", -1, 1, 0}};
  size_t n = 0;
  ASSERT_EQ(assess_scheme_indicator_count(scheme.get(), &n), ASSESS_OK);
  ASSERT_EQ(n, expected.size());
  for (size_t i = 0; i < n; ++i) {
    const char *iid = nullptr, *kind = nullptr;
    int parent = 0, depth = 0;
    double points = -1;
    ASSERT_EQ(
        assess_scheme_indicator(scheme.get(), i, &iid, nullptr, &kind, &parent, &depth, &points),
        ASSESS_OK);
    EXPECT_EQ(iid, expected[i].id);
    EXPECT_EQ(kind, expected[i].kind);
    EXPECT_EQ(parent, expected[i].parent);
    EXPECT_EQ(depth, expected[i].depth);
    EXPECT_EQ(points, expected[i].points);
  }

  ASSERT_EQ(assess_scheme_input_count(scheme.get(), &n), ASSESS_OK);
  ASSERT_EQ(n, 5u);
  const char *name = nullptr, *column = nullptr, *type = nullptr;
  int required = -1;
  ASSERT_EQ(assess_scheme_input(scheme.get(), 0, &name, &column, nullptr, &type, &required),
            ASSESS_OK);
  EXPECT_STREQ(name, "group");
  EXPECT_STREQ(column, "组别");
  EXPECT_STREQ(type, "text");
  EXPECT_EQ(required, 1);
  ASSERT_EQ(assess_scheme_input(scheme.get(), 4, &name, nullptr, nullptr, &type, &required),
            ASSESS_OK);
  EXPECT_STREQ(name, "raters");
  EXPECT_STREQ(type, "list");
  EXPECT_EQ(required, 0);

  ASSERT_EQ(assess_scheme_grade_count(scheme.get(), &n), ASSESS_OK);
  ASSERT_EQ(n, 2u);
  const char* grade = nullptr;
  ASSERT_EQ(assess_scheme_grade(scheme.get(), 1, &grade), ASSESS_OK);
  EXPECT_STREQ(grade, "poor");
}

}  // namespace
}  // namespace assess::capi_testing
