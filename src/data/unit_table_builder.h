// UnitTableBuilder: the one place where data values are checked against the scheme's
// inputs (type, min / max, values, required, default, duplicate ids) and stored in
// columns. The CSV, JSON and JSON Lines readers, the API's BatchBuilder and embedded tests
// all feed it, so every source gets the same checks and the same messages.
#ifndef ASSESS_DATA_UNIT_TABLE_BUILDER_H_
#define ASSESS_DATA_UNIT_TABLE_BUILDER_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "data/unit_id_set.h"
#include "data/unit_table.h"
#include "num/number_text.h"

namespace assess::data {

// The end of the message of a unit whose id is not valid UTF-8: such a unit holds no id
// (AppendUnits tells them by it).
inline constexpr std::string_view kIdNotUtf8 = "the unit id is not valid UTF-8";

// clang-format off
// Messages (rule-language §16; the first problem of a unit is its error, later cells are ignored):
//   data error: unit M04, input output: bad number "abc" (row 5, column "output")
//   data error: unit M05, input survey: 101 is above the maximum 100 (row 6, column "survey")
//   data error: unit M06: missing output (required input, row 7, column "output")
//   data error: unit M07, input grade: unknown value "E" (allowed: A, B, C, D) (row 8, column "grade")
//   data error: unit M09, input pilot: bad boolean "maybe" (row 10, column "pilot")
//   data error: unit M01 (row 11): duplicate unit id
//   data error: row 12: no unit id
// clang-format on
class UnitTableBuilder {
  struct TransparentHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

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
  // For readers of rows of texts (CSV): `columns` pairs a cell's index in a row with its
  // input, by ascending index, and `fields[k]` names the cell of columns[k] in messages.
  // SetRow then calls SetText for each of them, in that order, with the row's cells; a row
  // shorter than a column leaves it and those after it unset (missing trailing cells).
  void MapColumns(std::vector<std::pair<std::size_t, std::size_t>> columns,
                  std::vector<std::string> fields);
  void SetRow(std::span<const std::string_view> cells);
  void SetNumber(std::size_t input, double value, std::string_view field);
  // An integer read exactly (a JSON integer): as SetNumber of its double, but a text input
  // keeps its digits (12345678901234567890), and a number or integer input takes a small
  // one as it takes a decimal read from a text (PushDecimal), without a double's search
  // for its scale.
  void SetInteger(std::size_t input, int64_t value, std::string_view field);
  void SetBool(std::size_t input, bool value, std::string_view field);
  void SetList(std::size_t input, std::span<const double> values, std::string_view field);
  // SetList of whole numbers below 10^9, the least and the greatest of them given, at once
  // (a JSON list of marks), when the input is a list whose range holds them all; false,
  // having done nothing, when it is not so (or `values` is empty): then SetList says why.
  bool SetListWholes(std::size_t input, std::span<const std::uint32_t> values, std::uint32_t least,
                     std::uint32_t greatest);
  void SetMissing(std::size_t input);
  // A value the source could not give as one of the above (a JSON object where a number is
  // expected): `problem` is the message's problem text, e.g. "expected a number, got an object".
  void SetBad(std::size_t input, std::string_view problem, std::string_view field);
  // A problem of the whole row (too many cells, not an object): the unit's data error.
  void RowError(std::string_view problem);
  // For a spreadsheet source (SourceKind::kXlsx): the sheet's name and, per field (header
  // name), its column letters, so that places read `sheet 数据, cell D15, column "..."`.
  void NameCells(std::string sheet, std::unordered_map<std::string, std::string> cell_columns);

  // Applies defaults, reports missing required inputs, and records the unit.
  void EndUnit();

  // Columns a caller stores itself, a column at a time, after the units (BatchBuilder's
  // numeric columns that it has checked beforehand: no value in them is a problem, and a
  // missing one is neither required nor defaulted). In each unit, at the column's place
  // in the unit's order, the caller tells which deferred inputs the unit takes: those before
  // its first problem (a unit keeps the values before its first problem, as with
  // SetNumber; Accepting() turns false at it), by TakeDeferred with the first `count` of
  // the deferred inputs in column order; EndUnit pushes nothing for a deferred input; the
  // caller then pushes exactly one value per unit onto DeferredValues(input): the unit's
  // value when it took it, else a missing one.
  void Defer(std::size_t input) { deferred_[input] = 1; }
  bool Accepting() const { return accepting_; }
  void TakeDeferred(const std::size_t* inputs, std::size_t count) {
    for (std::size_t k = 0; k < count; ++k) is_set_[inputs[k]] = kStored;
    stored_ += count;
  }
  NumberVector& DeferredValues(std::size_t input) { return table_.columns[input].values_; }

  // For a reader of a part of a text whose rows before it are not known yet (a later part
  // read on another thread): `row` counts from the part's start, and messages mark each row
  // number (UnitTable::rows_relative) for AddToRows to set once they are known. Before the
  // first unit.
  void NumberRowsLater() { table_.rows_relative = true; }

  // Makes room for `units` units in all (a hint, from a reader that can estimate them),
  // so that the columns do not grow by copying. Lists get room for as many elements per
  // unit as the units so far had.
  void Reserve(std::size_t units);

  UnitTable Finish();
  // After Finish: the ids the finished table holds (of units that have a valid one), over
  // that table's `ids` (AppendUnits finds repeats in it without building a set anew).
  const UnitIdSet& ids_held() const { return seen_ids_; }
  UnitIdSet& ids_held() { return seen_ids_; }  // for RecordIds (unit_table_merge.h)

  // For a progress display on another thread: the units ended (EndUnit) are added to
  // `*units` every few thousand, and the rest on Finish. Null: not counted.
  void CountUnitsIn(std::atomic<uint64_t>* units) { units_counter_ = units; }

  // The common list cell, whole numbers without a sign separated by ';' ("63;69;60"), read
  // at once (SetListText; public for its tests): up to kMaxWholes elements of up to 9 digits
  // into `out`, which has room for kWholesRoom (values past the last may be written), and
  // the least and the greatest; the number of elements, or 0 for any other text.
  // ReadWholesByByte is its definition, a byte at a time.
  static constexpr std::size_t kMaxWholes = 256;
  static constexpr std::size_t kWholesRoom = kMaxWholes + 4;
  static std::size_t ReadWholes(std::string_view text, std::uint32_t* out, std::uint32_t& least,
                                std::uint32_t& greatest);
  static std::size_t ReadWholesByByte(std::string_view text, std::uint32_t* out,
                                      std::uint32_t& least, std::uint32_t& greatest);

 private:
  // See unit_table_builder.cc.
  struct Bounds {
    double lo;  // -inf / +inf when the input has no min / max
    double hi;
    // For checking a decimal without dividing (DecimalInRange): no min, a min of 0, the
    // least whole number at or above a min in [0, 2^31) (lo_ceil, else -1), no max, a max
    // that is a whole number in [0, 2^31) (hi_whole, else -1).
    bool lo_none;
    bool lo_zero;
    int64_t lo_ceil;
    bool hi_none;
    int64_t hi_whole;
    // The whole numbers x in [0, 2^32) in range (!(x < lo) && !(x > hi), as InRange):
    // [whole_lo, whole_hi], empty when whole_lo > whole_hi. For lists of whole numbers.
    int64_t whole_lo;
    int64_t whole_hi;
  };
  void Fail(std::string message);
  bool TakesValue(std::size_t input) const { return accepting_ && is_set_[input] == kUnseen; }
  bool InRange(std::size_t input, double x) const {
    return !(x < bounds_[input].lo) && !(x > bounds_[input].hi);
  }
  static bool DecimalInRange(const Bounds& b, const ShortDecimal& d);
  std::string CellPlace(std::string_view field) const;
  void SetCell(std::size_t input, std::string_view text, std::string_view field);
  void SetNumberTextSlow(std::size_t input, std::string_view text, std::string_view field);
  void SetTextText(std::size_t input, std::string_view text, std::string_view field);
  void SetListText(std::size_t input, std::string_view text, std::string_view field);
  void SetListTextLoop(std::size_t input, std::string_view text, std::string_view field);
  void SetListTextSlow(std::size_t input, std::string_view text, std::string_view field);
  // `bad number "abc"`, `bad list element "x"`...: the cell's text does not read as its type.
  void BadCell(std::size_t input, std::string_view text, std::string_view field);
  void OutOfRange(std::size_t input, double x, std::string_view field);
  void SetStored(std::size_t input) {
    is_set_[input] = kStored;
    ++stored_;
  }
  // A whole number stored as it is: a text's id in the pool, a boolean's 0 or 1. Always
  // inline: SetRow's loop stores grade cells with it, and as a call it cost 17 M more
  // instructions of 1,911 M (callgrind, peer-bench 50,000 x 100, one thread).
  [[gnu::always_inline]] void StoreWhole(std::size_t input, uint64_t v) {
    table_.columns[input].values_.PushDecimal(ShortDecimal{v, 0, false});
    SetStored(input);
  }

  enum : uint8_t { kUnseen = 0, kStored = 1, kSeenMissing = 2 };

  const DataSpec& spec_;
  UnitTable table_;
  std::unordered_map<std::string, std::size_t> by_field_;
  UnitIdSet seen_ids_;
  std::vector<Bounds> bounds_;     // per input
  std::vector<InputType> types_;   // per input: spec_.inputs[i].type, close together
  std::vector<uint8_t> is_set_;    // per input, for the current unit
  std::vector<uint8_t> deferred_;  // per input: 1 when stored by the caller (Defer)
  std::size_t stored_ = 0;         // inputs with kStored in is_set_
  std::vector<std::size_t> list_inputs_;
  struct AllowedText {
    std::string_view text;  // in spec_.texts
    uint64_t word;          // its bytes (LoadUpTo8) when 1 to 8 of them
    uint32_t id;
    bool valid_utf8;
  };
  std::vector<std::vector<AllowedText>> allowed_;  // per input: its `values`
  // A cell of the rows MapColumns describes, with what SetRow's fast paths need at hand.
  struct RowCell {
    std::size_t column;
    std::size_t input;
    InputType type;
    // Numbers whose min / max DecimalInRange settles without dividing (and integers, for
    // cells without decimals): their values, else null.
    NumberVector* fast_values;
  };
  std::vector<RowCell> row_cells_;  // see MapColumns
  std::vector<std::string> row_fields_;
  std::string sheet_;  // see NameCells
  std::unordered_map<std::string, std::string, TransparentHash, std::equal_to<>> cell_columns_;
  std::atomic<uint64_t>* units_counter_ = nullptr;  // see CountUnitsIn
  uint64_t units_uncounted_ = 0;                    // ended, not yet added to it
  std::size_t current_ = 0;
  bool in_unit_ = false;
  bool failed_ = false;
  bool accepting_ = false;  // in a unit with an id that has not failed: cells count
};

}  // namespace assess::data

#endif  // ASSESS_DATA_UNIT_TABLE_BUILDER_H_
