// JSON's blanks (RFC 8259 whitespace), for the readers that look at a JSON text before a
// parser does: where an array's brackets are, where a line is blank, where a cut may fall.
#ifndef ASSESS_IO_JSON_BLANKS_H_
#define ASSESS_IO_JSON_BLANKS_H_

#include <string_view>

namespace assess::io {

inline bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// A line holding blanks alone (a JSON Lines line that is skipped).
inline bool IsBlank(std::string_view line) {
  for (char c : line) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

}  // namespace assess::io

#endif  // ASSESS_IO_JSON_BLANKS_H_
