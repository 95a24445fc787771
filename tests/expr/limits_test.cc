// Tests of ParseLimits: hostile input (huge, deeply nested, long chains) gets an error
// quickly, and input within the default limits parses on a small stack.
#include <gtest/gtest.h>
#include <pthread.h>

#include <chrono>
#include <functional>
#include <string>

#include "expr/parser.h"

namespace assess::expr {
namespace {

std::string Repeat(std::string_view s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

// Limits that let a long text through to the depth check.
ParseLimits LongText() {
  ParseLimits limits;
  limits.max_chars = 4 << 20;
  return limits;
}

struct DeepCase {
  const char* name;
  std::string text;
  uint32_t begin;  // the token that takes the depth past 64
};

TEST(ExprLimits, HundredThousandLevelsOfNestingFailAtLevel65) {
  const size_t n = 100000;
  const std::vector<DeepCase> cases = {
      {"parens", Repeat("(", n) + "x" + Repeat(")", n), 64},
      {"lists", Repeat("[", n) + Repeat("]", n), 64},
      {"calls", Repeat("f(", n) + "x" + Repeat(")", n), 64 * 2 + 1},
      {"maps", Repeat("{a: ", n) + "1" + Repeat("}", n), 64 * 4},
      {"not", Repeat("not ", n) + "x", 64 * 4},
      {"minus", Repeat("- ", n) + "x", 64 * 2},
      {"power", "2" + Repeat("^2", n), 1 + 64 * 2},
      {"if", Repeat("if a then 1 else ", n) + "2", 64 * 17},
      {"unclosed", Repeat("(", n), 64},
  };
  for (const DeepCase& c : cases) {
    auto start = std::chrono::steady_clock::now();
    ParseResult r = Parse(c.text, LongText());
    auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start);
    ASSERT_TRUE(r.error) << c.name;
    EXPECT_NE(r.error->message.find("nested too deeply"), std::string::npos)
        << c.name << ": " << r.error->message;
    EXPECT_EQ(r.error->span.begin, c.begin) << c.name;
    EXPECT_LT(seconds.count(), 1.0) << c.name;
  }
}

TEST(ExprLimits, DepthIsCountedPerChainAndEndsWithItsOperand) {
  struct Case {
    const char* text;
    int max_depth;
    bool ok;
  };
  const std::vector<Case> cases = {
      {"((x))", 2, true},
      {"(((x)))", 2, false},
      {"not not not x", 3, true},
      {"not not not not x", 3, false},
      {"- - -x", 3, true},
      {"- - - -x", 3, false},
      {"2^2^2^2", 3, true},
      {"2^2^2^2^2", 3, false},
      {"(x) + (y) + (z)", 1, true},  // closed brackets give their depth back
      {"not a and not b or not c", 1, true},
      {"-a - -b * -c ^ 2", 2, true},  // a binary operator ends a `-` / `^` chain
      {"-a ^ -b", 3, true},           // `-` (`^` (`-` b))
      {"-a ^ -b", 2, false},
      {"[if a then 1 else 2, if b then 1 else 2]", 2, true},  // `,` ends an `if`
      {"if a then 1 else if b then 2 else 3", 1, false},      // nested ifs add up
      {"if a then 1 else if b then 2 else 3", 2, true},
      {"f(not a, not b, - c)", 2, true},
      {"not (not (not x))", 5, true},
      {"not (not (not x))", 4, false},
  };
  for (const Case& c : cases) {
    ParseLimits limits;
    limits.max_depth = c.max_depth;
    ParseResult r = Parse(c.text, limits);
    EXPECT_EQ(!r.error, c.ok) << c.text << " at depth " << c.max_depth << ": "
                              << (r.error ? r.error->message : "ok");
  }
}

TEST(ExprLimits, DefaultDepthOf64IsAllowed) {
  std::string parens = Repeat("(", 64) + "x" + Repeat(")", 64);
  EXPECT_FALSE(Parse(parens).error);
  std::string deeper = Repeat("(", 65) + "x" + Repeat(")", 65);
  ASSERT_TRUE(Parse(deeper).error);
  EXPECT_EQ(Parse(deeper).error->span.begin, 64u);
}

TEST(ExprLimits, TooLongTextFailsBeforeScanning) {
  std::string megabyte = Repeat("1 + ", 1 << 18) + "1";
  auto start = std::chrono::steady_clock::now();
  ParseResult r = Parse(megabyte);
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start);
  ASSERT_TRUE(r.error);
  EXPECT_NE(r.error->message.find("expression too long: 1048577 characters, the limit is 10000"),
            std::string::npos)
      << r.error->message;
  EXPECT_EQ(r.error->span.begin, 10000u);
  EXPECT_LT(seconds.count(), 0.1);
  EXPECT_FALSE(Parse("'" + Repeat("a", 9998) + "'").error);  // 10000 characters
  EXPECT_TRUE(Parse("'" + Repeat("a", 9999) + "'").error);   // 10001
}

TEST(ExprLimits, TooManyNodesFail) {
  ParseLimits limits;
  limits.max_nodes = 5;
  EXPECT_FALSE(Parse("[1, 2, 3, 4]", limits).error);  // 4 numbers + the list
  ParseResult r = Parse("[1, 2, 3, 4, 5]", limits);
  ASSERT_TRUE(r.error);
  EXPECT_NE(r.error->message.find("expression too large: more than 5 parts"), std::string::npos);
  EXPECT_EQ(r.error->span.begin, 0u);  // the list, the sixth node
  limits.max_nodes = 3;
  EXPECT_FALSE(Parse("{A: 1, B: 2}", limits).error);  // map keys are not nodes
  limits.max_nodes = 4;
  ParseResult sum = Parse("1 + 2 + 3", limits);  // the outer `+` is the fifth node
  ASSERT_TRUE(sum.error);
  EXPECT_EQ(sum.error->span.begin, 0u);
  EXPECT_EQ(sum.error->span.end, 9u);
}

TEST(ExprLimits, MegabyteOfOperatorsWithLargeLimitsStopsAtTheNodeLimit) {
  std::string megabyte = Repeat("1 + ", 1 << 18) + "1";
  auto start = std::chrono::steady_clock::now();
  ParseResult r = Parse(megabyte, LongText());
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start);
  ASSERT_TRUE(r.error);
  EXPECT_NE(r.error->message.find("too large"), std::string::npos) << r.error->message;
  EXPECT_LT(seconds.count(), 2.0);
}

// Runs fn on a thread with the given stack size.
void RunWithStack(size_t stack_bytes, std::function<void()> fn) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  ASSERT_EQ(pthread_attr_setstacksize(&attr, stack_bytes), 0);
  pthread_t thread;
  auto trampoline = [](void* arg) -> void* {
    (*static_cast<std::function<void()>*>(arg))();
    return nullptr;
  };
  ASSERT_EQ(pthread_create(&thread, &attr, trampoline, &fn), 0);
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attr);
}

// The deepest input that each kind of nesting allows under the default limits parses on a
// 1 MiB stack (`ulimit -s 1024`). Measured: 64 nested maps take about 490 KiB unoptimized,
// 125 KiB at -O2; sanitizers make frames several times larger.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr size_t kSmallStack = 4 << 20;
#else
constexpr size_t kSmallStack = 1 << 20;
#endif

TEST(ExprLimits, DefaultDepthFitsInASmallStack) {
  const std::vector<std::string> texts = {
      Repeat("(", 64) + "x" + Repeat(")", 64),
      Repeat("f(", 64) + "x" + Repeat(")", 64),
      Repeat("[", 64) + Repeat("]", 64),
      Repeat("{a: ", 64) + "1" + Repeat("}", 64),
      Repeat("not ", 64) + "x",
      Repeat("-", 64) + "x",
      "2" + Repeat("^2", 64),
      Repeat("if a then 1 else ", 64) + "2",
      Repeat("(not -2^", 16) + "x" + Repeat(")", 16),
  };
  for (const std::string& text : texts) {
    bool ok = false;
    RunWithStack(kSmallStack, [&] {
      ParseResult r = Parse(text);
      ok = !r.error && r.root;
    });
    EXPECT_TRUE(ok) << text;
  }
}

// A left-associative chain is as deep as it is long (2,500 levels within the default limits):
// its tree must be freed without recursion, even on a small stack.
TEST(ExprLimits, LongChainIsFreedWithoutRecursion) {
  const std::string text = "x" + Repeat(" + x", 2499);
  bool parsed = false;
  RunWithStack(256 << 10, [&] {
    ParseResult r = Parse(text);
    parsed = !r.error && r.root;
  });  // `r` died inside the thread
  EXPECT_TRUE(parsed);
}

}  // namespace
}  // namespace assess::expr
