// This file's external interface is JsonUnitsSax.
//
// Depths: depth_ counts the objects and arrays open. A unit object stands at record_depth_;
// its values at record_depth_ (scalars) or record_depth_ + 1 (an object or array opened
// there); a list's elements at record_depth_ + 1. Whatever is deeper is skipped by
// counting alone. A unit's values are kept (pending_) until its object ends, because its
// id may be its last key.
#include "io/json_units_sax.h"

#include <fmt/format.h>

#include <charconv>
#include <span>

#include "data/cell_parse.h"
#include "num/number_text.h"

namespace assess::io {
namespace {

// nlohmann's what() without the "[json.exception.parse_error.101] " prefix.
std::string WithoutPrefix(const char* what) {
  std::string_view w(what);
  if (!w.empty() && w[0] == '[') {
    const std::size_t close = w.find("] ");
    if (close != std::string_view::npos) w.remove_prefix(close + 2);
  }
  return std::string(w);
}

template <typename Int>
std::string_view IntegerText(Int value, char (&buffer)[24]) {
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string_view(buffer, static_cast<std::size_t>(result.ptr - buffer));
}

}  // namespace

JsonUnitsSax::JsonUnitsSax(const data::DataSpec& spec, data::UnitTableBuilder& builder, Mode mode)
    : spec_(spec),
      builder_(builder),
      mode_(mode),
      record_depth_(mode == Mode::kArray ? 2 : 1),
      input_seen_(spec.inputs.size(), 0) {}

void JsonUnitsSax::StartLine(uint64_t row) {
  row_ = row;
  depth_ = 0;
  in_record_ = false;
  record_done_ = false;
  non_object_ = nullptr;
  element_is_array_ = false;
  list_input_ = SIZE_MAX;
  error_.clear();
}

void JsonUnitsSax::EmitLine() {
  if (non_object_ != nullptr) {
    NonObject(non_object_);
  } else if (record_done_) {
    Emit();
  }
}

void JsonUnitsSax::BeginRecord() {
  in_record_ = true;
  id_seen_ = false;
  id_.kind = Kind::kNull;
  std::fill(input_seen_.begin(), input_seen_.end(), 0);
  pending_count_ = 0;
  key_index_ = 0;
  list_values_.clear();
  key_is_id_ = false;
  key_input_ = SIZE_MAX;
  list_input_ = SIZE_MAX;
}

void JsonUnitsSax::EndRecord() {
  in_record_ = false;
  if (mode_ == Mode::kArray) {
    Emit();
  } else {
    record_done_ = true;
  }
}

JsonUnitsSax::Pending& JsonUnitsSax::NextPending(std::size_t input) {
  if (pending_count_ == pending_.size()) pending_.emplace_back();
  Pending& p = pending_[pending_count_++];
  p.input = input;
  return p;
}

void JsonUnitsSax::NonObject(const char* what) {
  if (mode_ == Mode::kOneObject && non_object_ == nullptr) {
    non_object_ = what;  // reported by EmitLine, once the whole line is known to be JSON
    return;
  }
  builder_.BeginUnitWithoutId(row_);
  builder_.RowError(fmt::format("expected an object, got {}", what));
  builder_.EndUnit();
}

void JsonUnitsSax::Emit() {
  if (id_.kind == Kind::kText) {
    builder_.BeginUnit(id_.text, row_);
  } else {
    builder_.BeginUnitWithoutId(row_);
    if (id_.kind == Kind::kBad) {
      builder_.RowError(fmt::format("the unit id is {}, not a text or a number", id_.text));
    }
  }
  for (std::size_t i = 0; i < pending_count_; ++i) {
    const Pending& p = pending_[i];
    const std::string_view field = spec_.inputs[p.input].column;
    switch (p.value.kind) {
      case Kind::kNull:
        builder_.SetMissing(p.input);
        break;
      case Kind::kBool:
        builder_.SetBool(p.input, p.value.flag, field);
        break;
      case Kind::kNumber:
        builder_.SetNumber(p.input, p.value.number, field);
        break;
      case Kind::kText:
        builder_.SetText(p.input, p.value.text, field);
        break;
      case Kind::kBad:
        builder_.SetBad(p.input, p.value.text, field);
        break;
      case Kind::kList:
        builder_.SetList(
            p.input,
            std::span<const double>(list_values_.data() + p.list_begin, p.list_end - p.list_begin),
            field);
        break;
    }
  }
  builder_.EndUnit();
}

// One scalar event. `text`: a string's text, or an integer's exact digits (so that a text
// input or unit id of 12345678901234567890 keeps every digit); `what` names it for messages.
bool JsonUnitsSax::OnScalar(Kind kind, bool flag, double number, std::string_view text,
                            const char* what) {
  if (mode_ == Mode::kArray && depth_ == 0) {
    error_ = fmt::format("expected an array of objects, found {}", what);
    return false;
  }
  if (depth_ + 1 == record_depth_) {  // an element of the array / the line is a scalar
    if (mode_ == Mode::kArray) row_ = next_index_++;
    NonObject(what);
    return true;
  }
  if (!in_record_) return true;
  if (depth_ == record_depth_) {
    if (key_is_id_) {
      if (kind == Kind::kText || kind == Kind::kNumber) {
        id_.kind = Kind::kText;
        id_.text = kind == Kind::kNumber && text.empty() ? ShortestText(number) : std::string(text);
      } else if (kind == Kind::kBool) {
        id_.kind = Kind::kBad;
        id_.text = "a boolean";
      }  // null: no id
    }
    if (key_input_ != SIZE_MAX) {
      Pending& p = NextPending(key_input_);
      const bool integer_as_text = kind == Kind::kNumber && !text.empty() &&
                                   spec_.inputs[key_input_].type == InputType::kText;
      p.value.kind = integer_as_text ? Kind::kText : kind;
      p.value.flag = flag;
      p.value.number = number;
      p.value.text.assign(text);
    }
    key_is_id_ = false;
    key_input_ = SIZE_MAX;
  } else if (depth_ == record_depth_ + 1 && list_input_ != SIZE_MAX) {
    if (kind == Kind::kNumber) {
      list_values_.push_back(number);
    } else if (list_bad_.empty()) {
      list_bad_ =
          kind == Kind::kText ? fmt::format("\"{}\"", data::ShownValue(text)) : std::string(what);
    }
  }
  return true;
}

// An object or array opened at depth_ (already counted).
void JsonUnitsSax::OnContainer(const char* what, bool is_array) {
  if (depth_ == record_depth_ + 1) {
    if (key_is_id_) {
      id_.kind = Kind::kBad;
      id_.text = what;
    }
    if (key_input_ != SIZE_MAX) {
      const InputType type = spec_.inputs[key_input_].type;
      if (is_array && type == InputType::kList) {
        list_input_ = key_input_;
        list_begin_ = list_values_.size();
        list_bad_.clear();
      } else {
        Pending& p = NextPending(key_input_);
        p.value.kind = Kind::kBad;
        p.value.text = fmt::format("expected {}, got {}", data::InputTypeWithArticle(type), what);
      }
    }
    key_is_id_ = false;
    key_input_ = SIZE_MAX;
  } else if (depth_ == record_depth_ + 2 && list_input_ != SIZE_MAX && list_bad_.empty()) {
    list_bad_ = what;
  }
}

bool JsonUnitsSax::null() { return OnScalar(Kind::kNull, false, 0, {}, "null"); }

bool JsonUnitsSax::boolean(bool value) {
  return OnScalar(Kind::kBool, value, 0, {}, value ? "true" : "false");
}

bool JsonUnitsSax::number_integer(json::number_integer_t value) {
  char buffer[24];
  return OnScalar(Kind::kNumber, false, static_cast<double>(value), IntegerText(value, buffer),
                  "a number");
}

bool JsonUnitsSax::number_unsigned(json::number_unsigned_t value) {
  char buffer[24];
  return OnScalar(Kind::kNumber, false, static_cast<double>(value), IntegerText(value, buffer),
                  "a number");
}

bool JsonUnitsSax::number_float(json::number_float_t value, const json::string_t& /*text*/) {
  return OnScalar(Kind::kNumber, false, value, {}, "a number");
}

bool JsonUnitsSax::string(json::string_t& value) {
  return OnScalar(Kind::kText, false, 0, value, "a text");
}

bool JsonUnitsSax::binary(json::binary_t& /*value*/) {
  return OnScalar(Kind::kBad, false, 0, {}, "binary data");  // not produced by JSON text
}

bool JsonUnitsSax::start_object(std::size_t /*elements*/) {
  ++depth_;
  if (mode_ == Mode::kArray && depth_ == 1) {
    error_ = "expected an array of objects, found an object";
    return false;
  }
  if (depth_ == record_depth_) {
    if (mode_ == Mode::kArray) row_ = next_index_++;
    BeginRecord();
  } else if (in_record_) {
    OnContainer("an object", false);
  }
  return true;
}

bool JsonUnitsSax::key(json::string_t& key) {
  if (!in_record_ || depth_ != record_depth_) return true;
  key_is_id_ = !id_seen_ && key == spec_.unit_column;
  id_seen_ = id_seen_ || key_is_id_;
  key_input_ = SIZE_MAX;
  std::optional<std::size_t> input;
  if (key_index_ < key_memo_.size() && key_memo_[key_index_].key == key) {
    input = key_memo_[key_index_].input;
  } else {
    input = builder_.FindInput(key);
    if (key_index_ < key_memo_.size()) {
      key_memo_[key_index_] = KeyMemo{key, input};
    } else if (key_index_ == key_memo_.size() && key_index_ < kMaxKeyMemo) {
      key_memo_.push_back(KeyMemo{key, input});
    }
  }
  ++key_index_;
  // Of a repeated key the first counts, as of a repeated CSV header name.
  if (input && !input_seen_[*input]) {
    input_seen_[*input] = 1;
    key_input_ = *input;
  }
  return true;
}

bool JsonUnitsSax::end_object() {
  if (in_record_ && depth_ == record_depth_) EndRecord();
  --depth_;
  return true;
}

bool JsonUnitsSax::start_array(std::size_t /*elements*/) {
  ++depth_;
  if (mode_ == Mode::kArray && depth_ == 1) return true;  // the array of units
  if (depth_ == record_depth_) {
    if (mode_ == Mode::kArray) row_ = next_index_++;
    element_is_array_ = true;  // reported when it ends, after its contents are skipped
  } else if (in_record_) {
    OnContainer("an array", true);
  }
  return true;
}

bool JsonUnitsSax::end_array() {
  if (element_is_array_ && depth_ == record_depth_) {
    element_is_array_ = false;
    NonObject("an array");
  } else if (in_record_ && list_input_ != SIZE_MAX && depth_ == record_depth_ + 1) {
    Pending& p = NextPending(list_input_);
    if (list_bad_.empty()) {
      p.value.kind = Kind::kList;
      p.list_begin = list_begin_;
      p.list_end = list_values_.size();
    } else {
      p.value.kind = Kind::kBad;
      p.value.text = fmt::format("bad list element {}", list_bad_);
    }
    list_input_ = SIZE_MAX;
  }
  --depth_;
  return true;
}

bool JsonUnitsSax::parse_error(std::size_t position, const std::string& /*last_token*/,
                               const json::exception& ex) {
  error_ = WithoutPrefix(ex.what());
  error_byte_ = position;
  return false;
}

}  // namespace assess::io
