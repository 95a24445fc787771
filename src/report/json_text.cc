// This file's external interface is AppendJsonNumber, AppendJsonString, JsonString and
// JsonCodeTexts::For (json_text.h).
#include "report/json_text.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "eval/score_column.h"
#include "num/fast_round.h"

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
    out.Reserve(s.size() + 2);
    char* p = out.Pos();
    *p++ = '"';
    std::memcpy(p, s.data(), s.size());
    p += s.size();
    *p++ = '"';
    out.SetPos(p);
    return;
  }
  out.Append(JsonString(s));
}

std::string JsonString(std::string_view s) {
  return Json(std::string(s)).dump(-1, ' ', false, Json::error_handler_t::replace);
}

// Zeroed, so that a Put copies no uninitialized bytes past a text.
JsonCodeTexts::JsonCodeTexts()
    : texts_(new char[(1 << 16) * kSlot]()), lengths_(new uint8_t[1 << 16]()) {}

std::optional<JsonCodeTexts> JsonCodeTexts::For(int digits) {
  if (digits < 0 || digits > 9) return std::nullopt;  // ScoreColumn keeps no codes then
  const double scale = num_internal::kPow10[digits];  // ScoreColumn's divisor
  JsonCodeTexts table;
  for (int code = INT16_MIN; code <= INT16_MAX; ++code) {
    // The double ScoreColumn::Load gives for the code, and its text.
    const double x =
        code == eval::ScoreColumn::kNullCode16 ? std::nan("") : static_cast<double>(code) / scale;
    char room[kNumberRoom];
    const auto n = static_cast<std::size_t>(NumberText(room, x) - room);
    if (n > kSlot) return std::nullopt;
    const auto i = static_cast<uint16_t>(code);
    std::memcpy(&table.texts_[std::size_t{i} * kSlot], room, n);
    table.lengths_[i] = static_cast<uint8_t>(n);
  }
  return table;
}

}  // namespace assess::report
