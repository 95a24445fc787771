// Turns the point where the grammar stopped into a message for rule authors ("unexpected
// `)`: expected an expression after `+`", "unclosed `(`"), with no X3 internals in it.
#ifndef ASSESS_EXPR_SYNTAX_ERROR_H_
#define ASSESS_EXPR_SYNTAX_ERROR_H_

#include <cstddef>
#include <string_view>
#include <vector>

#include "expr/parser.h"
#include "expr/scanner.h"

namespace assess::expr {

// What the grammar expected where it stopped: the names of its rules (parser.cc). An
// expected single token is named by its TokSpelling ("`then`", "`)`").
inline constexpr const char* kExpectExpression = "expression";
inline constexpr const char* kExpectEnd = "end";
inline constexpr const char* kExpectNoChain = "no-chain";      // no second comparison
inline constexpr const char* kExpectInOperand = "in-operand";  // a list or a name
inline constexpr const char* kExpectMember = "member";         // a word after `.`
inline constexpr const char* kExpectKey = "key";               // a map key after `,`

// The grammar stopped at tokens[at] (at == tokens.size(): at the end) expecting `expected`.
ParseError DescribeSyntaxError(std::string_view text, const std::vector<Token>& tokens,
                               std::size_t at, std::string_view expected);

}  // namespace assess::expr

#endif  // ASSESS_EXPR_SYNTAX_ERROR_H_
