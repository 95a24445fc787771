// This file's external interface is ReadDateStyles and IsDateFormat: which cell styles show
// a number as a date or a time. Excel stores a date as a number of days; a reader that took
// it as that number would give 45658 for 2025-01-01, so such cells are data errors instead.
#include <fmt/format.h>

#include <charconv>
#include <unordered_map>

#include "io/xlsx_workbook.h"
#include "io/xlsx_xml.h"

namespace assess::io {

bool IsDateFormat(int id, std::string_view code) {
  if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
      (id >= 50 && id <= 58)) {
    return true;
  }
  // Literal text ("..." and \x), colors and conditions ([Red], [>100]) and padding (_x, *x)
  // say nothing; locale tags ([$-804]) neither; elapsed times ([h]) are times.
  bool in_quote = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (in_quote) {
      in_quote = c != '"';
      continue;
    }
    switch (c) {
      case '"':
        in_quote = true;
        break;
      case '\\':
      case '_':
      case '*':
        ++i;
        break;
      case '[': {
        const std::size_t close = code.find(']', i);
        if (close == std::string_view::npos) return false;
        const std::string_view inside = code.substr(i + 1, close - i - 1);
        if (!inside.empty() && (inside[0] == 'h' || inside[0] == 'H' || inside[0] == 'm' ||
                                inside[0] == 'M' || inside[0] == 's' || inside[0] == 'S')) {
          return true;
        }
        i = close;
        break;
      }
      case 'd':
      case 'D':
      case 'm':
      case 'M':
      case 'y':
      case 'Y':
      case 'h':
      case 'H':
      case 's':
      case 'S':
        return true;
      default:
        break;
    }
  }
  return false;
}

std::string ReadDateStyles(const XlsxArchive& archive, const std::string& part,
                           std::vector<uint8_t>& out) {
  // <numFmts><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts> ...
  // <cellXfs><xf numFmtId="14" .../></cellXfs>: a cell's `s` indexes cellXfs (not the
  // cellStyleXfs, whose <xf> are the named styles).
  std::unordered_map<int, std::string> codes;
  std::vector<int> xf_formats;
  bool in_cell_xfs = false;
  XmlStream xml({[&](std::string_view name, const XmlAttributes& attrs) {
                   auto id_of = [&]() {
                     const std::string_view v = attrs.Get("numFmtId");
                     int id = 0;
                     std::from_chars(v.data(), v.data() + v.size(), id);
                     return id;
                   };
                   if (name == "numFmt") {
                     codes[id_of()] = std::string(attrs.Get("formatCode"));
                   } else if (name == "cellXfs") {
                     in_cell_xfs = true;
                   } else if (name == "xf" && in_cell_xfs) {
                     xf_formats.push_back(id_of());
                   }
                 },
                 [&](std::string_view name) {
                   if (name == "cellXfs") in_cell_xfs = false;
                 },
                 {}});
  std::string failure =
      archive.Stream(part, archive.limits().max_other_part_bytes, "max_other_part_bytes",
                     [&](std::string_view block) { return xml.Feed(block, false); });
  if (!failure.empty()) return failure;
  if (!xml.Feed({}, true)) return fmt::format("part {}, {}", part, xml.error());
  out.clear();
  out.reserve(xf_formats.size());
  for (int id : xf_formats) {
    const auto it = codes.find(id);
    out.push_back(IsDateFormat(id, it == codes.end() ? std::string_view() : it->second) ? 1 : 0);
  }
  return {};
}

}  // namespace assess::io
