// Hostile and broken files: each gives a clear error, never a crash, hang or stack
// overflow (LoadLimits).
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>

#include "load/load_test_util.h"

namespace assess::load {
namespace {

using testing::ExpectDiagnostics;
using testing::Loaded;
using testing::LoadText;

// A file that loads nothing, with one diagnostic.
void ExpectRejected(const Loaded& loaded, const std::string& diagnostic) {
  EXPECT_FALSE(loaded.decl.has_value());
  ExpectDiagnostics(loaded.diagnostics, {diagnostic});
}

// Anchors under a node's free `meta:` (never walked), "a0: &a0 [1, 1, ...]", then each a
// list of `fanout` aliases of the one before; a test unit's field takes the last one, which
// holds fanout^levels numbers.
std::string BillionLaughs(int levels, int fanout) {
  std::string s = "scheme: s\nindicators:\n  - id: a\n    score: 1\n    meta:\n      a0: &a0 [1";
  for (int i = 1; i < fanout; ++i) s += ", 1";
  s += "]\n";
  for (int level = 1; level <= levels; ++level) {
    s += "      a" + std::to_string(level) + ": &a" + std::to_string(level) + " [";
    for (int i = 0; i < fanout; ++i) s += (i ? ", *a" : "*a") + std::to_string(level - 1);
    s += "]\n";
  }
  s += "tests:\n  - name: t\n    units:\n      - {unit: u, x: *a" + std::to_string(levels) + "}\n";
  return s;
}

std::string TempFile(std::string_view name, std::string_view content) {
  auto path = std::filesystem::temp_directory_path() /
              (std::string("assess_load_") + std::to_string(::getpid()) + "_" + std::string(name));
  std::ofstream(path, std::ios::binary) << content;
  return path.string();
}

TEST(LoadLimits, EmptyFile) {
  ExpectRejected(LoadText(""), "1:1: the file is empty");
  ExpectRejected(LoadText("# only a comment\n\n"), "1:1: the file is empty");
}

TEST(LoadLimits, TopLevelMustBeAMapping) {
  ExpectRejected(LoadText("just text\n"), "1:1: a rule file is a YAML mapping");
  ExpectRejected(LoadText("- a\n- b\n"),
                 "1:1: a rule file is a YAML mapping (`scheme: ...`, "
                 "`indicators: ...`), but this one is a list");
}

// yaml-cpp's LoadAll loops forever, allocating, on a comma outside a flow collection.
TEST(LoadLimits, StrayCommaIsASyntaxErrorNotAHang) {
  ExpectRejected(LoadText(","), "1:1: YAML syntax error: a `,` outside of a flow list");
  ExpectRejected(LoadText("- a\n,\n"), "2:1: YAML syntax error: a `,` outside of a flow list");
  ExpectRejected(LoadText("scheme: s\nindicators:\n  - {id: a, score: 1}\n,"),
                 "4:1: YAML syntax error");
}

TEST(LoadLimits, TrailingEmptyDocumentIsFine) {
  auto loaded = LoadText(testing::WithIndicator("---\n# end\n"));
  ExpectDiagnostics(loaded.diagnostics, {});
  EXPECT_TRUE(loaded.decl.has_value());
}

TEST(LoadLimits, BinaryGarbage) {
  std::mt19937 rng(12345);
  std::string garbage(4096, '\0');
  for (char& c : garbage) c = static_cast<char>(rng() & 0xFF);
  auto loaded = LoadText(garbage);
  EXPECT_FALSE(loaded.decl.has_value());
  ASSERT_EQ(loaded.diagnostics.size(), 1u);
}

TEST(LoadLimits, NulByteNamesItsLine) {
  ExpectRejected(LoadText(std::string("scheme: s\ntitle: a\0b\n", 21)),
                 "2:9: the file holds a NUL byte");
}

TEST(LoadLimits, InvalidUtf8NamesItsLine) {
  ExpectRejected(LoadText("scheme: s\n\ntitle: caf\xe9\n"),
                 "3:11: invalid UTF-8 (byte 0xE9) on line 3");
}

TEST(LoadLimits, HundredThousandOpenBrackets) {
  ExpectRejected(LoadText(std::string(100000, '[')),
                 "1:64: the YAML is nested more than 64 levels deep");
  ExpectRejected(LoadText("scheme: s\nindicators: " + std::string(100000, '{')),
                 "2:76: the YAML is nested more than 64 levels deep");
}

TEST(LoadLimits, DeepBlockNestingPointsAtTheLine) {
  std::string s = "scheme: s\nindicators:\n";
  for (int i = 0; i < 40; ++i) {
    s += std::string(2 + 4 * i, ' ') + "- id: n" + std::to_string(i) + "\n";
    s += std::string(4 + 4 * i, ' ') + "children:\n";
  }
  LoadLimits limits;
  limits.max_yaml_depth = 20;
  auto loaded = LoadText(s, limits);
  EXPECT_FALSE(loaded.decl.has_value());
  ExpectDiagnostics(loaded.diagnostics, {"21:41: the YAML is nested more than 20 levels deep"});
}

TEST(LoadLimits, BillionLaughsStopsFast) {
  auto start = std::chrono::steady_clock::now();
  auto loaded = LoadText(BillionLaughs(9, 10));  // 10^9 nodes through aliases
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_FALSE(loaded.decl.has_value());
  ASSERT_EQ(loaded.diagnostics.size(), 1u);
  EXPECT_NE(loaded.diagnostics[0].find("the YAML has more than 1000000 nodes"), std::string::npos)
      << loaded.diagnostics[0];
  EXPECT_LT(seconds, 20.0);  // bounded by the node limit, not by 10^9
}

TEST(LoadLimits, NodeLimitIsTheOption) {
  LoadLimits limits;
  limits.max_yaml_nodes = 500;
  auto loaded = LoadText(BillionLaughs(3, 10), limits);
  EXPECT_FALSE(loaded.decl.has_value());
  ASSERT_EQ(loaded.diagnostics.size(), 1u);
  EXPECT_NE(loaded.diagnostics[0].find("more than 500 nodes"), std::string::npos);
  // The same file is fine under the default limit: 10^3 nodes.
  auto fine = LoadText(BillionLaughs(3, 10));
  ExpectDiagnostics(fine.diagnostics, {});
}

TEST(LoadLimits, AliasThatHoldsItself) {
  ExpectRejected(
      LoadText("scheme: s\nindicators:\n  - {id: a, score: 1}\ntests:\n  - name: t\n    units:\n"
               "      - {unit: u, x: &x [1, *x]}\n"),
      "7:26: the YAML is nested more than 64 levels deep");
  ExpectRejected(LoadText("scheme: s\nindicators: &i\n  - {id: a, children: *i}\n"),
                 "3:3: the YAML is nested more than 64 levels deep");
}

TEST(LoadLimits, ExpressionLength) {
  LoadLimits limits;
  limits.max_expression_chars = 10;
  auto loaded = LoadText("scheme: s\nindicators:\n  - {id: a, score: 1 + 2 + 3 + 4}\n", limits);
  ExpectDiagnostics(loaded.diagnostics, {"3:20: the expression of `score` is 13 characters long, "
                                         "more than the limit of 10"});
  EXPECT_TRUE(loaded.decl.has_value());  // the rest was read
  auto counted = LoadText("scheme: s\nindicators:\n  - {id: a, score: 国内生产总值}\n", limits);
  ExpectDiagnostics(counted.diagnostics, {});  // 6 characters, 18 bytes
}

TEST(LoadLimits, TooManyErrorsStop) {
  std::string s = "scheme: s\nindicators:\n  - id: a\n    score: 1\n";
  for (int i = 0; i < 1500; ++i) s += "    bad" + std::to_string(i) + ": 1\n";
  auto loaded = LoadText(s);
  EXPECT_FALSE(loaded.decl.has_value());
  ASSERT_EQ(loaded.diagnostics.size(), 1001u);
  EXPECT_NE(loaded.diagnostics.back().find("more than 1000 errors"), std::string::npos);
}

// A hostile file on one huge line: each key's column must not cost a scan of the line.
TEST(LoadLimits, OneLineWithManyKeysLoadsInLinearTime) {
  std::string s = "scheme: s\nindicators: [{id: a, score: 1}]\nparams: {";
  for (int i = 0; i < 100000; ++i) s += "p" + std::to_string(i) + ": 1, ";
  s += "last: 国}\n";
  auto start = std::chrono::steady_clock::now();
  auto loaded = LoadText(s);
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ExpectDiagnostics(loaded.diagnostics, {});
  ASSERT_TRUE(loaded.decl.has_value());
  ASSERT_EQ(loaded.decl->params.size(), 100001u);
  EXPECT_EQ(loaded.decl->params.back().pos.line, 3);
  EXPECT_EQ(loaded.decl->params.back().pos.column, static_cast<int>(s.size() - 11 - 42 + 1));
  EXPECT_LT(seconds, 20.0);
}

TEST(LoadLimits, FileSize) {
  LoadLimits limits;
  limits.max_file_bytes = 8;
  ExpectRejected(LoadText("scheme: s\n", limits), "0:0: the file is 10 bytes, more than the limit");
  std::string path = TempFile("big.yaml", "scheme: s\nindicators: []\n");
  DiagnosticSink sink("f");
  EXPECT_FALSE(LoadYamlFile(path, limits, sink).has_value());
  ASSERT_EQ(sink.Sorted().size(), 1u);
  EXPECT_NE(sink.Sorted()[0].message.find("is larger than the limit of 8 bytes"),
            std::string::npos);
  std::filesystem::remove(path);
}

TEST(LoadYamlFile, AnEndlessFileIsNotReadWhole) {
  LoadLimits limits;
  limits.max_file_bytes = 1 << 20;
  DiagnosticSink sink("/dev/zero");
  EXPECT_FALSE(LoadYamlFile("/dev/zero", limits, sink).has_value());
  ASSERT_EQ(sink.Sorted().size(), 1u);
  EXPECT_NE(sink.Sorted()[0].message.find("larger than the limit"), std::string::npos);
}

TEST(LoadYamlFile, ReadsAFile) {
  std::string path = TempFile("ok.yaml", "scheme: s\nindicators:\n  - {id: a, score: 1}\n");
  DiagnosticSink sink(path);
  auto decl = LoadYamlFile(path, LoadLimits{}, sink);
  ASSERT_TRUE(decl.has_value());
  EXPECT_EQ(decl->id, "s");
  EXPECT_FALSE(sink.has_errors());
  std::filesystem::remove(path);
}

TEST(LoadYamlFile, MissingFileAndDirectory) {
  DiagnosticSink sink("x");
  EXPECT_FALSE(LoadYamlFile("/nonexistent/rules.yaml", LoadLimits{}, sink).has_value());
  EXPECT_FALSE(LoadYamlFile(std::filesystem::temp_directory_path().string(), LoadLimits{}, sink)
                   .has_value());
  auto d = sink.Sorted();
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].message, "the rule file `/nonexistent/rules.yaml` does not exist");
  EXPECT_NE(d[1].message.find("is a directory"), std::string::npos);
  EXPECT_EQ(d[0].line, 0);
}

}  // namespace
}  // namespace assess::load
