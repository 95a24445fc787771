// JSON text of numbers and strings, byte for byte as nlohmann-json's
// dump(-1, ' ', false, error_handler_t::replace) writes them, without making a json value:
// the JSON writers' per-value path. Internal to report/.
#ifndef ASSESS_REPORT_JSON_TEXT_H_
#define ASSESS_REPORT_JSON_TEXT_H_

#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "report/text_buffer.h"

namespace assess::report {

// x as a JSON number: nlohmann's shortest text that reads back as x ("12.5", "40.0",
// "1e-07", "-0.0"); null when x is not finite (NaN: not applicable).
void AppendJsonNumber(TextBuffer& out, double x);
// s in quotes: as it is when it is printable ASCII without '"' or '\', else escaped by
// nlohmann-json (control characters as \n or \u001f, invalid UTF-8 as U+FFFD).
void AppendJsonString(TextBuffer& out, std::string_view s);
std::string JsonString(std::string_view s);

// The JSON number of every 16-bit score code at a scheme's digits (eval::ScoreColumn: code
// k is the score k / 10^digits, kNullCode16 none), made once per write, so that a score
// kept as a code becomes text by a table look-up, the same bytes as AppendJsonNumber.
class JsonCodeTexts {
 public:
  // nullopt for digits outside 0..9 (no codes are kept then).
  static std::optional<JsonCodeTexts> For(int digits);

  // Room a Put needs at p.
  // (23 at most: nlohmann writes some codes of 5 and more decimals with 17 digits, such as
  // -0.051090000000000003.)
  static constexpr std::size_t kSlot = 24;
  // Writes code's text at p (room for kSlot bytes) and returns its end.
  char* Put(char* p, int16_t code) const {
    const auto i = static_cast<uint16_t>(code);
    std::memcpy(p, &texts_[std::size_t{i} * kSlot], kSlot);
    return p + lengths_[i];
  }

 private:
  JsonCodeTexts();

  std::unique_ptr<char[]> texts_;       // by the code's 16 bits, kSlot bytes each
  std::unique_ptr<uint8_t[]> lengths_;  // and how many of them are the text
};

}  // namespace assess::report

#endif  // ASSESS_REPORT_JSON_TEXT_H_
