// This file's external interface is Scan (and TokSpelling): the expression lexer with the
// length limit and the linear nesting-depth pre-scan.
#include "expr/scanner.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <system_error>
#include <utility>

namespace assess::expr {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsWordStart(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
bool IsWordChar(char c) { return IsWordStart(c) || IsDigit(c); }

constexpr std::pair<std::string_view, Tok> kKeywords[] = {
    {"if", Tok::kIf},       {"then", Tok::kThen}, {"else", Tok::kElse}, {"and", Tok::kAnd},
    {"or", Tok::kOr},       {"not", Tok::kNot},   {"in", Tok::kIn},     {"true", Tok::kTrue},
    {"false", Tok::kFalse}, {"null", Tok::kNull},
};

// A token after which `-` is binary: one that can end an operand.
bool EndsOperand(Tok kind) {
  switch (kind) {
    case Tok::kNumber:
    case Tok::kText:
    case Tok::kName:
    case Tok::kTrue:
    case Tok::kFalse:
    case Tok::kNull:
    case Tok::kRParen:
    case Tok::kRBracket:
    case Tok::kRBrace:
      return true;
    default:
      return false;
  }
}

// The grammar recurses (a) into every bracket ( [ {, and (b) once for each `if`, `not`,
// unary `-` and `^` whose operand is still being parsed. DepthCounter tracks an upper
// bound of (a) + (b) from the tokens alone, per bracket level:
// - `if` stays open until its bracket level ends, or a `,` / `:` ends the element it is
//   in (an `if` can only start an element, so ifs at one level without a comma between
//   them are nested);
// - a `not`'s operand is a comparison: it ends at `and` `or` `then` `else` `,` `:`;
// - a unary `-`'s or `^`'s operand is a power: it ends at any of those or at a binary
//   operator other than `^`.
// A closing bracket ends everything opened inside it. The bound may over-estimate (an
// `if` in a condition stays counted after its `then`) but never under-estimates for a
// prefix of text that the grammar accepts, and the grammar recurses only into such
// prefixes.
class DepthCounter {
 public:
  // Returns false if the token takes the depth over `max_depth`.
  bool Add(Tok kind, bool unary_minus, int max_depth) {
    Level& level = levels_.back();
    switch (kind) {
      case Tok::kLParen:
      case Tok::kLBracket:
      case Tok::kLBrace:
        levels_.emplace_back();
        return ++total_ <= max_depth;
      case Tok::kRParen:
      case Tok::kRBracket:
      case Tok::kRBrace:
        if (levels_.size() > 1) {  // an unmatched closer is the grammar's to report
          total_ -= 1 + level.ifs + level.nots + level.negs;
          levels_.pop_back();
        }
        return true;
      case Tok::kIf:
        ++level.ifs;
        return ++total_ <= max_depth;
      case Tok::kNot:
        ++level.nots;
        return ++total_ <= max_depth;
      case Tok::kCaret:
        ++level.negs;
        return ++total_ <= max_depth;
      case Tok::kMinus:
        if (unary_minus) {
          ++level.negs;
          return ++total_ <= max_depth;
        }
        EndPower(level);
        return true;
      case Tok::kPlus:
      case Tok::kStar:
      case Tok::kSlash:
      case Tok::kIn:
      case Tok::kEq:
      case Tok::kNe:
      case Tok::kLt:
      case Tok::kLe:
      case Tok::kGt:
      case Tok::kGe:
        EndPower(level);
        return true;
      case Tok::kAnd:
      case Tok::kOr:
      case Tok::kThen:
      case Tok::kElse:
        EndPower(level);
        total_ -= level.nots;
        level.nots = 0;
        return true;
      case Tok::kComma:
      case Tok::kColon:
        EndPower(level);
        total_ -= level.nots + level.ifs;
        level.nots = level.ifs = 0;
        return true;
      default:
        return true;
    }
  }

 private:
  struct Level {
    int ifs = 0;
    int nots = 0;
    int negs = 0;  // unary minus and `^`
  };
  void EndPower(Level& level) {
    total_ -= level.negs;
    level.negs = 0;
  }

  std::vector<Level> levels_ = std::vector<Level>(1);
  int total_ = 0;
};

// "8" -> "0.08", "12.5" -> "0.125", "1e3" -> "0.01e3": the decimal point moved two places
// left in the text, so that from_chars rounds the exact decimal once (rule-language §16).
std::string ShiftPercent(std::string_view literal) {
  size_t exp = literal.find_first_of("eE");
  std::string_view mantissa = literal.substr(0, exp);
  std::string_view exponent = exp == std::string_view::npos ? "" : literal.substr(exp);
  size_t dot = mantissa.find('.');
  std::string whole(mantissa.substr(0, dot));
  std::string_view frac = dot == std::string_view::npos ? "" : mantissa.substr(dot + 1);
  if (whole.size() < 3) whole.insert(0, 3 - whole.size(), '0');
  std::string out = whole.substr(0, whole.size() - 2);
  out += '.';
  out += whole.substr(whole.size() - 2);
  out += frac;
  out += exponent;
  return out;
}

class Scanner {
 public:
  Scanner(std::string_view text, const ParseLimits& limits, ScanResult& out)
      : text_(text), limits_(limits), out_(out) {}

  void Run() {
    if (text_.size() > limits_.max_chars || text_.size() >= UINT32_MAX) {
      Fail(std::min<size_t>(limits_.max_chars, UINT32_MAX - 1),
           std::min<size_t>(text_.size(), UINT32_MAX - 1),
           "expression too long: " + std::to_string(text_.size()) + " characters, the limit is " +
               std::to_string(limits_.max_chars));
      return;
    }
    while (!out_.error) {
      while (pos_ < text_.size() && IsSpace(text_[pos_])) ++pos_;
      if (pos_ == text_.size()) return;
      char c = text_[pos_];
      if (IsDigit(c)) {
        LexNumber();
      } else if (IsWordStart(c)) {
        LexWord();
      } else if (c == '"' || c == '\'') {
        LexText(c);
      } else {
        LexPunct();
      }
    }
  }

 private:
  static bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

  void Fail(size_t begin, size_t end, std::string message) {
    out_.error = ParseError{Span{static_cast<uint32_t>(begin), static_cast<uint32_t>(end)},
                            std::move(message)};
  }

  void Emit(Tok kind, size_t begin, size_t end, double number = 0, uint32_t text = 0) {
    bool unary_minus = out_.tokens.empty() || !EndsOperand(out_.tokens.back().kind);
    out_.tokens.push_back(
        Token{kind, Span{static_cast<uint32_t>(begin), static_cast<uint32_t>(end)}, number, text});
    if (!depth_.Add(kind, unary_minus, limits_.max_depth)) {
      Fail(begin, end,
           "expression nested too deeply: more than " + std::to_string(limits_.max_depth) +
               " levels of brackets, `if`, `not`, `-` or `^`");
    }
    pos_ = end;
  }

  // number -> digits [ "." digits ] [ ("e" | "E") ["+" | "-"] digits ] [ "%" ]
  // `.5` and `5.` are not numbers (write `0.5`, `5`), as in the data syntax (rule-language §16).
  void LexNumber() {
    size_t begin = pos_, i = pos_;
    auto digit_at = [&](size_t k) { return k < text_.size() && IsDigit(text_[k]); };
    while (digit_at(i)) ++i;
    if (i < text_.size() && text_[i] == '.') {
      if (!digit_at(i + 1)) {
        return Fail(i, i + 1,
                    "a number needs digits after `.`: write `" +
                        std::string(text_.substr(begin, i - begin)) + "` or `" +
                        std::string(text_.substr(begin, i - begin)) + ".0`");
      }
      ++i;
      while (digit_at(i)) ++i;
    }
    if (i < text_.size() && (text_[i] == 'e' || text_[i] == 'E')) {
      size_t k = i + 1;
      if (k < text_.size() && (text_[k] == '+' || text_[k] == '-')) ++k;
      if (digit_at(k)) {  // else `e` starts a word: `2else` is `2 else`
        i = k;
        while (digit_at(i)) ++i;
      }
    }
    std::string_view literal = text_.substr(begin, i - begin);
    bool percent = i < text_.size() && text_[i] == '%';
    double value = 0;
    std::from_chars_result r;
    if (percent) {
      std::string shifted = ShiftPercent(literal);
      r = std::from_chars(shifted.data(), shifted.data() + shifted.size(), value);
      ++i;
    } else {
      r = std::from_chars(literal.data(), literal.data() + literal.size(), value);
    }
    if (r.ec != std::errc()) {
      return Fail(begin, i,
                  "number out of range: `" + std::string(text_.substr(begin, i - begin)) + "`");
    }
    Emit(Tok::kNumber, begin, i, value);
  }

  void LexWord() {
    size_t i = pos_;
    while (i < text_.size() && IsWordChar(text_[i])) ++i;
    std::string_view word = text_.substr(pos_, i - pos_);
    Tok kind = Tok::kName;
    for (const auto& [spelling, keyword] : kKeywords) {
      if (word == spelling) kind = keyword;
    }
    Emit(kind, pos_, i);
  }

  // text -> quote { char | "\" quote-char | "\\" } quote, where quote is `"` or `'`.
  // Other bytes (newlines, UTF-8) are taken as they are.
  void LexText(char quote) {
    size_t begin = pos_, i = pos_ + 1;
    std::string value;
    while (true) {
      if (i >= text_.size() || (text_[i] == '\\' && i + 1 >= text_.size())) {
        return Fail(begin, begin + 1,
                    std::string("unclosed text: no closing `") + quote + "` before the end");
      }
      char c = text_[i];
      if (c == quote) break;
      if (c == '\\') {
        char next = text_[i + 1];
        if (next != '"' && next != '\'' && next != '\\') {
          size_t end = i + 1 + CharLength(i + 1);
          return Fail(i, end,
                      "unknown escape `" + std::string(text_.substr(i, end - i)) +
                          "` in a text: only `\\\"`, `\\'` and `\\\\` are allowed");
        }
        value += next;
        i += 2;
        continue;
      }
      value += c;
      ++i;
    }
    out_.texts.push_back(std::move(value));
    Emit(Tok::kText, begin, i + 1, 0, static_cast<uint32_t>(out_.texts.size() - 1));
  }

  void LexPunct() {
    size_t i = pos_;
    char c = text_[i];
    char next = i + 1 < text_.size() ? text_[i + 1] : '\0';
    auto two = [&](Tok kind) { Emit(kind, i, i + 2); };
    auto one = [&](Tok kind) { Emit(kind, i, i + 1); };
    switch (c) {
      case '(':
        return one(Tok::kLParen);
      case ')':
        return one(Tok::kRParen);
      case '[':
        return one(Tok::kLBracket);
      case ']':
        return one(Tok::kRBracket);
      case '{':
        return one(Tok::kLBrace);
      case '}':
        return one(Tok::kRBrace);
      case ',':
        return one(Tok::kComma);
      case ':':
        return one(Tok::kColon);
      case '.':
        return one(Tok::kDot);
      case '+':
        return one(Tok::kPlus);
      case '-':
        return one(Tok::kMinus);
      case '/':
        return one(Tok::kSlash);
      case '^':
        return one(Tok::kCaret);
      case '*':
        if (next == '*') return Fail(i, i + 2, "`**` is not an operator: write `^` for a power");
        return one(Tok::kStar);
      case '<':
        return next == '=' ? two(Tok::kLe) : one(Tok::kLt);
      case '>':
        return next == '=' ? two(Tok::kGe) : one(Tok::kGt);
      case '=':
        if (next == '=') return two(Tok::kEq);
        return Fail(i, i + 1, "`=` is not an operator: write `==` to compare");
      case '!':
        if (next == '=') return two(Tok::kNe);
        return Fail(i, i + 1, "`!` is not an operator: write `not` (or `!=`)");
      case '&': {
        size_t n = next == '&' ? 2 : 1;
        return Fail(i, i + n, "`" + std::string(n, '&') + "` is not an operator: write `and`");
      }
      case '|': {
        size_t n = next == '|' ? 2 : 1;
        return Fail(i, i + n, "`" + std::string(n, '|') + "` is not an operator: write `or`");
      }
      case '%':
        if (i > 0 && !out_.tokens.empty() && out_.tokens.back().kind == Tok::kNumber &&
            out_.tokens.back().span.end < i) {
          return Fail(i, i + 1, "`%` must follow its number directly, as in `8%`");
        }
        return Fail(i, i + 1, "`%` must follow a number, as in `8%`");
      default:
        return FailUnknown(i);
    }
  }

  // The length of the UTF-8 sequence that starts at i (1 for ASCII or a stray byte).
  size_t CharLength(size_t i) const {
    unsigned char c = static_cast<unsigned char>(text_[i]);
    size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    return std::min(n, text_.size() - i);
  }

  void FailUnknown(size_t i) {
    unsigned char c = static_cast<unsigned char>(text_[i]);
    size_t n = CharLength(i);
    std::string_view ch = text_.substr(i, n);
    if (c < 0x20 || c == 0x7F) {
      char code[16];
      std::snprintf(code, sizeof code, "U+%04X", c);
      return Fail(i, i + 1, std::string("unknown character ") + code);
    }
    std::string message = "unknown character `" + std::string(ch) + "`";
    if (ch == "\u201C" || ch == "\u201D" || ch == "\u2018" || ch == "\u2019") {
      message += ": write texts with straight quotes, `\"` or `'`";
    }
    Fail(i, i + n, std::move(message));
  }

  std::string_view text_;
  const ParseLimits& limits_;
  ScanResult& out_;
  size_t pos_ = 0;
  DepthCounter depth_;
};

}  // namespace

ScanResult Scan(std::string_view text, const ParseLimits& limits) {
  ScanResult result;
  Scanner(text, limits, result).Run();
  return result;
}

std::string_view TokSpelling(Tok kind) {
  static constexpr std::string_view kSpellings[kTokKinds] = {
      "a number", "a text", "a name",  "`if`",   "`then`", "`else`", "`and`", "`or`", "`not`",
      "`in`",     "`true`", "`false`", "`null`", "`(`",    "`)`",    "`[`",   "`]`",  "`{`",
      "`}`",      "`,`",    "`:`",     "`.`",    "`+`",    "`-`",    "`*`",   "`/`",  "`^`",
      "`==`",     "`!=`",   "`<`",     "`<=`",   "`>`",    "`>=`",
  };
  return kSpellings[static_cast<int>(kind)];
}

}  // namespace assess::expr
