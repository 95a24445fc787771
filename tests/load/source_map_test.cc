#include "load/source_map.h"

#include <gtest/gtest.h>

#include "load/scheme_decl.h"

namespace assess::load {
namespace {

TEST(SourceMap, LinesAndColumnsAreOneBased) {
  SourceMap map("ab\ncd\n");
  EXPECT_EQ(map.PosOf(0), (SourcePos{1, 1}));
  EXPECT_EQ(map.PosOf(1), (SourcePos{1, 2}));
  EXPECT_EQ(map.PosOf(2), (SourcePos{1, 3}));  // the line break
  EXPECT_EQ(map.PosOf(3), (SourcePos{2, 1}));
  EXPECT_EQ(map.PosOf(4), (SourcePos{2, 2}));
  EXPECT_EQ(map.PosOf(6), (SourcePos{3, 1}));    // end of a file ending with a break
  EXPECT_EQ(map.PosOf(100), (SourcePos{3, 1}));  // clamped
}

TEST(SourceMap, ColumnsCountCodePointsNotBytes) {
  // 中 and 文 are 3 bytes each: `x` is byte 8 but the 4th character.
  SourceMap map("中文: x");
  EXPECT_EQ(map.PosOf(0), (SourcePos{1, 1}));
  EXPECT_EQ(map.PosOf(3), (SourcePos{1, 2}));
  EXPECT_EQ(map.PosOf(8), (SourcePos{1, 5}));
  // A byte inside a character has that character's column.
  EXPECT_EQ(map.PosOf(1), (SourcePos{1, 1}));
  EXPECT_EQ(map.PosOf(5), (SourcePos{1, 2}));
}

TEST(SourceMap, CarriageReturnLineFeedEndsOneLine) {
  SourceMap map("a\r\nb");
  EXPECT_EQ(map.PosOf(1), (SourcePos{1, 2}));
  EXPECT_EQ(map.PosOf(3), (SourcePos{2, 1}));
}

TEST(SourceMap, PosOfEachAgreesWithPosOf) {
  std::string_view text = "id: a\n  title: 国内生产总值 é\n\n  score: x + 1\nend";
  SourceMap map(text);
  std::vector<uint32_t> forward;
  for (uint32_t i = 0; i <= text.size(); ++i) forward.push_back(i);
  std::vector<uint32_t> mixed = {30, 2, 2, 17, 40, 0, 12, static_cast<uint32_t>(text.size())};
  for (const auto& offsets : {forward, mixed}) {
    std::vector<SourcePos> each = map.PosOfEach(offsets);
    ASSERT_EQ(each.size(), offsets.size());
    for (std::size_t i = 0; i < offsets.size(); ++i) {
      EXPECT_EQ(each[i], map.PosOf(offsets[i])) << "offset " << offsets[i];
    }
  }
}

// Lines longer than the map's checkpoints, with multi-byte characters across them.
TEST(SourceMap, LongLinesAgreeWithCountingFromTheLineStart) {
  std::string text;
  for (int i = 0; i < 300; ++i) text += (i % 7 == 0) ? "国内" : "ab";
  text += "\n";
  for (int i = 0; i < 500; ++i) text += (i % 5 == 0) ? "é" : "x";
  SourceMap map(text);
  int line = 1;
  int column = 0;  // of the last lead byte
  for (std::size_t offset = 0; offset < text.size(); ++offset) {
    unsigned char c = static_cast<unsigned char>(text[offset]);
    if (IsLeadByte(c)) ++column;
    ASSERT_EQ(map.PosOf(offset), (SourcePos{line, column})) << "offset " << offset;
    if (c == '\n') {
      ++line;
      column = 0;
    }
  }
}

TEST(SourceMap, LineStartIsClamped) {
  SourceMap map("a\nbc\nd");
  EXPECT_EQ(map.LineStart(1), 0u);
  EXPECT_EQ(map.LineStart(2), 2u);
  EXPECT_EQ(map.LineStart(3), 5u);
  EXPECT_EQ(map.LineStart(9), 5u);
}

TEST(ExprSource, PosAtClampsToTheEnd) {
  ExprSource e;
  e.text = "ab";
  e.pos = {3, 7};
  EXPECT_EQ(e.PosAt(0), (SourcePos{3, 7}));  // no byte positions: the start
  e.byte_pos = {{3, 7}, {3, 8}, {3, 9}};
  EXPECT_EQ(e.PosAt(1), (SourcePos{3, 8}));
  EXPECT_EQ(e.PosAt(2), (SourcePos{3, 9}));
  EXPECT_EQ(e.PosAt(99), (SourcePos{3, 9}));
}

}  // namespace
}  // namespace assess::load
