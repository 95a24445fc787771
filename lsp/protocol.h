// The Language Server Protocol's wire: JSON-RPC messages framed by a Content-Length header,
// and LSP positions (UTF-16 code units) against our columns (Unicode code points).
#ifndef ASSESS_LSP_PROTOCOL_H_
#define ASSESS_LSP_PROTOCOL_H_

#include <cstddef>
#include <istream>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <stdexcept>
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

// A request whose params the server cannot use: the server answers it with InvalidParams.
class InvalidParams : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A Position's `line` or `character` (the protocol's uinteger): an integer from 0 to 2^31 - 1;
// nullopt for a missing field or any other value (a string, -1, 1.5 or 1e300, which does not
// fit an int: converting it would be undefined behaviour).
std::optional<int> PositionField(const nlohmann::json& position, const char* key);

// Line `line` (0-based) of `text`, without its end of line ("" past the end).
std::string_view LineOf(std::string_view text, int line);

// A UTF-16 column (LSP's `character`) on `line` as a 0-based code-point index, and back.
int CodePointColumn(std::string_view line, int utf16_column);
int Utf16Column(std::string_view line, int code_point_column);

// The byte offset in `line` of a 0-based code-point index (clamped to the end).
std::size_t ByteOffset(std::string_view line, int code_point_column);

}  // namespace assess::lsp

#endif  // ASSESS_LSP_PROTOCOL_H_
