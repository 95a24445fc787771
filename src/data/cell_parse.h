// Reading one data cell's text by an input's type (rule-language §13, §12), and showing a bad value
// in a message. Shared by the UnitTableBuilder and its tests; no knowledge of files.
#ifndef ASSESS_DATA_CELL_PARSE_H_
#define ASSESS_DATA_CELL_PARSE_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/types.h"

namespace assess::data {

// Cells are trimmed of surrounding spaces; tabs count as spaces (a tab-aligned export).
// Inline: every cell goes through it, and most have nothing to trim.
inline std::string_view TrimSpaces(std::string_view text) {
  if (text.empty() ||
      (text.front() != ' ' && text.front() != '\t' && text.back() != ' ' && text.back() != '\t')) {
    return text;
  }
  std::size_t b = 0, e = text.size();
  while (b < e && (text[b] == ' ' || text[b] == '\t')) ++b;
  while (e > b && (text[e - 1] == ' ' || text[e - 1] == '\t')) --e;
  return text.substr(b, e - b);
}

// true/false, yes/no, 1/0 in any case (the text already trimmed).
std::optional<bool> ParseBoolean(std::string_view text);

// A `;`-separated list of numbers, each element trimmed: "88; 92.5 ;79". Appends the numbers
// to `out` and returns true; at the first element that is not a number (an empty one
// included: "88;;79", "88;") returns false with `*bad` viewing that element, and `out` may
// hold the elements before it (the caller truncates).
bool ParseNumberList(std::string_view text, std::vector<double>& out, std::string_view* bad);

// A double with no fractional part (3.0, 1e20), as an integer input needs.
bool IsWholeNumber(double x);

bool IsValidUtf8(std::string_view text);

// "a number", "an integer", "a boolean", "a text", "a list": for "expected a number, got ...".
std::string_view InputTypeWithArticle(InputType type);

// A value as a message shows it: bytes that are not UTF-8 become U+FFFD, so that a message
// is always valid UTF-8 (and a JSON report of it can be written), and a value longer than
// kShownMaxBytes is cut (on a character boundary) and ends with "...", so that a 10 MB cell
// does not make a 10 MB message.
inline constexpr std::size_t kShownMaxBytes = 60;
std::string ShownValue(std::string_view text);

}  // namespace assess::data

#endif  // ASSESS_DATA_CELL_PARSE_H_
