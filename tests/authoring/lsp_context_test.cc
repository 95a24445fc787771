// The language server's reading of the cursor's place: the name under it, the mapping it
// is in (block and flow YAML), and LSP's UTF-16 columns against code points.
#include <gtest/gtest.h>

#include "lsp/context.h"
#include "lsp/protocol.h"

namespace assess::lsp {
namespace {

constexpr const char* kDoc = R"(scheme: s
inputs:
  gdp: {type: number}
  rate:
    ty
indicators:
  - id: economy
    points: 40
    children:
      - id: gdp_rate
        score: points * min(gdp / 2, 1)
        on
  - {id: b, points: 5, score: economy.value + }
grades:
  levels:
    - {name: 优秀, }
)";

TEST(LspContext, BlockMappingsGiveTheSchemaPath) {
  CursorContext c = ContextAt(kDoc, 4, 6);  // `    ty|` under inputs.rate
  EXPECT_TRUE(c.on_key);
  EXPECT_EQ(c.path, (std::vector<std::string>{"inputs", "*"}));
  c = ContextAt(kDoc, 11, 10);  // `        on|` inside a child indicator
  EXPECT_TRUE(c.on_key);
  EXPECT_EQ(c.path, (std::vector<std::string>{"indicators", "[]", "children", "[]"}));
  c = ContextAt(kDoc, 10, 30);  // in the score expression
  EXPECT_FALSE(c.on_key);
  EXPECT_EQ(c.value_of, "score");
}

TEST(LspContext, FlowMappingsGiveTheKeyBeforeTheCursor) {
  CursorContext c = ContextAt(kDoc, 12, 46);  // after `economy.value + `
  EXPECT_FALSE(c.on_key);
  EXPECT_EQ(c.value_of, "score");
  EXPECT_EQ(c.path, (std::vector<std::string>{"indicators", "[]"}));
  c = ContextAt(kDoc, 15, 17);  // `- {name: 优秀, |}`
  EXPECT_TRUE(c.on_key);
  EXPECT_EQ(c.path, (std::vector<std::string>{"grades", "levels", "[]"}));
}

TEST(LspContext, WordAtReadsNamesAndNodeValues) {
  EXPECT_EQ(WordAt("score: points * min(gdp / 2, 1)", 21).text, "gdp");
  const Word w = WordAt("x: economy.value + 1", 13);  // on `value`
  EXPECT_EQ(w.text, "economy");
  EXPECT_EQ(w.begin, 3);
  EXPECT_EQ(WordAt("a + ", 3).text, "");
}

TEST(LspProtocol, Utf16ColumnsCountSurrogatePairs) {
  const std::string line = "t: 优秀 😀 x";  // 😀 is outside the BMP: two UTF-16 units
  EXPECT_EQ(Utf16Column(line, 5), 5);      // after `优秀`
  EXPECT_EQ(Utf16Column(line, 7), 8);      // after the emoji
  EXPECT_EQ(CodePointColumn(line, 9), 8);  // on ` x`
  EXPECT_EQ(ByteOffset(line, 5), 9u);
}

}  // namespace
}  // namespace assess::lsp
