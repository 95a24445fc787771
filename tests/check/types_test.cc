// Tests of the type checker (rule-language §8 "Types", the functions table, §12 "Expressions"):
// every operator and function gets the types and the number of arguments it needs, and every error
// points at the offending token.
#include <gtest/gtest.h>

#include "check/checker.h"
#include "check/front_test_util.h"

namespace assess::check {
namespace {

using assess::testing::CheckText;
using assess::testing::Errors;
using assess::testing::ExpectDiagnostics;

// One expression of the scheme below, in `field` of indicator `a`.
struct TypeCase {
  std::string field;    // "score", "when" or "value"
  std::string expr;     // written in single quotes: texts use double quotes
  std::string at;       // the error points where `at` first occurs in `expr`; "" no error
  std::string message;  // a text the error contains

  friend std::ostream& operator<<(std::ostream& os, const TypeCase& c) {
    return os << c.field << ": " << c.expr;
  }
};

// Every type of input and param, and indicator `a` with the expression on line 17.
std::string Scheme(const TypeCase& c) {
  std::string yaml = R"(scheme: s
inputs:
  n: {type: number}
  i: {type: integer}
  b: {type: boolean}
  t: {type: text}
  l: {type: list}
params:
  k: 2
  kt: A
  kb: true
  kl: [1, 2]
  tab: {A: 1, B: 0.5}
indicators:
  - id: a
    points: 10
)";
  yaml += "    " + c.field + ": '" + c.expr + "'\n";
  if (c.field != "score") yaml += "    score: points\n";
  return yaml;
}

void ExpectCase(const TypeCase& c) {
  auto checked = CheckText(Scheme(c));
  std::vector<std::string> errors = Errors(checked.diagnostics);
  if (c.at.empty()) {
    EXPECT_TRUE(errors.empty()) << ::testing::PrintToString(errors);
    EXPECT_NE(checked.model, nullptr);
    return;
  }
  const size_t offset = c.expr.find(c.at);
  ASSERT_NE(offset, std::string::npos) << "bad case: `" << c.at << "` is not in the expression";
  const size_t column = 8 + c.field.size() + offset;
  ExpectDiagnostics(errors, {fmt::format("17:{}: {}", column, c.message)});
  EXPECT_EQ(checked.model, nullptr);
}

class Types : public ::testing::TestWithParam<TypeCase> {};

TEST_P(Types, ChecksTheExpression) { ExpectCase(GetParam()); }

const std::vector<TypeCase> kWellTypedTypes = {
    {"score", "n + i * 2 - n / 3 ^ 2", "", ""},
    {"score", "-n + -k", "", ""},
    {"score", "if b then n else 0", "", ""},
    {"score", "if b then null else n", "", ""},
    {"score", "if t == \"A\" then 1 else 0", "", ""},
    {"score", "if t == kt then 1 else 0", "", ""},
    {"score", "if b == kb then 1 else 0", "", ""},
    {"score", "if n == null then 0 else n", "", ""},
    {"score", "if null != t then 0 else 1", "", ""},
    {"score", "if n in [1, 2, k] then 1 else 0", "", ""},
    {"score", "if t in [\"A\", \"B\", kt] then 1 else 0", "", ""},
    {"score", "if n in l then 1 else 0", "", ""},
    {"score", "if n in kl then 1 else 0", "", ""},
    {"score", "if null in [1, 2] then 1 else 0", "", ""},
    {"score", "min(n, 1, i) + max(n, k)", "", ""},
    {"score", "min(l) + max(kl) + max([n, 1])", "", ""},
    {"score", "abs(n) + floor(n) + ceil(n) + sqrt(n) + ln(n) + exp(n)", "", ""},
    {"score", "round(n) + round(n, 2)", "", ""},
    {"score", "clamp(n, 0, 1) + ramp(n, 10, 0) + safe_div(n, i, 0)", "", ""},
    {"score", "interp(n, [-1, 0], [0, 5], [k, 10], [1e3, 10])", "", ""},
    {"score", "interp(n, [-k, 0], [5%, n])", "", ""},
    {"score", "step(n, [1, 2], [3, 4]) + step(n, [1, 2], [3, 4], 0.5) + step(n, [0, k], n)", "",
     ""},
    {"score", "lookup(t, {\"A\": 1, \"B\": 0.5}) + lookup(t, {A: k, C: -1}, 0)", "", ""},
    {"score", "lookup(t, tab) + lookup(kt, tab, n)", "", ""},
    {"score", "if is_missing(n) or is_missing(l) then 0 else n", "", ""},
    {"score", "coalesce(n, i, 0) + coalesce(null, n)", "", ""},
    {"score", "if coalesce(t, \"A\") == \"B\" then 1 else 0", "", ""},
    {"score", "sum(l) + count(l) + mean(kl) + median([n, 1]) + trimmed_mean(l, 1)", "", ""},
    {"score", "peer_max(n) + peer_min(n) + peer_mean(n) + peer_sum(n) + peer_count(n)", "", ""},
    {"score", "peer_rank(n) + peer_rank_asc(n) + peer_percentile(n - peer_mean(n))", "", ""},
    {"score", "null", "", ""},
    {"when", "b and not (n > 1) or false", "", ""},
    {"when", "t != \"A\" and n >= 0 and n <= 1 and n < 2", "", ""},
    {"value", "t", "", ""},
    {"value", "b", "", ""},
    {"value", "n / 2", "", ""},
};

INSTANTIATE_TEST_SUITE_P(WellTyped, Types, ::testing::ValuesIn(kWellTypedTypes));

const std::vector<TypeCase> kOperatorsTypes = {
    {"score", "t + 1", "t", "an operand of `+` must be a number, but this is a text"},
    {"score", "n * b", "b", "an operand of `*` must be a number, but this is a bool"},
    {"score", "n ^ l", "l", "an operand of `^` must be a number, but this is a list"},
    {"score", "n - tab", "tab", "an operand of `-` must be a number, but this is a map"},
    {"score", "-t", "t", "the operand of `-` must be a number"},
    {"when", "not i", "i", "the operand of `not` must be a bool"},
    {"when", "n and b", "n", "an operand of `and` must be a bool, but this is a number"},
    {"when", "b or t", "t", "an operand of `or` must be a bool, but this is a text"},
    {"when", "n == t", "==", "`==` needs operands of one type, but compares a number with a text"},
    {"when", "b != 1", "!=", "`!=` needs operands of one type, but compares a bool with a number"},
    {"when", "n == l", "==", "`==` compares numbers, bools or texts, not a list"},
    {"when", "tab != null", "!=", "`!=` compares numbers, bools or texts, not a map"},
    {"when", "t < 1", "t", "an operand of `<` must be a number, but this is a text"},
    {"when", "n >= b", "b", "an operand of `>=` must be a number, but this is a bool"},
    {"when", "l > 1", "l", "an operand of `>` must be a number, but this is a list"},
    {"when", "n in t", "t", "`in` takes a list literal `[...]` or the name of a list input"},
};

INSTANTIATE_TEST_SUITE_P(Operators, Types, ::testing::ValuesIn(kOperatorsTypes));

const std::vector<TypeCase> kInAndIfTypes = {
    {"when", "n in k", "k", "`in` takes a list literal `[...]` or the name of a list"},
    {"when", "t in [\"A\", 1]", "1",
     "an element of the list of `in` must be a text, but this is a number"},
    {"when", "n in [1, \"A\"]", "\"A\"",
     "an element of the list of `in` must be a number, but this is a text"},
    {"when", "t in l", "t", "a list input or param holds numbers: a text is never in it"},
    {"when", "b in [1]", "b", "`in` looks for a number or a text, but this is a bool"},
    {"when", "null in [b]", "b",
     "an element of the list of `in` must be a number or a text, but this is a bool"},
    {"score", "if n then 1 else 0", "n", "the condition of `if` must be a bool"},
    {"score", "if b then 1 else \"x\"", "\"x\"",
     "the branches of `if` must have one type, but `then` gives a number and `else` a text"},
    {"when", "if b then true else 1", "1", "the branches of `if` must have one type"},
    {"score", "if b then l else l", "if", "the branches of `if` must be numbers, bools or texts"},
    {"score", "if b then if b then 1 else t else 2", "t else 2",
     "the branches of `if` must have one type"},
};

INSTANTIATE_TEST_SUITE_P(InAndIf, Types, ::testing::ValuesIn(kInAndIfTypes));

const std::vector<TypeCase> kFunctionsTypes = {
    {"score", "min()", "min", "`min` takes at least 1 argument, not 0"},
    {"score", "min(n)", "n)", "the one argument of `min` must be a list, but this is a number"},
    {"score", "max(l, 1)", "l", "argument 1 of `max` must be a number, but this is a list"},
    {"score", "max(1, t)", "t", "argument 2 of `max` must be a number, but this is a text"},
    {"score", "abs(n, 1)", "abs", "`abs` takes 1 argument, not 2"},
    {"score", "sqrt(t)", "t)", "argument 1 of `sqrt` must be a number"},
    {"score", "ln()", "ln", "`ln` takes 1 argument, not 0"},
    {"score", "round(n, 1, 2)", "round", "`round` takes 1 to 2 arguments, not 3"},
    {"score", "round(n, b)", "b", "argument 2 of `round` must be a number"},
    {"score", "clamp(n, 0)", "clamp", "`clamp` takes 3 arguments, not 2"},
    {"score", "ramp(n, 0, t)", "t", "argument 3 of `ramp` must be a number"},
    {"score", "safe_div(n, l, 0)", "l", "argument 2 of `safe_div` must be a number"},
    {"score", "interp(n)", "interp", "`interp` takes at least 2 arguments, not 1"},
    {"score", "interp(t, [0, 0], [1, 1])", "t, [0",
     "the first argument of `interp` must be a number"},
    {"score", "interp(n, 5)", "5", "the points of `interp` are `[x, y]` pairs"},
    {"score", "interp(n, [0, 0], [1, 2, 3])", "[1, 2, 3]",
     "the points of `interp` are `[x, y]` pairs"},
    {"score", "interp(n, [0, 0], [1, 1], 0.5)", "0.5", "the points of `interp` are `[x, y]` pairs"},
    {"score", "interp(n, [0, 0], [0, 1])", "[0, 1]",
     "the x of the points of `interp` must strictly increase"},
    {"score", "interp(n, [0, 0], [2, 1], [1, 5])", "[1, 5]",
     "the x of the points of `interp` must strictly increase"},
    {"score", "interp(n, [1, 0], [k, 1], [2, 2])", "[2, 2]",
     "the x of the points of `interp` must strictly increase"},
    {"score", "interp(n, [0, 0], [n, 1])", "n, 1]",
     "the x of a point of `interp` must be a constant: a number or a number param"},
    {"score", "interp(n, [0, 0], [1 + 1, 1])", "1 + 1",
     "the x of a point of `interp` must be a constant"},
    {"score", "interp(n, [0, 0], [kt, 1])", "kt",
     "the x of a point of `interp` must be a constant"},
    {"score", "interp(n, [0, t], [1, 1])", "t], [1",
     "the y of a point of `interp` must be a number"},
    {"score", "step(n, [1, 2], [1, 3])", "[1, 3]",
     "the x of the points of `step` must strictly increase"},
    {"score", "step(n, [1, 2], t)", "t)", "the default of `step` must be a number"},
    {"score", "step(n, 1)", "1", "the points of `step` are `[x, y]` pairs"},
    {"score", "step(t, [1, 2])", "t, [", "the first argument of `step` must be a number"},
    {"score", "lookup(t)", "lookup", "`lookup` takes 2 to 3 arguments, not 1"},
    {"score", "lookup(n, tab)", "n", "the key of `lookup` must be a text, but this is a number"},
    {"score", "lookup(t, kl)", "kl", "the table of `lookup` is a map"},
    {"score", "lookup(t, k)", "k)", "the table of `lookup` is a map"},
    {"score", "lookup(t, tab, t)", "t)", "the default of `lookup` must be a number"},
    {"score", "lookup(t, {\"A\": n})", "n}", "the values of a `lookup` table are constants"},
    {"score", "lookup(t, {\"A\": \"B\"})", "\"B\"", "the values of a `lookup` table are constants"},
    {"score", "{\"A\": 1}", "{", "a map can only be the table of `lookup`"},
    {"score", "n + max(n, {\"A\": 1})", "{", "a map can only be the table of `lookup`"},
    {"score", "if is_missing(n, i) then 1 else 0", "is_missing",
     "`is_missing` takes 1 argument, not 2"},
    {"when", "is_missing(n) + 1 > 0", "is_missing",
     "an operand of `+` must be a number, but this is a bool"},
    {"score", "coalesce(n, \"A\")", "\"A\"",
     "the arguments of `coalesce` must have one type: a text after a number"},
    {"when", "coalesce(null, t, n) == \"A\"", "n)",
     "the arguments of `coalesce` must have one type: a number after a text"},
    {"score", "coalesce(l, 1)", "l, 1", "`coalesce` takes numbers, bools or texts"},
    {"score", "coalesce(t, \"A\")", "coalesce", "`score` must be a number, but this is a text"},
    {"score", "sum(n)", "n", "the argument of `sum` must be a list, but this is a number"},
    {"score", "median(kt)", "kt", "the argument of `median` must be a list, but this is a text"},
    {"score", "count(l, l)", "count", "`count` takes 1 argument, not 2"},
    {"score", "trimmed_mean(l)", "trimmed_mean", "`trimmed_mean` takes 2 arguments, not 1"},
    {"score", "trimmed_mean(l, l)", "l)", "the second argument of `trimmed_mean` must be a number"},
    {"score", "trimmed_mean(n, 1)", "n, 1", "the first argument of `trimmed_mean` must be a list"},
    {"score", "peer_max(t)", "t",
     "the argument of `peer_max` must be a number, but this is a text"},
    {"score", "peer_rank(l)", "l",
     "the argument of `peer_rank` must be a number, but this is a list"},
    {"score", "peer_mean(n, n)", "peer_mean", "`peer_mean` takes 1 argument, not 2"},
};

INSTANTIATE_TEST_SUITE_P(Functions, Types, ::testing::ValuesIn(kFunctionsTypes));

const std::vector<TypeCase> kSitesTypes = {
    {"score", "b", "b", "`score` must be a number, but this is a bool"},
    {"score", "\"A\"", "\"A\"", "`score` must be a number, but this is a text"},
    {"score", "tab", "tab", "`score` must be a number, but this is a map"},
    {"score", "n > 1", "n", "`score` must be a number, but this is a bool"},
    {"when", "n", "n", "`when` must be a bool, but this is a number"},
    {"when", "t", "t", "`when` must be a bool, but this is a text"},
    {"value", "l", "l", "`value` must be a number, bool or text, but this is a list"},
    {"value", "[n, 1]", "[", "`value` must be a number, bool or text, but this is a list"},
};

INSTANTIATE_TEST_SUITE_P(Sites, Types, ::testing::ValuesIn(kSitesTypes));

// `n in n` is ambiguous as a place: written out here.
TEST(Types, InNeedsAList) {
  auto checked = CheckText(Scheme({"when", "n in i", "", ""}));
  ExpectDiagnostics(Errors(checked.diagnostics), {"17:17: `in` takes a list literal"});
}

// After an arity error the arguments are still checked.
TEST(Types, ArgumentsAreCheckedAfterAnArityError) {
  auto checked = CheckText(Scheme({"score", "abs(zz, 1)", "", ""}));
  ExpectDiagnostics(Errors(checked.diagnostics),
                    {"17:13: `abs` takes 1 argument, not 2", "17:17: unknown name `zz`"});
}

// A cascade is not reported: an unknown name does not also make its operator, `if` or
// `in` list wrong.
TEST(Types, AnErrorIsReportedOnce) {
  for (const char* expr :
       {"zz + 1", "if zz then zz else 1", "if zz in [\"A\", \"B\"] then 1 else 0", "-zz",
        "coalesce(zz, 1)", "min(zz)", "if b then zz else \"A\""}) {
    SCOPED_TRACE(expr);
    auto checked = CheckText(Scheme({"score", expr, "", ""}));
    const auto errors = Errors(checked.diagnostics);
    ASSERT_GE(errors.size(), 1u);
    EXPECT_NE(errors[0].find("unknown name `zz`"), std::string::npos) << errors[0];
    for (size_t k = 1; k < errors.size(); ++k) {
      EXPECT_NE(errors[k].find("unknown name `zz`"), std::string::npos) << errors[k];
    }
  }
}

// Rules' `when` and `points`, and vetoes' `when`, are typed like a node's `when` / `score`.
TEST(Types, RulesAndVetoes) {
  auto checked = CheckText(R"(scheme: s
inputs:
  n: {type: number}
  t: {type: text}
indicators:
  - {id: a, points: 10, score: n}
  - id: bonus
    kind: bonus
    rules:
      - {when: n, points: 1}
      - {when: n > 1, points: t}
      - {when: 'n > 1 and t == "A"', points: '2 * n'}
vetoes:
  - {id: v, when: total}
  - {id: w, when: t == "A", cap: 60}
)");
  ExpectDiagnostics(Errors(checked.diagnostics),
                    {"10:16: a rule's `when` must be a bool, but this is a number",
                     "11:31: a rule's `points` must be a number, but this is a text",
                     "14:19: a veto's `when` must be a bool, but this is a number"});
}

// `value` has the type of the node's value; `x.value` that of x's value, also when x comes
// later in the file, and also through a chain of values written in any order.
TEST(Types, ValuesHaveTheirExpressionsTypes) {
  auto checked = CheckText(R"(scheme: s
inputs:
  n: {type: number}
  t: {type: text}
indicators:
  - {id: a, points: 10, value: c.value, score: 'if value == "A" then 1 else 0'}
  - {id: b, points: 10, value: a.value, score: 'value + 1'}
  - {id: c, points: 10, value: t, score: 'if b.value != "B" then n else 0'}
)");
  ExpectDiagnostics(Errors(checked.diagnostics),
                    {"7:49: an operand of `+` must be a number, but this is a text"});

  auto forward = CheckText(R"(scheme: s
inputs:
  t: {type: text}
indicators:
  - {id: a, points: 10, value: 'c.value + 1', score: points}
  - {id: c, points: 10, value: t, score: points}
)");
  ExpectDiagnostics(Errors(forward.diagnostics),
                    {"5:33: an operand of `+` must be a number, but this is a text"});
}

TEST(Types, SetsTheTypeOfEveryExpression) {
  auto checked = CheckText(R"(scheme: s
inputs:
  n: {type: number}
  t: {type: text}
indicators:
  - {id: a, points: 10, value: t, score: 'if value == "A" then n else 0'}
)");
  ASSERT_NE(checked.model, nullptr) << ::testing::PrintToString(checked.diagnostics);
  const Node& a = checked.model->nodes[1];
  EXPECT_EQ(a.value->root->type, expr::Type::kText);
  const expr::Expr& score = *a.score->root;
  EXPECT_EQ(score.type, expr::Type::kNumber);
  EXPECT_EQ(score.args[0]->type, expr::Type::kBool);
  EXPECT_EQ(score.args[0]->args[0]->type, expr::Type::kText);
  EXPECT_EQ(score.args[2]->type, expr::Type::kNumber);
}

}  // namespace
}  // namespace assess::check
