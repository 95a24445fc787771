// The public C++ API (include/assess/*.h): loading with diagnostics, BatchBuilder in both
// modes and its Status errors, Results accessors, params per scheme variant or per
// evaluation, and embedded tests.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <thread>
#include <vector>

#include "assess/batch.h"
#include "assess/diagnostic.h"
#include "assess/evaluate.h"
#include "assess/expected.h"
#include "assess/results.h"
#include "assess/scheme.h"
#include "eval/eval_test_util.h"

namespace assess {
namespace {

using testing::LoadScheme;
using testing::ReadBatch;

// gdp = points x min(growth / target, 1.2), cap 18; party = lookup(grade, party) x points;
// survey applies to streets only; bonus 2 for an award. Grades: excellent >= 40 (quota
// 50%, so none in a batch of one), good >= 30, poor.
constexpr const char* kScheme = R"(scheme: city
title: City offices
version: "2025.1"
unit: office
inputs:
  growth: {type: number, title: GDP growth}
  target: {type: number}
  grade: {type: text, values: [A, B, C]}
  kind: {type: text, column: 单位类别, required: false}
  raters: {type: list, required: false}
  award: {type: boolean, default: false}
params:
  party: {A: 1, B: 0.8, C: 0.5}
  weight: 1
indicators:
  - id: economy
    points: 30
    children:
      - {id: gdp, points: 15, value: growth / target, score: 'points * min(value, 1.2)', cap: 18}
      - {id: survey, points: 15, when: kind == "street", score: 'points * mean(raters) / 100'}
  - {id: party_s, points: 20, score: 'lookup(grade, party, 0) * points * weight'}
  - {id: bonus, kind: bonus, rules: [{when: award, points: 2, reason: award}]}
grades:
  levels:
    - {name: excellent, min: 40, quota: 50%}
    - {name: good, min: 30}
    - {name: poor}
tests:
  - name: a street on target
    units:
      - {office: S1, growth: 8, target: 8, grade: A, 单位类别: street, raters: [90, 80], award: true}
    expect:
      S1: {total: 49.75, gdp: 15, survey: 12.75, grade: good}
)";

// Row S1: gdp = 15 x min(1, 1.2) = 15; survey = 15 x 85 / 100 = 12.75; economy = 27.75;
// party 20; bonus 2 -> 49.75.
// Row D1 (a department): gdp = 15 x min(12 / 8, 1.2) = 18 (cap 18); survey does not apply:
// economy = 18 x (30 / 15) = 36; party = 0.8 x 20 = 16 -> 52.
constexpr const char* kCsv =
    "office,growth,target,grade,单位类别,raters,award\n"
    "S1,8,8,A,street,90;80,yes\n"
    "D1,12,8,B,dept,,no\n";

TEST(SchemeLoad, TextErrorsCarryEveryDiagnostic) {
  Expected<Scheme> s = Scheme::LoadText(R"(scheme: bad
indicators:
  - {id: a, points: 10, score: x + 1}
  - {id: b, points: 10, score: 1, colour: red}
)",
                                        "bad.yaml");
  ASSERT_FALSE(s.ok());
  const Error& e = s.error();
  EXPECT_EQ(e.message, "bad.yaml: 2 errors in the rule file");
  ASSERT_EQ(e.diagnostics.size(), 2u);
  EXPECT_EQ(e.diagnostics[0].file, "bad.yaml");
  EXPECT_EQ(e.diagnostics[0].line, 3);
  EXPECT_EQ(e.diagnostics[0].column, 32);  // at `x`
  EXPECT_EQ(e.diagnostics[0].severity, Severity::kError);
  EXPECT_NE(e.diagnostics[0].message.find("x"), std::string::npos);
  EXPECT_EQ(e.diagnostics[1].line, 4);
  EXPECT_NE(e.diagnostics[1].message.find("colour"), std::string::npos);
  EXPECT_EQ(e.diagnostics[0].ToString().rfind("bad.yaml:3:32: error: ", 0), 0u)
      << e.diagnostics[0].ToString();
}

TEST(SchemeLoad, FileErrorsAndFileNames) {
  Expected<Scheme> missing = Scheme::LoadFile("/nonexistent/rules.yaml");
  ASSERT_FALSE(missing.ok());
  ASSERT_EQ(missing.error().diagnostics.size(), 1u);
  EXPECT_EQ(missing.error().diagnostics[0].file, "/nonexistent/rules.yaml");
  EXPECT_NE(missing.error().message.find("cannot open"), std::string::npos);

  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "assess_api_test";
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "city.yaml").string();
  std::ofstream(path) << kScheme;
  Expected<Scheme> s = Scheme::LoadFile(path);
  ASSERT_TRUE(s.ok()) << testing::Describe(s.error());
  EXPECT_EQ(s->file_name(), path);
  std::ofstream(path) << "scheme: x\nindicators: [{id: a, points: 1, score: nope}]\n";
  Expected<Scheme> bad = Scheme::LoadFile(path);
  ASSERT_FALSE(bad.ok());
  ASSERT_FALSE(bad.error().diagnostics.empty());
  EXPECT_EQ(bad.error().diagnostics[0].file, path);
  EXPECT_EQ(bad.error().diagnostics[0].line, 2);
  // A file over the size limit is refused, read no further than the limit.
  LoadOptions small;
  small.limits.max_file_bytes = 10;
  Expected<Scheme> big = Scheme::LoadFile(path, small);
  ASSERT_FALSE(big.ok());
  EXPECT_NE(big.error().message.find("larger than the limit of 10 bytes"), std::string::npos);
  // A directory is named as such (not as a file too large).
  Expected<Scheme> folder = Scheme::LoadFile(dir.string());
  ASSERT_FALSE(folder.ok());
  EXPECT_NE(folder.error().message.find("is a directory"), std::string::npos)
      << folder.error().message;
  std::filesystem::remove_all(dir);
}

TEST(SchemeLoad, FromAPipeWithoutASize) {
  // `assess check <(generate-rules)`: a FIFO cannot tell its size, and is read to its end.
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "assess_api_fifo";
  std::filesystem::create_directories(dir);
  const std::string fifo = (dir / "rules.yaml").string();
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  std::thread writer([&] { std::ofstream(fifo) << kScheme; });
  Expected<Scheme> s = Scheme::LoadFile(fifo);
  writer.join();
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : testing::Describe(s.error()));
  std::filesystem::remove_all(dir);
}

TEST(SchemeLoad, WarningsDoNotStopLoading) {
  Expected<Scheme> s = Scheme::LoadText(R"(scheme: w
inputs: {unused: {type: number}}
indicators:
  - {id: a, points: 1, score: 1}
)");
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->warnings().size(), 1u);
  EXPECT_EQ(s->warnings()[0].severity, Severity::kWarning);
  EXPECT_EQ(s->warnings()[0].line, 2);
  EXPECT_NE(s->warnings()[0].ToString().find(": warning: input `unused`"), std::string::npos);
}

TEST(SchemeLoad, Accessors) {
  const Scheme s = LoadScheme(kScheme);
  EXPECT_EQ(s.id(), "city");
  EXPECT_EQ(s.title(), "City offices");
  EXPECT_EQ(s.version(), "2025.1");
  EXPECT_EQ(s.digits(), 2);
  EXPECT_EQ(s.test_count(), 1);
  EXPECT_EQ(s.grade_levels(), (std::vector<std::string>{"excellent", "good", "poor"}));
  const auto& ind = s.indicators();
  ASSERT_EQ(ind.size(), 5u);
  EXPECT_EQ(ind[0].id, "economy");
  EXPECT_EQ(ind[0].kind, "group");
  EXPECT_EQ(ind[0].parent, -1);
  EXPECT_EQ(ind[0].depth, 1);
  EXPECT_EQ(ind[0].points, 30);
  EXPECT_EQ(ind[1].id, "gdp");
  EXPECT_EQ(ind[1].kind, "leaf");
  EXPECT_EQ(ind[1].parent, 0);
  EXPECT_EQ(ind[1].depth, 2);
  EXPECT_EQ(ind[4].id, "bonus");
  EXPECT_EQ(ind[4].kind, "bonus");
  EXPECT_EQ(ind[4].points, 0);
  const auto& in = s.inputs();
  ASSERT_EQ(in.size(), 6u);
  EXPECT_EQ(in[0].name, "growth");
  EXPECT_EQ(in[0].title, "GDP growth");
  EXPECT_EQ(in[3].column, "单位类别");
  EXPECT_FALSE(in[3].required);
  EXPECT_EQ(in[4].type, "list");
  EXPECT_FALSE(in[5].required);  // a default makes it optional
  EXPECT_NE(s.ToDot().find("digraph"), std::string::npos);
}

// ---------------------------------------------------------------------------------------
// Batches

void ExpectCityResults(const Results& r) {
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r.error_count(), 0u);
  EXPECT_EQ(r.unit_id(0), "S1");
  EXPECT_EQ(r.total(0), 49.75);
  EXPECT_EQ(r.score(0, "survey"), 12.75);
  EXPECT_EQ(r.total(1), 52.0);
  EXPECT_EQ(r.score(1, "economy"), 36.0);
  EXPECT_EQ(r.score(1, "survey"), std::nullopt);
  EXPECT_EQ(r.rank(1), 1);
  EXPECT_EQ(r.grade(1), "excellent");  // 50% of 2: 1 place
  EXPECT_EQ(r.grade(0), "good");
}

TEST(Batch, ReadTextCsvAndJson) {
  const Scheme s = LoadScheme(kScheme);
  ExpectCityResults(testing::Eval(s, ReadBatch(s, kCsv)));
  const Batch json = ReadBatch(s, R"([
    {"office": "S1", "growth": 8, "target": 8, "grade": "A", "单位类别": "street",
     "raters": [90, 80], "award": true},
    {"office": "D1", "growth": 12, "target": 8, "grade": "B", "单位类别": "dept"}])",
                               DataFormat::kJson);
  EXPECT_EQ(json.size(), 2u);
  EXPECT_EQ(json.unit_id(1), "D1");
  ExpectCityResults(testing::Eval(s, json));
}

TEST(Batch, ReadErrorsAreErrors) {
  const Scheme s = LoadScheme(kScheme);
  Expected<Batch> no_column = Batch::ReadText(s, "office,growth\nS1,8\n", DataFormat::kCsv);
  ASSERT_FALSE(no_column.ok());
  EXPECT_NE(no_column.error().message.find("target"), std::string::npos)
      << no_column.error().message;
  EXPECT_FALSE(Batch::ReadText(s, "[{", DataFormat::kJson).ok());
  EXPECT_FALSE(Batch::ReadFile(s, "/nonexistent/units.csv").ok());
  // A bad row is the unit's data error, not the batch's.
  Expected<Batch> bad_row =
      Batch::ReadText(s, "office,growth,target,grade\nS1,8,8,Z\nS2,8,8,A\n", DataFormat::kCsv);
  ASSERT_TRUE(bad_row.ok());
  EXPECT_NE(bad_row->data_error(0).find("unknown value \"Z\""), std::string::npos)
      << bad_row->data_error(0);
  EXPECT_EQ(bad_row->data_error(1), "");
}

TEST(BatchBuilder, RowMode) {
  const Scheme s = LoadScheme(kScheme);
  BatchBuilder b(s);
  ASSERT_TRUE(b.AddUnit("S1").ok());
  ASSERT_TRUE(b.Set("growth", 8.0).ok());
  ASSERT_TRUE(b.Set("target", "8").ok());  // read by the input's type
  ASSERT_TRUE(b.Set("grade", "A").ok());
  ASSERT_TRUE(b.Set("单位类别", "street").ok());  // by column name
  ASSERT_TRUE(b.SetList("raters", {90, 80}).ok());
  ASSERT_TRUE(b.SetBool("award", true).ok());
  ASSERT_TRUE(b.AddUnit("D1").ok());
  ASSERT_TRUE(b.Set("growth", 12.0).ok());
  ASSERT_TRUE(b.Set("target", 8.0).ok());
  ASSERT_TRUE(b.Set("grade", "B").ok());
  ASSERT_TRUE(b.Set("kind", "dept").ok());  // by input name
  ASSERT_TRUE(b.SetMissing("raters").ok());
  Expected<Batch> batch = b.Build();
  ASSERT_TRUE(batch.ok());
  ExpectCityResults(testing::Eval(s, *batch));
  // The builder is empty afterwards.
  Expected<Batch> again = b.Build();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->size(), 0u);
}

TEST(BatchBuilder, ColumnMode) {
  const Scheme s = LoadScheme(kScheme);
  BatchBuilder b(s);
  ASSERT_TRUE(b.SetUnitIds({"S1", "D1"}).ok());
  ASSERT_TRUE(b.SetColumn("growth", {8, 12}).ok());
  ASSERT_TRUE(b.SetColumn("target", {8, 8}).ok());
  ASSERT_TRUE(b.SetTextColumn("grade", {"A", "B"}).ok());
  ASSERT_TRUE(b.SetTextColumn("kind", {"street", "dept"}).ok());
  ASSERT_TRUE(b.SetTextColumn("raters", {"90;80", ""}).ok());
  ASSERT_TRUE(b.SetColumn("award", {1, 0}).ok());
  Expected<Batch> batch = b.Build();
  ASSERT_TRUE(batch.ok());
  ExpectCityResults(testing::Eval(s, *batch));
}

// Views read the caller's buffers at Build, and give the same batch as copies.
TEST(BatchBuilder, ColumnViewsReadTheCallersBuffersAtBuild) {
  const Scheme s = LoadScheme(kScheme);
  BatchBuilder b(s);
  ASSERT_TRUE(b.SetUnitIds({"S1", "D1"}).ok());
  std::vector<double> growth = {0, 0}, target = {8, 8}, award = {1, 0};
  ASSERT_TRUE(b.SetColumnView("growth", growth.data(), growth.size()).ok());
  ASSERT_TRUE(b.SetColumnView("target", target.data(), target.size()).ok());
  ASSERT_TRUE(b.SetColumnView("award", award.data(), award.size()).ok());
  const std::string grades = "AB", kinds = "streetdept", raters = "90;80";
  ASSERT_TRUE(b.SetTextColumnView("grade", {std::string_view(grades).substr(0, 1),
                                            std::string_view(grades).substr(1)})
                  .ok());
  ASSERT_TRUE(b.SetTextColumnView("kind", {std::string_view(kinds).substr(0, 6),
                                           std::string_view(kinds).substr(6)})
                  .ok());
  ASSERT_TRUE(b.SetTextColumnView("raters", {raters, ""}).ok());
  EXPECT_FALSE(b.SetColumnView("growth", growth.data(), 1).ok());  // one value for two units
  growth = {8, 12};                                                // read at Build, not before
  Expected<Batch> batch = b.Build();
  ASSERT_TRUE(batch.ok());
  ExpectCityResults(testing::Eval(s, *batch));
}

// From 65,536 units a batch is built in two halves on two threads and joined: ids repeated
// across the halves are duplicates, and every message names the unit's place in the whole.
TEST(BatchBuilder, ALargeBatchBuiltInTwoHalvesIsOneBatch) {
  const Scheme s = LoadScheme(R"(scheme: halves
inputs:
  x: {type: number, max: 100}
  t: {type: text, required: false}
indicators:
  - {id: a, points: 100, score: 'x'}
)");
  const std::size_t n = 100'000;
  std::vector<std::string> ids(n), texts(n);
  std::vector<double> x(n);
  for (std::size_t u = 0; u < n; ++u) {
    ids[u] = "U" + std::to_string(u);
    x[u] = static_cast<double>(u % 100);
    texts[u] = "t" + std::to_string(u % 7 + (u >= n / 2 ? 100 : 0));  // new texts late
  }
  ids[90'000] = "U10";                                   // the first half's
  ids[20'000] = "U20001";                                // the first half's own
  x[70'000] = 101;                                       // above the maximum, in the second half
  x[30'000] = std::numeric_limits<double>::quiet_NaN();  // a missing required value
  BatchBuilder b(s);
  ASSERT_TRUE(b.SetUnitIds(ids).ok());
  ASSERT_TRUE(b.SetColumn("x", x).ok());
  ASSERT_TRUE(b.SetTextColumn("t", texts).ok());
  Expected<Batch> batch = b.Build();
  ASSERT_TRUE(batch.ok());
  ASSERT_EQ(batch->size(), n);
  EXPECT_EQ(batch->data_error(90'000), "data error: unit U10 (unit #90000): duplicate unit id");
  EXPECT_EQ(batch->data_error(20'001), "data error: unit U20001 (unit #20001): duplicate unit id");
  EXPECT_NE(batch->data_error(70'000).find("101 is above the maximum 100"), std::string::npos)
      << batch->data_error(70'000);
  EXPECT_NE(batch->data_error(70'000).find("unit #70000"), std::string::npos);
  EXPECT_NE(batch->data_error(30'000).find("missing x"), std::string::npos);
  const Results r = testing::Eval(s, *batch);
  EXPECT_EQ(r.error_count(), 4u);
  for (std::size_t u : {0u, 49'999u, 50'000u, 99'999u}) {
    EXPECT_EQ(batch->unit_id(u), ids[u]);
    EXPECT_EQ(r.score(u, "a"), x[u]) << u;
  }
}

// ScoresInto and TotalsInto give what score() and total() give, a column at a time, across
// chunks, from any first unit.
TEST(Results, ScoresIntoAndTotalsIntoAgreeWithScoreAndTotal) {
  // Without rounding stages, and with scores rounded at each stage (kept as codes of the
  // digits, 16 or 32 bits a chunk, which ScoresInto decodes without rounding again).
  for (const char* rounding : {"", "rounding: {digits: 2, stage: each}\n"}) {
    SCOPED_TRACE(rounding);
    const Scheme s = LoadScheme(std::string(R"(scheme: columns
inputs:
  x: {type: number}
  on: {type: boolean}
)") + rounding + R"(indicators:
  - {id: a, points: 100, score: 'x / 3'}
  - {id: b, points: 100, when: 'on', score: 'x * 1000'}
)");
    const std::size_t n = 2500;  // three chunks
    std::vector<std::string> ids(n);
    std::vector<double> x(n), on(n);
    for (std::size_t u = 0; u < n; ++u) {
      ids[u] = "U" + std::to_string(u);
      x[u] = u == 7 ? -1e300 * 1e300 : static_cast<double>(u % 301) / 7;  // one bad value
      on[u] = u % 3 == 0;
    }
    BatchBuilder b(s);
    ASSERT_TRUE(b.SetUnitIds(ids).ok());
    ASSERT_TRUE(b.SetColumn("x", x).ok());
    ASSERT_TRUE(b.SetColumn("on", on).ok());
    Expected<Batch> batch = b.Build();
    ASSERT_TRUE(batch.ok());
    const Results r = testing::Eval(s, *batch);
    for (std::size_t first : {0u, 5u, 1000u, 1024u, 2400u}) {
      const std::size_t count = n - first;
      std::vector<double> a(count), bb(count), total(count);
      r.ScoresInto(0, first, count, a.data());
      r.ScoresInto(1, first, count, bb.data());
      r.TotalsInto(first, count, total.data());
      for (std::size_t k = 0; k < count; ++k) {
        const std::size_t u = first + k;
        // Bit for bit (0.0, never -0.0).
        auto same = [](std::optional<double> want, double got) {
          return want ? std::memcmp(&*want, &got, sizeof got) == 0 : std::isnan(got);
        };
        EXPECT_TRUE(same(r.score(u, std::size_t{0}), a[k])) << u;
        EXPECT_TRUE(same(r.score(u, std::size_t{1}), bb[k])) << u;
        EXPECT_TRUE(same(r.total(u), total[k])) << u;
      }
    }
    EXPECT_FALSE(r.ok(7));
  }
}

TEST(BatchBuilder, ListColumnsTellMissingFromEmpty) {
  const Scheme s = LoadScheme(R"(scheme: lists
inputs:
  r: {type: list, required: false, max: 100}
indicators:
  - {id: n, points: 100, floor: -10, score: 'coalesce(count(r), -1)'}
)");
  BatchBuilder b(s);
  ASSERT_TRUE(b.SetUnitIds({"three", "empty", "missing", "bad"}).ok());
  ASSERT_TRUE(b.SetListColumn("r", {std::vector<double>{90, 80.5, 70}, std::vector<double>{},
                                    std::nullopt, std::vector<double>{200}})
                  .ok());
  EXPECT_FALSE(b.SetListColumn("r", {std::nullopt}).ok());  // one list for four units
  Expected<Batch> batch = b.Build();
  ASSERT_TRUE(batch.ok());
  const Results r = testing::Eval(s, *batch);
  EXPECT_EQ(r.score(0, "n"), 3.0);
  EXPECT_EQ(r.score(1, "n"), 0.0);   // an empty list has no element
  EXPECT_EQ(r.score(2, "n"), -1.0);  // a missing list is null
  EXPECT_NE(r.error(3).find("200 is above the maximum 100"), std::string::npos) << r.error(3);
}

TEST(BatchBuilder, BadValuesAreDataErrors) {
  const Scheme s = LoadScheme(kScheme);
  BatchBuilder b(s);
  ASSERT_TRUE(b.AddUnit("X").ok());
  ASSERT_TRUE(b.Set("growth", std::numeric_limits<double>::infinity()).ok());
  ASSERT_TRUE(b.Set("target", 8.0).ok());
  ASSERT_TRUE(b.Set("grade", "A").ok());
  ASSERT_TRUE(b.AddUnit("Y").ok());  // growth, target and grade missing
  ASSERT_TRUE(b.AddUnit("Z").ok());
  ASSERT_TRUE(b.Set("growth", 1.0).ok());
  ASSERT_TRUE(b.Set("target", 1.0).ok());
  ASSERT_TRUE(b.Set("grade", "E").ok());
  ASSERT_TRUE(b.AddUnit("X").ok());  // a repeated id
  Expected<Batch> batch = b.Build();
  ASSERT_TRUE(batch.ok());
  ASSERT_EQ(batch->size(), 4u);
  for (size_t u = 0; u < 4; ++u) EXPECT_NE(batch->data_error(u), "") << u;
  EXPECT_NE(batch->data_error(1).find("missing growth"), std::string::npos) << batch->data_error(1);
  const Results r = testing::Eval(s, *batch);
  EXPECT_EQ(r.error_count(), 4u);
  EXPECT_EQ(r.error(2), batch->data_error(2));
  EXPECT_EQ(r.total(2), std::nullopt);
}

TEST(BatchBuilder, CallsOutOfOrderAreStatusErrors) {
  const Scheme s = LoadScheme(kScheme);
  {
    BatchBuilder b(s);
    Status st = b.Set("growth", 1.0);
    EXPECT_FALSE(st.ok());
    EXPECT_NE(st.error().message.find("AddUnit"), std::string::npos) << st.error().message;
    EXPECT_FALSE(b.SetColumn("growth", {}).ok());  // no SetUnitIds
    ASSERT_TRUE(b.AddUnit("A").ok());
    Status unknown = b.Set("growht", 1.0);
    EXPECT_FALSE(unknown.ok());
    EXPECT_NE(unknown.error().message.find("growht"), std::string::npos);
    EXPECT_FALSE(b.SetUnitIds({"B"}).ok());         // after AddUnit
    EXPECT_FALSE(b.SetColumn("growth", {1}).ok());  // columns need SetUnitIds
  }
  {
    BatchBuilder b(s);
    ASSERT_TRUE(b.SetUnitIds({"A", "B"}).ok());
    EXPECT_FALSE(b.AddUnit("C").ok());
    Status size = b.SetColumn("growth", {1, 2, 3});
    EXPECT_FALSE(size.ok());
    EXPECT_NE(size.error().message.find("3 values for 2 units"), std::string::npos);
    EXPECT_FALSE(b.SetTextColumn("nope", {"x", "y"}).ok());
    // A cell setter after SetUnitIds is out of order: it must not land on the last unit.
    EXPECT_FALSE(b.Set("growth", 5.0).ok());
    EXPECT_FALSE(b.SetMissing("raters").ok());
    ASSERT_TRUE(b.SetColumn("growth", {1, 1.1}).ok());
    ASSERT_TRUE(b.SetColumn("target", {1, 1}).ok());
    ASSERT_TRUE(b.SetTextColumn("grade", {"A", "A"}).ok());
    ASSERT_TRUE(b.SetTextColumn("kind", {"dept", "dept"}).ok());
    Expected<Batch> batch = b.Build();
    ASSERT_TRUE(batch.ok());
    const Results r = testing::Eval(s, *batch);
    EXPECT_EQ(r.error(1), "");
    EXPECT_EQ(r.score(1, "gdp"), 16.5);  // 15 x 1.1, not 15 x min(5, 1.2) = 18
  }
}

// ---------------------------------------------------------------------------------------
// Results

TEST(Results, Accessors) {
  const Scheme s = LoadScheme(kScheme);
  const Results r = testing::Eval(s, ReadBatch(s, std::string(kCsv) + "E1,1,0,A,street,,no\n"));
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r.error_count(), 1u);
  EXPECT_EQ(r.Find("D1"), 1u);
  EXPECT_EQ(r.Find("nobody"), std::nullopt);
  EXPECT_TRUE(r.ok(0));
  EXPECT_FALSE(r.ok(2));
  EXPECT_NE(r.error(2).find("unit E1 (row 4): evaluation error in gdp: division by zero"),
            std::string::npos)
      << r.error(2);
  EXPECT_EQ(r.error(0), "");
  // By index into Scheme::indicators() and by id.
  EXPECT_EQ(r.score(0, 1), 15.0);  // gdp
  EXPECT_EQ(r.score(0, 2), 12.75);
  EXPECT_EQ(r.score(0, 99), std::nullopt);
  EXPECT_EQ(r.score(0, "no_such"), std::nullopt);
  EXPECT_EQ(r.score(0, "total"), std::nullopt);    // the total is total()
  EXPECT_EQ(r.score(2, "party_s"), std::nullopt);  // a unit in error has no scores
  EXPECT_EQ(r.rank(2), std::nullopt);
  EXPECT_EQ(r.grade(2), std::nullopt);
  EXPECT_TRUE(r.vetoes(0).empty());
  const std::vector<FiredRule> fired = r.fired_rules(0);
  ASSERT_EQ(fired.size(), 1u);
  EXPECT_EQ(fired[0].indicator, "bonus");
  EXPECT_EQ(fired[0].reason, "award");
  EXPECT_EQ(fired[0].points, 2.0);
  EXPECT_TRUE(r.fired_rules(1).empty());
  EXPECT_TRUE(r.fired_rules(2).empty());
}

TEST(Results, ThreadsDoNotChangeResults) {
  const Scheme s = LoadScheme(kScheme);
  const Batch b = ReadBatch(s, kCsv);
  for (int threads : {0, 1, 4}) {
    EvalOptions o;
    o.threads = threads;
    ExpectCityResults(testing::Eval(s, b, o));
  }
}

TEST(Results, EmptyBatch) {
  const Scheme s = LoadScheme(kScheme);
  const Results r = testing::Eval(s, ReadBatch(s, "office,growth,target,grade\n"));
  EXPECT_EQ(r.size(), 0u);
  EXPECT_EQ(r.error_count(), 0u);
}

// ---------------------------------------------------------------------------------------
// Params

TEST(Params, WithParamsMakesAVariantThatReadsTheSameBatches) {
  const Scheme s = LoadScheme(kScheme);
  const Batch b = ReadBatch(s, kCsv);
  // weight 0.5: party = 1 x 20 x 0.5 = 10 for S1, 0.8 x 20 x 0.5 = 8 for D1.
  Expected<Scheme> half = s.WithParams({{"weight", "0.5"}});
  ASSERT_TRUE(half.ok()) << testing::Describe(half.error());
  const Results r = testing::Eval(*half, b);
  EXPECT_EQ(r.score(0, "party_s"), 10.0);
  EXPECT_EQ(r.total(0), 39.75);
  EXPECT_EQ(r.total(1), 44.0);
  // The original is unchanged.
  EXPECT_EQ(testing::Eval(s, b).total(0), 49.75);
}

TEST(Params, EvalOptionsParamsChangeResults) {
  const Scheme s = LoadScheme(kScheme);
  const Batch b = ReadBatch(s, kCsv);
  EvalOptions o;
  o.params = {{"weight", "50%"}};
  EXPECT_EQ(testing::Eval(s, b, o).total(0), 39.75);
  o.params = {{"party", R"({"A": 0.1, "B": 0.2})"}};
  const Results r = testing::Eval(s, b, o);
  EXPECT_EQ(r.score(0, "party_s"), 2.0);  // 0.1 x 20
  EXPECT_EQ(r.score(1, "party_s"), 4.0);  // 0.2 x 20
}

TEST(Params, VariantWithNewTextsRenumbersTheBatchsTexts) {
  // The batch interns "Q" after the scheme's texts; the variant's table brings "Z" and
  // "Q", and may number them differently: U1's key must still read as "Q".
  const Scheme s = LoadScheme(R"(scheme: r
inputs: {k: {type: text}}
params:
  table: {A: 1}
indicators:
  - {id: a, points: 10, score: 'lookup(k, table, 0)'}
)");
  const Batch b = ReadBatch(s, "unit,k\nU1,Q\nU2,A\n");
  EXPECT_EQ(testing::Eval(s, b).total(0), 0.0);
  EvalOptions o;
  o.params = {{"table", R"({"Z": 5, "Q": 3})"}};
  const Results r = testing::Eval(s, b, o);
  EXPECT_EQ(r.total(0), 3.0);
  EXPECT_EQ(r.total(1), 0.0);  // A is not in the new table: the default 0
}

TEST(Params, BadParamsAreErrors) {
  const Scheme s = LoadScheme(kScheme);
  const Batch b = ReadBatch(s, kCsv);
  EXPECT_FALSE(s.WithParams({{"wieght", "1"}}).ok());
  EvalOptions o;
  o.params = {{"weight", "heavy"}};
  Expected<Results> r = Evaluate(s, b, o);
  ASSERT_FALSE(r.ok());
  EXPECT_FALSE(r.error().diagnostics.empty());
}

TEST(Evaluate, BatchReadForAnotherSchemeIsAnError) {
  const Scheme s = LoadScheme(kScheme);
  const Scheme other = LoadScheme(kScheme);  // the same text, loaded apart
  const Batch b = ReadBatch(other, kCsv);
  Expected<Results> r = Evaluate(s, b);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("another scheme"), std::string::npos);
}

// ---------------------------------------------------------------------------------------
// Embedded tests

TEST(EmbeddedTests, PassAndFail) {
  const Scheme s = LoadScheme(kScheme);
  std::vector<TestOutcome> outcomes = RunEmbeddedTests(s);
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_EQ(outcomes[0].name, "a street on target");
  EXPECT_TRUE(outcomes[0].passed) << outcomes[0].failures.size();
  for (const std::string& f : outcomes[0].failures) ADD_FAILURE() << f;

  // With weight 0 the total is 29.75 and the grade poor: both fields fail.
  EvalOptions o;
  o.params = {{"weight", "0"}};
  outcomes = RunEmbeddedTests(s, o);
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_FALSE(outcomes[0].passed);
  ASSERT_EQ(outcomes[0].failures.size(), 2u);
  EXPECT_NE(outcomes[0].failures[0].find("S1.total: expected 49.75, got 29.75"), std::string::npos)
      << outcomes[0].failures[0];
  EXPECT_NE(outcomes[0].failures[1].find("S1.grade: expected good, got poor"), std::string::npos)
      << outcomes[0].failures[1];
}

TEST(EmbeddedTests, ErrorsUnknownUnitsAndFields) {
  const Scheme s = LoadScheme(R"(scheme: t
inputs: {x: {type: number}}
indicators:
  - {id: a, points: 10, score: 10 / x}
tests:
  - name: expected error
    units: [{unit: Z, x: 0}, {unit: O, x: 5}]
    expect:
      Z: {error: division by zero}
      O: {a: 2, total: 2, rank: 1, error: null}
  - name: unexpected error
    units: [{unit: Z, x: 0}]
    expect:
      Z: {total: 1}
  - name: wrong unit and field
    units: [{unit: O, x: 5}]
    expect:
      Q: {total: 2}
      O: {colour: 2}
)");
  std::vector<TestOutcome> outcomes = RunEmbeddedTests(s);
  ASSERT_EQ(outcomes.size(), 3u);
  EXPECT_TRUE(outcomes[0].passed);
  for (const std::string& f : outcomes[0].failures) ADD_FAILURE() << f;
  EXPECT_FALSE(outcomes[1].passed);
  bool unexpected = false;
  for (const std::string& f : outcomes[1].failures) {
    unexpected |= f.find("unexpected error") != std::string::npos;
  }
  EXPECT_TRUE(unexpected);
  EXPECT_FALSE(outcomes[2].passed);
  ASSERT_EQ(outcomes[2].failures.size(), 2u);
  EXPECT_NE(outcomes[2].failures[0].find("no unit `Q`"), std::string::npos);
  EXPECT_NE(outcomes[2].failures[1].find("`colour` is not a result field"), std::string::npos);
}

}  // namespace
}  // namespace assess
