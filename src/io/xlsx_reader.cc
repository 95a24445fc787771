// This file's external interface is ReadXlsxFile and ReadXlsxBytes: a worksheet of an .xlsx
// workbook into a UnitTable, through the same UnitTableBuilder as CSV, so every data rule
// of CSV holds. The first row with a cell is the header; a cell is read as follows:
//   number         its shortest decimal text ("1001", "87.5"), then as a CSV cell
//   text           (shared, inline, a formula's cached text) as a CSV cell
//   boolean        "true" / "false", then as a CSV cell
//   empty          missing
//   formula        its cached value, by the above
//   date, error    a data error naming the sheet and the cell
// Columns without a header name are ignored, so are cells beyond the header.
#include <fmt/format.h>

#include <charconv>
#include <unordered_set>

#include "data/cell_parse.h"
#include "data/unit_table_builder.h"
#include "io/data_readers.h"
#include "io/xlsx_archive.h"
#include "io/xlsx_sheet.h"
#include "io/xlsx_workbook.h"

namespace assess::io {
namespace {

constexpr int kNoInput = -1;
constexpr int kUnitColumn = -2;
constexpr std::string_view kDate = "a date (enter the value as a number or a text, not as a date)";

ReadResult Failure(std::string_view name, std::string_view why) {
  return ReadResult{std::nullopt, fmt::format("{}: {}", name, why)};
}

// A number cell's text as its shortest decimal: what Excel wrote is usually that already
// (a plain decimal of at most 15 digits without trailing zeros); otherwise it is read and
// written again ("0.30000000000000004" stays, "1.0000000000000001E-2" becomes "0.01").
std::string_view ShortestNumberText(std::string_view v, std::string& buffer) {
  int digits = 0;
  bool plain = !v.empty();
  bool dot = false;
  for (std::size_t i = 0; i < v.size() && plain; ++i) {
    const char c = v[i];
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (c == '.' && !dot && i > 0) {
      dot = true;
    } else if (!(c == '-' && i == 0)) {
      plain = false;
    }
  }
  const std::size_t lead = !v.empty() && v[0] == '-' ? 1 : 0;
  if (plain && digits > 0 && digits <= 15 && v.back() != '.' && !(dot && v.back() == '0') &&
      !(v.size() > lead + 1 && v[lead] == '0' && v[lead + 1] != '.')) {
    return v;
  }
  double x = 0;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
  if (ec != std::errc() || end != v.data() + v.size()) return v;  // the builder says why
  char out[32];
  const auto r = std::to_chars(out, out + sizeof out, x);
  buffer.assign(out, r.ptr);
  return buffer;
}

class SheetReader {
 public:
  SheetReader(const data::DataSpec& spec, std::string_view name, std::string sheet,
              const SharedStrings& strings, const std::vector<uint8_t>& date_styles)
      : spec_(spec),
        name_(name),
        sheet_(std::move(sheet)),
        strings_(strings),
        date_styles_(date_styles),
        builder_(spec, data::SourceKind::kXlsx, std::string(name)) {}

  // False to stop (the header is not usable: failure()).
  bool OnRow(const XlsxRow& row, XlsxSheetStream& stream) {
    if (!header_read_) return ReadHeader(row, stream);
    ReadUnit(row);
    return true;
  }
  bool header_read() const { return header_read_; }
  const std::string& failure() const { return failure_; }
  data::UnitTable Finish() { return builder_.Finish(); }
  void CountUnitsIn(std::atomic<uint64_t>* units) { builder_.CountUnitsIn(units); }

 private:
  bool IsDate(const XlsxCell& cell) const {
    return cell.type == XlsxCell::Type::kDate ||
           (cell.type == XlsxCell::Type::kNumber && cell.style < date_styles_.size() &&
            date_styles_[cell.style] != 0);
  }

  // The cell as text, or an error (why_not set) for dates and error cells.
  std::string_view TextOf(const XlsxCell& cell, std::string& why_not) {
    if (!cell.has_value) return {};
    switch (cell.type) {
      case XlsxCell::Type::kNumber:
        if (IsDate(cell)) {
          why_not = kDate;
          return {};
        }
        return ShortestNumberText(cell.value, buffer_);
      case XlsxCell::Type::kSharedString: {
        uint64_t index = 0;
        const auto [end, ec] =
            std::from_chars(cell.value.data(), cell.value.data() + cell.value.size(), index);
        if (ec != std::errc() || end != cell.value.data() + cell.value.size() ||
            index >= strings_.size()) {
          why_not = fmt::format("shared string {}, which does not exist (the workbook has {})",
                                data::ShownValue(cell.value), strings_.size());
          return {};
        }
        return strings_.at(index);
      }
      case XlsxCell::Type::kInlineString:
      case XlsxCell::Type::kFormulaText:
        return cell.value;
      case XlsxCell::Type::kBoolean:
        return cell.value == "1" || cell.value == "true" ? "true" : "false";
      case XlsxCell::Type::kError:
        why_not = fmt::format("the error {}", data::ShownValue(cell.value));
        return {};
      case XlsxCell::Type::kDate:
        why_not = kDate;
        return {};
    }
    return {};
  }

  bool ReadHeader(const XlsxRow& row, XlsxSheetStream& stream) {
    std::vector<std::string> header;
    for (const XlsxCell& cell : row.cells) {
      std::string why_not;
      const std::string_view text = data::TrimSpaces(TextOf(cell, why_not));
      if (text.empty()) continue;
      if (header.size() <= cell.column) header.resize(cell.column + 1);
      header[cell.column] = std::string(text);
    }
    if (header.empty()) return true;  // a blank row before the header
    header_read_ = true;
    std::vector<uint8_t> input_found(spec_.inputs.size(), 0);
    std::unordered_set<std::string_view> seen;
    std::unordered_map<std::string, std::string> cell_columns;
    role_.assign(header.size(), kNoInput);
    fields_.assign(header.size(), {});
    std::vector<uint8_t> wanted(header.size(), 0);
    bool has_unit = false;
    for (std::size_t c = 0; c < header.size(); ++c) {
      if (header[c].empty() || !seen.insert(header[c]).second) continue;  // the first counts
      if (header[c] == spec_.unit_column) {
        role_[c] = kUnitColumn;
        unit_column_ = static_cast<uint32_t>(c);
        has_unit = true;
        wanted[c] = 1;
      } else if (std::optional<std::size_t> input = builder_.FindInput(header[c])) {
        role_[c] = static_cast<int>(*input);
        input_found[*input] = 1;
        wanted[c] = 1;
        fields_[c] = header[c];
        cell_columns.emplace(header[c], ColumnName(static_cast<uint32_t>(c)));
      }
    }
    std::vector<std::string> missing;
    if (!has_unit) missing.push_back(spec_.unit_column);
    for (std::size_t i = 0; i < spec_.inputs.size(); ++i) {
      const data::InputSpec& input = spec_.inputs[i];
      if (!input_found[i] && input.required && !input.has_default) missing.push_back(input.column);
    }
    if (!missing.empty()) {
      std::string quoted, found;
      for (const std::string& m : missing)
        quoted += fmt::format("{}\"{}\"", quoted.empty() ? "" : ", ", m);
      for (const std::string& h : header) {
        if (!h.empty())
          found += fmt::format("{}{}", found.empty() ? "" : ", ", data::ShownValue(h));
      }
      failure_ = fmt::format(
          "sheet {}: required column{} {} {} missing from the header (row {}; "
          "columns found: {})",
          sheet_, missing.size() > 1 ? "s" : "", quoted, missing.size() > 1 ? "are" : "is",
          row.number, found);
      return false;
    }
    builder_.NameCells(sheet_, std::move(cell_columns));
    stream.set_wanted(std::move(wanted));
    return true;
  }

  void ReadUnit(const XlsxRow& row) {
    // A row whose kept cells are all empty is blank (as a blank CSV line): skipped.
    const XlsxCell* id_cell = nullptr;
    bool blank = true;
    for (const XlsxCell& cell : row.cells) {
      if (cell.column >= role_.size()) continue;
      if (cell.has_value && !(IsText(cell) && data::TrimSpaces(cell.value).empty())) blank = false;
      if (role_[cell.column] == kUnitColumn) id_cell = &cell;
    }
    if (blank) return;
    std::string why_not;
    std::string id;
    if (id_cell != nullptr) id = std::string(TextOf(*id_cell, why_not));
    if (!why_not.empty()) {
      builder_.BeginUnitWithoutId(row.number);
      builder_.RowError(fmt::format("the unit id cell (sheet {}, cell {}{}) holds {}", sheet_,
                                    ColumnName(unit_column_), row.number, why_not));
    } else {
      builder_.BeginUnit(id, row.number);
    }
    for (const XlsxCell& cell : row.cells) {
      if (cell.column >= role_.size() || role_[cell.column] < 0) continue;
      const auto input = static_cast<std::size_t>(role_[cell.column]);
      const std::string& field = fields_[cell.column];
      why_not.clear();
      const std::string_view text = TextOf(cell, why_not);
      if (!why_not.empty()) {
        builder_.SetBad(input, "the cell holds " + why_not, field);
      } else if (cell.has_value) {
        builder_.SetText(input, text, field);
      }
    }
    builder_.EndUnit();
  }

  static bool IsText(const XlsxCell& cell) {
    return cell.type == XlsxCell::Type::kInlineString || cell.type == XlsxCell::Type::kFormulaText;
  }

  const data::DataSpec& spec_;
  std::string_view name_;
  std::string sheet_;
  const SharedStrings& strings_;
  const std::vector<uint8_t>& date_styles_;
  data::UnitTableBuilder builder_;
  bool header_read_ = false;
  std::vector<int> role_;            // by column: kUnitColumn, kNoInput or the input
  std::vector<std::string> fields_;  // by column: the header name of an input's column
  uint32_t unit_column_ = 0;
  std::string failure_;
  std::string buffer_;
};

std::string SheetNames(const XlsxWorkbook& workbook) {
  std::string out;
  for (const XlsxSheetRef& s : workbook.sheets) {
    if (!out.empty()) out += ", ";
    out += data::ShownValue(s.name);
  }
  return out;
}

ReadResult ReadArchive(const XlsxArchive& archive, const data::DataSpec& spec,
                       std::string_view name, std::string_view sheet_name, Progress progress) {
  XlsxWorkbook workbook;
  if (std::string e = ReadWorkbook(archive, workbook); !e.empty()) return Failure(name, e);
  const XlsxSheetRef* sheet = &workbook.sheets.front();
  if (!sheet_name.empty()) {
    sheet = nullptr;
    for (const XlsxSheetRef& s : workbook.sheets) {
      if (s.name == sheet_name) sheet = &s;
    }
    if (sheet == nullptr) {
      return Failure(name, fmt::format("no sheet \"{}\" (the workbook's sheets: {})",
                                       data::ShownValue(sheet_name), SheetNames(workbook)));
    }
  }
  std::vector<uint8_t> date_styles;
  if (!workbook.styles_part.empty()) {
    if (std::string e = ReadDateStyles(archive, workbook.styles_part, date_styles); !e.empty()) {
      return Failure(name, e);
    }
  }
  SharedStrings strings;
  if (!workbook.shared_strings_part.empty()) {
    if (std::string e = ReadSharedStrings(archive, workbook.shared_strings_part, strings);
        !e.empty()) {
      return Failure(name, e);
    }
  }
  SheetReader reader(spec, name, sheet->name, strings, date_styles);
  XlsxSheetStream stream(archive);
  stream.set_progress(progress.done, progress.total);
  reader.CountUnitsIn(progress.units);
  const std::string e =
      stream.Read(sheet->part, [&](const XlsxRow& row) { return reader.OnRow(row, stream); });
  if (!reader.failure().empty()) return Failure(name, reader.failure());
  if (!e.empty()) return Failure(name, fmt::format("sheet {}: {}", sheet->name, e));
  if (!reader.header_read()) {
    return Failure(name, fmt::format("sheet {}: no header row (the sheet is empty)", sheet->name));
  }
  return ReadResult{reader.Finish(), {}};
}

}  // namespace

ReadResult ReadXlsxFile(const std::string& path, const data::DataSpec& spec, std::string_view sheet,
                        const XlsxLimits& limits, Progress progress) {
  std::string error;
  std::unique_ptr<XlsxArchive> archive = XlsxArchive::OpenFile(path, error);
  if (!archive) return Failure(path, error);
  archive->set_limits(limits);
  return ReadArchive(*archive, spec, path, sheet, progress);
}

ReadResult ReadXlsxBytes(std::string_view bytes, const data::DataSpec& spec, std::string_view name,
                         std::string_view sheet, const XlsxLimits& limits) {
  std::string error;
  std::unique_ptr<XlsxArchive> archive = XlsxArchive::OpenBytes(bytes, error);
  if (!archive) return Failure(name, error);
  archive->set_limits(limits);
  return ReadArchive(*archive, spec, name, sheet, {});
}

}  // namespace assess::io
