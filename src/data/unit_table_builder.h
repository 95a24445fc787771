// UnitTableBuilder: the one place where data values are checked against the scheme's
// inputs (type, min / max, values, required, default, duplicate ids) and stored in
// columns. The CSV, JSON and JSON Lines readers, the API's BatchBuilder and embedded tests
// all feed it, so every source gets the same checks and the same messages.
#ifndef ASSESS_DATA_UNIT_TABLE_BUILDER_H_
#define ASSESS_DATA_UNIT_TABLE_BUILDER_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "data/unit_id_set.h"
#include "data/unit_table.h"

namespace assess::data {

// Messages (SPEC §12; the first problem of a unit is its error, later cells are ignored):
//   data error: unit M04, input output: bad number "abc" (row 5, column "output")
//   data error: unit M05, input survey: 101 is above the maximum 100 (row 6, column "survey")
//   data error: unit M06: missing output (required input, row 7, column "output")
//   data error: unit M07, input grade: unknown value "E" (allowed: A, B, C, D) (row 8, column "grade")
//   data error: unit M09, input pilot: bad boolean "maybe" (row 10, column "pilot")
//   data error: unit M01 (row 11): duplicate unit id
//   data error: row 12: no unit id
class UnitTableBuilder {
 public:
  UnitTableBuilder(const DataSpec& spec, SourceKind source, std::string source_name);

  // The input whose column (or, for memory sources and embedded tests, whose name) is
  // `field`; nullopt for other fields, which are ignored.
  std::optional<std::size_t> FindInput(std::string_view field) const;

  // Starts a unit. `row` is its place (CSV row, JSON index, JSONL line, memory index).
  void BeginUnit(std::string_view id, uint64_t row);
  void BeginUnitWithoutId(uint64_t row);

  // Cell setters for the current unit; `field` is the column / key name, for messages.
  // SetText parses the text by the input's type, as a CSV cell: trimmed; empty = missing;
  // numbers `[+-]digits[.digits][(e|E)[+-]digits]`; integers accept `3.0`; booleans
  // true/false, yes/no, 1/0 in any case; lists `88;92.5;79`.
  void SetText(std::size_t input, std::string_view text, std::string_view field);
  void SetNumber(std::size_t input, double value, std::string_view field);
  void SetBool(std::size_t input, bool value, std::string_view field);
  void SetList(std::size_t input, std::span<const double> values, std::string_view field);
  void SetMissing(std::size_t input);
  // A value the source could not give as one of the above (a JSON object where a number is
  // expected): `problem` is the message's problem text, e.g. "expected a number, got an object".
  void SetBad(std::size_t input, std::string_view problem, std::string_view field);
  // A problem of the whole row (too many cells, not an object): the unit's data error.
  void RowError(std::string_view problem);

  // Applies defaults, reports missing required inputs, and records the unit.
  void EndUnit();

  UnitTable Finish();

 private:
  // See unit_table_builder.cc.
  void Fail(std::string message);
  bool TakesValue(std::size_t input) const;
  std::string CellPlace(std::string_view field) const;

  const DataSpec& spec_;
  UnitTable table_;
  std::unordered_map<std::string, std::size_t> by_field_;
  UnitIdSet seen_ids_;
  std::vector<uint8_t> is_set_;  // per input, for the current unit
  std::size_t current_ = 0;
  bool in_unit_ = false;
  bool failed_ = false;
};

}  // namespace assess::data

#endif  // ASSESS_DATA_UNIT_TABLE_BUILDER_H_
