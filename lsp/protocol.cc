// This file's external interface is ReadMessage, WriteMessage and the conversions between
// LSP positions and ours.
#include "lsp/protocol.h"

#include <cctype>
#include <charconv>
#include <cstdint>
#include <limits>

namespace assess::lsp {
namespace {

// The byte length of the UTF-8 sequence that starts with byte `b` (1 for a bad byte).
int SequenceLength(unsigned char b) {
  if (b < 0x80) return 1;
  if ((b >> 5) == 6) return 2;
  if ((b >> 4) == 14) return 3;
  if ((b >> 3) == 30) return 4;
  return 1;
}

}  // namespace

ReadStatus ReadMessage(std::istream& in, std::string* body) {
  std::optional<std::size_t> length;
  std::string line;
  bool any = false;
  while (std::getline(in, line)) {
    any = true;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) break;  // end of the header
    const std::string_view name = "content-length:";
    if (line.size() > name.size()) {
      std::string lower = line.substr(0, name.size());
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (lower == name) {
        std::size_t at = name.size();
        while (at < line.size() && line[at] == ' ') ++at;
        std::size_t n = 0;
        auto [end, ec] = std::from_chars(line.data() + at, line.data() + line.size(), n);
        if (ec == std::errc()) length = n;
      }
    }
  }
  if (!any || (!in && !length)) return ReadStatus::kEnd;
  if (!length || *length > kMaxMessageBytes) return ReadStatus::kBadFrame;
  body->assign(*length, '\0');
  in.read(body->data(), static_cast<std::streamsize>(*length));
  if (static_cast<std::size_t>(in.gcount()) != *length) return ReadStatus::kEnd;
  return ReadStatus::kMessage;
}

void WriteMessage(std::ostream& out, std::string_view body) {
  out << "Content-Length: " << body.size() << "\r\n\r\n" << body;
  out.flush();
}

std::optional<int> PositionField(const nlohmann::json& position, const char* key) {
  if (!position.is_object()) return std::nullopt;
  const auto it = position.find(key);
  if (it == position.end()) return std::nullopt;
  // Only integers: nlohmann reads a non-negative one as unsigned and keeps a number written
  // with a fraction or an exponent as a float.
  constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<int>::max());
  if (it->is_number_unsigned() && it->get<std::uint64_t>() <= kMax) {
    return static_cast<int>(it->get<std::uint64_t>());
  }
  if (it->is_number_integer() && !it->is_number_unsigned() && it->get<std::int64_t>() >= 0 &&
      static_cast<std::uint64_t>(it->get<std::int64_t>()) <= kMax) {
    return static_cast<int>(it->get<std::int64_t>());
  }
  return std::nullopt;
}

std::string_view LineOf(std::string_view text, int line) {
  std::size_t start = 0;
  for (int i = 0; i < line; ++i) {
    const std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) return {};
    start = nl + 1;
  }
  std::size_t end = text.find('\n', start);
  if (end == std::string_view::npos) end = text.size();
  std::string_view out = text.substr(start, end - start);
  if (!out.empty() && out.back() == '\r') out.remove_suffix(1);
  return out;
}

int CodePointColumn(std::string_view line, int utf16_column) {
  int units = 0, points = 0;
  for (std::size_t at = 0; at < line.size() && units < utf16_column; ++points) {
    const int n = SequenceLength(static_cast<unsigned char>(line[at]));
    units += n == 4 ? 2 : 1;  // outside the BMP: a surrogate pair
    at += n;
  }
  return points + (utf16_column > units ? utf16_column - units : 0);
}

int Utf16Column(std::string_view line, int code_point_column) {
  int units = 0, points = 0;
  for (std::size_t at = 0; at < line.size() && points < code_point_column; ++points) {
    const int n = SequenceLength(static_cast<unsigned char>(line[at]));
    units += n == 4 ? 2 : 1;
    at += n;
  }
  return units + (code_point_column > points ? code_point_column - points : 0);
}

std::size_t ByteOffset(std::string_view line, int code_point_column) {
  std::size_t at = 0;
  for (int points = 0; at < line.size() && points < code_point_column; ++points) {
    at += SequenceLength(static_cast<unsigned char>(line[at]));
  }
  return std::min(at, line.size());
}

}  // namespace assess::lsp
