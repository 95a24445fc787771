// This file's external interface is UnitTableBuilder.
//
// How a unit is built: BeginUnit pushes one empty slot (NaN, or a missing list) per column
// and records the id, place and an empty error; the Set* calls fill the slots; EndUnit
// finds a repeated id, applies defaults and reports missing required inputs. The first
// problem of a unit is its error (`failed_`), and every later call for that unit is
// ignored, so a bad unit costs no more than a good one. A unit in error keeps whatever its
// slots hold; readers of the table must look at `errors` first.
//
// is_set_[input] for the current unit: 0 nothing seen yet, 1 a value stored, 2 seen but
// missing. Only the first value of an input counts (a repeated CSV header name or JSON key).
//
// A unit without an id (ids[current_] empty) reports "no unit id" at EndUnit unless a row
// problem came first (RowError: "not an object", "N cells, the header has M"), which says
// more; its cells are not checked, since their messages could not name the unit.
#include "data/unit_table_builder.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "data/cell_parse.h"
#include "num/number_text.h"

namespace assess::data {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

enum : uint8_t { kUnseen = 0, kStored = 1, kSeenMissing = 2 };

// A double as a message shows it (ShortestText has no form for NaN and infinities).
std::string NumberShown(double x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  return ShortestText(x);
}

bool InRange(const InputSpec& in, double x) {
  return !(in.min && x < *in.min) && !(in.max && x > *in.max);
}

// "101 is above the maximum 100", for an x that is not InRange.
std::string RangeProblem(const InputSpec& in, double x) {
  if (in.min && x < *in.min) {
    return fmt::format("{} is below the minimum {}", ShortestText(x), ShortestText(*in.min));
  }
  return fmt::format("{} is above the maximum {}", ShortestText(x), ShortestText(*in.max));
}

}  // namespace

UnitTableBuilder::UnitTableBuilder(const DataSpec& spec, SourceKind source, std::string source_name)
    : spec_(spec) {
  table_.texts = spec.texts;
  table_.source = source;
  table_.source_name = std::move(source_name);
  table_.columns.resize(spec.inputs.size());
  for (std::size_t i = 0; i < spec.inputs.size(); ++i) {
    if (spec.inputs[i].type == InputType::kList) table_.columns[i].list_offsets.push_back(0);
    by_field_.try_emplace(spec.inputs[i].column, i);
  }
  // Memory sources (the API, embedded tests) may name a field by the input's name as well;
  // a column name wins over an input name.
  if (source == SourceKind::kMemory) {
    for (std::size_t i = 0; i < spec.inputs.size(); ++i)
      by_field_.try_emplace(spec.inputs[i].name, i);
  }
  is_set_.assign(spec.inputs.size(), kUnseen);
}

std::optional<std::size_t> UnitTableBuilder::FindInput(std::string_view field) const {
  auto it = by_field_.find(std::string(field));
  if (it == by_field_.end()) return std::nullopt;
  return it->second;
}

void UnitTableBuilder::BeginUnitWithoutId(uint64_t row) { BeginUnit({}, row); }

void UnitTableBuilder::BeginUnit(std::string_view id, uint64_t row) {
  if (in_unit_) EndUnit();
  id = TrimSpaces(id);
  current_ = table_.ids.size();
  const bool valid = IsValidUtf8(id);
  table_.ids.emplace_back(valid ? std::string(id) : ShownValue(id));
  table_.errors.emplace_back();
  table_.rows.push_back(row);
  for (std::size_t i = 0; i < spec_.inputs.size(); ++i) {
    Column& col = table_.columns[i];
    if (spec_.inputs[i].type == InputType::kList) {
      col.list_missing.push_back(1);
    } else {
      col.values.push_back(kNaN);
    }
  }
  std::fill(is_set_.begin(), is_set_.end(), kUnseen);
  in_unit_ = true;
  failed_ = false;
  if (id.empty()) return;
  const std::string& stored = table_.ids[current_];
  if (!valid) {
    Fail(fmt::format("data error: unit {} ({}): the unit id is not valid UTF-8", stored,
                     table_.PlaceOf(current_)));
    return;
  }
  seen_ids_.Prepare(stored);  // looked up at EndUnit (see unit_id_set.h)
}

void UnitTableBuilder::Fail(std::string message) {
  if (failed_) return;
  table_.errors[current_] = std::move(message);
  failed_ = true;
}

std::string UnitTableBuilder::CellPlace(std::string_view field) const {
  const uint64_t row = table_.rows[current_];
  switch (table_.source) {
    case SourceKind::kCsv:
      return fmt::format("row {}, column \"{}\"", row, field);
    case SourceKind::kJson:
      return fmt::format("[{}].{}", row, field);
    case SourceKind::kJsonLines:
      return fmt::format("line {}, field {}", row, field);
    case SourceKind::kMemory:
      return fmt::format("unit #{}, field {}", row, field);
  }
  return {};
}

// A unit that failed or has no id takes no more values, and only the first value of an
// input counts.
bool UnitTableBuilder::TakesValue(std::size_t input) const {
  return in_unit_ && !failed_ && !table_.ids[current_].empty() && is_set_[input] == kUnseen;
}

void UnitTableBuilder::SetBad(std::size_t input, std::string_view problem, std::string_view field) {
  if (!TakesValue(input)) return;
  Fail(fmt::format("data error: unit {}, input {}: {} ({})", table_.ids[current_],
                   spec_.inputs[input].name, problem, CellPlace(field)));
}

void UnitTableBuilder::SetMissing(std::size_t input) {
  if (!TakesValue(input)) return;
  is_set_[input] = kSeenMissing;
}

void UnitTableBuilder::SetText(std::size_t input, std::string_view text, std::string_view field) {
  if (!TakesValue(input)) return;
  const InputSpec& in = spec_.inputs[input];
  text = TrimSpaces(text);
  if (text.empty()) {
    is_set_[input] = kSeenMissing;
    return;
  }
  switch (in.type) {
    case InputType::kNumber:
    case InputType::kInteger: {
      const std::optional<double> v = ParseNumber(text);
      if (!v || (in.type == InputType::kInteger && !IsWholeNumber(*v))) {
        SetBad(input, fmt::format("bad {} \"{}\"", InputTypeName(in.type), ShownValue(text)),
               field);
        return;
      }
      if (!InRange(in, *v)) {
        SetBad(input, RangeProblem(in, *v), field);
        return;
      }
      table_.columns[input].values[current_] = *v;  // the hot path of reading numbers
      is_set_[input] = kStored;
      return;
    }
    case InputType::kBoolean: {
      const std::optional<bool> b = ParseBoolean(text);
      if (!b) {
        SetBad(input, fmt::format("bad boolean \"{}\"", ShownValue(text)), field);
        return;
      }
      SetBool(input, *b, field);
      return;
    }
    case InputType::kText: {
      if (!IsValidUtf8(text)) {
        SetBad(input, fmt::format("bad text \"{}\" (not valid UTF-8)", ShownValue(text)), field);
        return;
      }
      // Look before interning, so that rejected values do not grow the pool.
      std::optional<uint32_t> id = table_.texts.Find(text);
      if (!in.allowed.empty()) {
        bool ok = false;
        if (id) {
          for (uint32_t a : in.allowed) ok = ok || a == *id;
        }
        if (!ok) {
          std::string allowed;
          for (uint32_t a : in.allowed) {
            if (!allowed.empty()) allowed += ", ";
            allowed += spec_.texts.Text(a);
          }
          SetBad(input,
                 fmt::format("unknown value \"{}\" (allowed: {})", ShownValue(text), allowed),
                 field);
          return;
        }
      }
      if (!id) id = table_.texts.Intern(text);
      table_.columns[input].values[current_] = static_cast<double>(*id);
      is_set_[input] = kStored;
      return;
    }
    case InputType::kList: {
      std::vector<double>& values = table_.columns[input].list_values;
      const std::size_t old_size = values.size();
      std::string_view bad;
      if (!ParseNumberList(text, values, &bad)) {
        values.resize(old_size);
        SetBad(input, fmt::format("bad list element \"{}\"", ShownValue(bad)), field);
        return;
      }
      for (std::size_t i = old_size; i < values.size(); ++i) {
        if (!InRange(in, values[i])) {
          const double bad_value = values[i];
          values.resize(old_size);
          SetBad(input, RangeProblem(in, bad_value), field);
          return;
        }
      }
      table_.columns[input].list_missing[current_] = 0;
      is_set_[input] = kStored;
      return;
    }
  }
}

void UnitTableBuilder::SetNumber(std::size_t input, double value, std::string_view field) {
  if (!TakesValue(input)) return;
  const InputSpec& in = spec_.inputs[input];
  if (!std::isfinite(value)) {
    SetBad(input, fmt::format("bad {} \"{}\"", InputTypeName(in.type), NumberShown(value)), field);
    return;
  }
  if (value == 0) value = 0;  // -0.0 reads as 0, as ParseNumber("-0") does
  switch (in.type) {
    case InputType::kInteger:
      if (!IsWholeNumber(value)) {
        SetBad(input, fmt::format("bad integer \"{}\"", ShortestText(value)), field);
        return;
      }
      [[fallthrough]];
    case InputType::kNumber: {
      if (!InRange(in, value)) {
        SetBad(input, RangeProblem(in, value), field);
        return;
      }
      table_.columns[input].values[current_] = value;
      is_set_[input] = kStored;
      return;
    }
    case InputType::kBoolean:
      if (value != 0 && value != 1) {
        SetBad(input, fmt::format("bad boolean \"{}\"", ShortestText(value)), field);
        return;
      }
      SetBool(input, value == 1, field);
      return;
    case InputType::kText:
      SetText(input, ShortestText(value), field);  // 3 -> "3", 2.5 -> "2.5" (SPEC §12)
      return;
    case InputType::kList:
      SetList(input, std::span<const double>(&value, 1), field);  // a list of one
      return;
  }
}

void UnitTableBuilder::SetBool(std::size_t input, bool value, std::string_view field) {
  if (!TakesValue(input)) return;
  const InputSpec& in = spec_.inputs[input];
  if (in.type != InputType::kBoolean) {
    SetBad(
        input,
        fmt::format("expected {}, got {}", InputTypeWithArticle(in.type), value ? "true" : "false"),
        field);
    return;
  }
  table_.columns[input].values[current_] = value ? 1 : 0;
  is_set_[input] = kStored;
}

void UnitTableBuilder::SetList(std::size_t input, std::span<const double> values,
                               std::string_view field) {
  if (!TakesValue(input)) return;
  const InputSpec& in = spec_.inputs[input];
  if (in.type != InputType::kList) {
    SetBad(input, fmt::format("expected {}, got a list", InputTypeWithArticle(in.type)), field);
    return;
  }
  for (double v : values) {
    if (!std::isfinite(v)) {
      SetBad(input, fmt::format("bad list element \"{}\"", NumberShown(v)), field);
      return;
    }
    if (!InRange(in, v)) {
      SetBad(input, RangeProblem(in, v), field);
      return;
    }
  }
  Column& col = table_.columns[input];
  for (double v : values) col.list_values.push_back(v == 0 ? 0 : v);
  col.list_missing[current_] = 0;
  is_set_[input] = kStored;
}

void UnitTableBuilder::RowError(std::string_view problem) {
  if (!in_unit_ || failed_) return;
  const std::string& id = table_.ids[current_];
  if (id.empty()) {
    Fail(fmt::format("data error: {}: {}", table_.PlaceOf(current_), problem));
  } else {
    Fail(fmt::format("data error: unit {} ({}): {}", id, table_.PlaceOf(current_), problem));
  }
}

void UnitTableBuilder::EndUnit() {
  if (!in_unit_) return;
  // The first row of an id is the unit; a repeat is an error and no peer (SPEC §12). This
  // is the first problem of a repeat, whatever its cells held.
  if (!seen_ids_.Insert(table_.ids, current_)) {
    table_.errors[current_] = fmt::format("data error: unit {} ({}): duplicate unit id",
                                          table_.ids[current_], table_.PlaceOf(current_));
    failed_ = true;
  }
  if (!failed_ && table_.ids[current_].empty()) {
    Fail(fmt::format("data error: {}: no unit id", table_.PlaceOf(current_)));
  }
  for (std::size_t i = 0; i < spec_.inputs.size() && !failed_; ++i) {
    if (is_set_[i] == kStored) continue;
    const InputSpec& in = spec_.inputs[i];
    Column& col = table_.columns[i];
    if (in.has_default) {
      if (in.type == InputType::kList) {
        col.list_values.insert(col.list_values.end(), in.default_list.begin(),
                               in.default_list.end());
        col.list_missing[current_] = 0;
      } else {
        col.values[current_] = in.default_value;
      }
    } else if (in.required) {
      const std::string_view field = table_.source == SourceKind::kMemory ? in.name : in.column;
      Fail(fmt::format("data error: unit {}: missing {} (required input, {})", table_.ids[current_],
                       in.name, CellPlace(field)));
    }
  }
  for (std::size_t i = 0; i < spec_.inputs.size(); ++i) {
    Column& col = table_.columns[i];
    if (spec_.inputs[i].type == InputType::kList)
      col.list_offsets.push_back(col.list_values.size());
  }
  in_unit_ = false;
}

UnitTable UnitTableBuilder::Finish() {
  EndUnit();
  return std::move(table_);
}

}  // namespace assess::data
