// What an .xlsx reader needs from a workbook besides the worksheet itself: where each
// worksheet is and its name (the workbook part and its relationships), the shared-string
// table, and which cell styles show a number as a date.
#ifndef ASSESS_IO_XLSX_WORKBOOK_H_
#define ASSESS_IO_XLSX_WORKBOOK_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "io/xlsx_archive.h"

namespace assess::io {

struct XlsxSheetRef {
  std::string name;  // as the tab shows it
  std::string part;  // its XML inside the zip: "xl/worksheets/sheet1.xml"
};

struct XlsxWorkbook {
  std::vector<XlsxSheetRef> sheets;  // worksheets, in the workbook's order (no chart sheets)
  std::string shared_strings_part;   // "" when the workbook has none
  std::string styles_part;           // "" when the workbook has none
};

// Reads the package relationships, the workbook part and its relationships. Returns "" or
// why the archive is not a usable workbook.
std::string ReadWorkbook(const XlsxArchive& archive, XlsxWorkbook& out);

// The shared-string table: string i of the workbook, rich text runs joined, phonetic
// guides (rPh) left out.
class SharedStrings {
 public:
  std::size_t size() const { return ends_.size(); }
  std::string_view at(std::size_t i) const {
    const uint64_t begin = i == 0 ? 0 : ends_[i - 1];
    return std::string_view(text_).substr(begin, ends_[i] - begin);
  }
  void Add(std::string_view s) {
    text_ += s;
    ends_.push_back(text_.size());
  }
  void Append(std::string_view piece) { text_ += piece; }  // to the string being read
  void Close() { ends_.push_back(text_.size()); }

 private:
  std::string text_;
  std::vector<uint64_t> ends_;
};

std::string ReadSharedStrings(const XlsxArchive& archive, const std::string& part,
                              SharedStrings& out);

// Per cell style (the `s` of a cell, an index into cellXfs): 1 when its number format
// shows dates or times, else 0.
std::string ReadDateStyles(const XlsxArchive& archive, const std::string& part,
                           std::vector<uint8_t>& out);

// Whether number format `id` (with its `code` when the workbook defines it) shows a date
// or a time: the built-in ids of dates and times (14-22, 45-47, and 27-36, 50-58 of the
// East Asian locales), or a code with d, m, y, h or s outside quotes and brackets.
bool IsDateFormat(int id, std::string_view code);

}  // namespace assess::io

#endif  // ASSESS_IO_XLSX_WORKBOOK_H_
