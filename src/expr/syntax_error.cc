// This file's external interface is DescribeSyntaxError: the messages of syntax errors.
#include "expr/syntax_error.h"

#include <string>

namespace assess::expr {
namespace {

bool IsOpener(Tok kind) {
  return kind == Tok::kLParen || kind == Tok::kLBracket || kind == Tok::kLBrace;
}
bool IsCloser(Tok kind) {
  return kind == Tok::kRParen || kind == Tok::kRBracket || kind == Tok::kRBrace;
}
bool IsComparison(Tok kind) {
  switch (kind) {
    case Tok::kEq:
    case Tok::kNe:
    case Tok::kLt:
    case Tok::kLe:
    case Tok::kGt:
    case Tok::kGe:
    case Tok::kIn:
      return true;
    default:
      return false;
  }
}

// A token as the author wrote it, in backquotes; long literals are cut.
std::string Quote(std::string_view text, const Token& token) {
  if (token.kind != Tok::kNumber && token.kind != Tok::kText && token.kind != Tok::kName) {
    return std::string(TokSpelling(token.kind));
  }
  constexpr size_t kMax = 24;
  std::string_view s = text.substr(token.span.begin, token.span.end - token.span.begin);
  std::string cut(s);
  if (s.size() > kMax) {
    size_t n = kMax;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;  // UTF-8 boundary
    cut = std::string(s.substr(0, n)) + "...";
  }
  return "`" + cut + "`";
}

// The spelling without backquotes: "<" for `<`.
std::string_view Bare(Tok kind) {
  std::string_view s = TokSpelling(kind);
  return s.substr(1, s.size() - 2);
}

// The innermost bracket opened before tokens[at] and not closed before it.
const Token* UnclosedOpener(const std::vector<Token>& tokens, size_t at) {
  std::vector<const Token*> open;
  for (size_t i = 0; i < at && i < tokens.size(); ++i) {
    if (IsOpener(tokens[i].kind)) open.push_back(&tokens[i]);
    if (IsCloser(tokens[i].kind) && !open.empty()) open.pop_back();
  }
  return open.empty() ? nullptr : open.back();
}

// The comparison before tokens[at] in the same bracket level.
const Token* PreviousComparison(const std::vector<Token>& tokens, size_t at) {
  int depth = 0;
  for (size_t i = at; i-- > 0;) {
    Tok kind = tokens[i].kind;
    if (IsCloser(kind)) ++depth;
    if (IsOpener(kind)) --depth;
    if (depth == 0 && IsComparison(kind)) return &tokens[i];
  }
  return nullptr;
}

}  // namespace

ParseError DescribeSyntaxError(std::string_view text, const std::vector<Token>& tokens, size_t at,
                               std::string_view expected) {
  const bool at_end = at >= tokens.size();
  const uint32_t size = static_cast<uint32_t>(text.size());
  const Span here = at_end ? Span{size, size} : tokens[at].span;
  const Token* token = at_end ? nullptr : &tokens[at];
  const Token* prev = at > 0 && at <= tokens.size() ? &tokens[at - 1] : nullptr;
  const std::string found =
      at_end ? "unexpected end of expression" : "unexpected " + Quote(text, *token);
  auto error = [&](std::string message) { return ParseError{here, std::move(message)}; };

  if (expected == kExpectExpression) {
    if (at_end && !prev) return error("empty expression");
    if (token && prev && (token->kind == Tok::kIf || token->kind == Tok::kNot)) {
      return error(std::string(TokSpelling(token->kind)) + " must be in parentheses here, as in " +
                   (token->kind == Tok::kIf ? "`1 + (if c then a else b)`" : "`a == (not b)`"));
    }
    if (token && token->kind == Tok::kDot && at + 1 < tokens.size() &&
        tokens[at + 1].kind == Tok::kNumber && tokens[at + 1].span.begin == token->span.end) {
      const Token& number = tokens[at + 1];
      return ParseError{
          Span{token->span.begin, number.span.end},
          "a number must start with a digit: write `0" +
              std::string(text.substr(token->span.begin, number.span.end - token->span.begin)) +
              "`"};
    }
    std::string message = found + ": expected an expression";
    if (prev) message += " after " + Quote(text, *prev);
    return error(std::move(message));
  }

  if (expected == kExpectEnd) {
    if (IsCloser(token->kind)) {
      static constexpr std::string_view kOpeners[] = {"`(`", "`[`", "`{`"};
      int which = token->kind == Tok::kRParen ? 0 : token->kind == Tok::kRBracket ? 1 : 2;
      return error(found + ": there is no " + std::string(kOpeners[which]) + " to close");
    }
    return error(found + ": expected an operator or the end of the expression");
  }

  if (expected == kExpectNoChain) {
    const Token* first = PreviousComparison(tokens, at);
    if (!first || first->kind == Tok::kIn || token->kind == Tok::kIn) {
      return error("comparisons do not chain: join them with `and`, or add parentheses");
    }
    return error("comparisons do not chain: write `a " + std::string(Bare(first->kind)) +
                 " b and b " + std::string(Bare(token->kind)) + " c`");
  }

  if (expected == kExpectInOperand) {
    return error(found + ": expected a list `[...]` or a name after `in`");
  }
  if (expected == kExpectMember) return error(found + ": expected a member name after `.`");
  if (expected == kExpectKey) {
    return error(found + ": expected a map key (a text or a name) after `,`");
  }
  if (expected == TokSpelling(Tok::kThen)) {
    return error(found + ": expected `then` after the condition of `if`");
  }
  if (expected == TokSpelling(Tok::kElse)) {
    return error(found + ": expected `else`: an `if` needs both branches");
  }
  if (expected == TokSpelling(Tok::kColon)) {
    return error(found + ": expected `:` after the map key");
  }

  if (expected == TokSpelling(Tok::kRParen) || expected == TokSpelling(Tok::kRBracket) ||
      expected == TokSpelling(Tok::kRBrace)) {
    const Token* opener = UnclosedOpener(tokens, at);
    if (opener && at_end) {
      return ParseError{opener->span, "unclosed " + std::string(TokSpelling(opener->kind)) +
                                          ": no matching " + std::string(expected) +
                                          " before the end"};
    }
    const bool empty = opener && prev == opener;
    const bool call = opener && opener->kind == Tok::kLParen && opener > tokens.data() &&
                      opener[-1].kind == Tok::kName;
    std::string want;
    if (opener && opener->kind == Tok::kLBrace) {
      want = empty ? "a key (a text or a name) or `}`" : "`,` or `}`";
    } else if (opener && opener->kind == Tok::kLParen && !call) {
      want = "`)`";
    } else {
      want = std::string(empty ? "an expression or " : "`,` or ") + std::string(expected);
    }
    return error(found + ": expected " + want);
  }

  return error(found + ": expected " + std::string(expected));
}

}  // namespace assess::expr
