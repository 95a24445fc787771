// This file's external interface is JsonDomUnits.
#include "io/json_dom_units.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <span>

#include "data/cell_parse.h"
#include "num/number_text.h"

namespace assess::io {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

// A value as messages name it.
const char* What(element value) {
  switch (value.type()) {
    case element_type::OBJECT:
      return "an object";
    case element_type::ARRAY:
      return "an array";
    case element_type::STRING:
      return "a text";
    case element_type::BOOL:
      return value.get_bool().value_unsafe() ? "true" : "false";
    case element_type::NULL_VALUE:
      return "null";
    default:
      return "a number";
  }
}

// An integer's exact digits, so that a text input or a unit id of 12345678901234567890
// keeps every digit.
template <typename Int>
std::string_view IntegerText(Int value, char (&buffer)[24]) {
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string_view(buffer, static_cast<std::size_t>(result.ptr - buffer));
}

}  // namespace

JsonDomUnits::JsonDomUnits(const data::DataSpec& spec, data::UnitTableBuilder& builder)
    : spec_(spec), builder_(builder), seen_in_(spec.inputs.size(), 0) {}

JsonDomUnits::KeyMeaning JsonDomUnits::NewMeaning(std::size_t place, std::string_view key) {
  KeyMeaning meaning;
  meaning.is_id = key == spec_.unit_column;
  if (const std::optional<std::size_t> input = builder_.FindInput(key)) {
    meaning.input = static_cast<uint32_t>(*input);
  }
  KeyMemo memo{std::string(key), key.size(), {0, 0}, meaning};
  if (key.size() <= kShortKey) std::memcpy(memo.words, key.data(), key.size());
  if (place < key_memo_.size()) {
    key_memo_[place] = std::move(memo);
  } else if (place == key_memo_.size() && place < kMaxKeyMemo) {
    key_memo_.push_back(std::move(memo));
  }
  return meaning;
}

void JsonDomUnits::Read(element value, uint64_t row) {
  if (value.type() != element_type::OBJECT) {
    builder_.BeginUnitWithoutId(row);
    builder_.RowError(fmt::format("expected an object, got {}", What(value)));
    builder_.EndUnit();
    return;
  }
  const simdjson::dom::object object = value.get_object().value_unsafe();
  const simdjson::dom::object::iterator first = object.begin(), end = object.end();
  // The id first, since the builder takes a unit's values after its id: the first key that
  // names it, usually the object's first key.
  bool found = false;
  std::size_t place = 0;
  for (simdjson::dom::object::iterator it = first; it != end; ++it) {
    if (Meaning(place++, it.key()).is_id) {
      ReadId(it.value(), row);
      found = true;
      break;
    }
  }
  if (!found) builder_.BeginUnitWithoutId(row);
  ++serial_;
  place = 0;
  for (simdjson::dom::object::iterator it = first; it != end; ++it) {
    const KeyMeaning meaning = Meaning(place++, it.key());
    if (meaning.input == kNoInput || seen_in_[meaning.input] == serial_) continue;
    seen_in_[meaning.input] = serial_;
    ReadValue(meaning.input, it.value());
  }
  builder_.EndUnit();
}

// Begins the unit with the id `id`: a text, or a number's text; null is no id, and
// anything else no id and the row's error.
void JsonDomUnits::ReadId(element id, uint64_t row) {
  char buffer[24];
  switch (id.type()) {
    case element_type::STRING:
      builder_.BeginUnit(id.get_string().value_unsafe(), row);
      return;
    case element_type::INT64:
      builder_.BeginUnit(IntegerText(id.get_int64().value_unsafe(), buffer), row);
      return;
    case element_type::UINT64:
      builder_.BeginUnit(IntegerText(id.get_uint64().value_unsafe(), buffer), row);
      return;
    case element_type::DOUBLE:
      builder_.BeginUnit(ShortestText(id.get_double().value_unsafe()), row);
      return;
    case element_type::NULL_VALUE:
      builder_.BeginUnitWithoutId(row);
      return;
    default:
      builder_.BeginUnitWithoutId(row);
      builder_.RowError(fmt::format("the unit id is {}, not a text or a number",
                                    id.type() == element_type::BOOL ? "a boolean" : What(id)));
      return;
  }
}

void JsonDomUnits::ReadValue(uint32_t input, element value) {
  const std::string_view field = spec_.inputs[input].column;
  const InputType type = spec_.inputs[input].type;
  switch (value.type()) {
    case element_type::INT64:
      builder_.SetInteger(input, value.get_int64().value_unsafe(), field);
      return;
    case element_type::UINT64: {  // beyond int64
      const uint64_t v = value.get_uint64().value_unsafe();
      char buffer[24];
      if (type == InputType::kText) {
        builder_.SetText(input, IntegerText(v, buffer), field);
      } else {
        builder_.SetNumber(input, static_cast<double>(v), field);
      }
      return;
    }
    case element_type::DOUBLE:
      builder_.SetNumber(input, value.get_double().value_unsafe(), field);
      return;
    case element_type::STRING:
      builder_.SetText(input, value.get_string().value_unsafe(), field);
      return;
    case element_type::BOOL:
      builder_.SetBool(input, value.get_bool().value_unsafe(), field);
      return;
    case element_type::NULL_VALUE:
      builder_.SetMissing(input);
      return;
    case element_type::ARRAY:
      if (type == InputType::kList) {
        ReadList(input, value.get_array().value_unsafe(), field);
        return;
      }
      break;
    case element_type::OBJECT:
      break;
  }
  builder_.SetBad(input,
                  fmt::format("expected {}, got {}", data::InputTypeWithArticle(type), What(value)),
                  field);
}

// A list input's array: its numbers, or its first element that is not one. Whole numbers
// in [0, 10^9), the usual marks, are given to the builder as such (SetListWholes).
void JsonDomUnits::ReadList(uint32_t input, simdjson::dom::array list, std::string_view field) {
  list_wholes_.clear();
  uint32_t least = UINT32_MAX, greatest = 0;
  bool wholes = true;
  for (const element e : list) {
    int64_t v = 0;
    if (e.get(v) != simdjson::SUCCESS || v < 0 || v >= 1000000000) {
      wholes = false;
      break;
    }
    const auto m = static_cast<uint32_t>(v);
    list_wholes_.push_back(m);
    least = std::min(least, m);
    greatest = std::max(greatest, m);
  }
  if (wholes && builder_.SetListWholes(input, list_wholes_, least, greatest)) return;
  list_values_.clear();
  for (const element e : list) {
    switch (e.type()) {
      case element_type::INT64:
        list_values_.push_back(static_cast<double>(e.get_int64().value_unsafe()));
        break;
      case element_type::UINT64:
        list_values_.push_back(static_cast<double>(e.get_uint64().value_unsafe()));
        break;
      case element_type::DOUBLE:
        list_values_.push_back(e.get_double().value_unsafe());
        break;
      case element_type::STRING:
        builder_.SetBad(
            input,
            fmt::format("bad list element \"{}\"", data::ShownValue(e.get_string().value_unsafe())),
            field);
        return;
      default:
        builder_.SetBad(input, fmt::format("bad list element {}", What(e)), field);
        return;
    }
  }
  builder_.SetList(input, std::span<const double>(list_values_), field);
}

}  // namespace assess::io
