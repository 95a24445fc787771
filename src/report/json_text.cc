// This file's external interface is AppendJsonNumber, AppendJsonString, JsonString and
// JsonNumberText (json_text.h).
#include "report/json_text.h"

#include <cmath>
#include <cstring>
#include <nlohmann/json.hpp>

namespace assess::report {
namespace {

using Json = nlohmann::ordered_json;

// Room for any double's text: sign, 17 digits, point, exponent.
constexpr std::size_t kNumberRoom = 32;

// nlohmann-json's own conversion (what serializer::dump_float calls for a finite double),
// so that the bytes cannot drift from a dump of the same value.
char* NumberText(char* p, double x) {
  if (!std::isfinite(x)) {
    std::memcpy(p, "null", 4);
    return p + 4;
  }
  return nlohmann::detail::to_chars(p, p + kNumberRoom, x);
}

bool Plain(std::string_view s) {
  for (const char c : s) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x20 || b >= 0x80 || c == '"' || c == '\\') return false;
  }
  return true;
}

}  // namespace

void AppendJsonNumber(TextBuffer& out, double x) {
  out.Reserve(kNumberRoom);
  out.SetPos(NumberText(out.Pos(), x));
}

void AppendJsonString(TextBuffer& out, std::string_view s) {
  if (Plain(s)) {
    out.Put('"');
    out.Append(s);
    out.Put('"');
    return;
  }
  out.Append(JsonString(s));
}

std::string JsonString(std::string_view s) {
  return Json(std::string(s)).dump(-1, ' ', false, Json::error_handler_t::replace);
}

void JsonNumberText::operator()(double x, int, std::string& out) const {
  char room[kNumberRoom];
  out.append(room, static_cast<std::size_t>(NumberText(room, x) - room));
}

}  // namespace assess::report
