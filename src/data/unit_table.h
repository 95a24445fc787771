// UnitTable: a batch of units in columns (DESIGN: columnar), one column per scheme input,
// as the evaluator reads them. Data errors are recorded per unit, never thrown.
#ifndef ASSESS_DATA_UNIT_TABLE_H_
#define ASSESS_DATA_UNIT_TABLE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "core/large_alloc.h"
#include "core/text_pool.h"
#include "core/types.h"
#include "data/number_vector.h"
#include "data/unit_errors.h"

namespace assess::data {

// How one input's values are checked and stored; built from the scheme (rule-language §4).
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

// Where the units came from; decides how places are written in messages (rule-language §16):
// CSV `row 5, column "output"` (the header is row 1), JSON `[3].output`,
// JSON Lines `line 4, field output`, memory (API / embedded tests) `unit #3, field output`,
// an .xlsx sheet `sheet 数据, cell D15, column "output"` (UnitTableBuilder::NameCells).
enum class SourceKind { kCsv, kJson, kJsonLines, kMemory, kXlsx };

// One input's values for every unit. Code outside data/ reads a column only through the
// accessors below, so that its storage can change without touching the evaluator.
//
// Storage (see number_vector.h for the encodings of numbers):
//   number, integer: a NumberVector: scaled integers of 8, 16 or 32 bits with one decimal
//       scale per column (87.5 -> 875 at scale 1), widened or turned into doubles as the
//       values require; a sentinel mantissa for missing values.
//   boolean: the same, holding 0 / 1: one byte a unit.
//   text: the same, holding TextPool ids: one byte a unit while ids are below 128, else two
//       or four.
//   list: the elements of every unit in one NumberVector, unit u's at
//       [offset[u], offset[u + 1]). While every list has the same length k (seven raters'
//       marks each), offset[u] is u * k and nothing more is stored; from the first list of
//       another length on, the offsets are (32-bit, 64-bit past 2^32 elements). One byte
//       per unit marks a missing list, from the first missing one on (none before it).
// Every encoding decodes to the very double the builder was given (or ParseNumber read),
// bit for bit. The workload of bench/ (decimals with one decimal, small counts, texts of a
// few values, lists of half points) takes 2 bytes a value where doubles took 8. A column
// that a reader sized in advance lives in one ColumnArena (column_arena.h) with the others.
// Decoding a slice is one vectorized loop (a conversion, and a division when the scale is
// not 0), about a nanosecond a value.
class Column {
 public:
  // The value of unit u: a number, a boolean (0 / 1) or a text (TextPool id); NaN when
  // missing. Not for list inputs.
  double At(std::size_t u) const { return values_.At(u); }
  // Units [start, start + n) as doubles: a pointer into the column when it is stored as
  // doubles, else the values decoded into `scratch` (room for n doubles).
  const double* Slice(std::size_t start, std::size_t n, double* scratch) const {
    return values_.Slice(start, n, scratch);
  }
  // Lists.
  bool ListMissing(std::size_t u) const { return !list_missing_.empty() && list_missing_[u] != 0; }
  std::size_t ListSize(std::size_t u) const {
    return static_cast<std::size_t>(ListBegin(u + 1) - ListBegin(u));
  }
  // Copies unit u's list (ListSize(u) numbers) to `out`.
  void ListCopy(std::size_t u, double* out) const {
    const uint64_t begin = ListBegin(u);
    elements_.CopyTo(static_cast<std::size_t>(begin),
                     static_cast<std::size_t>(ListBegin(u + 1) - begin), out);
  }
  // Units [first, first + count)'s lists end to end, for a chunk at once: unit u's list is
  // at ListOffset(u) - ListOffset(first) in what ListsCopy writes (ListOffset(first + count)
  // - ListOffset(first) numbers; a missing list has none).
  uint64_t ListOffset(std::size_t u) const { return ListBegin(u); }
  void ListsCopy(std::size_t first, std::size_t count, double* out) const {
    const uint64_t begin = ListBegin(first);
    elements_.CopyTo(static_cast<std::size_t>(begin),
                     static_cast<std::size_t>(ListBegin(first + count) - begin), out);
  }
  // For a builder that stores a number column's values a block at a time, after its units
  // (BatchBuilder): appends n values, as NumberVector::PushValues; or makes the caller's n
  // doubles the column's values without a copy, as NumberVector::Share.
  void PushValues(const double* x, std::size_t n) { values_.PushValues(x, n); }
  void ShareValues(const double* values, std::size_t n, bool any_missing,
                   std::shared_ptr<const void> owner) {
    values_.Share(values, n, any_missing, std::move(owner));
  }
  // Appends the units of `other`, a column of the same input.
  void Append(const Column& other);
  // Renumbers a text column's ids: id -> map[id].
  void RemapTexts(const std::vector<double>& map);

  // The storage, for tests and measurements.
  const NumberVector& values() const { return values_; }
  const NumberVector& elements() const { return elements_; }
  std::size_t bytes() const;

 private:
  friend class UnitTableBuilder;

  uint64_t ListBegin(std::size_t u) const {
    if (strided_) return u * stride_;
    return offsets64_.empty() ? offsets32_[u] : offsets64_[u];
  }
  // Closes the next unit's list at the current end of the elements; `missing`: the unit has
  // no list (and so no elements). Inline for the common case, one more list of the stride
  // (a call per list input of every row cost 40-50 instructions).
  void PushList(bool missing) {
    if (!missing && strided_ && lists_ != 0 && list_missing_.empty() &&
        elements_.size() == (lists_ + 1) * stride_) {
      ++lists_;
      return;
    }
    PushListSlow(missing);
  }
  void PushListSlow(bool missing);
  // Closes the next unit's list at element `end`.
  void CloseList(uint64_t end);
  void PushOffset(uint64_t end);

  NumberVector values_;    // number / integer / boolean / text
  NumberVector elements_;  // list
  // Lists: strided_ while every list closed so far has stride_ elements (no offsets
  // stored); else offsets32_ (or offsets64_) holds lists_ + 1 offsets.
  bool is_list_ = false;
  bool strided_ = true;
  uint64_t stride_ = 0;
  std::size_t lists_ = 0;  // lists closed: units
  ColumnVector<uint32_t> offsets32_;
  std::vector<uint64_t> offsets64_;     // used instead of offsets32_ once it is not empty
  ColumnVector<uint8_t> list_missing_;  // per unit, or empty while no list is missing
};

struct UnitTable {
  // The per-unit vectors come from huge pages (core/large_alloc.h), as the columns do.
  LargeVector<std::string> ids;
  std::vector<Column> columns;  // parallel to DataSpec::inputs
  TextPool texts;               // the scheme's texts, then those the data brings
  UnitErrors errors;            // per unit: the data error, "" when the unit is fine
  LargeVector<uint64_t> rows;   // per unit: CSV row (header = 1), JSON index, JSONL line
  SourceKind source = SourceKind::kMemory;
  std::string source_name;  // the file name, for messages
  // The rows are counted from the start of a part of the text whose rows before it are not
  // known yet (UnitTableBuilder::NumberRowsLater): messages hold each row number between two
  // kRowMark bytes, which AddToRows (unit_table_merge.h) replaces with the number then.
  bool rows_relative = false;

  std::size_t size() const { return ids.size(); }
  bool has_error(std::size_t unit) const { return !errors[unit].empty(); }
  // "row 5" / "[3]" / "line 4" / "unit #3": the unit's place, for evaluation errors.
  std::string PlaceOf(std::size_t unit) const;
  // The unit's row as messages show it: "5", or marked while rows_relative.
  std::string RowText(std::size_t unit) const;
};

// Moved, never copied, when a vector of tables grows (a reader's parts on two threads).
static_assert(std::is_nothrow_move_constructible_v<UnitTable>);

// A byte no UTF-8 text holds, and so no message (a message's parts are the scheme's names,
// ids and values shown as valid UTF-8): it marks a row number to be rewritten.
inline constexpr char kRowMark = '\xFF';

}  // namespace assess::data

#endif  // ASSESS_DATA_UNIT_TABLE_H_
