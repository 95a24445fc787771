// Parses one expression (rule-language §8, §12) into an AST with spans. The grammar is Boost.Spirit
// X3 and lives in parser.cc alone (Spirit compiles slowly; one translation unit).
#ifndef ASSESS_EXPR_PARSER_H_
#define ASSESS_EXPR_PARSER_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "expr/ast.h"

namespace assess::expr {

// Hostile input gets an error, never a crash or a hang: the text's length, its nesting
// depth (brackets, `if`, `not`, unary minus, `^` chains) and its number of AST nodes are
// bounded. Depth is checked by a linear pre-scan before the recursive grammar runs.
struct ParseLimits {
  std::size_t max_chars = 10000;
  int max_depth = 64;
  std::size_t max_nodes = 5000;
};

struct ParseError {
  Span span;            // the offending token (an empty span at the end: "unexpected end")
  std::string message;  // e.g. "comparisons do not chain: write `a < b and b < c`"
};

struct ParseResult {
  ExprPtr root;                     // set when the parse succeeded
  std::optional<ParseError> error;  // set when it failed
};

ParseResult Parse(std::string_view text, const ParseLimits& limits = {});

// A canonical one-line dump for tests: S-expressions with every operator spelled out, e.g.
// `a + b * 2` -> "(+ a (* b 2))", `if c then 1 else 2` -> "(if c 1 2)", `f(x, [1, 2])` ->
// "(call f x (list 1 2))", `{"A": 1}` -> "(map A:1)", `x in [1]` -> "(in x (list 1))",
// `gdp.value` -> "gdp.value", "A" -> "\"A\"", `-x` -> "(neg x)", `not x` -> "(not x)".
// Numbers print in shortest form (8% -> 0.08).
std::string Dump(const Expr& e);

}  // namespace assess::expr

#endif  // ASSESS_EXPR_PARSER_H_
