// This file's external interface is RenderDiagnostic and DiagnosticsJson (with UnderlineAt,
// TokenLength, SourceLines and ColorOnStderr): diagnostics as a compiler shows them.
#include "diagnostics_view.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>

namespace assess::cli {
namespace {

// One decoded code point and the bytes it took (a bad byte counts as one code point of
// its own, as U+FFFD, so a broken line still lines up).
struct CodePoint {
  char32_t value;
  int bytes;
};

CodePoint Decode(std::string_view s, size_t at) {
  const auto b = static_cast<unsigned char>(s[at]);
  int n = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
  if (n == 0 || at + n > s.size()) return {0xFFFD, 1};
  char32_t v = n == 1 ? b : b & (0x7F >> n);
  for (int i = 1; i < n; ++i) {
    const auto c = static_cast<unsigned char>(s[at + i]);
    if ((c >> 6) != 2) return {0xFFFD, 1};
    v = (v << 6) | (c & 0x3F);
  }
  return {v, n};
}

// Display width on a terminal: East Asian wide and fullwidth characters take two columns
// (the ranges of Unicode's EastAsianWidth W and F that Chinese text uses).
int Width(char32_t c) {
  const bool wide = (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) ||
                    (c >= 0x3041 && c <= 0x33FF) || (c >= 0x3400 && c <= 0x4DBF) ||
                    (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
                    (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
                    (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
                    (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
  return wide ? 2 : 1;
}

std::vector<char32_t> Decode(std::string_view line) {
  std::vector<char32_t> out;
  for (size_t at = 0; at < line.size();) {
    const CodePoint cp = Decode(line, at);
    out.push_back(cp.value);
    at += cp.bytes;
  }
  return out;
}

bool IsNameChar(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
bool IsDigit(char32_t c) { return c >= '0' && c <= '9'; }

// The token's length at index `i` of the decoded line (see TokenLength).
int TokenLengthAt(const std::vector<char32_t>& cps, size_t i) {
  if (i >= cps.size()) return 1;
  const char32_t c = cps[i];
  size_t j = i + 1;
  if (c == '"' || c == '\'') {
    while (j < cps.size() && cps[j] != c) j += cps[j] == '\\' && j + 1 < cps.size() ? 2 : 1;
    return static_cast<int>(std::min(j + 1, cps.size()) - i);
  }
  if (IsDigit(c)) {
    while (j < cps.size() &&
           (IsDigit(cps[j]) || cps[j] == '.' || cps[j] == 'e' || cps[j] == 'E' || cps[j] == '%' ||
            ((cps[j] == '+' || cps[j] == '-') && (cps[j - 1] == 'e' || cps[j - 1] == 'E')))) {
      ++j;
    }
    return static_cast<int>(j - i);
  }
  if (c >= 0x80 && c != 0xFFFD) {
    // A word in another script (an id written in Chinese): up to the next ASCII character.
    while (j < cps.size() && cps[j] >= 0x80) ++j;
    return static_cast<int>(j - i);
  }
  if (IsNameChar(c)) {
    // A name, with `.value` when it reads a node's value (`gdp.value`).
    while (j < cps.size() && (IsNameChar(cps[j]) ||
                              (cps[j] == '.' && j + 1 < cps.size() && IsNameChar(cps[j + 1])))) {
      ++j;
    }
    return static_cast<int>(j - i);
  }
  if (j < cps.size() && cps[j] == '=' && (c == '=' || c == '!' || c == '<' || c == '>')) return 2;
  return 1;
}

constexpr const char* kBold = "\033[1m";
constexpr const char* kRed = "\033[1;31m";
constexpr const char* kMagenta = "\033[1;35m";
constexpr const char* kGreen = "\033[1;32m";
constexpr const char* kReset = "\033[0m";

}  // namespace

int TokenLength(std::string_view line, int column) {
  const std::vector<char32_t> cps = Decode(line);
  return TokenLengthAt(cps, column > 0 ? static_cast<size_t>(column - 1) : 0);
}

Underline UnderlineAt(std::string_view line, int column) {
  Underline u;
  const std::vector<char32_t> cps = Decode(line);
  const size_t at = column > 0 ? static_cast<size_t>(column - 1) : 0;
  const int length = TokenLengthAt(cps, at);
  for (char32_t c : cps) {
    if (c == '\t') {
      u.line += ' ';
      continue;
    }
    char buf[4];
    int n = 0;
    if (c < 0x80) {
      buf[n++] = static_cast<char>(c);
    } else if (c < 0x800) {
      buf[n++] = static_cast<char>(0xC0 | (c >> 6));
      buf[n++] = static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      buf[n++] = static_cast<char>(0xE0 | (c >> 12));
      buf[n++] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      buf[n++] = static_cast<char>(0x80 | (c & 0x3F));
    } else {
      buf[n++] = static_cast<char>(0xF0 | (c >> 18));
      buf[n++] = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      buf[n++] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      buf[n++] = static_cast<char>(0x80 | (c & 0x3F));
    }
    u.line.append(buf, n);
  }
  for (size_t i = 0; i < at; ++i) u.caret += i < cps.size() ? Width(cps[i]) : 1;
  u.width = 0;
  for (size_t i = at; i < at + static_cast<size_t>(length); ++i) {
    u.width += i < cps.size() ? Width(cps[i]) : 1;
  }
  return u;
}

bool SourceLines::Get(const std::string& file, int line, std::string* text) {
  if (!loaded_ || file != file_) {
    file_ = file;
    loaded_ = true;
    lines_.clear();
    std::ifstream in(file, std::ios::binary);
    std::string l;
    while (in && std::getline(in, l)) {
      if (!l.empty() && l.back() == '\r') l.pop_back();
      lines_.push_back(std::move(l));
    }
    // A UTF-8 byte order mark is not part of the first line's columns.
    if (!lines_.empty() && lines_[0].rfind("\xEF\xBB\xBF", 0) == 0) lines_[0].erase(0, 3);
  }
  if (line <= 0 || static_cast<size_t>(line) > lines_.size()) return false;
  *text = lines_[line - 1];
  return true;
}

bool ColorOnStderr(ColorMode mode) {
  if (mode != ColorMode::kAuto) return mode == ColorMode::kAlways;
  const char* term = std::getenv("TERM");
  const char* no_color = std::getenv("NO_COLOR");
  return isatty(STDERR_FILENO) && !(term && std::strcmp(term, "dumb") == 0) &&
         !(no_color && *no_color);
}

std::string RenderDiagnostic(const Diagnostic& d, SourceLines& sources, bool color) {
  const bool error = d.severity == Severity::kError;
  const auto paint = [&](const char* code, const std::string& text) {
    return color ? fmt::format("{}{}{}", code, text, kReset) : text;
  };
  std::string out;
  const std::string where =
      d.line > 0 ? fmt::format("{}:{}:{}:", d.file, d.line, d.column) : d.file + ":";
  out += paint(kBold, where) + " ";
  out += paint(error ? kRed : kMagenta, error ? "error:" : "warning:") + " ";
  out += paint(kBold, d.message);
  std::string text;
  if (d.line > 0 && sources.Get(d.file, d.line, &text)) {
    const Underline u = UnderlineAt(text, d.column);
    const std::string number = std::to_string(d.line);
    const std::string gutter(number.size(), ' ');
    out += fmt::format("\n {} | {}\n {} | {}", number, u.line, gutter, std::string(u.caret, ' '));
    out += paint(kGreen, "^" + std::string(u.width > 1 ? u.width - 1 : 0, '~'));
  }
  return out;
}

std::string DiagnosticsJson(const std::string& file, bool ok,
                            const std::vector<Diagnostic>& diagnostics, SourceLines& sources) {
  nlohmann::json list = nlohmann::json::array();
  for (const Diagnostic& d : diagnostics) {
    nlohmann::json j = {{"file", d.file},
                        {"line", d.line},
                        {"column", d.column},
                        {"end_column", 0},
                        {"severity", d.severity == Severity::kError ? "error" : "warning"},
                        {"message", d.message}};
    std::string text;
    if (d.line > 0 && sources.Get(d.file, d.line, &text)) {
      j["end_column"] = d.column + TokenLength(text, d.column);
      j["source"] = text;
    }
    list.push_back(std::move(j));
  }
  const nlohmann::json doc = {{"file", file}, {"ok", ok}, {"diagnostics", std::move(list)}};
  // Invalid UTF-8 in a message (it quotes the file) is replaced, never thrown on.
  return doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace assess::cli
