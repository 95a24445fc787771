// The command line for rule authors: diagnostics shown as a compiler shows them (source
// line, caret, underline, colour, JSON), `assess diff` and `assess schema`. Each test runs
// the built binary (ASSESS_CLI_PATH) in a fresh temporary folder.
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

struct Outcome {
  int code = -1;
  std::string out;
  std::string err;
};

// Line 6 names `gdp_grwoth`; line 8's flow mapping has a text where a number must be;
// line 9's id is not a name.
constexpr const char* kBad = R"(scheme: t
inputs:
  gdp_growth: {type: number}
indicators:
  - id: economy
    score: points * min(gdp_grwoth / 8, 1.2)
    points: 40
  - {id: b, title: 党建, points: 10, score: 'max(gdp_growth, "x")'}
  - {id: 民生, points: 5, score: 1}
)";

constexpr const char* kOld = R"(scheme: y2025
inputs:
  x: {type: number}
indicators:
  - {id: a, title: 甲, points: 10, score: 'points * min(x / 10, 1)'}
  - {id: b, points: 10, score: x / 2}
grades:
  levels: [{name: top, min: 15}, {name: rest}]
)";

constexpr const char* kData = "unit,x\nU1,10\nU2,4\nU3,20\n";

class AuthoringCli : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "assess_authoring_XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    Write("old.yaml", kOld);
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
  static std::string Quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
  }
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
  // kOld with `from` replaced by `to`, written as new.yaml.
  void WriteNew(const std::string& from, const std::string& to) {
    std::string text = kOld;
    const size_t at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
    Write("new.yaml", text);
  }

  fs::path dir_;
};

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// ---------------------------------------------------------------------------------------
// Diagnostics

TEST_F(AuthoringCli, DiagnosticsShowTheSourceLineWithACaretUnderTheToken) {
  Write("bad.yaml", kBad);
  for (const char* command : {"check", "test"}) {
    const Outcome o = Run({command, "bad.yaml"});
    EXPECT_EQ(o.code, 2);
    EXPECT_TRUE(Contains(o.err,
                         "bad.yaml:6:25: error: unknown name `gdp_grwoth` (did you mean "
                         "`gdp_growth`?)\n"
                         " 6 |     score: points * min(gdp_grwoth / 8, 1.2)\n"
                         "   |                         ^~~~~~~~~~\n"))
        << o.err;
    // A caret under a text literal after CJK text on the line: columns count code points
    // (column 60), the caret's place display columns (党建 is four wide: 61 before it).
    EXPECT_TRUE(Contains(o.err,
                         " 8 |   - {id: b, title: 党建, points: 10, score: 'max(gdp_growth, "
                         "\"x\")'}\n   | " +
                             std::string(61, ' ') + "^~~\n"))
        << o.err;
    // A word in Chinese is underlined whole, two columns a character.
    EXPECT_TRUE(Contains(
        o.err, " 9 |   - {id: 民生, points: 5, score: 1}\n   | " + std::string(9, ' ') + "^~~~\n"))
        << o.err;
  }
  // `run` shows the same before giving up on the rule file.
  Write("data.csv", "unit,gdp_growth\nA,1\n");
  EXPECT_TRUE(Contains(Run({"run", "bad.yaml", "data.csv"}).err, "^~~~~~~~~~"));
}

TEST_F(AuthoringCli, ColourOnlyWhenAskedOrOnATerminal) {
  Write("bad.yaml", kBad);
  // Standard error is a file here: `auto` is plain text.
  EXPECT_FALSE(Contains(Run({"check", "bad.yaml"}).err, "\033["));
  EXPECT_FALSE(Contains(Run({"check", "bad.yaml", "--color", "never"}).err, "\033["));
  const Outcome always = Run({"check", "bad.yaml", "--color", "always"});
  EXPECT_TRUE(Contains(always.err, "\033[1;31merror:\033[0m")) << always.err;
  EXPECT_TRUE(Contains(always.err, "\033[1;32m^~~~~~~~~~\033[0m")) << always.err;
  EXPECT_EQ(Run({"check", "bad.yaml", "--color", "sometimes"}).code, 2);
}

TEST_F(AuthoringCli, DiagnosticsAsJsonForTools) {
  Write("bad.yaml", kBad);
  const Outcome o = Run({"check", "bad.yaml", "--format", "json"});
  EXPECT_EQ(o.code, 2);
  const Json doc = Json::parse(o.out);
  EXPECT_EQ(doc["ok"], false);
  ASSERT_EQ(doc["diagnostics"].size(), 3u);
  const Json& d = doc["diagnostics"][0];
  EXPECT_EQ(d["severity"], "error");
  EXPECT_EQ(d["line"], 6);
  EXPECT_EQ(d["column"], 25);
  EXPECT_EQ(d["end_column"], 35);  // after `gdp_grwoth`
  EXPECT_EQ(d["source"], "    score: points * min(gdp_grwoth / 8, 1.2)");
  // A fine file: ok, and its warnings (none here) as the list.
  const Outcome fine = Run({"check", "old.yaml", "--format", "json"});
  EXPECT_EQ(fine.code, 0);
  EXPECT_EQ(Json::parse(fine.out)["ok"], true);
  // run and test keep standard output for their results: the JSON goes to standard error.
  const Outcome run = Run({"run", "bad.yaml", "data.csv", "--diagnostics-format", "json"});
  EXPECT_EQ(run.code, 2);
  EXPECT_EQ(Json::parse(run.err)["diagnostics"].size(), 3u);
}

// ---------------------------------------------------------------------------------------
// diff

TEST_F(AuthoringCli, DiffOfLayoutCommentsAndTitlesExitsZero) {
  WriteNew("  - {id: a, title: 甲, points: 10, score: 'points * min(x / 10, 1)'}",
           "  # reformatted, retitled\n"
           "  - id: a\n    score: points*min(x/10, 1)\n    points: 10\n    title: 甲乙");
  const Outcome o = Run({"diff", "old.yaml", "new.yaml"});
  EXPECT_EQ(o.code, 0) << o.out << o.err;
  EXPECT_TRUE(Contains(o.out, "renamed  indicator a title: 甲 -> 甲乙")) << o.out;
  EXPECT_TRUE(Contains(o.out, "0 changes that affect results, 1 that do not")) << o.out;
}

TEST_F(AuthoringCli, DiffOfAFormulaExitsOneAndDataShowsTheMoves) {
  WriteNew("score: x / 2}", "score: x / 4}");
  const Outcome o = Run({"diff", "old.yaml", "new.yaml", "--data", "data.csv"});
  EXPECT_EQ(o.code, 1) << o.err;
  EXPECT_TRUE(Contains(o.out, "changed  indicator b score: x / 2 -> x / 4")) << o.out;
  // b = x / 2 capped at 10 -> x / 4: U3 (x 20) moves by 5, U1 (10) by 2.5, U2 (4) by 1.
  const size_t u3 = o.out.find("U3: total 20.00 -> 15.00 (-5.00)");
  const size_t u1 = o.out.find("U1: total 15.00 -> 12.50 (-2.50)");
  const size_t u2 = o.out.find("U2: total 6.00 -> 5.00 (-1.00)");
  ASSERT_NE(u3, std::string::npos) << o.out;
  ASSERT_NE(u1, std::string::npos) << o.out;
  ASSERT_NE(u2, std::string::npos) << o.out;
  EXPECT_LT(u3, u1);
  EXPECT_LT(u1, u2);
  // U1 falls from top (15) to rest (12.5); U3 stays top.
  EXPECT_TRUE(Contains(o.out, "grade top -> rest")) << o.out;
  EXPECT_TRUE(Contains(o.out, "top: 2 -> 1 units (0 gained, 1 lost)")) << o.out;
  EXPECT_TRUE(Contains(o.out, "rest: 1 -> 2 units (1 gained, 0 lost)")) << o.out;

  const Outcome json =
      Run({"diff", "old.yaml", "new.yaml", "--data", "data.csv", "--format", "json"});
  EXPECT_EQ(json.code, 1);
  const Json doc = Json::parse(json.out);
  EXPECT_EQ(doc["changes_affecting_results"], 1);
  EXPECT_EQ(doc["changes"][0]["field"], "score");
  EXPECT_EQ(doc["results"]["grade_changes"], 1);
  EXPECT_EQ(doc["results"]["moved"][0]["unit"], "U3");
  EXPECT_EQ(doc["results"]["moved"][0]["new"]["total"], 15.0);
}

TEST_F(AuthoringCli, DiffOfAFileThatDoesNotLoadExitsTwo) {
  Write("bad.yaml", kBad);
  const Outcome o = Run({"diff", "old.yaml", "bad.yaml"});
  EXPECT_EQ(o.code, 2);
  EXPECT_TRUE(Contains(o.err, "bad.yaml:6:25: error")) << o.err;
  EXPECT_EQ(Run({"diff", "old.yaml", "missing.yaml"}).code, 2);
  EXPECT_EQ(Run({"diff", "old.yaml", "old.yaml", "--data", "missing.csv"}).code, 2);
}

// ---------------------------------------------------------------------------------------
// schema

TEST_F(AuthoringCli, SchemaIsDraft2020_12AndWritesToAFile) {
  const Outcome o = Run({"schema"});
  EXPECT_EQ(o.code, 0);
  const Json schema = Json::parse(o.out);
  EXPECT_EQ(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
  EXPECT_EQ(Run({"schema", "-o", "s.json"}).code, 0);
  EXPECT_EQ(Read("s.json"), o.out);
}

}  // namespace
