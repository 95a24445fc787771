// The C++ API on .xlsx data: Batch::ReadFile of a workbook (by its extension, or a sheet
// named in ReadOptions) and Batch::ReadText of its bytes give the same results as its CSV.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "assess/batch.h"
#include "assess/evaluate.h"
#include "assess/results.h"
#include "assess/scheme.h"

namespace assess {
namespace {

std::string Source(const std::string& relative) {
  return std::string(ASSESS_SOURCE_DIR) + "/" + relative;
}

// Every unit as "id total rank grade", or "id error" with the error's text up to the
// place (which names a row for CSV, a sheet and a cell for .xlsx).
std::vector<std::string> Summary(const Results& r) {
  std::vector<std::string> out;
  for (std::size_t u = 0; u < r.size(); ++u) {
    if (!r.ok(u)) {
      out.push_back(r.unit_id(u) + " " + r.error(u).substr(0, r.error(u).find(" (")));
      continue;
    }
    out.push_back(r.unit_id(u) + " " + std::to_string(*r.total(u)) + " " +
                  std::to_string(r.rank(u).value_or(0)) + " " + r.grade(u).value_or(""));
  }
  return out;
}

TEST(XlsxBatch, ReadsTheSameResultsAsTheCsvOfTheSameData) {
  Expected<Scheme> scheme = Scheme::LoadFile(Source("rules/district.yaml"));
  ASSERT_TRUE(scheme);
  Expected<Batch> csv = Batch::ReadFile(*scheme, Source("examples/district-2025.csv"));
  ASSERT_TRUE(csv) << csv.error().message;
  Expected<Batch> xlsx = Batch::ReadFile(*scheme, Source("examples/district-2025.xlsx"));
  ASSERT_TRUE(xlsx) << xlsx.error().message;
  Expected<Results> a = Evaluate(*scheme, *csv);
  Expected<Results> b = Evaluate(*scheme, *xlsx);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(Summary(*a), Summary(*b));
  EXPECT_EQ(b->error_count(), 1u);

  std::ifstream in(Source("examples/district-2025.xlsx"), std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  Expected<Batch> text = Batch::ReadText(*scheme, bytes.str(), DataFormat::kXlsx, "d.xlsx");
  ASSERT_TRUE(text) << text.error().message;
  Expected<Results> c = Evaluate(*scheme, *text);
  ASSERT_TRUE(c);
  EXPECT_EQ(Summary(*a), Summary(*c));
}

TEST(XlsxBatch, ReadsTheSheetNamedAndRefusesOthers) {
  Expected<Scheme> scheme = Scheme::LoadFile(Source("rules/district.yaml"));
  ASSERT_TRUE(scheme);
  ReadOptions options;
  options.sheet = "数据";
  Expected<Batch> named = Batch::ReadFile(*scheme, Source("examples/district-2025.xlsx"), options);
  ASSERT_TRUE(named) << named.error().message;
  EXPECT_EQ(named->size(), 36u);
  options.sheet = "汇总";
  Expected<Batch> absent = Batch::ReadFile(*scheme, Source("examples/district-2025.xlsx"), options);
  ASSERT_FALSE(absent);
  EXPECT_NE(absent.error().message.find("no sheet \"汇总\" (the workbook's sheets: 数据)"),
            std::string::npos);
  Expected<Batch> not_xlsx =
      Batch::ReadFile(*scheme, Source("examples/district-2025.csv"), options);
  ASSERT_FALSE(not_xlsx);
  EXPECT_NE(not_xlsx.error().message.find("is not an .xlsx workbook"), std::string::npos);
}

}  // namespace
}  // namespace assess
