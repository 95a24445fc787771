// Tests of expr::Parse: the grammar (through Dump), spans, literals and syntax errors.
#include "expr/parser.h"

#include <gtest/gtest.h>

#include <bit>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <string_view>

namespace assess::expr {
namespace {

// The dump of the parsed text, or "error: <message>".
std::string ParseDump(std::string_view text) {
  ParseResult r = Parse(text);
  if (r.error) return "error: " + r.error->message;
  return Dump(*r.root);
}

struct DumpCase {
  const char* text;
  const char* dump;
};

void ExpectDumps(const std::vector<DumpCase>& cases) {
  for (const DumpCase& c : cases) EXPECT_EQ(ParseDump(c.text), c.dump) << "input: " << c.text;
}

TEST(ExprParser, ArithmeticPrecedenceAndLeftAssociativity) {
  ExpectDumps({
      {"a + b * 2", "(+ a (* b 2))"},
      {"a * b + c * d", "(+ (* a b) (* c d))"},
      {"a - b - c", "(- (- a b) c)"},
      {"a - b + c", "(+ (- a b) c)"},
      {"a / b / c", "(/ (/ a b) c)"},
      {"a / b * c", "(* (/ a b) c)"},
      {"(a + b) * c", "(* (+ a b) c)"},
      {"a * (b - c)", "(* a (- b c))"},
      {"((a))", "a"},
  });
}

TEST(ExprParser, UnaryMinusAndPower) {
  ExpectDumps({
      {"-2^2", "(neg (^ 2 2))"},
      {"2^-1", "(^ 2 (neg 1))"},
      {"2^3^2", "(^ 2 (^ 3 2))"},
      {"2^-2^2", "(^ 2 (neg (^ 2 2)))"},
      {"- - x", "(neg (neg x))"},
      {"--x", "(neg (neg x))"},
      {"-a * b", "(* (neg a) b)"},
      {"a * -b", "(* a (neg b))"},
      {"a - -b", "(- a (neg b))"},
      {"a-1", "(- a 1)"},
      {"-a^b*c", "(* (neg (^ a b)) c)"},
      {"(a + b) ^ 2", "(^ (+ a b) 2)"},
      {"f(x)^2", "(^ (call f x) 2)"},
  });
}

TEST(ExprParser, ComparisonsAndLogic) {
  ExpectDumps({
      {"a == b", "(== a b)"},
      {"a != b", "(!= a b)"},
      {"a < b", "(< a b)"},
      {"a <= b", "(<= a b)"},
      {"a > b", "(> a b)"},
      {"a >= b", "(>= a b)"},
      {"a < b + 1", "(< a (+ b 1))"},
      {"a * 2 >= b - 1", "(>= (* a 2) (- b 1))"},
      {"a == b and c != d", "(and (== a b) (!= c d))"},
      {"not a and b", "(and (not a) b)"},
      {"not not a", "(not (not a))"},
      {"not a == b", "(not (== a b))"},
      {"a or b or c", "(or (or a b) c)"},
      {"a and b and c", "(and (and a b) c)"},
      {"a and b or c and d", "(or (and a b) (and c d))"},
      {"a or not b and c", "(or a (and (not b) c))"},
      {"(a < b) == c", "(== (< a b) c)"},
      {"a == (b == c)", "(== a (== b c))"},
      {"a == (not b)", "(== a (not b))"},
  });
}

TEST(ExprParser, InTakesAListOrAName) {
  ExpectDumps({
      {"x in [1, 2]", "(in x (list 1 2))"},
      {"x in allowed", "(in x allowed)"},
      {"x + 1 in [1]", "(in (+ x 1) (list 1))"},
      {"not x in [1]", "(not (in x (list 1)))"},
      {"x in [] or y", "(or (in x (list)) y)"},
      {"g in ['A', \"B\"]", "(in g (list \"A\" \"B\"))"},
  });
}

TEST(ExprParser, IfNestsToTheRight) {
  ExpectDumps({
      {"if a then b else c", "(if a b c)"},
      {"if a then b else if c then d else e", "(if a b (if c d e))"},
      {"if a then if b then c else d else e", "(if a (if b c d) e)"},
      {"if a or b then 1 + 2 else 3", "(if (or a b) (+ 1 2) 3)"},
      {"(if a then 1 else 2) + 3", "(+ (if a 1 2) 3)"},
      {"f(if a then 1 else 2)", "(call f (if a 1 2))"},
      {"[if a then 1 else 2, 3]", "(list (if a 1 2) 3)"},
      {"{A: if a then 1 else 2}", "(map A:(if a 1 2))"},
  });
}

TEST(ExprParser, CallsListsMapsAndMembers) {
  ExpectDumps({
      {"lookup(g, {\"A\": 1, \"B\": 0.8})", "(call lookup g (map A:1 B:0.8))"},
      {"points * min(value, 1.2)", "(* points (call min value 1.2))"},
      {"step(x, [60, 0.6], [80, 0.8], [90, 1])",
       "(call step x (list 60 0.6) (list 80 0.8) (list 90 1))"},
      {"f()", "(call f)"},
      {"f (x)", "(call f x)"},
      {"max([a, b])", "(call max (list a b))"},
      {"peer_max(x - peer_mean(x))", "(call peer_max (- x (call peer_mean x)))"},
      {"[]", "(list)"},
      {"[[1, 2], []]", "(list (list 1 2) (list))"},
      {"{}", "(map)"},
      {"{A: 1, 'b c': x + 1}", "(map A:1 \"b c\":(+ x 1))"},
      {"gdp.value", "gdp.value"},
      {"gdp.value * 2", "(* gdp.value 2)"},
      {"x.if", "x.if"},
      {"points + value + total", "(+ (+ points value) total)"},
  });
}

TEST(ExprParser, KeywordsAreNotNamesButMayStartNames) {
  ExpectDumps({
      {"notice", "notice"},
      {"iffy", "iffy"},
      {"orange", "orange"},
      {"inn", "inn"},
      {"android", "android"},
      {"nullable", "nullable"},
      {"true_value", "true_value"},
      {"elsewhere + thence", "(+ elsewhere thence)"},
      {"orange or android", "(or orange android)"},
      {"not notice", "(not notice)"},
      {"true", "true"},
      {"false", "false"},
      {"null", "null"},
      {"x == null", "(== x null)"},
  });
}

TEST(ExprParser, LiteralsAndWhitespace) {
  ExpectDumps({
      {"12", "12"},
      {"12.5", "12.5"},
      {"1e3", "1000"},
      {"2.5E-1", "0.25"},
      {"007", "7"},
      {"8%", "0.08"},
      {"12.5%", "0.125"},
      {"'A'", "\"A\""},
      {"\"A\"", "\"A\""},
      {"'it\\'s'", "\"it's\""},
      {"\"say \\\"hi\\\"\"", "\"say \\\"hi\\\"\""},
      {"'a\\\\b'", "\"a\\\\b\""},
      {"\"l'x\" == 'l\"x'", "(== \"l'x\" \"l\\\"x\")"},
      {"'\xC3\xA9t\xC3\xA9'", "\"\xC3\xA9t\xC3\xA9\""},
      {"  a\n+\tb\r\n", "(+ a b)"},
      {"if x\nthen 1\nelse 2\n", "(if x 1 2)"},
  });
}

TEST(ExprParser, TextKeepsNewlines) {
  ParseResult r = Parse("'a\nb'");
  ASSERT_FALSE(r.error);
  EXPECT_EQ(r.root->text, "a\nb");
}

// A percentage is the double nearest to the decimal it writes: the bits of from_chars of
// the shifted text, which differ from x / 100 for some x (0.7 / 100 is 0.006999...).
TEST(ExprParser, PercentIsTheNearestDoubleToTheDecimal) {
  struct Case {
    const char* text;
    const char* decimal;
  };
  for (const Case& c : std::vector<Case>{{"8%", "0.08"},
                                         {"12.5%", "0.125"},
                                         {"0.1%", "0.001"},
                                         {"0.7%", "0.007"},
                                         {"0.28%", "0.0028"},
                                         {"100%", "1"},
                                         {"250%", "2.5"},
                                         {"1e3%", "10"},
                                         {"1.5e-3%", "0.000015"},
                                         {"33.3%", "0.333"}}) {
    ParseResult r = Parse(c.text);
    ASSERT_FALSE(r.error) << c.text;
    ASSERT_EQ(r.root->kind, Kind::kNumber);
    double expected = 0;
    std::from_chars(c.decimal, c.decimal + std::strlen(c.decimal), expected);
    EXPECT_EQ(std::bit_cast<uint64_t>(r.root->number), std::bit_cast<uint64_t>(expected)) << c.text;
  }
  EXPECT_NE(Parse("0.7%").root->number, 0.7 / 100);
}

TEST(ExprParser, SpansCoverNodesAndOperators) {
  auto span_of = [](const Span& s) {
    return std::to_string(s.begin) + "-" + std::to_string(s.end);
  };
  {
    ParseResult r = Parse("a + b * 2");
    const Expr& e = *r.root;
    EXPECT_EQ(span_of(e.span), "0-9");
    EXPECT_EQ(span_of(e.op_span), "2-3");
    EXPECT_EQ(span_of(e.args[0]->span), "0-1");
    EXPECT_EQ(span_of(e.args[1]->span), "4-9");
    EXPECT_EQ(span_of(e.args[1]->op_span), "6-7");
    EXPECT_EQ(span_of(e.args[1]->args[1]->span), "8-9");
  }
  {
    ParseResult r = Parse("  foo(x, 1)  ");
    EXPECT_EQ(span_of(r.root->span), "2-11");
    EXPECT_EQ(span_of(r.root->op_span), "2-5");
    EXPECT_EQ(span_of(r.root->args[1]->span), "9-10");
  }
  {
    ParseResult r = Parse("(a + b) * c");
    EXPECT_EQ(span_of(r.root->span), "0-11");
    EXPECT_EQ(span_of(r.root->args[0]->span), "0-7");
    EXPECT_EQ(span_of(r.root->args[0]->op_span), "3-4");
  }
  {
    ParseResult r = Parse("if a then b else c");
    EXPECT_EQ(span_of(r.root->span), "0-18");
    EXPECT_EQ(span_of(r.root->op_span), "0-2");
    EXPECT_EQ(span_of(r.root->args[2]->span), "17-18");
  }
  {
    ParseResult r = Parse("not x");
    EXPECT_EQ(span_of(r.root->span), "0-5");
    EXPECT_EQ(span_of(r.root->op_span), "0-3");
  }
  {
    ParseResult r = Parse("-x ^ 2");
    EXPECT_EQ(span_of(r.root->span), "0-6");
    EXPECT_EQ(span_of(r.root->op_span), "0-1");
    EXPECT_EQ(span_of(r.root->args[0]->op_span), "3-4");
  }
  {
    ParseResult r = Parse("x in [1, 2]");
    EXPECT_EQ(r.root->kind, Kind::kIn);
    EXPECT_EQ(span_of(r.root->span), "0-11");
    EXPECT_EQ(span_of(r.root->op_span), "2-4");
    EXPECT_EQ(span_of(r.root->args[1]->span), "5-11");
  }
  {
    ParseResult r = Parse("gdp.value");
    EXPECT_EQ(r.root->kind, Kind::kMember);
    EXPECT_EQ(r.root->name, "gdp");
    EXPECT_EQ(r.root->text, "value");
    EXPECT_EQ(span_of(r.root->span), "0-9");
    EXPECT_EQ(span_of(r.root->op_span), "4-9");
  }
  {
    ParseResult r = Parse("{\"A\": 1, B: 2}");
    ASSERT_EQ(r.root->key_spans.size(), 2u);
    EXPECT_EQ(span_of(r.root->span), "0-14");
    EXPECT_EQ(span_of(r.root->key_spans[0]), "1-4");
    EXPECT_EQ(span_of(r.root->key_spans[1]), "9-10");
    EXPECT_EQ(span_of(r.root->args[1]->span), "12-13");
  }
  {
    ParseResult r = Parse("8% + 'x'");
    EXPECT_EQ(span_of(r.root->args[0]->span), "0-2");
    EXPECT_EQ(span_of(r.root->args[1]->span), "5-8");
  }
}

TEST(ExprParser, NodesCarryTheirValues) {
  ParseResult r = Parse("f(true, 'A', null, x)");
  ASSERT_FALSE(r.error);
  const Expr& e = *r.root;
  EXPECT_EQ(e.kind, Kind::kCall);
  EXPECT_EQ(e.name, "f");
  ASSERT_EQ(e.args.size(), 4u);
  EXPECT_EQ(e.args[0]->kind, Kind::kBool);
  EXPECT_TRUE(e.args[0]->bool_value);
  EXPECT_EQ(e.args[1]->kind, Kind::kText);
  EXPECT_EQ(e.args[1]->text, "A");
  EXPECT_EQ(e.args[2]->kind, Kind::kNull);
  EXPECT_EQ(e.args[3]->kind, Kind::kName);
  EXPECT_EQ(e.args[3]->name, "x");
  ParseResult m = Parse("{B: 1, 'C': 2}");
  EXPECT_EQ(m.root->keys, (std::vector<std::string>{"B", "C"}));
  ParseResult u = Parse("not -x");
  EXPECT_EQ(u.root->unary, UnaryOp::kNot);
  EXPECT_EQ(u.root->args[0]->unary, UnaryOp::kNeg);
}

struct ErrorCase {
  const char* text;
  const char* message;  // a substring of the message
  uint32_t begin;       // where the error points
};

TEST(ExprParser, SyntaxErrorsPointAtTheOffendingToken) {
  const std::vector<ErrorCase> cases = {
      {"a < b < c", "comparisons do not chain: write `a < b and b < c`", 6},
      {"a == b == c", "chain", 7},
      {"a < b in [1]", "chain", 6},
      {"x in [1] == true", "chain", 9},
      {"1 + if a then 1 else 2", "`if` must be in parentheses here", 4},
      {"-if a then 1 else 2", "`if` must be in parentheses here", 1},
      {"a == not b", "`not` must be in parentheses here", 5},
      {"(1 + 2))", "unexpected `)`", 7},
      {"a ]", "unexpected `]`: there is no `[` to close", 2},
      {"1 +", "unexpected end of expression: expected an expression after `+`", 3},
      {"1 + )", "unexpected `)`: expected an expression after `+`", 4},
      {"1 + 2 ^", "expected an expression after `^`", 7},
      {"not", "expected an expression after `not`", 3},
      {"(1 + 2", "unclosed `(`", 0},
      {"f(1, (2)", "unclosed `(`", 1},
      {"[1, 2", "unclosed `[`", 0},
      {"{\"A\": 1", "unclosed `{`", 0},
      {"(a b)", "unexpected `b`: expected `)`", 3},
      {"(a]", "unexpected `]`: expected `)`", 2},
      {"f(a b)", "expected `,` or `)`", 4},
      {"[a b]", "expected `,` or `]`", 3},
      {"[)", "expected an expression or `]`", 1},
      {"{1: 2}", "expected a key (a text or a name) or `}`", 1},
      {"{A 1}", "expected `:` after the map key", 3},
      {"{A: 1, }", "expected a map key", 7},
      {"{A: 1 B: 2}", "expected `,` or `}`", 6},
      {"[1, ]", "expected an expression after `,`", 4},
      {"f(1,)", "expected an expression after `,`", 4},
      {"()", "unexpected `)`: expected an expression after `(`", 1},
      {"", "empty expression", 0},
      {"   ", "empty expression", 3},
      {"a b", "unexpected `b`: expected an operator or the end of the expression", 2},
      {"1 2", "unexpected `2`", 2},
      {"then", "unexpected `then`: expected an expression", 0},
      {"if a then b", "expected `else`", 11},
      {"if a b else c", "unexpected `b`: expected `then`", 5},
      {"gdp.", "expected a member name after `.`", 4},
      {"a.5", "expected a member name after `.`", 2},
      {"x in 3", "expected a list `[...]` or a name after `in`", 5},
      {"x in y.value", "unexpected `.`", 6},
      {"{true: 1}", "expected a key", 1},
      {"1 + .5", "a number must start with a digit: write `0.5`", 4},
  };
  for (const ErrorCase& c : cases) {
    ParseResult r = Parse(c.text);
    ASSERT_TRUE(r.error) << "input: " << c.text;
    EXPECT_FALSE(r.root) << "input: " << c.text;
    EXPECT_NE(r.error->message.find(c.message), std::string::npos)
        << "input: " << c.text << "\nmessage: " << r.error->message;
    EXPECT_EQ(r.error->span.begin, c.begin)
        << "input: " << c.text << "\nmessage: " << r.error->message;
  }
}

TEST(ExprParser, LexicalErrorsPointAtTheOffendingCharacter) {
  const std::vector<ErrorCase> cases = {
      {"a @ b", "unknown character `@`", 2},
      {"a # b", "unknown character `#`", 2},
      {"a \x01", "unknown character U+0001", 2},
      {"x \xC3\xA9", "unknown character `\xC3\xA9`", 2},
      {"\xE2\x80\x9C"
       "A\xE2\x80\x9D",
       "straight quotes", 0},
      {"x%", "`%` must follow a number", 1},
      {"8 %", "`%` must follow its number directly", 2},
      {".5", "write `0.5`", 0},
      {"5.", "a number needs digits after `.`", 1},
      {"5.x", "a number needs digits after `.`", 1},
      {"a = b", "write `==` to compare", 2},
      {"a && b", "write `and`", 2},
      {"a || b", "write `or`", 2},
      {"!a", "write `not`", 0},
      {"2 ** 3", "write `^` for a power", 2},
      {"'abc", "unclosed text: no closing `'`", 0},
      {"x == \"abc", "unclosed text: no closing `\"`", 5},
      {"'abc\\", "unclosed text", 0},
      {"\"a\\nb\"", "unknown escape `\\n`", 2},
      {"1e400", "number out of range", 0},
      {"1e-400", "number out of range", 0},
  };
  for (const ErrorCase& c : cases) {
    ParseResult r = Parse(c.text);
    ASSERT_TRUE(r.error) << "input: " << c.text;
    EXPECT_NE(r.error->message.find(c.message), std::string::npos)
        << "input: " << c.text << "\nmessage: " << r.error->message;
    EXPECT_EQ(r.error->span.begin, c.begin) << "input: " << c.text;
  }
}

TEST(ExprParser, ErrorMessagesShowNoGrammarInternals) {
  for (const char* text : {"1 +", "(a b", "a < b < c", "f(", "{A", "x in", "if a", "a b", "[1,"}) {
    ParseResult r = Parse(text);
    ASSERT_TRUE(r.error) << text;
    for (const char* internal : {"x3", "expectation", "Rule", "N5boost", "eoi", "no-chain"}) {
      EXPECT_EQ(r.error->message.find(internal), std::string::npos)
          << text << ": " << r.error->message;
    }
  }
}

// Random token soup: every input gives either a tree or an error inside the text, never
// both, never a crash (the sanitizer build runs this too).
TEST(ExprParser, RandomInputGivesATreeOrAnErrorInsideTheText) {
  const std::vector<std::string_view> pieces = {
      "a",  "f",    "1",    "2.5", "8%", "'t'", "\"u\"", "(",    ")",    "[",    "]",  "{",
      "}",  ",",    ":",    ".",   "+",  "-",   "*",     "/",    "^",    "==",   "<",  ">=",
      "if", "then", "else", "and", "or", "not", "in",    "true", "null", " ",    "\n", "@",
      "%",  "'",    "\\",   "=",   "e",  "5.",  "\xC3",  "x.y",  "g(",   "value"};
  std::mt19937 rng(12345);
  int trees = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string text;
    size_t n = rng() % 12;
    for (size_t k = 0; k < n; ++k) text += pieces[rng() % pieces.size()];
    ParseResult r = Parse(text);
    ASSERT_NE(static_cast<bool>(r.root), r.error.has_value()) << text;
    if (r.error) {
      EXPECT_LE(r.error->span.begin, r.error->span.end) << text;
      EXPECT_LE(r.error->span.end, text.size()) << text;
      EXPECT_FALSE(r.error->message.empty()) << text;
    } else {
      EXPECT_LE(r.root->span.end, text.size()) << text;
      ++trees;
    }
  }
  EXPECT_GT(trees, 100);  // the soup does hold valid expressions
}

}  // namespace
}  // namespace assess::expr
