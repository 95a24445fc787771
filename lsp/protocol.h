// The Language Server Protocol's wire: JSON-RPC messages framed by a Content-Length header,
// and LSP positions (UTF-16 code units) against our columns (Unicode code points).
#ifndef ASSESS_LSP_PROTOCOL_H_
#define ASSESS_LSP_PROTOCOL_H_

#include <cstddef>
#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace assess::lsp {

// The largest message body read (a hostile client cannot make the server allocate more).
inline constexpr std::size_t kMaxMessageBytes = 64u << 20;

enum class ReadStatus { kMessage, kEnd, kBadFrame };

// Reads one message's body into `body`: kEnd at the end of input, kBadFrame for a header
// without a Content-Length or a body larger than kMaxMessageBytes (the stream is then
// unusable: the server stops).
ReadStatus ReadMessage(std::istream& in, std::string* body);

void WriteMessage(std::ostream& out, std::string_view body);

// Line `line` (0-based) of `text`, without its end of line ("" past the end).
std::string_view LineOf(std::string_view text, int line);

// A UTF-16 column (LSP's `character`) on `line` as a 0-based code-point index, and back.
int CodePointColumn(std::string_view line, int utf16_column);
int Utf16Column(std::string_view line, int code_point_column);

// The byte offset in `line` of a 0-based code-point index (clamped to the end).
std::size_t ByteOffset(std::string_view line, int code_point_column);

}  // namespace assess::lsp

#endif  // ASSESS_LSP_PROTOCOL_H_
