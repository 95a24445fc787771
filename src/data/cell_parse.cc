// This file's external interface is data/cell_parse.h.
#include "data/cell_parse.h"

#include <cmath>
#include <cstdint>
#include <cstring>

#include "num/number_text.h"

namespace assess::data {
namespace {

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != b[i]) return false;
  }
  return true;
}

// The length of the well-formed UTF-8 sequence at p (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF), or 0 when the bytes there are not one.
std::size_t Utf8Length(const unsigned char* p, std::size_t avail) {
  const unsigned char c = p[0];
  if (c < 0x80) return 1;
  std::size_t n;
  unsigned char lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;  // overlong
    if (c == 0xED) hi = 0x9F;  // surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;  // overlong
    if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (avail < n) return 0;
  if (p[1] < lo || p[1] > hi) return 0;
  for (std::size_t i = 2; i < n; ++i) {
    if (p[i] < 0x80 || p[i] > 0xBF) return 0;
  }
  return n;
}

}  // namespace

std::optional<bool> ParseBoolean(std::string_view text) {
  if (text == "1" || EqualsNoCase(text, "true") || EqualsNoCase(text, "yes")) return true;
  if (text == "0" || EqualsNoCase(text, "false") || EqualsNoCase(text, "no")) return false;
  return std::nullopt;
}

bool ParseNumberList(std::string_view text, std::vector<double>& out, std::string_view* bad) {
  std::size_t start = 0;
  while (true) {
    const std::size_t semi = text.find(';', start);
    const std::string_view element =
        TrimSpaces(text.substr(start, semi == std::string_view::npos ? text.npos : semi - start));
    const std::optional<double> v = ParseNumber(element);
    if (!v) {
      *bad = element;
      return false;
    }
    out.push_back(*v);
    if (semi == std::string_view::npos) return true;
    start = semi + 1;
  }
}

bool IsWholeNumber(double x) { return std::isfinite(x) && std::trunc(x) == x; }

bool IsValidUtf8(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    // ASCII runs are the common case: skip them 8 bytes at a time.
    while (i + 8 <= n) {
      uint64_t word;
      std::memcpy(&word, p + i, 8);
      if (word & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    const std::size_t len = Utf8Length(p + i, n - i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

std::string_view InputTypeWithArticle(InputType type) {
  switch (type) {
    case InputType::kNumber:
      return "a number";
    case InputType::kInteger:
      return "an integer";
    case InputType::kBoolean:
      return "a boolean";
    case InputType::kText:
      return "a text";
    case InputType::kList:
      return "a list";
  }
  return "a value";
}

std::string ShownValue(std::string_view text) {
  static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t len = Utf8Length(p + i, text.size() - i);
    const std::size_t shown = len == 0 ? kReplacement.size() : len;
    if (out.size() + shown > kShownMaxBytes) {
      out += "...";
      break;
    }
    if (len == 0) {
      out += kReplacement;
      len = 1;
    } else {
      out.append(text.data() + i, len);
    }
    i += len;
  }
  return out;
}

}  // namespace assess::data
