#include "load/yaml_prescan.h"

#include <gtest/gtest.h>

#include <string>

namespace assess::load {
namespace {

// "LINE:COLUMN: message" of the only diagnostic, or "" when the text passes.
std::string Nesting(const std::string& text, int max_depth) {
  DiagnosticSink sink("f");
  SourceMap map(text);
  bool ok = CheckNesting(text, map, max_depth, sink);
  auto d = sink.Sorted();
  EXPECT_EQ(ok, d.empty());
  if (d.empty()) return "";
  EXPECT_EQ(d.size(), 1u);
  return std::to_string(d[0].line) + ":" + std::to_string(d[0].column) + ": " + d[0].message;
}

std::string Encoding(const std::string& text) {
  DiagnosticSink sink("f");
  SourceMap map(text);
  bool ok = CheckEncoding(text, map, sink);
  auto d = sink.Sorted();
  EXPECT_EQ(ok, d.empty());
  if (d.empty()) return "";
  return std::to_string(d[0].line) + ":" + std::to_string(d[0].column) + ": " + d[0].message;
}

// Block mappings nested `levels` deep: "k:\n  k:\n    k: 1".
std::string NestedMaps(int levels) {
  std::string s;
  for (int i = 0; i < levels; ++i)
    s += std::string(2 * i, ' ') + "k:" + (i + 1 < levels ? "\n" : " 1\n");
  return s;
}

TEST(CheckNesting, FlowNestingDeeperThanTheLimitIsAnError) {
  // The top level is one level, so 3 brackets make 4 levels.
  EXPECT_EQ(Nesting("[[[]]]", 4), "");
  EXPECT_EQ(Nesting("[[[[]]]]", 4), "1:4: the YAML is nested more than 4 levels deep");
  EXPECT_EQ(Nesting("a: {b: [{c: 1}]}", 4), "");
  EXPECT_EQ(Nesting("a: {b: [{c: [1]}]}", 4), "1:13: the YAML is nested more than 4 levels deep");
}

TEST(CheckNesting, HundredThousandOpenBracketsStopAtTheLimit) {
  EXPECT_EQ(Nesting(std::string(100000, '['), 64),
            "1:64: the YAML is nested more than 64 levels deep");
}

TEST(CheckNesting, BlockNestingCountsIndentationLevels) {
  EXPECT_EQ(Nesting(NestedMaps(5), 5), "");
  EXPECT_EQ(Nesting(NestedMaps(6), 5), "6:11: the YAML is nested more than 5 levels deep");
  // Closing levels and opening again does not add up.
  EXPECT_EQ(Nesting(NestedMaps(5) + NestedMaps(5), 5), "");
}

TEST(CheckNesting, CompactListsOpenOneLevelPerDash) {
  EXPECT_EQ(Nesting("- - - x\n", 4), "");
  EXPECT_EQ(Nesting("- - - - x\n", 4), "1:9: the YAML is nested more than 4 levels deep");
  EXPECT_EQ(Nesting(std::string(6000, '-'), 4), "");  // a plain text of dashes
}

TEST(CheckNesting, BracketsThatAreTextDoNotCount) {
  std::string deep(100, '[');
  EXPECT_EQ(Nesting("a: '" + deep + "'\n", 8), "");                   // single-quoted
  EXPECT_EQ(Nesting("a: \"\\\"" + deep + "\"\n", 8), "");             // double-quoted
  EXPECT_EQ(Nesting("a: 1 # " + deep + "\n", 8), "");                 // a comment
  EXPECT_EQ(Nesting("a: x " + deep + "\n", 8), "");                   // inside a plain text
  EXPECT_EQ(Nesting("a: |\n  " + deep + "\n  more\nb: 1\n", 8), "");  // a block scalar
  EXPECT_EQ(Nesting("- |\n  " + deep + "\n- >-\n  " + deep + "\n", 8), "");
  EXPECT_EQ(Nesting("title: Director's [award\nb: 'it''s " + deep + "'\n", 8), "");
}

TEST(CheckNesting, BlockScalarEndsAtItsParentsIndentation) {
  // After the block scalar, `c:` is structure again: its flow nesting counts.
  std::string deep(10, '[');
  EXPECT_EQ(Nesting("- score: |\n    x\n  c: " + deep + "\n", 8),
            "3:12: the YAML is nested more than 8 levels deep");
}

TEST(CheckNesting, FlowCollectionsMaySpanLines) {
  EXPECT_EQ(Nesting("a: [1,\n  [2,\n    3]]\nb: 1\n", 4), "");
}

TEST(CheckEncoding, AcceptsUtf8Text) { EXPECT_EQ(Encoding("title: 国内生产总值 é 😀\n"), ""); }

TEST(CheckEncoding, RejectsNulAndInvalidUtf8NamingTheLine) {
  EXPECT_EQ(Encoding(std::string("a: 1\nb: x\0y\n", 12)),
            "2:5: the file holds a NUL byte: a rule file is UTF-8 text");
  EXPECT_EQ(Encoding("a: 1\n\nb: \xff\n"),
            "3:4: invalid UTF-8 (byte 0xFF) on line 3: a rule file is UTF-8 text");
  EXPECT_NE(Encoding("\xc0\x80"), "");          // an overlong NUL
  EXPECT_NE(Encoding("\xed\xa0\x80"), "");      // a UTF-16 surrogate
  EXPECT_NE(Encoding("\xf4\x90\x80\x80"), "");  // past U+10FFFF
  EXPECT_NE(Encoding("ab\xe4\xb8"), "");        // cut at the end
  EXPECT_NE(Encoding("\x80"), "");              // a lone continuation byte
}

TEST(PrescanYaml, RejectsAFileOverTheSizeLimit) {
  LoadLimits limits;
  limits.max_file_bytes = 10;
  DiagnosticSink sink("f");
  std::string text = "scheme: too long";
  SourceMap map(text);
  EXPECT_FALSE(PrescanYaml(text, map, limits, sink));
  ASSERT_EQ(sink.Sorted().size(), 1u);
  EXPECT_EQ(sink.Sorted()[0].message, "the file is 16 bytes, more than the limit of 10 bytes");
}

}  // namespace
}  // namespace assess::load
