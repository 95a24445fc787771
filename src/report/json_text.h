// JSON text of numbers and strings, byte for byte as nlohmann-json's
// dump(-1, ' ', false, error_handler_t::replace) writes them, without making a json value:
// the JSON writers' per-value path. Internal to report/.
#ifndef ASSESS_REPORT_JSON_TEXT_H_
#define ASSESS_REPORT_JSON_TEXT_H_

#include <string>
#include <string_view>

#include "report/code_texts.h"
#include "report/text_buffer.h"

namespace assess::report {

// x as a JSON number: nlohmann's shortest text that reads back as x ("12.5", "40.0",
// "1e-07", "-0.0"); null when x is not finite (NaN: not applicable).
void AppendJsonNumber(TextBuffer& out, double x);
// s in quotes: as it is when it is printable ASCII without '"' or '\', else escaped by
// nlohmann-json (control characters as \n or \u001f, invalid UTF-8 as U+FFFD).
void AppendJsonString(TextBuffer& out, std::string_view s);
std::string JsonString(std::string_view s);

// AppendJsonNumber's text, appended to a string: the texts of JsonCodeTexts.
struct JsonNumberText {
  void operator()(double x, int digits, std::string& out) const;
};

// The JSON number of every 16-bit score code at a scheme's digits (code_texts.h), the same
// bytes as AppendJsonNumber. A slot of 24 bytes: nlohmann writes some codes of 5 and more
// decimals with 17 digits, such as -0.051090000000000003 (23 bytes).
using JsonCodeTexts = CodeTexts<24, JsonNumberText>;

}  // namespace assess::report

#endif  // ASSESS_REPORT_JSON_TEXT_H_
