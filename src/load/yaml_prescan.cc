// This file's external interface is PrescanYaml (and its parts CheckEncoding and
// CheckNesting).
//
// The nesting scan is a rough YAML reader, exact enough to count levels: block levels are
// the distinct indentation columns open at a line (a compact "- - x" opens one per
// indicator), flow levels the open `[` / `{`. It knows quoted scalars, comments and block
// scalars (`|`, `>`), whose contents may hold brackets and quotes that mean nothing. It
// errs only toward counting fewer levels on odd input, and yaml-cpp's own guard at 2,000
// levels remains behind it.
#include "load/yaml_prescan.h"

#include <fmt/format.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <vector>

namespace assess::load {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

// The characters that change the nesting scan's state where no node may start (blanks do
// not: a comment's `#` looks back at the character before it).
constexpr std::array<bool, 256> CharSet(std::string_view chars) {
  std::array<bool, 256> set{};
  for (char c : chars) set[static_cast<unsigned char>(c)] = true;
  return set;
}
constexpr std::array<bool, 256> kMattersInBlock = CharSet("#:");
constexpr std::array<bool, 256> kMattersInFlow = CharSet("#:[]{},?");
bool IsBlankOrEnd(std::string_view line, std::size_t k) {
  return k >= line.size() || IsBlank(line[k]) || line[k] == '\r';
}

// The length of the valid UTF-8 sequence at text[i], or 0.
std::size_t Utf8Length(std::string_view text, std::size_t i) {
  auto byte = [&](std::size_t k) -> unsigned { return static_cast<unsigned char>(text[k]); };
  unsigned c = byte(i);
  if (c < 0x80) return 1;
  std::size_t n;
  uint32_t cp;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
    cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + n > text.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  // Overlong forms, UTF-16 surrogates and code points past U+10FFFF.
  if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10FFFF ||
      (cp >= 0xD800 && cp <= 0xDFFF)) {
    return 0;
  }
  return n;
}

}  // namespace

bool CheckEncoding(std::string_view text, const SourceMap& map, DiagnosticSink& sink) {
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  constexpr uint64_t kHighBits = 0x8080808080808080ull;
  std::size_t i = 0;
  while (i < text.size()) {
    // Eight ASCII bytes, none of them NUL, at a time.
    if (i + 8 <= text.size()) {
      uint64_t word;
      std::memcpy(&word, text.data() + i, 8);
      bool has_nul = ((word - kOnes) & ~word & kHighBits) != 0;
      if ((word & kHighBits) == 0 && !has_nul) {
        i += 8;
        continue;
      }
    }
    if (text[i] == '\0') {
      sink.Error(map.PosOf(i), "the file holds a NUL byte: a rule file is UTF-8 text");
      return false;
    }
    std::size_t n = Utf8Length(text, i);
    if (n == 0) {
      sink.Error(map.PosOf(i),
                 fmt::format("invalid UTF-8 (byte 0x{:02X}) on line {}: a rule file is UTF-8 text",
                             static_cast<unsigned char>(text[i]), map.PosOf(i).line));
      return false;
    }
    i += n;
  }
  return true;
}

bool CheckNesting(std::string_view text, const SourceMap& map, int max_depth,
                  DiagnosticSink& sink) {
  const std::size_t limit = max_depth < 0 ? 0 : static_cast<std::size_t>(max_depth);
  std::vector<std::size_t> levels;  // indentation columns of the open block levels
  std::size_t flow = 0;             // open `[` and `{`
  char quote = 0;                   // inside a quoted scalar that spans lines
  long block_scalar_parent = -1;    // inside a block scalar: lines indented more than this
  auto too_deep = [&](std::size_t offset) {
    sink.Error(map.PosOf(offset),
               fmt::format("the YAML is nested more than {} levels deep", max_depth));
    return false;
  };

  std::vector<std::size_t> cols;  // per line, reused
  std::size_t line_start = 0;
  while (line_start < text.size()) {
    std::size_t eol = text.find('\n', line_start);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(line_start, eol - line_start);
    std::size_t indent = 0;
    while (indent < line.size() && line[indent] == ' ') ++indent;
    std::size_t first = indent;
    while (first < line.size() && IsBlank(line[first])) ++first;
    bool blank = first >= line.size() || line[first] == '\r';

    if (block_scalar_parent >= 0) {
      if (blank || static_cast<long>(indent) > block_scalar_parent) {
        line_start = eol + 1;
        continue;
      }
      block_scalar_parent = -1;
    }

    // The block levels this line is at: its indentation, then one per compact indicator.
    cols.clear();
    if (quote == 0 && flow == 0 && !blank && line[first] != '#') {
      cols.push_back(indent);
      std::size_t k = indent;
      while (k < line.size() && (line[k] == '-' || line[k] == '?' || line[k] == ':') &&
             IsBlankOrEnd(line, k + 1)) {
        ++k;
        while (k < line.size() && IsBlank(line[k])) ++k;
        if (k < line.size() && line[k] != '#' && line[k] != '\r') cols.push_back(k);
      }
      while (!levels.empty() && levels.back() > cols.front()) levels.pop_back();
      for (std::size_t c : cols) {
        if (levels.empty() || levels.back() < c) levels.push_back(c);
      }
      if (levels.size() > limit) return too_deep(line_start + cols.back());
    }

    bool expect_node = quote == 0;  // at a place where a scalar or collection may start
    for (std::size_t k = 0; k < line.size(); ++k) {
      // Skip what cannot change the state: inside quotes, all but the closing quote (and
      // escapes); elsewhere, when no node may start here, all but a few characters.
      if (quote == '\'') {
        while (k < line.size() && line[k] != '\'') ++k;
      } else if (quote == '"') {
        while (k < line.size() && line[k] != '"' && line[k] != '\\') ++k;
      } else if (!expect_node) {
        const bool* matters = flow > 0 ? kMattersInFlow.data() : kMattersInBlock.data();
        while (k < line.size() && !matters[static_cast<unsigned char>(line[k])]) ++k;
      }
      if (k >= line.size()) break;
      char c = line[k];
      if (quote == '\'') {
        if (c == '\'') {
          if (k + 1 < line.size() && line[k + 1] == '\'') {
            ++k;
          } else {
            quote = 0;
          }
        }
        continue;
      }
      if (quote == '"') {
        if (c == '\\') {
          ++k;
        } else if (c == '"') {
          quote = 0;
        }
        continue;
      }
      if (IsBlank(c) || c == '\r') continue;
      if (c == '#' && (k == 0 || IsBlank(line[k - 1]))) break;
      if (flow > 0 && (c == '[' || c == '{')) {
        ++flow;
        if (levels.size() + flow > limit) return too_deep(line_start + k);
        expect_node = true;
      } else if (flow > 0 && (c == ']' || c == '}')) {
        --flow;
        expect_node = false;
      } else if (flow > 0 && (c == ',' || c == ':' || c == '?')) {
        expect_node = true;
      } else if (flow == 0 && IsBlankOrEnd(line, k + 1) &&
                 (c == ':' || (expect_node && (c == '-' || c == '?')))) {
        expect_node = true;
      } else if (expect_node && (c == '&' || c == '!')) {
        while (k + 1 < line.size() && !IsBlank(line[k + 1])) ++k;  // a property
      } else if (expect_node && (c == '[' || c == '{')) {
        ++flow;
        if (levels.size() + flow > limit) return too_deep(line_start + k);
      } else if (expect_node && (c == '\'' || c == '"')) {
        quote = c;
        expect_node = false;
      } else if (expect_node && flow == 0 && (c == '|' || c == '>')) {
        // A block scalar: its content lines are those indented more than its parent.
        std::size_t parent = indent;
        for (std::size_t col : cols) {
          if (col < k) parent = col;
        }
        block_scalar_parent = static_cast<long>(parent);
        break;
      } else {
        expect_node = false;
      }
    }
    line_start = eol + 1;
  }
  return true;
}

bool PrescanYaml(std::string_view text, const SourceMap& map, const LoadLimits& limits,
                 DiagnosticSink& sink) {
  if (text.size() > limits.max_file_bytes) {
    sink.Error(SourcePos{}, fmt::format("the file is {} bytes, more than the limit of {} bytes",
                                        text.size(), limits.max_file_bytes));
    return false;
  }
  return CheckEncoding(text, map, sink) && CheckNesting(text, map, limits.max_yaml_depth, sink);
}

}  // namespace assess::load
