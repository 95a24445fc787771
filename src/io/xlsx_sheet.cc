// This file's external interface is XlsxSheetStream and ColumnName.
//
// <row r="15"><c r="D15" s="3" t="s"><v>5</v></c><c r="E15"><f>B15*2</f><v>84</v></c>
// <c r="F15" t="inlineStr"><is><t>text</t></is></c></row>: a formula's text (<f>) is
// skipped, its cached value (<v>) kept. The `r` attributes are optional (cells then follow
// one another); a cell out of order or beyond column XFD is ignored.
#include "io/xlsx_sheet.h"

#include <fmt/format.h>

#include <charconv>

#include "io/xlsx_xml.h"

namespace assess::io {
namespace {

// The column of a cell reference ("D15" -> 3); false when it has no valid column letters.
bool ColumnOfRef(std::string_view ref, uint32_t& column) {
  uint32_t c = 0;
  std::size_t i = 0;
  for (; i < ref.size() && i < 4; ++i) {
    const char ch = ref[i];
    if (ch >= 'A' && ch <= 'Z') {
      c = c * 26 + static_cast<uint32_t>(ch - 'A' + 1);
    } else if (ch >= 'a' && ch <= 'z') {
      c = c * 26 + static_cast<uint32_t>(ch - 'a' + 1);
    } else {
      break;
    }
  }
  if (i == 0 || c == 0) return false;
  column = c - 1;
  return true;
}

bool ParseUnsigned(std::string_view text, uint64_t& out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

XlsxCell::Type TypeOf(std::string_view t) {
  if (t.empty() || t == "n") return XlsxCell::Type::kNumber;
  if (t == "s") return XlsxCell::Type::kSharedString;
  if (t == "inlineStr") return XlsxCell::Type::kInlineString;
  if (t == "str") return XlsxCell::Type::kFormulaText;
  if (t == "b") return XlsxCell::Type::kBoolean;
  if (t == "e") return XlsxCell::Type::kError;
  if (t == "d") return XlsxCell::Type::kDate;
  return XlsxCell::Type::kNumber;
}

}  // namespace

std::string ColumnName(uint32_t column) {
  std::string name;
  uint64_t c = uint64_t{column} + 1;
  while (c > 0) {
    name.insert(name.begin(), static_cast<char>('A' + (c - 1) % 26));
    c = (c - 1) / 26;
  }
  return name;
}

std::string XlsxSheetStream::Read(const std::string& part,
                                  const std::function<bool(const XlsxRow&)>& on_row) {
  XlsxRow row;
  std::string text;                 // the kept values of the current row
  std::vector<std::size_t> begins;  // per cell of `row`: where its value starts in `text`
  std::vector<std::size_t> ends;
  bool in_row = false, in_cell = false, skip_cell = false, capture = false, in_is = false;
  int phonetic = 0;
  uint32_t next_column = 0;
  uint64_t last_row = 0;
  bool caller_stopped = false;
  XmlStream* stream = nullptr;

  XmlStream::Handlers handlers;
  handlers.start = [&](std::string_view name, const XmlAttributes& attrs) {
    if (name == "c") {
      if (!in_row) return;
      in_cell = true;
      uint32_t column = next_column;
      ColumnOfRef(attrs.Get("r"), column);
      next_column = column + 1;
      skip_cell = column >= kXlsxMaxColumns ||
                  (!row.cells.empty() && column <= row.cells.back().column) ||
                  (!wanted_.empty() && (column >= wanted_.size() || !wanted_[column]));
      if (skip_cell) return;
      XlsxCell cell;
      cell.column = column;
      cell.type = TypeOf(attrs.Get("t"));
      uint64_t style = 0;
      if (ParseUnsigned(attrs.Get("s"), style) && style < UINT32_MAX) {
        cell.style = static_cast<uint32_t>(style);
      }
      row.cells.push_back(cell);
      begins.push_back(text.size());
      ends.push_back(text.size());
    } else if (name == "v") {
      capture = in_cell && !skip_cell;
    } else if (name == "is") {
      in_is = in_cell && !skip_cell;
    } else if (name == "rPh") {
      ++phonetic;
    } else if (name == "t") {
      capture = in_is && phonetic == 0;
    } else if (name == "row") {
      in_row = true;
      row.cells.clear();
      begins.clear();
      ends.clear();
      text.clear();
      next_column = 0;
      uint64_t number = 0;
      row.number =
          ParseUnsigned(attrs.Get("r"), number) && number > last_row && number <= kXlsxMaxRows
              ? number
              : last_row + 1;
      last_row = row.number;
    }
  };
  handlers.end = [&](std::string_view name) {
    if (name == "v" || name == "t") {
      if (capture) row.cells.back().has_value = true;
      capture = false;
    } else if (name == "c") {
      if (in_cell && !skip_cell) ends.back() = text.size();
      in_cell = false;
    } else if (name == "is") {
      if (in_is) row.cells.back().has_value = true;
      in_is = false;
    } else if (name == "rPh") {
      --phonetic;
    } else if (name == "row") {
      in_row = false;
      if (row.cells.empty()) return;
      for (std::size_t i = 0; i < row.cells.size(); ++i) {
        row.cells[i].value = std::string_view(text).substr(begins[i], ends[i] - begins[i]);
      }
      if (!on_row(row)) {
        caller_stopped = true;
        stream->Stop("stopped");
      }
    }
  };
  handlers.text = [&](std::string_view piece) {
    if (!capture) return;
    if (text.size() + piece.size() > kXlsxMaxRowTextBytes) {
      stream->Stop(fmt::format("row {} holds more than {} of text", row.number,
                               ShownBytes(kXlsxMaxRowTextBytes)));
      capture = false;
      return;
    }
    text.append(piece);
  };
  XmlStream xml(std::move(handlers));
  stream = &xml;
  std::string failure = archive_.Stream(
      part, archive_.limits().max_sheet_bytes, "max_sheet_bytes",
      [&](std::string_view block) {
        if (done_ != nullptr) done_->fetch_add(block.size(), std::memory_order_relaxed);
        return xml.Feed(block, false);
      },
      total_);
  if (caller_stopped) return {};
  if (!failure.empty()) return failure;
  if (!xml.Feed({}, true) && !caller_stopped) return fmt::format("part {}, {}", part, xml.error());
  return {};
}

}  // namespace assess::io
