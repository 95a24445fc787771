// The expression scanner: splits an expression's text into tokens, reports lexical errors
// (unknown characters, unclosed texts, a misplaced `%`), and enforces the length and
// nesting-depth limits with one linear pass, before the recursive X3 grammar runs.
//
// The grammar (parser.cc) parses this token vector, not the characters: a single lexer
// serves both the grammar and the depth pre-scan, so the two can never disagree on where a
// text literal ends or whether a `-` is unary, which the depth bound relies on.
#ifndef ASSESS_EXPR_SCANNER_H_
#define ASSESS_EXPR_SCANNER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "expr/ast.h"
#include "expr/parser.h"

namespace assess::expr {

// clang-format off
enum class Tok : uint8_t {
  kNumber, kText, kName,
  kIf, kThen, kElse, kAnd, kOr, kNot, kIn, kTrue, kFalse, kNull,  // keywords
  kLParen, kRParen, kLBracket, kRBracket, kLBrace, kRBrace,
  kComma, kColon, kDot,
  kPlus, kMinus, kStar, kSlash, kCaret,
  kEq, kNe, kLt, kLe, kGt, kGe,
};
// clang-format on
inline constexpr int kTokKinds = static_cast<int>(Tok::kGe) + 1;

struct Token {
  Tok kind = Tok::kName;
  Span span;
  double number = 0;  // kNumber: the value (a percentage already divided by 100)
  uint32_t text = 0;  // kText: index into ScanResult::texts (the decoded value)
};

struct ScanResult {
  std::vector<Token> tokens;
  std::vector<std::string> texts;  // decoded text literals
  std::optional<ParseError> error;
};

// Tokenizes `text` and checks limits.max_chars and limits.max_depth (see scanner.cc for
// how depth is counted). On error, `tokens` holds what was read before it.
ScanResult Scan(std::string_view text, const ParseLimits& limits);

// How a token kind is written in messages: "`)`", "`and`"; "a number" etc. for literals.
std::string_view TokSpelling(Tok kind);

}  // namespace assess::expr

#endif  // ASSESS_EXPR_SCANNER_H_
