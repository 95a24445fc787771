#include "load/scalar_span.h"

#include <gtest/gtest.h>

namespace assess::load {
namespace {

struct AlignCase {
  std::string_view name;
  std::string_view source;
  std::size_t start;
  std::string_view value;
  // (index in value, expected offset in source); index == value.size() is the end entry.
  std::vector<std::pair<std::size_t, uint32_t>> expect;
};

class AlignScalarTest : public ::testing::TestWithParam<AlignCase> {};

TEST_P(AlignScalarTest, MapsEachValueByteToItsSource) {
  const AlignCase& c = GetParam();
  std::vector<uint32_t> offsets = AlignScalar(c.source, c.start, c.value);
  ASSERT_EQ(offsets.size(), c.value.size() + 1);
  for (auto [index, offset] : c.expect) {
    EXPECT_EQ(offsets[index], offset) << "value byte " << index;
  }
  for (std::size_t i = 1; i < offsets.size(); ++i) EXPECT_LE(offsets[i - 1], offsets[i]);
}

INSTANTIATE_TEST_SUITE_P(
    Styles, AlignScalarTest,
    ::testing::Values(
        AlignCase{"Plain", "k: a + b\n", 3, "a + b", {{0, 3}, {4, 7}, {5, 8}}},
        AlignCase{
            "PlainFoldedOverLines", "k: a +\n    b\n", 3, "a + b", {{3, 6}, {4, 11}, {5, 12}}},
        // 'it''s x': the doubled quote is one value byte; the end is the closing quote.
        AlignCase{
            "SingleQuoted", "'it''s x'", 0, "it's x", {{0, 1}, {2, 3}, {3, 5}, {5, 7}, {6, 8}}},
        // "a\tb\u4e2d c": an escape's bytes map to its backslash.
        AlignCase{"DoubleQuotedEscapes",
                  "\"a\\tb\\u4e2d c\"",
                  0,
                  "a\tb\xe4\xb8\xad c",
                  {{0, 1}, {1, 2}, {2, 4}, {3, 5}, {4, 5}, {5, 5}, {6, 11}, {7, 12}, {8, 13}}},
        AlignCase{"DoubleQuotedLineContinuation",
                  "\"ab\\\n   cd\"",
                  0,
                  "abcd",
                  {{1, 2}, {2, 8}, {3, 9}, {4, 10}}},
        AlignCase{"DoubleQuotedEscapedQuote",
                  "\"say \\\"x\\\"\"",
                  0,
                  "say \"x\"",
                  {{4, 5}, {5, 7}, {6, 8}, {7, 10}}},
        // >\n  foo\n  bar\n\n  baz\n -> "foo bar\nbaz\n"
        AlignCase{"Folded",
                  ">\n  foo\n  bar\n\n  baz\n",
                  0,
                  "foo bar\nbaz\n",
                  {{0, 4}, {3, 7}, {4, 10}, {7, 13}, {8, 17}, {10, 19}}},
        // |\n  x +\n    y\n -> "x +\n  y\n": `y` keeps its place past the indentation.
        AlignCase{"Literal", "|\n  x +\n    y\n", 0, "x +\n  y\n", {{0, 4}, {2, 6}, {6, 12}}},
        AlignCase{"LiteralWithChompingAndComment", "|- # note\n  a\n", 0, "a", {{0, 12}}},
        AlignCase{"Empty", "\"\"", 0, "", {{0, 1}}},
        // A value that does not come from the source cannot crash the walk.
        AlignCase{"LostWalkStaysInPlace", "abc", 0, "xyz", {{0, 0}, {1, 0}, {3, 0}}}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(SkipNodeProperties, SkipsAnchorsTagsAndComments) {
  EXPECT_EQ(SkipNodeProperties("&a !!str  'x'", 0), 10u);
  EXPECT_EQ(SkipNodeProperties("&a # note\n  x", 0), 12u);
  EXPECT_EQ(SkipNodeProperties("!<tag:x> y", 0), 9u);
  EXPECT_EQ(SkipNodeProperties("plain", 0), 0u);
}

TEST(DecodeEscape, DecodesEveryForm) {
  EXPECT_EQ(DecodeEscape("\\x41", 0).bytes, "A");
  EXPECT_EQ(DecodeEscape("\\x41", 0).length, 4u);
  EXPECT_EQ(DecodeEscape("\\u00e9", 0).bytes, "\xc3\xa9");
  EXPECT_EQ(DecodeEscape("\\U0001F600", 0).bytes, "\xf0\x9f\x98\x80");
  EXPECT_EQ(DecodeEscape("\\U0001F600", 0).length, 10u);
  EXPECT_EQ(DecodeEscape("\\_", 0).bytes, "\xc2\xa0");
  EXPECT_EQ(DecodeEscape("\\\\", 0).bytes, "\\");
  EXPECT_EQ(DecodeEscape("\\\n", 0).length, 1u);  // a line continuation: no bytes
  EXPECT_TRUE(DecodeEscape("\\\n", 0).bytes.empty());
  EXPECT_EQ(DecodeEscape("\\q", 0).length, 0u);    // not an escape
  EXPECT_EQ(DecodeEscape("\\u12", 0).length, 0u);  // too short
  EXPECT_EQ(DecodeEscape("\\", 0).length, 0u);
}

}  // namespace
}  // namespace assess::load
