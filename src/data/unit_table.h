// UnitTable: a batch of units in columns (DESIGN: columnar), one column per scheme input,
// as the evaluator reads them. Data errors are recorded per unit, never thrown.
#ifndef ASSESS_DATA_UNIT_TABLE_H_
#define ASSESS_DATA_UNIT_TABLE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/text_pool.h"
#include "core/types.h"

namespace assess::data {

// How one input's values are checked and stored; built from the scheme (SPEC §2).
struct InputSpec {
  std::string name;
  std::string column;  // name in data files (default: the input's name)
  InputType type = InputType::kNumber;
  bool required = true;  // missing and no default -> data error
  // A default replaces a missing value. For a text input it is a TextPool id, for a
  // boolean 0/1; for a list input `default_list` holds it.
  bool has_default = false;
  double default_value = 0;
  std::vector<double> default_list;
  std::optional<double> min;  // numbers and list elements
  std::optional<double> max;
  std::vector<uint32_t> allowed;  // text ids (in the scheme's pool) of `values`; empty = any
};

// What a reader needs to know of the scheme.
struct DataSpec {
  std::string unit_column = "unit";
  std::vector<InputSpec> inputs;
  TextPool texts;  // the scheme's texts; a table starts from a copy
};

// Where the units came from; decides how places are written in messages (SPEC §12):
// CSV `row 5, column "output"` (the header is row 1), JSON `[3].output`,
// JSON Lines `line 4, field output`, memory (API / embedded tests) `unit #3, field output`.
enum class SourceKind { kCsv, kJson, kJsonLines, kMemory };

// One input's values for every unit. Code outside data/ reads a column only through the
// accessors below, so that its storage can change (compact encodings) without touching the
// evaluator.
struct Column {
  // The value of unit u: a number, a boolean (0 / 1) or a text (TextPool id); NaN when
  // missing. Not for list inputs.
  double At(std::size_t u) const { return values[u]; }
  // Units [start, start + n) as doubles: a pointer into the column when it is stored as
  // doubles, else the values decoded into `scratch` (room for n doubles).
  const double* Slice(std::size_t start, std::size_t n, double* scratch) const {
    (void)n;
    (void)scratch;
    return values.data() + start;
  }
  // Lists.
  bool ListMissing(std::size_t u) const { return list_missing[u] != 0; }
  std::size_t ListSize(std::size_t u) const { return list_offsets[u + 1] - list_offsets[u]; }
  // Copies unit u's list (ListSize(u) numbers) to `out`.
  void ListCopy(std::size_t u, double* out) const {
    for (uint64_t k = list_offsets[u]; k < list_offsets[u + 1]; ++k) *out++ = list_values[k];
  }
  // Renumbers a text column's ids: id -> map[id].
  void RemapTexts(const std::vector<double>& map) {
    for (double& v : values) {
      if (v == v) v = map[static_cast<std::size_t>(v)];
    }
  }

  // Storage, written by UnitTableBuilder.
  // number / integer / boolean (0, 1) / text (TextPool id); NaN = missing. Lists: unused.
  std::vector<double> values;
  // list: unit i's numbers are list_values[list_offsets[i] .. list_offsets[i + 1]);
  // list_missing[i] = 1 when the list is missing (null).
  std::vector<uint64_t> list_offsets;
  std::vector<double> list_values;
  std::vector<uint8_t> list_missing;
};

struct UnitTable {
  std::vector<std::string> ids;
  std::vector<Column> columns;      // parallel to DataSpec::inputs
  TextPool texts;                   // the scheme's texts, then those the data brings
  std::vector<std::string> errors;  // per unit: the data error, "" when the unit is fine
  std::vector<uint64_t> rows;       // per unit: CSV row (header = 1), JSON index, JSONL line
  SourceKind source = SourceKind::kMemory;
  std::string source_name;          // the file name, for messages

  std::size_t size() const { return ids.size(); }
  bool has_error(std::size_t unit) const { return !errors[unit].empty(); }
  // "row 5" / "[3]" / "line 4" / "unit #3": the unit's place, for evaluation errors.
  std::string PlaceOf(std::size_t unit) const;
};

}  // namespace assess::data

#endif  // ASSESS_DATA_UNIT_TABLE_H_
