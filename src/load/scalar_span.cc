// This file's external interface is SkipNodeProperties, AlignScalar, DecodeEscape and
// AppendUtf8.
//
// AlignScalar walks the source and the parsed value together: a value byte equal to the
// source byte maps there; otherwise the source is advanced over what parsing removed
// (opening quotes, block headers, indentation, line breaks, doubled quotes, escape
// backslashes) until the value byte is found. Folding turns a line break into a space or
// drops it, so a space or line break of the value may match any space or line break of
// the source. This needs no second YAML scanner, and it keeps every byte that a token
// starts with exactly in place, which is what diagnostics point at.
#include "load/scalar_span.h"

#include <algorithm>

namespace assess::load {
namespace {

bool IsSpaceOrBreak(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

enum class Style { kPlain, kSingle, kDouble, kBlock };

Style StyleAt(std::string_view source, std::size_t start) {
  if (start >= source.size()) return Style::kPlain;
  switch (source[start]) {
    case '\'':
      return Style::kSingle;
    case '"':
      return Style::kDouble;
    case '|':
    case '>':
      return Style::kBlock;
    default:
      return Style::kPlain;
  }
}

}  // namespace

void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

Escape DecodeEscape(std::string_view source, std::size_t at) {
  Escape e;
  if (at + 1 >= source.size() || source[at] != '\\') return e;
  char c = source[at + 1];
  auto simple = [&](char byte) {
    e.bytes.assign(1, byte);
    e.length = 2;
    return e;
  };
  auto code_point = [&](uint32_t cp) {
    AppendUtf8(e.bytes, cp);
    e.length = 2;
    return e;
  };
  switch (c) {
    case '0':
      return simple('\0');
    case 'a':
      return simple('\a');
    case 'b':
      return simple('\b');
    case 't':
    case '\t':
      return simple('\t');
    case 'n':
      return simple('\n');
    case 'v':
      return simple('\v');
    case 'f':
      return simple('\f');
    case 'r':
      return simple('\r');
    case 'e':
      return simple('\x1b');
    case ' ':
      return simple(' ');
    case '"':
      return simple('"');
    case '/':
      return simple('/');
    case '\\':
      return simple('\\');
    case 'N':
      return code_point(0x85);
    case '_':
      return code_point(0xA0);
    case 'L':
      return code_point(0x2028);
    case 'P':
      return code_point(0x2029);
    case '\r':
    case '\n':
      e.length = 1;  // the line break and the next line's indentation are folded away
      return e;
    case 'x':
    case 'u':
    case 'U': {
      std::size_t digits = c == 'x' ? 2 : c == 'u' ? 4 : 8;
      if (at + 2 + digits > source.size()) return e;
      uint32_t cp = 0;
      for (std::size_t k = 0; k < digits; ++k) {
        int h = HexValue(source[at + 2 + k]);
        if (h < 0) return e;
        cp = cp * 16 + static_cast<uint32_t>(h);
      }
      if (cp > 0x10FFFF) return e;
      AppendUtf8(e.bytes, cp);
      e.length = 2 + digits;
      return e;
    }
    default:
      return e;
  }
}

std::size_t SkipNodeProperties(std::string_view source, std::size_t offset) {
  while (offset < source.size() && (source[offset] == '&' || source[offset] == '!')) {
    if (source.substr(offset, 2) == "!<") {
      std::size_t close = source.find('>', offset);
      offset = close == std::string_view::npos ? source.size() : close + 1;
    }
    while (offset < source.size() && !IsSpaceOrBreak(source[offset]) && source[offset] != ',' &&
           source[offset] != '[' && source[offset] != '{') {
      ++offset;
    }
    // Spaces, line breaks and comments between the properties and the content.
    while (offset < source.size()) {
      if (IsSpaceOrBreak(source[offset])) {
        ++offset;
      } else if (source[offset] == '#' && IsSpaceOrBreak(source[offset - 1])) {
        while (offset < source.size() && source[offset] != '\n') ++offset;
      } else {
        break;
      }
    }
  }
  return offset;
}

std::vector<uint32_t> AlignScalar(std::string_view source, std::size_t start,
                                  std::string_view value) {
  std::vector<uint32_t> out(value.size() + 1, 0);
  start = std::min(start, source.size());
  Style style = StyleAt(source, start);
  std::size_t j = start;
  if (style == Style::kSingle || style == Style::kDouble) {
    ++j;
  } else if (style == Style::kBlock) {
    std::size_t eol = source.find('\n', start);
    j = eol == std::string_view::npos ? source.size() : eol + 1;
  }
  std::size_t last = start;  // the last place found
  std::size_t i = 0;
  bool lost = false;
  // The common case: the value is the source as it stands (no escapes, doubled quotes or
  // folding), which the walk below would map byte for byte.
  const bool verbatim =
      (style == Style::kPlain ||
       (style == Style::kSingle && value.find('\'') == std::string_view::npos) ||
       (style == Style::kDouble && value.find_first_of("\\\"") == std::string_view::npos)) &&
      source.substr(j, value.size()) == value;
  if (verbatim) {
    for (; i < value.size(); ++i) out[i] = static_cast<uint32_t>(j + i);
    j += value.size();
  }
  while (i < value.size() && !lost) {
    char c = value[i];
    if (j >= source.size()) {
      lost = true;
      break;
    }
    char s = source[j];
    if (style == Style::kDouble && s == '\\') {
      Escape e = DecodeEscape(source, j);
      if (e.length == 0) {
        lost = true;
      } else if (e.bytes.empty()) {
        j += e.length;  // an escaped line break: continue on the next line
      } else if (value.compare(i, e.bytes.size(), e.bytes) == 0) {
        for (std::size_t k = 0; k < e.bytes.size(); ++k) out[i++] = static_cast<uint32_t>(j);
        last = j;
        j += e.length;
      } else {
        lost = true;
      }
      continue;
    }
    if (style == Style::kDouble && s == '"') {
      lost = true;  // the closing quote, with value bytes left over
      continue;
    }
    if (style == Style::kSingle && s == '\'') {
      if (j + 1 < source.size() && source[j + 1] == '\'' && c == '\'') {
        out[i++] = static_cast<uint32_t>(j);
        last = j;
        j += 2;
      } else {
        lost = true;
      }
      continue;
    }
    if (s == c) {
      out[i++] = static_cast<uint32_t>(j);
      last = j;
      ++j;
      continue;
    }
    if (IsSpaceOrBreak(c) && IsSpaceOrBreak(s)) {
      // Folding: a value space or line break stands for a source line break or blank.
      out[i++] = static_cast<uint32_t>(j);
      last = j;
      j += (s == '\r' && j + 1 < source.size() && source[j + 1] == '\n') ? 2 : 1;
      continue;
    }
    if (IsSpaceOrBreak(s)) {
      ++j;  // indentation, or a line break that folding removed
      continue;
    }
    lost = true;
  }
  if (lost) {
    for (; i < value.size(); ++i) out[i] = static_cast<uint32_t>(last);
    out[value.size()] = static_cast<uint32_t>(last);
    return out;
  }
  // One past the end: for a plain scalar just after its last character; for a quoted one
  // the closing quote (blanks before it belong to nothing).
  if (style == Style::kSingle || style == Style::kDouble) {
    std::size_t k = j;
    while (k < source.size() && IsSpaceOrBreak(source[k])) ++k;
    if (k < source.size() && source[k] == (style == Style::kSingle ? '\'' : '"')) j = k;
  }
  out[value.size()] = static_cast<uint32_t>(std::min(j, source.size()));
  return out;
}

}  // namespace assess::load
