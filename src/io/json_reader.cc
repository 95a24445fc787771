// This file's external interface is ReadJson and ReadJsonLines.
//
// Neither reader holds the file: JSON is parsed from the stream by nlohmann's SAX parser
// (JsonUnitsSax turns events into units as each object ends), JSON Lines one line at a
// time. A JSON file that is not valid JSON, or not an array, cannot be used at all (a
// syntax error leaves no way to know where the next unit starts); in JSON Lines a bad line
// is that row's data error and the other lines go on. A number too large for a double
// (1e400) is a parse error in nlohmann ("number overflow"), so it fails a JSON file and is
// the data error of its JSON Lines line.
#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <string>

#include "data/cell_parse.h"
#include "data/unit_table_builder.h"
#include "io/data_readers.h"
#include "io/json_units_sax.h"

namespace assess::io {
namespace {

using nlohmann::json;

// "parse error at line 1, column 5: syntax error ..." -> "syntax error ...": in a JSON
// Lines message the line is already named, and the byte is given instead.
std::string_view WithoutLineColumn(std::string_view message) {
  if (message.starts_with("parse error at line ")) {
    const std::size_t colon = message.find(": ");
    if (colon != std::string_view::npos) message.remove_prefix(colon + 2);
  }
  return message;
}

bool IsBlank(std::string_view line) {
  for (char c : line) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

}  // namespace

ReadResult ReadJson(std::istream& in, const data::DataSpec& spec, std::string_view name) {
  data::UnitTableBuilder builder(spec, data::SourceKind::kJson, std::string(name));
  JsonUnitsSax sax(spec, builder, JsonUnitsSax::Mode::kArray);
  bool ok = false;
  try {
    ok = json::sax_parse(in, &sax, json::input_format_t::json, /*strict=*/true);
  } catch (const std::exception& e) {  // nlohmann reports by parse_error; this is a guard
    return ReadResult{std::nullopt, fmt::format("{}: {}", name, e.what())};
  }
  if (!ok) {
    if (in.bad()) return ReadResult{std::nullopt, fmt::format("{}: read error", name)};
    if (sax.error_byte() > 0) {
      return ReadResult{std::nullopt,
                        fmt::format("{}: {} (byte {})", name, sax.error(), sax.error_byte())};
    }
    return ReadResult{std::nullopt, fmt::format("{}: {}", name, sax.error())};
  }
  return ReadResult{builder.Finish(), {}};
}

ReadResult ReadJsonLines(std::istream& in, const data::DataSpec& spec, std::string_view name) {
  data::UnitTableBuilder builder(spec, data::SourceKind::kJsonLines, std::string(name));
  JsonUnitsSax sax(spec, builder, JsonUnitsSax::Mode::kOneObject);
  std::string line;
  uint64_t line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (IsBlank(line)) continue;
    sax.StartLine(line_number);
    bool ok = false;
    std::string problem;
    try {
      ok = json::sax_parse(line.data(), line.data() + line.size(), &sax, json::input_format_t::json,
                           /*strict=*/true);
      if (!ok) {
        problem = fmt::format("not valid JSON at byte {}: {}", sax.error_byte(),
                              WithoutLineColumn(sax.error()));
      }
    } catch (const std::exception& e) {  // nlohmann reports by parse_error; this is a guard
      problem = fmt::format("not valid JSON: {}", e.what());
    }
    if (ok) {
      sax.EmitLine();
    } else {
      builder.BeginUnitWithoutId(line_number);
      builder.RowError(problem);
      builder.EndUnit();
    }
  }
  if (in.bad()) return ReadResult{std::nullopt, fmt::format("{}: read error", name)};
  return ReadResult{builder.Finish(), {}};
}

}  // namespace assess::io
