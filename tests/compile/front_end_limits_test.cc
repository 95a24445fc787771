// Hostile schemes through the whole front end (load, check, graph, compile): each gives an
// error or a program, never a crash, a hang or a stack overflow. Deep structures run on a
// thread with a small stack, so that a recursion as deep as the input would fail here.
#include <gtest/gtest.h>
#include <pthread.h>

#include <chrono>
#include <functional>

#include "compile/compiler.h"
#include "graph/graph_test_util.h"

namespace assess::compile {
namespace {

using assess::testing::BuildText;
using assess::testing::Built;
using assess::testing::Errors;

// Runs `f` on a thread whose stack has `bytes`.
void RunWithStack(size_t bytes, const std::function<void()>& f) {
  pthread_attr_t attr;
  ASSERT_EQ(pthread_attr_init(&attr), 0);
  ASSERT_EQ(pthread_attr_setstacksize(&attr, bytes), 0);
  pthread_t thread;
  auto body = [](void* arg) -> void* {
    (*static_cast<const std::function<void()>*>(arg))();
    return nullptr;
  };
  ASSERT_EQ(pthread_create(&thread, &attr, body, const_cast<std::function<void()>*>(&f)), 0);
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attr);
}

struct FrontEnd {
  std::vector<std::string> errors;
  bool compiled = false;
  size_t instructions = 0;
  double seconds = 0;
};

// Loads, checks, builds the graph of and compiles `yaml`, destroying everything before it
// returns (destructors recurse too).
FrontEnd RunFrontEnd(const std::string& yaml) {
  FrontEnd out;
  const auto start = std::chrono::steady_clock::now();
  {
    Built built = BuildText(yaml);
    out.errors = Errors(built.diagnostics);
    if (built.graph) {
      Program program = Compile(*built.model, *built.graph);
      out.compiled = true;
      out.instructions = program.code.size();
    }
  }
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

std::string Header() {
  return "scheme: s\ninputs: {x: {type: number}, g: {type: text}}\nindicators:\n";
}

// One more indicator than CheckOptions::max_nodes allows (100,000 by default).
TEST(FrontEndLimits, TooManyIndicators) {
  std::string yaml = Header();
  for (int i = 0; i <= 100000; ++i)
    yaml += fmt::format("  - {{id: n{}, points: 1, score: x}}\n", i);
  FrontEnd r = RunFrontEnd(yaml);
  EXPECT_FALSE(r.compiled);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0],
            "100004:3: the scheme has more than 100000 nodes and rules (a limit of "
            "the loader's options)");
  EXPECT_LT(r.seconds, 120);
}

// A chain `x + x + ... + x` as long as the expression's length allows, around an operand
// nested to the depth limit. The chain is as deep as it is long in the AST; nothing may
// recurse along it.
std::string Chain(int terms, int depth) {
  std::string inner = "x";
  for (int i = 0; i < depth; ++i) inner = "(" + inner + ")";
  std::string e = inner;
  for (int i = 1; i < terms; ++i) e += " + x";
  return Header() + "  - {id: a, points: 10, score: 'g == \"A\" or " + e + " > 0'}\n";
}

TEST(FrontEndLimits, LongExpressionChainOnASmallStack) {
  // 2,400 terms: 9,600 characters, within the 10,000 of an expression.
  RunWithStack(256 << 10, [] {
    FrontEnd r = RunFrontEnd(Chain(2400, 0));
    EXPECT_TRUE(r.errors.size() == 1 &&
                r.errors[0].find("`score` must be a number, but this is a bool") !=
                    std::string::npos)
        << ::testing::PrintToString(r.errors);
  });
  RunWithStack(256 << 10, [] {
    std::string yaml = Header();
    std::string e = "x";
    for (int i = 1; i < 2400; ++i) e += i % 2 ? " - x" : " * x";
    yaml += "  - {id: a, points: 10, score: '" + e + "'}\n";
    FrontEnd r = RunFrontEnd(yaml);
    EXPECT_TRUE(r.compiled) << ::testing::PrintToString(r.errors);
    EXPECT_EQ(r.instructions, 2399u + 3);  // the chain, LEAF, GROUP, FINAL
  });
}

TEST(FrontEndLimits, DepthLimitInsideAChain) {
  // The parser's recursion is bounded by the nesting limit (64); its frames are large in a
  // debug build, hence this stack.
  RunWithStack(2 << 20, [] {
    std::string yaml = Header();
    std::string inner = "x";
    for (int i = 0; i < 64; ++i) inner = "(" + inner + ")";
    std::string e = "x";
    for (int i = 1; i < 2000; ++i) e += " + x";
    yaml += "  - {id: a, points: 10, value: g, score: '" + e + " + " + inner + "'}\n";
    FrontEnd r = RunFrontEnd(yaml);
    EXPECT_TRUE(r.compiled) << ::testing::PrintToString(r.errors);

    // One level more is a syntax error, not a crash.
    yaml = Header() + "  - {id: a, points: 10, value: g, score: '" + e + " + (" + inner + ")'}\n";
    r = RunFrontEnd(yaml);
    EXPECT_FALSE(r.compiled);
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_NE(r.errors[0].find("nested too deeply"), std::string::npos) << r.errors[0];
  });
}

// 5,000 indicators, each naming the one before: nothing recurses along the chain (Boost's
// depth-first search keeps its own stack).
TEST(FrontEndLimits, LongDependencyChainOnASmallStack) {
  RunWithStack(256 << 10, [] {
    std::string yaml = Header() + "  - {id: n0, points: 1, value: g, score: x}\n";
    for (int i = 1; i < 5000; ++i) {
      yaml += fmt::format("  - {{id: n{}, points: 1, value: n{}.value, score: n{} + 1}}\n", i,
                          i - 1, i - 1);
    }
    FrontEnd r = RunFrontEnd(yaml);
    EXPECT_TRUE(r.compiled) << ::testing::PrintToString(r.errors);
    EXPECT_LT(r.seconds, 60);
  });
}

TEST(FrontEndLimits, LongCycleOnASmallStack) {
  RunWithStack(256 << 10, [] {
    std::string yaml = Header();
    for (int i = 0; i < 10000; ++i) {
      yaml += fmt::format("  - {{id: n{}, points: 1, score: 'n{} + x'}}\n", i, (i + 1) % 10000);
    }
    yaml += "  - {id: last, points: 1, when: g == \"A\", score: x}\n";
    FrontEnd r = RunFrontEnd(yaml);
    EXPECT_FALSE(r.compiled);
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_TRUE(r.errors[0].starts_with("4:33: dependency cycle: n0 -> n1 -> n2")) << r.errors[0];
    EXPECT_NE(r.errors[0].find("... (9961 more) ..."), std::string::npos);
    EXPECT_TRUE(r.errors[0].ends_with("-> n9999 -> n0"));
    EXPECT_LT(r.errors[0].size(), 500u);
  });
}

// 20,000 unknown names among 20,000 ids: every one is reported, and looking for
// suggestions stays within a budget of work.
TEST(FrontEndLimits, ManyUnknownNames) {
  std::string yaml = Header();
  for (int i = 0; i < 20000; ++i) {
    yaml +=
        fmt::format("  - {{id: indicator_{}, points: 1, score: 'x + indicatr_{} + g'}}\n", i, i);
  }
  FrontEnd r = RunFrontEnd(yaml);
  ASSERT_EQ(r.errors.size(), 40000u);  // the unknown name, and `g` is a text
  EXPECT_NE(r.errors[0].find("unknown name `indicatr_0` (did you mean `indicator_0`?)"),
            std::string::npos)
      << r.errors[0];
  EXPECT_LT(r.seconds, 60);
}

// Names of thousands of characters: the edit distance is quadratic in them.
TEST(FrontEndLimits, HugeUnknownNames) {
  std::string yaml = Header();
  const std::string long_name(3000, 'q');
  for (int i = 0; i < 300; ++i) {
    yaml += fmt::format("  - {{id: {}{}, points: 1, score: 'x + {}{}z'}}\n", long_name, i,
                        long_name, i);
  }
  FrontEnd r = RunFrontEnd(yaml);
  EXPECT_EQ(r.errors.size(), 300u);
  EXPECT_LT(r.seconds, 60);
}

// A lookup table has a cell per text up to its largest key: 20,000 lookups with a new key
// each would need 200 million cells. Loading stops with an error instead.
TEST(FrontEndLimits, LookupTablesOfManyTexts) {
  std::string yaml = Header();
  for (int i = 0; i < 20000; ++i) {
    yaml +=
        fmt::format("  - {{id: n{}, points: 1, score: 'x + lookup(g, {{\"k{}\": 1}})'}}\n", i, i);
  }
  FrontEnd r = RunFrontEnd(yaml);
  EXPECT_FALSE(r.compiled);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].find("the `lookup` tables of this scheme would take more than 10000000"),
            std::string::npos)
      << r.errors[0];

  // The same param table for all of them is one table.
  yaml = Header() + "params: {t: {A: 1, B: 2}}\n";
  yaml.replace(yaml.find("indicators:\n"), 12, "");
  yaml += "indicators:\n";
  for (int i = 0; i < 20000; ++i) {
    yaml += fmt::format("  - {{id: n{}, points: 1, score: 'x + lookup(g, t, 0)'}}\n", i);
  }
  r = RunFrontEnd(yaml);
  EXPECT_TRUE(r.compiled) << ::testing::PrintToString(r.errors);
}

}  // namespace
}  // namespace assess::compile
