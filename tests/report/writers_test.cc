// The writers of results (rule-language §13): CSV columns, decimals and quoting; JSON and JSON
// Lines fields; explanations, as text and in JSON.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "eval/eval_test_util.h"
#include "num/number_text.h"

namespace assess {
namespace {

using Json = nlohmann::json;
using testing::RunText;

// U: a = x / 2 = 15 capped at 12; b does not apply: g = 12 x (30 / 10) = 36. bonus: 3 x 2
// = 6 capped at 4 by its rule, + 1 = 5 (node cap 5). d: nothing fires (0). total = 41 >
// 40: the veto caps it at 40 and forces `rest` (rank 2, after Q).
// Q: a = 4, b = 5, g = 9; bonus 1; total 10.
constexpr const char* kScheme = R"(scheme: s
title: Sample
inputs:
  x: {type: number}
  t: {type: text}
  n: {type: number}
indicators:
  - id: g
    points: 30
    children:
      - {id: a, points: 10, value: x / 2, score: value, cap: 12}
      - {id: b, points: 20, when: t == "x", score: 5}
  - id: bonus
    kind: bonus
    cap: 5
    rules:
      - {when: n > 0, points: 3 * n, reason: "national, first", cap: 4}
      - {points: 1}
  - {id: d, kind: deduction, rules: [{when: n > 5, points: 1}]}
vetoes:
  - {id: v, when: total > 40, reason: 'too "high", really', cap: 40}
  - {id: w, when: n > 1, reason: second}
grades:
  levels: [{name: top, min: 40}, {name: rest}]
)";

constexpr const char* kData = "unit,x,t,n\n\"U,1\",30,y,2\n\"Q\"\"2\",8,x,0\n\"N\nL\",abc,x,0\n";

std::string Csv(const Results& r) {
  std::ostringstream out;
  r.WriteCsv(out);
  return out.str();
}

TEST(CsvWriter, ColumnsNumbersAndQuoting) {
  const std::string csv = Csv(RunText(kScheme, kData));
  const std::string expected_start =
      "unit,g,a,b,bonus,d,total,rank,grade,vetoes,error\n"
      "\"U,1\",36.00,12.00,,5.00,0.00,40.00,2,rest,\"too \"\"high\"\", really;second\",\n"
      "\"Q\"\"2\",9.00,4.00,5.00,1.00,0.00,10.00,1,rest,,\n"
      "\"N\nL\",,,,,,,,,,\"";
  EXPECT_EQ(csv.substr(0, expected_start.size()), expected_start) << csv;
  // The data error names the bad value in quotes: doubled inside the quoted field.
  EXPECT_NE(csv.find("\"\"abc\"\""), std::string::npos) << csv;
  EXPECT_EQ(csv.substr(csv.size() - 2), "\"\n");
}

TEST(CsvWriter, GradeColumnOnlyWithGrades) {
  const std::string csv = Csv(RunText(R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: a, points: 100, score: x}
)",
                                      "unit,x\nA,50\nB,0\n"));
  EXPECT_EQ(csv, "unit,a,total,rank,vetoes,error\nA,50.00,50.00,1,,\nB,0.00,0.00,2,,\n");
}

TEST(CsvWriter, ExactlyDigitsDecimals) {
  const std::string yaml = R"(scheme: s
rounding: {digits: DIGITS}
inputs: {x: {type: number}}
indicators:
  - {id: a, points: 100, score: x}
)";
  struct Case {
    std::string digits;
    std::string row;
  } cases[] = {
      {"0", "A,86,86,1,,\n"},  // 85.5 -> 86, half away from zero
      {"1", "A,85.5,85.5,1,,\n"},
      {"3", "A,85.500,85.500,1,,\n"},
      {"2", "A,85.50,85.50,1,,\n"},
  };
  for (const Case& c : cases) {
    std::string y = yaml;
    y.replace(y.find("DIGITS"), 6, c.digits);
    const std::string csv = Csv(RunText(y, "unit,x\nA,85.5\n"));
    EXPECT_EQ(csv, "unit,a,total,rank,vetoes,error\n" + c.row) << "digits " << c.digits;
  }
}

TEST(CsvWriter, ZeroIsNeverNegative) {
  // d: nothing fires, -0 as a deduction; e: -0.004 (floor -1), -0.00 when rounded.
  const std::string csv = Csv(RunText(R"(scheme: s
rounding: {stage: output}
inputs: {x: {type: number}}
indicators:
  - {id: e, points: 10, floor: -1, score: x}
  - {id: d, kind: deduction, rules: [{when: x > 1, points: 1}]}
total: {floor: -1}
)",
                                      "unit,x\nA,-0.004\n"));
  EXPECT_EQ(csv, "unit,e,d,total,rank,vetoes,error\nA,0.00,0.00,0.00,1,,\n");
  EXPECT_EQ(csv.find("-0"), std::string::npos);
}

// A batch large enough for the writer's table of 16-bit codes: chunks whose scores are kept
// as 16-bit codes (|k| <= 32767), as 32-bit codes (a score of 400.00 at 2 decimals) and as
// doubles (an error's NaN), with negative, zero and null (not applicable) scores. Every
// cell must be the unit's published score with exactly `digits` decimals, on 1, 2 and 3
// threads, at digits with the table (0, 2, 4) and without it (6); and the text the same on
// each (its four slices formatted by whichever thread is free, written in order).
class CsvWriterDigits : public ::testing::TestWithParam<int> {};

TEST_P(CsvWriterDigits, EveryCellOfALargeBatchIsItsPublishedScore) {
  const int digits = GetParam();
  const std::string scheme = "scheme: s\nrounding: {digits: " + std::to_string(digits) +
                             "}\ninputs:\n  x: {type: number}\nindicators:\n"
                             "  - {id: a, points: 500, score: x}\n"
                             "  - {id: b, points: 1, score: x / 1000}\n"
                             "  - {id: c, points: 500, when: x > 0, score: 0 - x}\n"
                             "  - {id: e, points: 1, score: 1 / (x - 77)}\n";
  std::string data = "unit,x\n";
  const std::size_t units = 3 * 8192 + 100;
  for (std::size_t u = 0; u < units; ++u) {
    // Mostly small scores; one chunk reaches 400 (beyond 16 bits at 2 or more decimals).
    const double x =
        (u / 1024 == 7 && u % 97 == 0) ? 400.0 : static_cast<double>(u % 6007) / 37.0 - 81.0;
    data += "u" + std::to_string(u) + "," + FixedText(x, 6) + "\n";
  }
  data += "bad,77\n";  // 1 / 0: an error, so its chunk of `e` is kept as doubles
  const Scheme s = testing::LoadScheme(scheme);
  const Batch batch = testing::ReadBatch(s, data, DataFormat::kCsv);
  std::string texts[3];
  for (int threads : {1, 2, 3}) {
    EvalOptions options;
    options.threads = threads;
    const Results r = testing::Eval(s, batch, options);
    std::ostringstream out;
    r.WriteCsv(out);
    texts[threads - 1] = out.str();
    std::istringstream lines(out.str());
    std::string line;
    std::getline(lines, line);
    ASSERT_EQ(line, "unit,a,b,c,e,total,rank,vetoes,error");
    for (std::size_t u = 0; u < r.size(); ++u) {
      ASSERT_TRUE(std::getline(lines, line));
      if (!r.ok(u)) continue;
      std::string expected = r.unit_id(u);
      for (std::size_t node = 0; node < 4; ++node) {
        const std::optional<double> score = r.score(u, node);
        expected += "," + (score ? FixedText(*score, digits) : std::string());
      }
      ASSERT_EQ(line.substr(0, expected.size() + 1), expected + ",") << "unit " << u;
    }
  }
  EXPECT_EQ(texts[0], texts[1]);
  EXPECT_EQ(texts[0], texts[2]);
}

INSTANTIATE_TEST_SUITE_P(Digits, CsvWriterDigits, ::testing::Values(0, 2, 4, 6));

// A stream buffer that takes `room` bytes, then refuses.
class FullAfter : public std::streambuf {
 public:
  explicit FullAfter(std::size_t room) : room_(room) {}
  std::size_t taken() const { return taken_; }

 protected:
  std::streamsize xsputn(const char*, std::streamsize n) override {
    const auto k = std::min<std::streamsize>(n, static_cast<std::streamsize>(room_ - taken_));
    taken_ += static_cast<std::size_t>(k);
    return k;
  }
  int_type overflow(int_type c) override {
    if (taken_ == room_) return traits_type::eof();
    ++taken_;
    return traits_type::not_eof(c);
  }

 private:
  std::size_t room_;
  std::size_t taken_ = 0;
};

// A stream that throws on a failed write (exceptions(badbit)) throws out of WriteCsv on
// every thread count: the thread that meets it lets the threads holding later slices end
// instead of waiting for their turn (which they would do for ever).
TEST(CsvWriter, AStreamThatThrowsEndsTheWriteOnEveryThreadCount) {
  const Scheme s = testing::LoadScheme(
      "scheme: s\ninputs:\n  x: {type: number}\nindicators:\n  - {id: a, points: 9, score: x}\n");
  std::string data = "unit,x\n";
  for (int u = 0; u < 5 * 8192; ++u)
    data += "u" + std::to_string(u) + "," + std::to_string(u % 9) + "\n";
  const Batch batch = testing::ReadBatch(s, data, DataFormat::kCsv);
  for (int threads : {1, 2, 3}) {
    EvalOptions options;
    options.threads = threads;
    const Results r = testing::Eval(s, batch, options);
    FullAfter full(1000);
    std::ostream out(&full);
    out.exceptions(std::ios::badbit);
    EXPECT_THROW(r.WriteCsv(out), std::ios_base::failure) << threads << " threads";
    EXPECT_EQ(full.taken(), 1000u);
  }
}

TEST(JsonWriter, CarriesTheFieldsOfTheCsv) {
  const Results r = RunText(kScheme, kData);
  std::ostringstream out;
  r.WriteJson(out);
  const Json j = Json::parse(out.str());
  ASSERT_TRUE(j.is_array());
  ASSERT_EQ(j.size(), 3u);
  const Json& u = j[0];
  EXPECT_EQ(u["unit"], "U,1");
  EXPECT_EQ(u["g"], 36.0);
  EXPECT_EQ(u["a"], 12.0);
  EXPECT_TRUE(u["b"].is_null());  // not applicable
  EXPECT_EQ(u["bonus"], 5.0);
  EXPECT_EQ(u["total"], 40.0);
  EXPECT_EQ(u["rank"], 2);
  EXPECT_EQ(u["grade"], "rest");
  EXPECT_EQ(u["vetoes"], Json::array({"too \"high\", really", "second"}));
  EXPECT_TRUE(u["error"].is_null());
  EXPECT_FALSE(u.contains("explain"));
  std::vector<std::string> keys;
  for (auto it = u.begin(); it != u.end(); ++it) keys.push_back(it.key());
  EXPECT_EQ(keys.size(), 11u);  // unit, g, a, b, bonus, d, total, rank, grade, vetoes, error
  const Json& bad = j[2];
  EXPECT_EQ(bad["unit"], "N\nL");
  EXPECT_TRUE(bad["total"].is_null());
  EXPECT_TRUE(bad["rank"].is_null());
  EXPECT_TRUE(bad["grade"].is_null());
  EXPECT_TRUE(bad["a"].is_null());
  EXPECT_EQ(bad["vetoes"], Json::array());
  EXPECT_NE(bad["error"].get<std::string>().find("\"abc\""), std::string::npos);
  EXPECT_EQ(out.str().find("-0"), std::string::npos);
}

TEST(JsonWriter, NoGradeFieldWithoutGrades) {
  const Results r =
      RunText("scheme: s\nindicators:\n  - {id: a, points: 1, score: 1}\n", "unit\nA\n");
  std::ostringstream out;
  r.WriteJson(out);
  const Json j = Json::parse(out.str());
  EXPECT_FALSE(j[0].contains("grade"));
  EXPECT_EQ(j[0]["total"], 1.0);
}

TEST(JsonWriter, IndicatorNamedLikeAResultFieldDoesNotHideIt) {
  const Results r = RunText(R"(scheme: s
unit: id
indicators:
  - {id: rank, points: 10, score: 3}
  - {id: unit, points: 10, score: 5}
  - {id: ok, points: 10, score: 1}
)",
                            "id\nA\n");
  std::ostringstream out;
  r.WriteJson(out);
  const Json j = Json::parse(out.str());
  EXPECT_EQ(j[0]["unit"], "A");
  EXPECT_EQ(j[0]["rank"], 1);
  EXPECT_EQ(j[0]["ok"], 1.0);
  EXPECT_EQ(j[0]["total"], 9.0);
}

// Each unit's object as nlohmann-json dumps it, made from the public API alone: what the
// JSON writers must write, byte for byte (they write the text directly).
std::string ExpectedObject(const Scheme& s, const Results& r, std::size_t u) {
  using Ordered = nlohmann::ordered_json;
  Ordered o;
  o["unit"] = r.unit_id(u);
  for (std::size_t i = 0; i < s.indicators().size(); ++i) {
    const std::string& id = s.indicators()[i].id;
    if (id == "unit" || id == "total" || id == "rank" || id == "grade" || id == "vetoes" ||
        id == "error" || id == "explain") {
      continue;  // the result field keeps its key
    }
    const std::optional<double> score = r.score(u, i);
    o[id] = score ? Ordered(*score) : Ordered(nullptr);
  }
  const std::optional<double> total = r.total(u);
  o["total"] = total ? Ordered(*total) : Ordered(nullptr);
  const std::optional<int> rank = r.rank(u);
  o["rank"] = rank ? Ordered(*rank) : Ordered(nullptr);
  if (!s.grade_levels().empty()) {
    const std::optional<std::string> grade = r.grade(u);
    o["grade"] = grade ? Ordered(*grade) : Ordered(nullptr);
  }
  o["vetoes"] = r.vetoes(u);
  o["error"] = r.ok(u) ? Ordered(nullptr) : Ordered(r.error(u));
  return o.dump(-1, ' ', false, Ordered::error_handler_t::replace);
}

// "" when the texts are equal, else their first differing line (a short failure message
// where comparing megabytes of text would print them whole).
std::string FirstDifference(const std::string& got, const std::string& want) {
  std::istringstream a(got), b(want);
  std::string x, y;
  for (int line = 1;; ++line) {
    const bool more_a = static_cast<bool>(std::getline(a, x));
    const bool more_b = static_cast<bool>(std::getline(b, y));
    if (!more_a && !more_b) return got == want ? "" : "a difference in the last line break";
    if (more_a != more_b || x != y) {
      return "line " + std::to_string(line) + ": got " + (more_a ? x : "(end)") + "\n want " +
             (more_b ? y : "(end)");
    }
  }
}

// A batch of four slices of the JSON writers (4,096 units each) and some: scores kept as
// 16-bit codes, as 32-bit codes (beyond 327.67) and as doubles (stage output, or a chunk with
// an error); not applicable nodes, units in error, an indicator named `rank`, grades with a
// non-ASCII name, vetoes with quotes, ids with quotes, control characters, non-ASCII and
// invalid UTF-8. JSON and JSON Lines are each unit's object as nlohmann-json dumps it, the
// same on 1, 2 and 3 threads.
class JsonWriterStage : public ::testing::TestWithParam<const char*> {};

TEST_P(JsonWriterStage, EveryObjectIsNlohmannsDumpOfItsFields) {
  const std::string scheme =
      std::string("scheme: s\nrounding: {digits: 2, stage: ") + GetParam() +
      "}\ninputs:\n  x: {type: number}\n  t: {type: text}\n"
      "indicators:\n"
      "  - id: g\n    points: 900\n    children:\n"
      "      - {id: a, points: 600, score: x}\n"
      "      - {id: b, points: 300, when: t == \"y\", score: x / 3}\n"
      "  - {id: rank, points: 5, score: 1}\n"
      "  - {id: e, points: 5, score: 1 / (x - 77)}\n"
      "  - id: bonus\n    kind: bonus\n    cap: 5\n"
      "    rules: [{when: x > 50, points: 2, reason: big}]\n"
      "vetoes:\n  - {id: v, when: x > 90, reason: 'too \"high\"'}\n"
      "grades:\n  levels: [{name: \"\u4f18\u79c0\", min: 60}, {name: rest}]\n";
  std::string data = "unit,x,t\n";
  const std::size_t units = 4 * 4096 + 77;
  for (std::size_t u = 0; u < units; ++u) {
    std::string id = "u" + std::to_string(u);
    if (u % 1000 == 1) id = "\"q\"\"" + id + "\"";            // a quote in the id
    if (u % 1000 == 2) id = "\"\xe8\xa1\x97 " + id + "\t\"";  // non-ASCII and a tab
    if (u % 1000 == 3) id += "\xff";                          // not UTF-8
    // Mostly small scores; chunk 5 reaches 400 (beyond 16 bits at 2 decimals); x = 77 fails.
    const double x = (u / 1024 == 5 && u % 97 == 0) ? 400.0
                     : u % 1500 == 7                ? 77.0
                                                    : static_cast<double>(u % 6007) / 37.0 - 9.0;
    data += id + "," + FixedText(x, 6) + "," + (u % 3 == 0 ? "y" : "n") + "\n";
  }
  data += "bad,abc,y\n";  // a data error
  const Scheme s = testing::LoadScheme(scheme);
  const Batch batch = testing::ReadBatch(s, data, DataFormat::kCsv);
  std::string array, lines;
  for (int threads : {1, 2, 3}) {
    EvalOptions options;
    options.threads = threads;
    const Results r = testing::Eval(s, batch, options);
    ASSERT_EQ(r.size(), units + 1);
    if (threads == 1) {
      ASSERT_GT(r.error_count(), 10u);
      array = "[";
      for (std::size_t u = 0; u < r.size(); ++u)
        array += (u ? ",\n  " : "\n  ") + ExpectedObject(s, r, u);
      array += "\n]\n";
      for (std::size_t u = 0; u < r.size(); ++u) lines += ExpectedObject(s, r, u) + "\n";
    }
    std::ostringstream json, jsonl;
    r.WriteJson(json);
    r.WriteJsonLines(jsonl);
    EXPECT_EQ(FirstDifference(json.str(), array), "") << threads << " threads";
    EXPECT_EQ(FirstDifference(jsonl.str(), lines), "") << threads << " threads";
  }
}

INSTANTIATE_TEST_SUITE_P(Stages, JsonWriterStage, ::testing::Values("each", "output"));

TEST(JsonWriter, JsonLinesHasOneObjectALine) {
  const Results r = RunText(kScheme, kData);
  std::ostringstream out;
  r.WriteJsonLines(out);
  std::istringstream in(out.str());
  std::string line;
  std::vector<Json> objects;
  while (std::getline(in, line)) objects.push_back(Json::parse(line));
  ASSERT_EQ(objects.size(), 3u);
  EXPECT_EQ(objects[1]["unit"], "Q\"2");
  EXPECT_EQ(objects[1]["total"], 10.0);
  EXPECT_EQ(objects[2]["unit"], "N\nL");  // the newline is escaped: still one line
}

TEST(JsonWriter, ExplainedValuesAreTypedAsTheirExpressions) {
  EvalOptions options;
  options.explain = true;
  const Results r = RunText(R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: big, points: 10, value: x > 3, score: if value then 10 else 0}
  - {id: third, points: 10, value: x / 3, score: value}
)",
                            "unit,x\nU,20\n", DataFormat::kCsv, options);
  std::ostringstream out;
  r.WriteJson(out, /*explain=*/true);
  const Json e = Json::parse(out.str())[0]["explain"];
  EXPECT_EQ(e["big"]["value"], true);
  EXPECT_EQ(e["third"]["value"], 20.0 / 3);
}

TEST(JsonWriter, ExplanationCarriesEachNodesComputation) {
  EvalOptions options;
  options.explain = true;
  const Results r = RunText(kScheme, kData, DataFormat::kCsv, options);
  std::ostringstream out;
  r.WriteJson(out, /*explain=*/true);
  const Json j = Json::parse(out.str());
  const Json& e = j[0]["explain"];
  EXPECT_EQ(e["a"]["value"], 15.0);  // a JSON number, as raw and score
  EXPECT_EQ(e["a"]["raw"], 15.0);
  EXPECT_EQ(e["a"]["score"], 12.0);
  EXPECT_EQ(e["a"]["clamped"], "cap");
  EXPECT_EQ(e["b"]["state"], "not applicable");
  EXPECT_TRUE(e["b"]["score"].is_null());
  EXPECT_EQ(e["g"]["rescale"], 3.0);
  EXPECT_FALSE(j[1]["explain"]["g"].contains("rescale"));  // Q: every child applies
  EXPECT_EQ(
      e["bonus"]["rules"],
      Json::parse(
          R"([{"reason": "national, first", "points": 4}, {"reason": "true", "points": 1}])"));
  EXPECT_FALSE(j[2].contains("explain"));  // a data error has nothing to explain
}

TEST(ExplainText, MentionsValueCapRescaleRulesAndVetoes) {
  EvalOptions options;
  options.explain = true;
  const Results r = RunText(kScheme, kData, DataFormat::kCsv, options);
  const std::string text = r.Explain(0);
  for (const char* part :
       {"unit U,1 (row 2) in Sample", "value 15", "capped at 12", "rescaled x3",
        "b: not applicable", "national, first 4", "total after vetoes: 40.00",
        "veto: too \"high\", really", "veto: second", "rank: 2", "grade: rest"}) {
    EXPECT_NE(text.find(part), std::string::npos) << "no `" << part << "` in\n" << text;
  }
  const std::string bad = r.Explain(2);
  EXPECT_NE(bad.find("bad number \"abc\""), std::string::npos) << bad;
}

TEST(ExplainText, WithoutExplainOptionTheBatchIsTracedOnDemand) {
  const Results r = RunText(kScheme, kData);  // EvalOptions::explain is off
  const std::string text = r.Explain(0);
  EXPECT_NE(text.find("raw 15; capped at 12"), std::string::npos) << text;
  std::ostringstream out;
  r.WriteJson(out, /*explain=*/true);
  EXPECT_EQ(Json::parse(out.str())[0]["explain"]["a"]["raw"], 15.0);
  EXPECT_EQ(r.Explain(1), r.Explain(1));
}

TEST(ExplainText, DeductionRawIsNegativeAsItsCell) {
  EvalOptions options;
  options.explain = true;
  const Results r = RunText(R"(scheme: s
indicators:
  - {id: a, points: 10, score: 8}
  - {id: d, kind: deduction, cap: 2, rules: [{points: 1.5}, {points: 1.5}]}
)",
                            "unit\nU\n", DataFormat::kCsv, options);
  const std::string text = r.Explain(0);
  // 1.5 + 1.5 = 3, capped at 2: the cell is -2.
  EXPECT_NE(text.find("d: -2.00   [raw -3; capped at 2; true 1.5; true 1.5]"), std::string::npos)
      << text;
  EXPECT_EQ(r.total(0), 6.0);
}

TEST(ExplainText, EvaluationErrorIsShown) {
  EvalOptions options;
  options.explain = true;
  const Results r = RunText(R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: ok, points: 10, score: 2}
  - {id: ratio, points: 10, score: 10 / x}
)",
                            "unit,x\nA,0\n", DataFormat::kCsv, options);
  const std::string text = r.Explain(0);
  EXPECT_NE(text.find("evaluation error in ratio: division by zero"), std::string::npos) << text;
  EXPECT_NE(text.find("ratio"), std::string::npos) << text;
  EXPECT_EQ(text.find("total after vetoes"), std::string::npos) << text;
}

}  // namespace
}  // namespace assess
