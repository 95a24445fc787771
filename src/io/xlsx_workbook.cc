// This file's external interface is ReadWorkbook: from the package relationships
// (_rels/.rels) to the workbook part, and from its relationships to its worksheets, the
// shared-string table and the styles.
#include "io/xlsx_workbook.h"

#include <fmt/format.h>

#include <unordered_map>

#include "io/xlsx_xml.h"

namespace assess::io {
namespace {

constexpr std::string_view kLimit = "max_other_part_bytes";

// Parses a whole part with `handlers`. "" or the error, naming the part.
std::string ParsePart(const XlsxArchive& archive, const std::string& part,
                      XmlStream::Handlers handlers) {
  XmlStream xml(std::move(handlers));
  std::string failure =
      archive.Stream(part, archive.limits().max_other_part_bytes, kLimit,
                     [&](std::string_view block) { return xml.Feed(block, false); });
  if (!failure.empty()) return failure;
  if (!xml.Feed({}, true) || !xml.error().empty()) {
    return fmt::format("part {}, {}", part, xml.error());
  }
  return {};
}

// The folder of a part, with its slash: "xl/workbook.xml" -> "xl/".
std::string FolderOf(std::string_view part) {
  const std::size_t slash = part.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(part.substr(0, slash + 1));
}

// A relationship's target as a part name: absolute ("/xl/x.xml") or relative to `folder`,
// with "." and ".." resolved.
std::string ResolveTarget(std::string_view folder, std::string_view target) {
  std::string joined = !target.empty() && target[0] == '/'
                           ? std::string(target.substr(1))
                           : std::string(folder) + std::string(target);
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (start <= joined.size()) {
    std::size_t slash = joined.find('/', start);
    if (slash == std::string::npos) slash = joined.size();
    std::string segment = joined.substr(start, slash - start);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(std::move(segment));
    }
    start = slash + 1;
  }
  std::string out;
  for (const std::string& s : segments) {
    if (!out.empty()) out += '/';
    out += s;
  }
  return out;
}

struct Relationship {
  std::string type;  // the last segment of its Type URI: "worksheet", "sharedStrings"
  std::string target;
};

// The relationships of `rels_part`, by id; missing part: none.
std::string ReadRelationships(const XlsxArchive& archive, const std::string& rels_part,
                              std::string_view source_folder,
                              std::unordered_map<std::string, Relationship>& out) {
  if (!archive.Has(rels_part)) return {};
  return ParsePart(archive, rels_part,
                   {[&](std::string_view name, const XmlAttributes& attrs) {
                      if (name != "Relationship" || attrs.Get("TargetMode") == "External") return;
                      std::string_view type = attrs.Get("Type");
                      const std::size_t slash = type.rfind('/');
                      if (slash != std::string_view::npos) type.remove_prefix(slash + 1);
                      out[std::string(attrs.Get("Id"))] = Relationship{
                          std::string(type), ResolveTarget(source_folder, attrs.Get("Target"))};
                    },
                    {},
                    {}});
}

}  // namespace

std::string ReadWorkbook(const XlsxArchive& archive, XlsxWorkbook& out) {
  // The package names its main part; xl/workbook.xml is where every writer puts it.
  std::unordered_map<std::string, Relationship> package;
  if (std::string e = ReadRelationships(archive, "_rels/.rels", "", package); !e.empty()) return e;
  std::string workbook_part = "xl/workbook.xml";
  for (const auto& [id, rel] : package) {
    if (rel.type == "officeDocument") workbook_part = rel.target;
  }
  if (!archive.Has(workbook_part)) {
    return fmt::format("not an .xlsx workbook (no part {}: a zip, but not of a spreadsheet)",
                       workbook_part);
  }
  const std::string folder = FolderOf(workbook_part);
  const std::string rels_part = folder + "_rels/" + workbook_part.substr(folder.size()) + ".rels";
  std::unordered_map<std::string, Relationship> rels;
  if (std::string e = ReadRelationships(archive, rels_part, folder, rels); !e.empty()) return e;
  for (const auto& [id, rel] : rels) {
    if (rel.type == "sharedStrings") out.shared_strings_part = rel.target;
    if (rel.type == "styles") out.styles_part = rel.target;
  }
  // Without relationships for them (a hand-made file), the usual places.
  if (out.shared_strings_part.empty() && archive.Has(folder + "sharedStrings.xml")) {
    out.shared_strings_part = folder + "sharedStrings.xml";
  }
  if (out.styles_part.empty() && archive.Has(folder + "styles.xml")) {
    out.styles_part = folder + "styles.xml";
  }
  std::string sheet_problem;
  std::string failure = ParsePart(
      archive, workbook_part,
      {[&](std::string_view name, const XmlAttributes& attrs) {
         if (name != "sheet") return;
         // The relationship id is r:id (any prefix); sheetId is another attribute.
         const auto it = rels.find(std::string(attrs.Get("id")));
         if (it == rels.end()) {
           if (sheet_problem.empty()) {
             sheet_problem = fmt::format("sheet \"{}\" has no relationship in {}",
                                         attrs.Get("name"), rels_part);
           }
           return;
         }
         if (it->second.type != "worksheet") return;  // a chart sheet, a dialog sheet
         out.sheets.push_back(XlsxSheetRef{std::string(attrs.Get("name")), it->second.target});
       },
       {},
       {}});
  if (!failure.empty()) return failure;
  if (out.sheets.empty()) {
    return sheet_problem.empty() ? std::string("the workbook has no worksheet") : sheet_problem;
  }
  return {};
}

}  // namespace assess::io
