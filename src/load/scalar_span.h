// Where the bytes of a parsed YAML scalar came from in the file. yaml-cpp gives a scalar's
// value and the mark of its start only; an expression's diagnostics need the place of each
// of its bytes, through quotes, escapes, folded lines and indentation.
#ifndef ASSESS_LOAD_SCALAR_SPAN_H_
#define ASSESS_LOAD_SCALAR_SPAN_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace assess::load {

// The offset of a node's content: `offset` (a yaml-cpp mark, which sits on the node's
// properties when it has any) moved past anchors `&a` and tags `!t`, the spaces, line
// breaks and comments after them.
std::size_t SkipNodeProperties(std::string_view source, std::size_t offset);

// For each byte of `value` (the scalar as yaml-cpp parsed it, whose content starts at
// `start` in `source`: a quote, a block indicator `|` / `>`, or the first character of a
// plain scalar), the offset in `source` of the character it came from, plus one entry
// past the end (a closing quote, or just after the last character). Bytes that an
// escape makes map to its backslash; a space or line break made by folding maps to the
// line break. Never fails: if the walk loses its way (it should not), the remaining bytes
// map to the last place found. The offsets never decrease.
std::vector<uint32_t> AlignScalar(std::string_view source, std::size_t start,
                                  std::string_view value);

// The UTF-8 bytes of the escape sequence of a double-quoted scalar at `source[at]` (a
// backslash), and its length in `source`; length 0 if it is not a valid escape. An escaped
// line break yields no bytes.
struct Escape {
  std::string bytes;
  std::size_t length = 0;
};
Escape DecodeEscape(std::string_view source, std::size_t at);

// Appends the UTF-8 encoding of code point `cp` (<= 0x10FFFF) to `out`.
void AppendUtf8(std::string& out, uint32_t cp);

}  // namespace assess::load

#endif  // ASSESS_LOAD_SCALAR_SPAN_H_
