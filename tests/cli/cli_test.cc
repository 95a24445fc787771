// The `assess` command as scripts use it (rule-language §14): exit statuses, outputs, formats,
// params and diagnostics. Each test runs the built binary (ASSESS_CLI_PATH) in a fresh
// temporary folder.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

// a = x * weight; b applies to `t == "s"` (excluded when t is missing: a is rescaled).
// A: a = 8, b = 5 -> 13 (rest). B: a = 9, b excluded -> 9 x (20 / 10) = 18 (top).
constexpr const char* kRules = R"(scheme: cli
inputs:
  x: {type: number}
  t: {type: text, required: false}
params:
  weight: 1
indicators:
  - {id: a, points: 10, score: x * weight}
  - {id: b, points: 10, when: t == "s", score: 5, on_missing: exclude}
grades:
  levels: [{name: top, min: 15}, {name: rest}]
tests:
  - name: passes
    units: [{unit: U, x: 8, t: s}]
    expect:
      U: {total: 13, a: 8, grade: rest}
)";

constexpr const char* kData = "unit,x,t\nA,8,s\nB,9,\n";
constexpr const char* kExpectedCsv =
    "unit,a,b,total,rank,grade,vetoes,error\n"
    "A,8.00,5.00,13.00,2,rest,,\n"
    "B,9.00,,18.00,1,top,,\n";

struct Outcome {
  int code = -1;
  std::string out;
  std::string err;
};

std::string Quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "assess_cli_XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    Write("rules.yaml", kRules);
    Write("data.csv", kData);
  }
  void TearDown() override { fs::remove_all(dir_); }

  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }
  std::string Read(const std::string& name) const {
    std::ifstream in(dir_ / name, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }

  // Runs `assess ARGS...` in the temporary folder.
  Outcome Run(const std::vector<std::string>& args) {
    std::string cmd = "cd " + Quote(dir_.string()) + " && " + Quote(ASSESS_CLI_PATH);
    for (const std::string& a : args) cmd += " " + Quote(a);
    cmd += " > .stdout 2> .stderr < /dev/null";
    const int status = std::system(cmd.c_str());
    Outcome o;
    o.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    o.out = Read(".stdout");
    o.err = Read(".stderr");
    return o;
  }

  fs::path dir_;
};

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// ---------------------------------------------------------------------------------------
// Usage

TEST_F(Cli, HelpAndVersionExitZero) {
  Outcome help = Run({"--help"});
  EXPECT_EQ(help.code, 0);
  EXPECT_TRUE(Contains(help.out, "check")) << help.out;
  EXPECT_TRUE(Contains(help.out, "explain")) << help.out;
  EXPECT_EQ(Run({"run", "--help"}).code, 0);
  Outcome version = Run({"--version"});
  EXPECT_EQ(version.code, 0);
  EXPECT_TRUE(Contains(version.out + version.err, "0.1.0"));
}

TEST_F(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(Run({}).code, 2);
  EXPECT_EQ(Run({"frobnicate"}).code, 2);
  EXPECT_EQ(Run({"run", "rules.yaml"}).code, 2);  // no DATA
  EXPECT_EQ(Run({"run", "rules.yaml", "data.csv", "--format", "xml"}).code, 2);
  EXPECT_EQ(Run({"run", "rules.yaml", "data.csv", "--threads", "-1"}).code, 2);
  EXPECT_EQ(Run({"explain", "rules.yaml", "data.csv"}).code, 2);  // no --unit
  // The messages name what was wrong.
  EXPECT_TRUE(Contains(Run({"frobnicate"}).err, "unknown command `frobnicate`"));
  EXPECT_TRUE(Contains(Run({"run", "rules.yaml", "data.csv", "--threads", "abc"}).err,
                       "not in range 0 to 4096"));
}

// ---------------------------------------------------------------------------------------
// check

TEST_F(Cli, CheckFineAndWithWarnings) {
  Outcome fine = Run({"check", "rules.yaml"});
  EXPECT_EQ(fine.code, 0) << fine.err;
  EXPECT_TRUE(Contains(fine.err, "is fine")) << fine.err;
  Write("warn.yaml",
        "scheme: w\ninputs:\n  unused: {type: number}\nindicators:\n"
        "  - {id: a, points: 1, score: 1}\n");
  Outcome warn = Run({"check", "warn.yaml"});
  EXPECT_EQ(warn.code, 0);
  EXPECT_TRUE(Contains(warn.err, "warn.yaml:3:3: warning: input `unused`")) << warn.err;
}

TEST_F(Cli, CheckErrorsArePrintedAsFileLineColumn) {
  Write("bad.yaml", R"(scheme: bad
indicators:
  - {id: a, points: 10, score: x + 1}
  - {id: b, points: 10, score: 1, colour: red}
)");
  Outcome o = Run({"check", "bad.yaml"});
  EXPECT_EQ(o.code, 2);
  // Every diagnostic, one a line, sorted by line.
  const size_t first = o.err.find("bad.yaml:3:32: error: unknown name `x`");
  const size_t second = o.err.find("bad.yaml:4:");
  EXPECT_NE(first, std::string::npos) << o.err;
  EXPECT_NE(second, std::string::npos) << o.err;
  EXPECT_LT(first, second);
  EXPECT_TRUE(Contains(o.err.substr(second), ": error: ")) << o.err;
  EXPECT_TRUE(Contains(o.err, "colour")) << o.err;
}

TEST_F(Cli, CheckOfAMissingFileExitsTwo) {
  Outcome o = Run({"check", "nope.yaml"});
  EXPECT_EQ(o.code, 2);
  EXPECT_TRUE(Contains(o.err, "nope.yaml")) << o.err;
}

// ---------------------------------------------------------------------------------------
// run

TEST_F(Cli, RunWritesCsvToStandardOutput) {
  Outcome o = Run({"run", "rules.yaml", "data.csv"});
  EXPECT_EQ(o.code, 0) << o.err;
  EXPECT_EQ(o.out, kExpectedCsv);
  // Not a terminal: the summary alone, no progress.
  EXPECT_EQ(o.err, "2 units: 2 scored, 0 in error\n");
}

TEST_F(Cli, RunWithABadRowExitsOneAndWritesEveryResult) {
  Write("bad.csv", "unit,x,t\nA,8,s\nB,abc,s\nC,1,s\n");
  Outcome o = Run({"run", "rules.yaml", "bad.csv"});
  EXPECT_EQ(o.code, 1);
  EXPECT_TRUE(Contains(o.out, "A,8.00,5.00,13.00,1,rest,,\n")) << o.out;
  EXPECT_TRUE(Contains(o.out, "\nB,,,,,,,")) << o.out;
  EXPECT_TRUE(Contains(o.out, "C,1.00,5.00,6.00,2,rest,,\n")) << o.out;
  EXPECT_TRUE(Contains(o.err, "1 in error")) << o.err;
}

TEST_F(Cli, RunThatCannotUseItsFilesExitsTwo) {
  Write("bad.yaml", "scheme: bad\nindicators:\n  - {id: a, points: 10, score: nope}\n");
  Outcome rules = Run({"run", "bad.yaml", "data.csv"});
  EXPECT_EQ(rules.code, 2);
  EXPECT_TRUE(Contains(rules.err, "bad.yaml:3:")) << rules.err;
  EXPECT_EQ(rules.out, "");
  Outcome data = Run({"run", "rules.yaml", "missing.csv"});
  EXPECT_EQ(data.code, 2);
  EXPECT_TRUE(Contains(data.err, "missing.csv")) << data.err;
  Write("nox.csv", "unit,t\nA,s\n");
  Outcome column = Run({"run", "rules.yaml", "nox.csv"});
  EXPECT_EQ(column.code, 2);
  EXPECT_TRUE(Contains(column.err, "x")) << column.err;
  EXPECT_EQ(column.out, "");
  Outcome out = Run({"run", "rules.yaml", "data.csv", "-o", "no/such/dir/out.csv"});
  EXPECT_EQ(out.code, 2);
}

TEST_F(Cli, RunFormatsAndOutputFile) {
  Outcome json = Run({"run", "rules.yaml", "data.csv", "--format", "json"});
  EXPECT_EQ(json.code, 0);
  const Json j = Json::parse(json.out);
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[1]["unit"], "B");
  EXPECT_EQ(j[1]["total"], 18.0);
  EXPECT_TRUE(j[1]["b"].is_null());
  EXPECT_EQ(j[1]["grade"], "top");

  Outcome jsonl = Run({"run", "rules.yaml", "data.csv", "--format", "jsonl"});
  EXPECT_EQ(jsonl.code, 0);
  std::istringstream lines(jsonl.out);
  std::string line;
  int count = 0;
  while (std::getline(lines, line)) {
    EXPECT_TRUE(Json::parse(line).is_object());
    ++count;
  }
  EXPECT_EQ(count, 2);

  Outcome file = Run({"run", "rules.yaml", "data.csv", "-o", "out.csv"});
  EXPECT_EQ(file.code, 0);
  EXPECT_EQ(file.out, "");
  EXPECT_EQ(Read("out.csv"), kExpectedCsv);
  // By the output's extension.
  EXPECT_EQ(Run({"run", "rules.yaml", "data.csv", "-o", "out.json"}).code, 0);
  EXPECT_EQ(Json::parse(Read("out.json"))[0]["total"], 13.0);
  // Explanations in JSON.
  Outcome explained = Run({"run", "rules.yaml", "data.csv", "--format", "json", "--explain"});
  const Json e = Json::parse(explained.out).at(1).at("explain");
  EXPECT_EQ(e.at("total").at("rescale"), 2.0);  // B: 9 x (20 / 10)
  EXPECT_FALSE(e.at("a").contains("rescale"));
  // And in JSON Lines, a line per unit.
  Outcome explained_lines =
      Run({"run", "rules.yaml", "data.csv", "--format", "jsonl", "--explain"});
  EXPECT_EQ(explained_lines.code, 0) << explained_lines.err;
  const std::string second = explained_lines.out.substr(explained_lines.out.find('\n') + 1);
  EXPECT_EQ(Json::parse(second).at("explain").at("total").at("rescale"), 2.0);
  // CSV has no room for it: said, and the results are as without it.
  Outcome csv = Run({"run", "rules.yaml", "data.csv", "--explain"});
  EXPECT_EQ(csv.code, 0);
  EXPECT_EQ(csv.out, kExpectedCsv);
  EXPECT_TRUE(Contains(csv.err, "--explain adds nothing to CSV")) << csv.err;
}

TEST_F(Cli, RunReadsJsonDataByExtension) {
  Write("data.json", R"([{"unit": "A", "x": 8, "t": "s"}, {"unit": "B", "x": 9}])");
  Outcome o = Run({"run", "rules.yaml", "data.json"});
  EXPECT_EQ(o.code, 0) << o.err;
  EXPECT_EQ(o.out, kExpectedCsv);
  Write("data.jsonl", "{\"unit\": \"A\", \"x\": 8, \"t\": \"s\"}\n{\"unit\": \"B\", \"x\": 9}\n");
  EXPECT_EQ(Run({"run", "rules.yaml", "data.jsonl"}).out, kExpectedCsv);
}

TEST_F(Cli, RunThreadsGiveTheSameOutput) {
  std::string data = "unit,x,t\n";
  for (int i = 0; i < 3000; ++i) {
    data +=
        "U" + std::to_string(i) + "," + std::to_string(i % 11) + "," + (i % 3 ? "s" : "") + "\n";
  }
  Write("many.csv", data);
  const Outcome one = Run({"run", "rules.yaml", "many.csv", "--threads", "1"});
  EXPECT_EQ(one.code, 0);
  for (const char* threads : {"2", "3", "8", "0"}) {
    EXPECT_EQ(Run({"run", "rules.yaml", "many.csv", "--threads", threads}).out, one.out)
        << threads << " threads";
  }
}

TEST_F(Cli, RunParams) {
  // weight 0.5: A: a = 4, b = 5 -> 9; B: a = 4.5 -> 4.5 x 2 = 9.
  Outcome o = Run({"run", "rules.yaml", "data.csv", "--param", "weight=0.5"});
  EXPECT_EQ(o.code, 0) << o.err;
  EXPECT_TRUE(Contains(o.out, "A,4.00,5.00,9.00,1,rest,,\n")) << o.out;
  EXPECT_TRUE(Contains(o.out, "B,4.50,,9.00,1,rest,,\n")) << o.out;
  EXPECT_TRUE(Contains(Run({"run", "rules.yaml", "data.csv", "--param", "weight=50%"}).out,
                       "A,4.00,5.00,9.00"));
  Outcome unknown = Run({"run", "rules.yaml", "data.csv", "--param", "wieght=1"});
  EXPECT_EQ(unknown.code, 2);
  EXPECT_TRUE(Contains(unknown.err, "wieght")) << unknown.err;
  EXPECT_EQ(unknown.out, "");
  EXPECT_EQ(Run({"run", "rules.yaml", "data.csv", "--param", "weight"}).code, 2);
  EXPECT_EQ(Run({"run", "rules.yaml", "data.csv", "--param", "weight=heavy"}).code, 2);
  EXPECT_EQ(Run({"check", "rules.yaml", "--param", "wieght=1"}).code, 2);
}

// ---------------------------------------------------------------------------------------
// test, explain, graph

TEST_F(Cli, TestExitStatuses) {
  Outcome pass = Run({"test", "rules.yaml"});
  EXPECT_EQ(pass.code, 0) << pass.out;
  EXPECT_TRUE(Contains(pass.out, "1 tests, 1 passed, 0 failed")) << pass.out;
  std::string failing = kRules;
  failing.replace(failing.find("total: 13"), 9, "total: 14");
  Write("fail.yaml", failing);
  Outcome fail = Run({"test", "fail.yaml"});
  EXPECT_EQ(fail.code, 1);
  EXPECT_TRUE(Contains(fail.out, "FAIL passes")) << fail.out;
  EXPECT_TRUE(Contains(fail.out, "U.total: expected 14.00, got 13.00")) << fail.out;
  Write("bad.yaml", "scheme: bad\nindicators: 3\n");
  EXPECT_EQ(Run({"test", "bad.yaml"}).code, 2);
  // --param applies to the tests: weight 0 gives 5 x 2 = 10, not 13.
  EXPECT_EQ(Run({"test", "rules.yaml", "--param", "weight=0"}).code, 1);
}

TEST_F(Cli, ExplainOneUnit) {
  Outcome o = Run({"explain", "rules.yaml", "data.csv", "--unit", "B"});
  EXPECT_EQ(o.code, 0) << o.err;
  EXPECT_TRUE(Contains(o.out, "unit B (row 3)")) << o.out;
  EXPECT_TRUE(Contains(o.out, "b: not applicable")) << o.out;
  EXPECT_TRUE(Contains(o.out, "rescaled x2")) << o.out;
  EXPECT_TRUE(Contains(o.out, "grade: top")) << o.out;
  Outcome missing = Run({"explain", "rules.yaml", "data.csv", "--unit", "Z"});
  EXPECT_EQ(missing.code, 2);
  EXPECT_TRUE(Contains(missing.err, "no unit `Z`")) << missing.err;
  Write("bad.csv", "unit,x,t\nA,8,s\nB,abc,s\n");
  Outcome bad = Run({"explain", "rules.yaml", "bad.csv", "--unit", "B"});
  EXPECT_EQ(bad.code, 1);
  EXPECT_TRUE(Contains(bad.out, "bad number \"abc\"")) << bad.out;
  // The exit status is run's (rule-language §14): a fine unit of a file with a bad row exits 1 too,
  // and says why.
  Outcome fine = Run({"explain", "rules.yaml", "bad.csv", "--unit", "A"});
  EXPECT_EQ(fine.code, 1);
  EXPECT_TRUE(Contains(fine.out, "unit A (row 2)")) << fine.out;
  EXPECT_TRUE(Contains(fine.err, "1 other unit of bad.csv is in error")) << fine.err;
}

TEST_F(Cli, GraphPrintsDot) {
  Outcome o = Run({"graph", "rules.yaml"});
  EXPECT_EQ(o.code, 0);
  EXPECT_EQ(o.out.rfind("digraph", 0), 0u) << o.out;
  EXPECT_TRUE(Contains(o.out, "label=\"a\\n10 points\"")) << o.out;
  EXPECT_EQ(Run({"graph", "rules.yaml", "-o", "tree.dot"}).code, 0);
  EXPECT_EQ(Read("tree.dot"), o.out);
  Write("bad.yaml", "scheme: bad\n");
  EXPECT_EQ(Run({"graph", "bad.yaml"}).code, 2);
}

TEST_F(Cli, ExampleRulesPassTheirTests) {
  const std::string rules = std::string(ASSESS_SOURCE_DIR) + "/rules/district.yaml";
  if (!fs::exists(rules)) GTEST_SKIP() << "no " << rules;
  Outcome check = Run({"check", rules});
  EXPECT_EQ(check.code, 0) << check.err;
  Outcome test = Run({"test", rules});
  EXPECT_EQ(test.code, 0) << test.out;
}

}  // namespace

namespace {

// ---------------------------------------------------------------------------------------
// Excel in and out, the report

std::string Source(const std::string& relative) {
  return std::string(ASSESS_SOURCE_DIR) + "/" + relative;
}

TEST_F(Cli, RunAndExplainReadAnXlsxWorkbookAsItsCsv) {
  const std::string rules = Source("rules/district.yaml");
  Outcome csv = Run({"run", rules, Source("examples/district-2025.csv")});
  Outcome xlsx = Run({"run", rules, Source("examples/district-2025.xlsx"), "--sheet", "数据"});
  EXPECT_EQ(xlsx.code, 1) << xlsx.err;  // one unit of the example is bad on purpose
  EXPECT_EQ(xlsx.err, csv.err);
  // The same results; only the bad unit's place differs: a sheet and a cell, not a row.
  const std::string csv_place = "(row 15, column \"\"固定资产投资(亿元)\"\")";
  const std::string xlsx_place = "(sheet 数据, cell G15, column \"\"固定资产投资(亿元)\"\")";
  std::string expected = csv.out;
  ASSERT_NE(expected.find(csv_place), std::string::npos) << csv.out;
  expected.replace(expected.find(csv_place), csv_place.size(), xlsx_place);
  EXPECT_EQ(xlsx.out, expected);

  Outcome no_sheet = Run({"run", rules, Source("examples/district-2025.xlsx"), "--sheet", "汇总"});
  EXPECT_EQ(no_sheet.code, 2);
  EXPECT_TRUE(Contains(no_sheet.err, "no sheet \"汇总\" (the workbook's sheets: 数据)"))
      << no_sheet.err;

  Outcome explain =
      Run({"explain", rules, Source("examples/district-2025.xlsx"), "--unit", "金石滩街道"});
  Outcome explain_csv =
      Run({"explain", rules, Source("examples/district-2025.csv"), "--unit", "金石滩街道"});
  EXPECT_EQ(explain.code, 1);
  EXPECT_EQ(explain.out, explain_csv.out);
}

TEST_F(Cli, RunWritesXlsxResultsOnlyToAFile) {
  Outcome o = Run({"run", "rules.yaml", "data.csv", "-o", "results.xlsx"});
  EXPECT_EQ(o.code, 0) << o.err;
  EXPECT_EQ(Read("results.xlsx").substr(0, 2), "PK");  // a zip: the workbook
  Outcome to_stdout = Run({"run", "rules.yaml", "data.csv", "--format", "xlsx"});
  EXPECT_EQ(to_stdout.code, 2);
  EXPECT_TRUE(Contains(to_stdout.err, "--format xlsx writes a workbook: name it with -o"))
      << to_stdout.err;
  // The results read back as data of the same kind are a workbook assess can read.
  Outcome unusable = Run({"run", "rules.yaml", "results.xlsx"});
  EXPECT_EQ(unusable.code, 2);
  EXPECT_TRUE(Contains(unusable.err, "results.xlsx: sheet results: required column"))
      << unusable.err;
}

TEST_F(Cli, ReportWritesOneHtmlFileAndExitsAsRun) {
  Outcome o = Run({"report", "rules.yaml", "data.csv", "-o", "report.html"});
  EXPECT_EQ(o.code, 0) << o.err;
  EXPECT_EQ(o.err, "report.html: 2 units: 2 scored, 0 in error\n");
  const std::string html = Read("report.html");
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_TRUE(Contains(html, "<section class=\"unit\" id=\"u1\">")) << html;
  EXPECT_FALSE(Contains(html, "<script"));
  Write("bad.csv", "unit,x,t\nA,8,s\nB,abc,s\n");
  EXPECT_EQ(Run({"report", "rules.yaml", "bad.csv", "-o", "bad.html"}).code, 1);
  EXPECT_TRUE(Contains(Read("bad.html"), "bad number &quot;abc&quot;"));
  EXPECT_EQ(Run({"report", "rules.yaml", "data.csv"}).code, 2);  // -o is required
}

TEST_F(Cli, ReportNeverReplacesItsInputs) {
  const std::string data = Read("data.csv");
  Outcome o = Run({"report", "rules.yaml", "data.csv", "-o", "data.csv"});
  EXPECT_EQ(o.code, 2);
  EXPECT_TRUE(Contains(o.err, "the data file")) << o.err;
  EXPECT_EQ(Read("data.csv"), data);
}

}  // namespace
