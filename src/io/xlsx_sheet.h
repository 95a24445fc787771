// XlsxSheetStream: a worksheet's rows, one at a time, as its XML is inflated; the sheet is
// never held whole. A row's cells come with their column, type, style and raw value text.
#ifndef ASSESS_IO_XLSX_SHEET_H_
#define ASSESS_IO_XLSX_SHEET_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "io/xlsx_archive.h"

namespace assess::io {

// Excel's bounds: columns A..XFD, rows 1..1048576.
inline constexpr uint32_t kXlsxMaxColumns = 16384;
inline constexpr uint64_t kXlsxMaxRows = 1048576;
// The text of one row's cells together (a cell holds at most 32,767 characters in Excel).
inline constexpr std::size_t kXlsxMaxRowTextBytes = std::size_t{256} << 20;

struct XlsxCell {
  enum class Type : uint8_t {
    kNumber,        // t="n" or none: value is the number's text
    kSharedString,  // t="s": value is an index into the shared strings
    kInlineString,  // t="inlineStr": value is the text
    kFormulaText,   // t="str": a formula's cached text
    kBoolean,       // t="b": "1" or "0"
    kError,         // t="e": "#N/A", "#DIV/0!"...
    kDate,          // t="d": an ISO 8601 date text
  };
  uint32_t column = 0;  // 0 = A
  Type type = Type::kNumber;
  uint32_t style = 0;      // index into the styles' cellXfs
  bool has_value = false;  // a <v> or <is> (an empty <c/> has none: a formatted empty cell)
  std::string_view value;
};

struct XlsxRow {
  uint64_t number = 0;          // as Excel shows it: 1 is the first row
  std::vector<XlsxCell> cells;  // by ascending column
};

// "A" for 0, "AB" for 27: a column as Excel names it.
std::string ColumnName(uint32_t column);

// Streams the worksheet `part`, calling `on_row` for every row that has cells; `on_row`
// returns false to stop. `wanted(column)`, when set, tells which columns' values to keep
// (the others are skipped as they are parsed); the reader sets it once it has read the
// header. Returns "" or why the sheet cannot be read (naming the part, line and column).
class XlsxSheetStream {
 public:
  explicit XlsxSheetStream(const XlsxArchive& archive) : archive_(archive) {}
  void set_wanted(std::vector<uint8_t> wanted) { wanted_ = std::move(wanted); }
  // Optional: the sheet's XML inflated so far, and in all (for a progress display).
  void set_progress(std::atomic<uint64_t>* done, std::atomic<uint64_t>* total) {
    done_ = done;
    total_ = total;
  }
  std::string Read(const std::string& part, const std::function<bool(const XlsxRow&)>& on_row);

 private:
  const XlsxArchive& archive_;
  std::vector<uint8_t> wanted_;  // by column; empty: every column
  std::atomic<uint64_t>* done_ = nullptr;
  std::atomic<uint64_t>* total_ = nullptr;
};

}  // namespace assess::io

#endif  // ASSESS_IO_XLSX_SHEET_H_
