// Batches through the C API: read from CSV and JSON text, built in memory row by row and
// column by column, with bad values as units' data errors and refused calls as statuses.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "capi_test_util.h"

namespace assess::capi_testing {
namespace {

BuilderPtr NewBuilder(const assess_scheme* scheme) {
  assess_batch_builder* b = nullptr;
  EXPECT_EQ(assess_batch_builder_new(scheme, &b), ASSESS_OK);
  return BuilderPtr(b);
}

BatchPtr Build(assess_batch_builder* builder) {
  assess_batch* batch = nullptr;
  EXPECT_EQ(assess_batch_builder_build(builder, &batch), ASSESS_OK) << assess_last_error();
  return BatchPtr(batch);
}

// Each unit's total ("" when it has none), in order.
std::vector<std::string> Totals(const assess_scheme* scheme, const assess_batch* batch) {
  std::vector<std::string> out;
  ResultsPtr results = EvaluateTest(scheme, batch);
  if (!results) return out;
  size_t n = 0;
  assess_results_size(results.get(), &n);
  for (size_t u = 0; u < n; ++u) {
    double total = 0;
    int has = 0;
    assess_results_total(results.get(), u, &total, &has);
    out.push_back(has ? std::to_string(static_cast<int>(total * 100)) : "");
  }
  return out;
}

TEST(CapiBatch, ReadsCsvTextWithABadValueAsTheUnitsDataError) {
  SchemePtr scheme = LoadTestScheme();
  ASSERT_TRUE(scheme);
  BatchPtr batch = ReadTestCsv(scheme.get());
  ASSERT_TRUE(batch) << assess_last_error();
  size_t n = 0;
  ASSERT_EQ(assess_batch_size(batch.get(), &n), ASSESS_OK);
  ASSERT_EQ(n, 5u);
  const char *id = nullptr, *error = nullptr;
  ASSERT_EQ(assess_batch_unit(batch.get(), 3, &id, &error), ASSESS_OK);
  EXPECT_STREQ(id, "B1");
  EXPECT_STREQ(error,
               "data error: unit B1, input work: bad number \"abc\" (row 5, column \"work\")");
  ASSERT_EQ(assess_batch_unit(batch.get(), 0, &id, &error), ASSESS_OK);
  EXPECT_STREQ(id, "A1");
  EXPECT_STREQ(error, "");
}

TEST(CapiBatch, ReadsJsonText) {
  SchemePtr scheme = LoadTestScheme();
  ASSERT_TRUE(scheme);
  const std::string json =
      R"([{"unit": "A1", "组别": "a", "work": 90, "awards": 1, "raters": [90, 80]},
          {"unit": "A3", "组别": "a", "work": 50, "raters": [100]}])";
  assess_batch* b = nullptr;
  ASSERT_EQ(assess_batch_read_text(scheme.get(), json.data(), json.size(), ASSESS_DATA_AUTO,
                                   "units.json", &b),
            ASSESS_OK)
      << assess_last_error();
  BatchPtr batch(b);
  EXPECT_EQ(Totals(scheme.get(), batch.get()), (std::vector<std::string>{"9100", "6000"}));
}

TEST(CapiBatch, AnUnusableFileIsADataError) {
  SchemePtr scheme = LoadTestScheme();
  ASSERT_TRUE(scheme);
  assess_batch* b = reinterpret_cast<assess_batch*>(scheme.get());  // must be overwritten
  EXPECT_EQ(assess_batch_read_file(scheme.get(), "/nonexistent/units.csv", ASSESS_DATA_AUTO, &b),
            ASSESS_ERROR_DATA);
  EXPECT_EQ(b, nullptr);
  const std::string no_work = "unit,组别\nA1,a\n";  // a required column is absent
  EXPECT_EQ(assess_batch_read_text(scheme.get(), no_work.data(), no_work.size(), ASSESS_DATA_CSV,
                                   nullptr, &b),
            ASSESS_ERROR_DATA);
  EXPECT_NE(std::string(assess_last_error()).find("work"), std::string::npos)
      << assess_last_error();
}

TEST(CapiBatchBuilder, BuildsUnitsRowByRow) {
  SchemePtr scheme = LoadTestScheme();
  ASSERT_TRUE(scheme);
  BuilderPtr builder = NewBuilder(scheme.get());
  const double raters[] = {90, 80};
  ASSERT_EQ(assess_batch_builder_add_unit(builder.get(), "A1"), ASSESS_OK);
  ASSERT_EQ(assess_batch_builder_set_text(builder.get(), "组别", "a"), ASSESS_OK);  // by column
  ASSERT_EQ(assess_batch_builder_set_number(builder.get(), "work", 90), ASSESS_OK);
  ASSERT_EQ(assess_batch_builder_set_number(builder.get(), "awards", 1), ASSESS_OK);
  ASSERT_EQ(assess_batch_builder_set_list(builder.get(), "raters", raters, 2), ASSESS_OK);
  ASSERT_EQ(assess_batch_builder_add_unit(builder.get(), "A2"), ASSESS_OK);
  ASSERT_EQ(assess_batch_builder_set_text(builder.get(), "group", "a"), ASSESS_OK);  // by name
  ASSERT_EQ(assess_batch_builder_set_text(builder.get(), "work", "100"), ASSESS_OK);
  ASSERT_EQ(assess_batch_builder_set_number(builder.get(), "awards", 3), ASSESS_OK);
  ASSERT_EQ(assess_batch_builder_set_bool(builder.get(), "accident", 1), ASSESS_OK);
  ASSERT_EQ(assess_batch_builder_set_missing(builder.get(), "raters"), ASSESS_OK);
  ASSERT_EQ(assess_batch_builder_add_unit(builder.get(), "A3"), ASSESS_OK);
  ASSERT_EQ(assess_batch_builder_set_text(builder.get(), "group", "a"), ASSESS_OK);
  ASSERT_EQ(assess_batch_builder_set_number(builder.get(), "work", 50), ASSESS_OK);
  ASSERT_EQ(assess_batch_builder_set_text(builder.get(), "raters", "100"), ASSESS_OK);
  BatchPtr batch = Build(builder.get());
  ASSERT_TRUE(batch);
  EXPECT_EQ(Totals(scheme.get(), batch.get()), (std::vector<std::string>{"9100", "6000", "6000"}));
}

TEST(CapiBatchBuilder, BuildsUnitsColumnByColumn) {
  SchemePtr scheme = LoadTestScheme();
  ASSERT_TRUE(scheme);
  BuilderPtr builder = NewBuilder(scheme.get());
  const char* ids[] = {"A1", "A3", "B2"};
  const char* groups[] = {"a", "a", "b"};
  const double work[] = {90, 50, 80};
  const char* awards[] = {"1", nullptr, ""};  // NULL and "" are missing: the default 0
  const char* raters[] = {"90;80", "100", "50;60;70"};
  ASSERT_EQ(assess_batch_builder_set_unit_ids(builder.get(), ids, 3), ASSESS_OK);
  ASSERT_EQ(assess_batch_builder_set_text_column(builder.get(), "group", groups, 3), ASSESS_OK);
  ASSERT_EQ(assess_batch_builder_set_number_column(builder.get(), "work", work, 3), ASSESS_OK);
  ASSERT_EQ(assess_batch_builder_set_text_column(builder.get(), "awards", awards, 3), ASSESS_OK);
  ASSERT_EQ(assess_batch_builder_set_text_column(builder.get(), "raters", raters, 3), ASSESS_OK);
  BatchPtr batch = Build(builder.get());
  ASSERT_TRUE(batch);
  EXPECT_EQ(Totals(scheme.get(), batch.get()), (std::vector<std::string>{"9100", "6000", "7600"}));
}

TEST(CapiBatchBuilder, BuildsListColumnsFromOneArray) {
  SchemePtr scheme = LoadTestScheme();
  ASSERT_TRUE(scheme);
  BuilderPtr builder = NewBuilder(scheme.get());
  const char* ids[] = {"A1", "A3", "B2"};
  const char* groups[] = {"a", "a", "b"};
  const double work[] = {90, 50, 80};
  const char* awards[] = {"1", nullptr, ""};
  // The raters of BuildsUnitsColumnByColumn ("90;80", "100", "50;60;70") as one array.
  const double raters[] = {90, 80, 100, 50, 60, 70};
  const size_t offsets[] = {0, 2, 3, 6};
  const size_t backwards[] = {0, 2, 1, 6};
  ASSERT_EQ(assess_batch_builder_set_unit_ids(builder.get(), ids, 3), ASSESS_OK);
  EXPECT_EQ(
      assess_batch_builder_set_list_column(builder.get(), "raters", raters, backwards, nullptr, 3),
      ASSESS_ERROR_ARGUMENT);
  EXPECT_STREQ(assess_last_error(),
               "assess_batch_builder_set_list_column: offsets[2] is below offsets[1]");
  EXPECT_EQ(
      assess_batch_builder_set_list_column(builder.get(), "raters", nullptr, offsets, nullptr, 3),
      ASSESS_ERROR_ARGUMENT);
  ASSERT_EQ(assess_batch_builder_set_text_column(builder.get(), "group", groups, 3), ASSESS_OK);
  ASSERT_EQ(assess_batch_builder_set_number_column(builder.get(), "work", work, 3), ASSESS_OK);
  ASSERT_EQ(assess_batch_builder_set_text_column(builder.get(), "awards", awards, 3), ASSESS_OK);
  ASSERT_EQ(
      assess_batch_builder_set_list_column(builder.get(), "raters", raters, offsets, nullptr, 3),
      ASSESS_OK);
  BatchPtr batch = Build(builder.get());
  ASSERT_TRUE(batch);
  EXPECT_EQ(Totals(scheme.get(), batch.get()), (std::vector<std::string>{"9100", "6000", "7600"}));

  // A missing list: as assess_batch_builder_set_missing in row mode.
  BuilderPtr rows = NewBuilder(scheme.get());
  BuilderPtr columns = NewBuilder(scheme.get());
  ASSERT_EQ(assess_batch_builder_add_unit(rows.get(), "A1"), ASSESS_OK);
  ASSERT_EQ(assess_batch_builder_set_text(rows.get(), "group", "a"), ASSESS_OK);
  ASSERT_EQ(assess_batch_builder_set_number(rows.get(), "work", 90), ASSESS_OK);
  ASSERT_EQ(assess_batch_builder_set_missing(rows.get(), "raters"), ASSESS_OK);
  const unsigned char missing[] = {1};
  ASSERT_EQ(assess_batch_builder_set_unit_ids(columns.get(), ids, 1), ASSESS_OK);
  ASSERT_EQ(assess_batch_builder_set_text_column(columns.get(), "group", groups, 1), ASSESS_OK);
  ASSERT_EQ(assess_batch_builder_set_number_column(columns.get(), "work", work, 1), ASSESS_OK);
  ASSERT_EQ(
      assess_batch_builder_set_list_column(columns.get(), "raters", raters, offsets, missing, 1),
      ASSESS_OK);
  BatchPtr a = Build(rows.get());
  BatchPtr b = Build(columns.get());
  ASSERT_TRUE(a && b);
  EXPECT_EQ(Totals(scheme.get(), a.get()), Totals(scheme.get(), b.get()));
}

TEST(CapiBatchBuilder, ABadValueIsTheUnitsDataErrorAndNaNIsMissing) {
  SchemePtr scheme = LoadTestScheme();
  ASSERT_TRUE(scheme);
  BuilderPtr builder = NewBuilder(scheme.get());
  ASSERT_EQ(assess_batch_builder_add_unit(builder.get(), "X"), ASSESS_OK);
  ASSERT_EQ(assess_batch_builder_set_text(builder.get(), "group", "z"), ASSESS_OK);
  ASSERT_EQ(assess_batch_builder_set_number(builder.get(), "work", 50), ASSESS_OK);
  ASSERT_EQ(assess_batch_builder_add_unit(builder.get(), "Y"), ASSESS_OK);
  ASSERT_EQ(assess_batch_builder_set_text(builder.get(), "group", "a"), ASSESS_OK);
  ASSERT_EQ(assess_batch_builder_set_number(builder.get(), "work", std::nan("")), ASSESS_OK);
  BatchPtr batch = Build(builder.get());
  ASSERT_TRUE(batch);
  const char* error = nullptr;
  ASSERT_EQ(assess_batch_unit(batch.get(), 0, nullptr, &error), ASSESS_OK);
  EXPECT_NE(std::string(error).find("group"), std::string::npos) << error;
  ASSERT_EQ(assess_batch_unit(batch.get(), 1, nullptr, &error), ASSESS_OK);
  EXPECT_NE(std::string(error).find("work"), std::string::npos) << error;  // required, missing
}

TEST(CapiBatchBuilder, RefusesUnknownNamesAndCallsOutOfOrder) {
  SchemePtr scheme = LoadTestScheme();
  ASSERT_TRUE(scheme);
  BuilderPtr builder = NewBuilder(scheme.get());
  EXPECT_EQ(assess_batch_builder_set_number(builder.get(), "work", 1), ASSESS_ERROR_DATA);
  EXPECT_STREQ(assess_last_error(),
               "assess_batch_builder_set_number: BatchBuilder: call AddUnit first");
  ASSERT_EQ(assess_batch_builder_add_unit(builder.get(), "A"), ASSESS_OK);
  EXPECT_EQ(assess_batch_builder_set_number(builder.get(), "wrok", 1), ASSESS_ERROR_DATA);
  EXPECT_STREQ(assess_last_error(),
               "assess_batch_builder_set_number: BatchBuilder: the scheme has no input `wrok`");
  const char* ids[] = {"B"};
  EXPECT_EQ(assess_batch_builder_set_unit_ids(builder.get(), ids, 1), ASSESS_ERROR_DATA);
  const double two[] = {1, 2};
  BuilderPtr columns = NewBuilder(scheme.get());
  ASSERT_EQ(assess_batch_builder_set_unit_ids(columns.get(), ids, 1), ASSESS_OK);
  EXPECT_EQ(assess_batch_builder_set_number_column(columns.get(), "work", two, 2),
            ASSESS_ERROR_DATA);
  EXPECT_STREQ(assess_last_error(),
               "assess_batch_builder_set_number_column: BatchBuilder: column `work` has 2 values "
               "for 1 units");
}

TEST(CapiBatchBuilder, IsEmptyAfterBuildAndBuildsAgain) {
  SchemePtr scheme = LoadTestScheme();
  ASSERT_TRUE(scheme);
  BuilderPtr builder = NewBuilder(scheme.get());
  ASSERT_EQ(assess_batch_builder_add_unit(builder.get(), "A"), ASSESS_OK);
  BatchPtr first = Build(builder.get());
  BatchPtr second = Build(builder.get());
  size_t n1 = 0, n2 = 9;
  ASSERT_EQ(assess_batch_size(first.get(), &n1), ASSESS_OK);
  ASSERT_EQ(assess_batch_size(second.get(), &n2), ASSESS_OK);
  EXPECT_EQ(n1, 1u);
  EXPECT_EQ(n2, 0u);
}

TEST(CapiBatchBuilder, OutlivesItsSchemeHandle) {
  SchemePtr scheme = LoadTestScheme();
  ASSERT_TRUE(scheme);
  BuilderPtr builder = NewBuilder(scheme.get());
  SchemePtr other = LoadTestScheme();
  scheme.reset();  // the builder and batch keep what they use
  ASSERT_EQ(assess_batch_builder_add_unit(builder.get(), "A3"), ASSESS_OK);
  ASSERT_EQ(assess_batch_builder_set_text(builder.get(), "group", "a"), ASSESS_OK);
  ASSERT_EQ(assess_batch_builder_set_number(builder.get(), "work", 50), ASSESS_OK);
  BatchPtr batch = Build(builder.get());
  builder.reset();
  size_t n = 0;
  ASSERT_EQ(assess_batch_size(batch.get(), &n), ASSESS_OK);
  EXPECT_EQ(n, 1u);
  // A batch built for one scheme cannot be evaluated by another, loaded on its own.
  assess_results* r = nullptr;
  EXPECT_EQ(assess_evaluate(other.get(), batch.get(), nullptr, &r), ASSESS_ERROR_EVALUATE);
  EXPECT_EQ(r, nullptr);
}

}  // namespace
}  // namespace assess::capi_testing

namespace assess::capi_testing {
namespace {

// The district scheme on its example data as .xlsx (examples/district-2025.xlsx, sheet
// 数据): the same units, errors and totals as from the CSV, through both C entry points.
TEST(CapiBatch, ReadsAnXlsxWorkbookAsItsCsv) {
  assess_scheme* raw = nullptr;
  ASSERT_EQ(
      assess_scheme_load_file(SourcePath("rules/district.yaml").c_str(), nullptr, &raw, nullptr),
      ASSESS_OK)
      << assess_last_error();
  SchemePtr scheme(raw);
  assess_batch* from_csv = nullptr;
  ASSERT_EQ(assess_batch_read_file(scheme.get(), SourcePath("examples/district-2025.csv").c_str(),
                                   ASSESS_DATA_AUTO, &from_csv),
            ASSESS_OK);
  BatchPtr csv(from_csv);
  assess_batch* from_xlsx = nullptr;
  ASSERT_EQ(assess_batch_read_sheet(scheme.get(), SourcePath("examples/district-2025.xlsx").c_str(),
                                    "数据", &from_xlsx),
            ASSESS_OK)
      << assess_last_error();
  BatchPtr xlsx(from_xlsx);
  EXPECT_EQ(Totals(scheme.get(), csv.get()), Totals(scheme.get(), xlsx.get()));
  size_t n = 0;
  ASSERT_EQ(assess_batch_size(xlsx.get(), &n), ASSESS_OK);
  std::size_t in_error = 0;
  for (size_t u = 0; u < n; ++u) {
    const char *id = nullptr, *error = nullptr;
    ASSERT_EQ(assess_batch_unit(xlsx.get(), u, &id, &error), ASSESS_OK);
    if (*error != '\0') {
      ++in_error;
      EXPECT_NE(std::string(error).find("(sheet 数据, cell G"), std::string::npos) << error;
    }
  }
  EXPECT_EQ(in_error, 1u);

  assess_batch* missing = nullptr;
  EXPECT_EQ(assess_batch_read_sheet(scheme.get(), SourcePath("examples/district-2025.xlsx").c_str(),
                                    "Sheet2", &missing),
            ASSESS_ERROR_DATA);
  EXPECT_EQ(missing, nullptr);
  EXPECT_NE(
      std::string(assess_last_error()).find("no sheet \"Sheet2\" (the workbook's sheets: 数据)"),
      std::string::npos)
      << assess_last_error();
}

}  // namespace
}  // namespace assess::capi_testing
