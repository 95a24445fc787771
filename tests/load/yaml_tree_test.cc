// YamlTree holds what YAML::Load would give for the same text: the walk reads it as it
// read yaml-cpp's nodes (kinds, scalars, plain or not, flow or block, marks, aliases).
#include "load/yaml_tree.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <sstream>
#include <string>

namespace assess::load {
namespace {

YamlTree Build(const std::string& text) {
  YamlTree tree;
  std::istringstream in(text);
  YAML::Parser parser(in);
  YamlTree::Builder builder(tree);
  parser.HandleNextDocument(builder);
  return tree;
}

// Compares the two trees node by node, to a depth that stops at cycles.
void ExpectSame(const YAML::Node& want, const YamlNode& got, const std::string& path,
                int depth = 0) {
  SCOPED_TRACE(path);
  ASSERT_EQ(want.IsNull(), got.IsNull());
  ASSERT_EQ(want.IsScalar(), got.IsScalar());
  ASSERT_EQ(want.IsSequence(), got.IsSequence());
  ASSERT_EQ(want.IsMap(), got.IsMap());
  EXPECT_EQ(want.Mark().pos, got.MarkPos());
  if (want.IsScalar()) {
    EXPECT_EQ(want.Scalar(), got.Scalar());
    EXPECT_EQ(want.Tag() == "?", got.IsPlain());
    return;
  }
  if (want.IsSequence() || want.IsMap()) {
    EXPECT_EQ(want.Style() == YAML::EmitterStyle::Flow, got.IsFlow());
    ASSERT_EQ(want.size(), got.size());
  }
  if (depth > 6) return;
  std::size_t i = 0;
  if (want.IsSequence()) {
    for (auto it = want.begin(); it != want.end(); ++it, ++i) {
      ExpectSame(*it, got.Item(i), path + "/" + std::to_string(i), depth + 1);
    }
  } else if (want.IsMap()) {
    for (auto it = want.begin(); it != want.end(); ++it, ++i) {
      ExpectSame(it->first, got.Key(i), path + "/key" + std::to_string(i), depth + 1);
      ExpectSame(it->second, got.Value(i), path + "/value" + std::to_string(i), depth + 1);
    }
  }
}

class YamlTreeLikeNodeBuilder : public ::testing::TestWithParam<std::string> {};

TEST_P(YamlTreeLikeNodeBuilder, GivesTheNodesOfYamlLoad) {
  const std::string& text = GetParam();
  YamlTree tree = Build(text);
  ExpectSame(YAML::Load(text), tree.root(), "root");
}

INSTANTIATE_TEST_SUITE_P(
    Texts, YamlTreeLikeNodeBuilder,
    ::testing::Values("", "# nothing\n", "just text\n", "- a\n- b\n", "a: 1\nb: [x, 'y', \"z\"]\n",
                      "a:\nb: ~\nc: null\nd: Null\ne:\n", "- \n-\n- ~\n",
                      "k: |\n  line 1\n  line 2\nf: >-\n  folded\n  text\n",
                      "t: !!str 12\nu: !local x\nv: ! plain\nw: !!map {a: 1}\n",
                      "a: &x [1, 2]\nb: *x\nc: &y {k: v}\nd: *y\ne: &s scalar\nf: *s\n",
                      "a: &self [1, *self]\n", "? [complex, key]\n: value\n? {k: v}\n",
                      "{a, b: 1, c}\n", "[a: 1, b]\n", ": no key\n", "- - a\n  - b\n- - c\n",
                      "a:\n  - x\n  -\n  - {}\n  - []\n", "---\nfirst: 1\n...\n---\nsecond: 2\n",
                      "a: 'it''s'\nb: \"esc \\t \\u00e9\"\nc: plain text\n  continued\n",
                      "国: 文\nkey: é\n", "a: 1\na: 2\n"));

TEST(YamlTree, AliasesAreTheSameNode) {
  YamlTree tree = Build("a: &x [1]\nb: *x\nc: [1]\n");
  YamlNode root = tree.root();
  EXPECT_TRUE(root.Value(0) == root.Value(1));
  EXPECT_FALSE(root.Value(0) == root.Value(2));
}

TEST(YamlTree, NoNodeIsNull) {
  YamlNode none;
  EXPECT_FALSE(none.IsDefined());
  EXPECT_TRUE(none.IsNull());
  EXPECT_EQ(none.size(), 0u);
  EXPECT_EQ(none.Scalar(), "");
  EXPECT_EQ(none.MarkPos(), -1);
  EXPECT_FALSE(Build("a: [1]\n").root().Value(0).Item(5).IsDefined());
  EXPECT_FALSE(Build("[k, v]\n").root().Key(0).IsDefined());   // a list has no keys
  EXPECT_FALSE(Build("{k: v}\n").root().Item(0).IsDefined());  // nor a mapping items
}

TEST(YamlTree, BuilderOffsetsMarks) {
  YamlTree tree;
  std::istringstream in("- a\n- b\n");
  YAML::Parser parser(in);
  YamlTree::Builder builder(tree, 100);
  parser.HandleNextDocument(builder);
  EXPECT_EQ(tree.root().MarkPos(), 100);
  EXPECT_EQ(tree.root().Item(1).MarkPos(), 106);
}

TEST(YamlTree, BuilderSeesAnchorsAndAliases) {
  for (auto [text, anchors] : {std::pair{"a: [1, 2]\n", false}, std::pair{"a: &x 1\n", true},
                               std::pair{"a: &x 1\nb: *x\n", true}}) {
    YamlTree tree;
    std::istringstream in(text);
    YAML::Parser parser(in);
    YamlTree::Builder builder(tree);
    parser.HandleNextDocument(builder);
    EXPECT_EQ(builder.saw_anchors(), anchors) << text;
  }
}

// The first part of a split parse: "list:\n  - a\n  - b\n" without its second item, and
// a value left empty at the end of the part.
TEST(YamlTree, BuilderMovesMarksAcrossAGap) {
  std::string whole = "list:\n  - k:\n  - b\nnext: 1\n";
  std::string part = "list:\n  - k:\nnext: 1\n";  // [13, 19) cut out
  YamlTree tree;
  std::istringstream in(part);
  YAML::Parser parser(in);
  YamlTree::Builder builder(tree);
  builder.SetGap(13, 6, 15);
  builder.WatchSequence(8);
  parser.HandleNextDocument(builder);
  YamlNode list = builder.watched();
  ASSERT_TRUE(list.IsDefined());
  EXPECT_TRUE(list == tree.root().Value(0));
  EXPECT_EQ(tree.root().Key(1).MarkPos(), 19);  // `next`, in the whole text
  // yaml-cpp marks the empty value where the whole text goes on: the `-` of `- b`.
  EXPECT_EQ(YAML::Load(whole)["list"][0]["k"].Mark().pos, 15);
  EXPECT_EQ(list.Item(0).Value(0).MarkPos(), 15);
}

TEST(YamlTree, AppendItemsJoinsTwoLists) {
  YamlTree first = Build("a: x\nl:\n  - 1\n  - {k: v}\n");
  YamlTree second = Build("- 3\n- [4, five]\n");
  YamlNode list = first.root().Value(1);
  ASSERT_TRUE(first.AppendItems(list, second.root()));
  ASSERT_EQ(list.size(), 4u);
  EXPECT_EQ(list.Item(0).Scalar(), "1");
  EXPECT_EQ(list.Item(1).Value(0).Scalar(), "v");
  EXPECT_EQ(list.Item(2).Scalar(), "3");
  EXPECT_EQ(list.Item(2).MarkPos(), 2);
  EXPECT_TRUE(list.Item(3).IsFlow());
  EXPECT_EQ(list.Item(3).Item(1).Scalar(), "five");
  EXPECT_EQ(first.root().Value(0).Scalar(), "x");
}

}  // namespace
}  // namespace assess::load
