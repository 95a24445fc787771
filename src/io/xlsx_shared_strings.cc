// This file's external interface is ReadSharedStrings: the workbook's table of texts
// (xl/sharedStrings.xml), which cells of type "s" index.
#include <fmt/format.h>

#include "io/xlsx_workbook.h"
#include "io/xlsx_xml.h"

namespace assess::io {

std::string ReadSharedStrings(const XlsxArchive& archive, const std::string& part,
                              SharedStrings& out) {
  // <si><t>text</t></si> or <si><r><t>rich</t></r><r><t> text</t></r><rPh>..</rPh></si>:
  // the text of every <t> of an <si>, except those of phonetic guides (rPh).
  bool in_si = false;
  bool in_t = false;
  int phonetic = 0;
  XmlStream xml({[&](std::string_view name, const XmlAttributes&) {
                   if (name == "si") {
                     in_si = true;
                   } else if (name == "rPh") {
                     ++phonetic;
                   } else if (name == "t") {
                     in_t = in_si && phonetic == 0;
                   }
                 },
                 [&](std::string_view name) {
                   if (name == "si") {
                     if (in_si) out.Close();
                     in_si = false;
                   } else if (name == "rPh") {
                     --phonetic;
                   } else if (name == "t") {
                     in_t = false;
                   }
                 },
                 [&](std::string_view text) {
                   if (in_t) out.Append(text);
                 }});
  std::string failure =
      archive.Stream(part, archive.limits().max_shared_strings_bytes, "max_shared_strings_bytes",
                     [&](std::string_view block) { return xml.Feed(block, false); });
  if (!failure.empty()) return failure;
  if (!xml.Feed({}, true)) return fmt::format("part {}, {}", part, xml.error());
  return {};
}

}  // namespace assess::io
