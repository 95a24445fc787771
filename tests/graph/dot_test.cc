// Tests of graph::ToDot (`assess graph`): the indicator tree as solid edges, what the
// expressions name as dashed edges, vetoes, and titles escaped so that the output is valid
// DOT whatever they hold.
#include <gtest/gtest.h>

#include <cctype>
#include <map>

#include "graph/dependency_graph.h"
#include "graph/graph_test_util.h"

namespace assess::graph {
namespace {

using assess::testing::BuildText;
using assess::testing::Built;

std::string DotOf(std::string_view yaml) {
  Built built = BuildText(yaml);
  EXPECT_TRUE(built.graph.has_value()) << ::testing::PrintToString(built.diagnostics);
  if (!built.graph) return "";
  return ToDot(*built.model, *built.graph);
}

// A small reader of the DOT that ToDot writes: `digraph G {`, then statements
// `ID = "string";`, `ID [attrs];`, `ID -> ID [attrs];`, then `}`. It fails on anything
// else, in particular on a quote or a backslash that a title let through unescaped.
struct DotReader {
  std::string_view text;
  size_t pos = 0;
  std::string error;
  std::map<std::string, std::map<std::string, std::string>> vertices;  // id -> attributes
  std::vector<std::tuple<std::string, std::string, std::map<std::string, std::string>>> edges;
  std::map<std::string, std::string> graph_attributes;

  void Space() {
    while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos]))) ++pos;
  }
  bool Eat(std::string_view token) {
    Space();
    if (text.substr(pos, token.size()) != token) return false;
    pos += token.size();
    return true;
  }
  // An ID: letters, digits, `_`, or a quoted string, with its `\"` undone and every other
  // escape kept as written (`\n` a line break, `\\` a backslash).
  std::optional<std::string> Id() {
    Space();
    if (pos < text.size() && text[pos] == '"') {
      std::string out;
      for (++pos; pos < text.size(); ++pos) {
        const char c = text[pos];
        if (c == '"') {
          ++pos;
          return out;
        }
        if (c == '\\' && pos + 1 < text.size()) {
          const char next = text[++pos];
          if (next != '"') out += '\\';
          out += next;
          continue;
        }
        out += c;
      }
      return std::nullopt;  // unterminated
    }
    const size_t begin = pos;
    while (pos < text.size() &&
           (std::isalnum(static_cast<unsigned char>(text[pos])) || text[pos] == '_')) {
      ++pos;
    }
    if (pos == begin) return std::nullopt;
    return std::string(text.substr(begin, pos - begin));
  }
  std::optional<std::map<std::string, std::string>> Attributes() {
    std::map<std::string, std::string> out;
    if (!Eat("[")) return out;
    while (!Eat("]")) {
      auto key = Id();
      if (!key || !Eat("=")) return std::nullopt;
      auto value = Id();
      if (!value) return std::nullopt;
      out[*key] = *value;
      Eat(",");
    }
    return out;
  }
  bool Read() {
    if (!Eat("digraph") || !Id() || !Eat("{")) return Fail("header");
    while (!Eat("}")) {
      auto id = Id();
      if (!id) return Fail("statement");
      if (Eat("=")) {
        auto value = Id();
        if (!value || !Eat(";")) return Fail("graph attribute");
        graph_attributes[*id] = *value;
      } else if (Eat("->")) {
        auto to = Id();
        auto attributes = to ? Attributes() : std::nullopt;
        if (!attributes || !Eat(";")) return Fail("edge");
        edges.emplace_back(*id, *to, *attributes);
      } else {
        auto attributes = Attributes();
        if (!attributes || !Eat(";")) return Fail("vertex");
        vertices[*id] = *attributes;
      }
    }
    Space();
    return pos == text.size() || Fail("text after the graph");
  }
  bool Fail(std::string_view what) {
    error = fmt::format("bad {} at byte {}: {}", what, pos, text.substr(pos, 40));
    return false;
  }
};

TEST(Dot, TreeEdgesDependencyEdgesAndVetoes) {
  const std::string dot = DotOf(R"(scheme: s
title: District
inputs: {x: {type: number}}
indicators:
  - id: g
    title: Economy
    children:
      - {id: a, points: 10, value: x, score: value}
      - {id: b, points: 5.5, score: a + a.value + a}
      - {id: extra, kind: bonus, rules: [{points: 1}]}
      - {id: minus, kind: deduction, rules: [{when: a < 1, points: 1}]}
vetoes:
  - {id: v, when: total < 1 and b < 1, reason: low}
)");
  EXPECT_EQ(dot, R"dot(digraph G {
label="District";
rankdir=LR;
0[label="total\n15.5 points", shape=box];
1[label="g\nEconomy\n15.5 points", shape=box];
2[label="a\n10 points", shape=ellipse];
3[label="b\n5.5 points", shape=ellipse];
4[label="extra\n(bonus)", shape=ellipse];
5[label="minus\n(deduction)", shape=ellipse];
6[label="veto v\nlow", shape=octagon];
0->1 ;
1->2 ;
1->3 ;
1->4 ;
1->5 ;
3->2 [style=dashed];
3->2 [style=dashed, label="value"];
5->2 [style=dashed];
6->3 [style=dashed];
6->0 [style=dashed];
}
)dot");
  DotReader reader{dot};
  EXPECT_TRUE(reader.Read()) << reader.error;
}

TEST(Dot, TitlesAreEscaped) {
  const std::string dot = DotOf(R"(scheme: s
title: 'say "hi" \ bye'
inputs: {x: {type: number}}
indicators:
  - id: a
    title: "two\nlines \"quoted\" \\n not a break"
    points: 10
    score: x
vetoes:
  - {id: v, when: x > 1, reason: '"} ]; digraph'}
)");
  DotReader reader{dot};
  ASSERT_TRUE(reader.Read()) << reader.error << "\n" << dot;
  EXPECT_EQ(reader.graph_attributes["label"], "say \"hi\" \\\\ bye");
  // A line break of the title becomes DOT's \n; a backslash stays a backslash.
  EXPECT_EQ(reader.vertices["1"]["label"],
            "a\\ntwo\\nlines \"quoted\" \\\\n not a break\\n10 points");
  EXPECT_EQ(reader.vertices["2"]["label"], "veto v\\n\"} ]; digraph");
  EXPECT_EQ(reader.vertices.size(), 3u);
  EXPECT_EQ(reader.edges.size(), 2u);
}

TEST(Dot, WithoutTitleTheSchemeIdIsTheLabel) {
  const std::string dot = DotOf(R"(scheme: district_2024
inputs: {x: {type: number}}
indicators:
  - {id: a, points: 10, score: x}
)");
  DotReader reader{dot};
  ASSERT_TRUE(reader.Read()) << reader.error;
  EXPECT_EQ(reader.graph_attributes["label"], "district_2024");
  EXPECT_EQ(reader.edges.size(), 1u);
}

// One dashed edge per pair named, however often an expression names it.
TEST(Dot, RepeatedReferencesAreOneEdge) {
  const std::string dot = DotOf(R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: a, points: 10, score: x}
  - {id: b, points: 10, when: a > 1, score: 'a + a * a + peer_max(a)'}
)");
  DotReader reader{dot};
  ASSERT_TRUE(reader.Read()) << reader.error;
  int dashed = 0;
  for (const auto& [from, to, attributes] : reader.edges) {
    if (attributes.count("style")) {
      ++dashed;
      EXPECT_EQ(from, "2");
      EXPECT_EQ(to, "1");
    }
  }
  EXPECT_EQ(dashed, 1);
}

}  // namespace
}  // namespace assess::graph
