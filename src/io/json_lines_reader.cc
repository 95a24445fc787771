// This file's external interface is ReadJsonLines, ReadJsonLinesText, ReadJsonLinesFile
// and ReadJsonLinesTextByNlohmann: one unit object a line.
//
// Each line is parsed by simdjson and read by JsonDomUnits, or, where simdjson refuses it,
// by nlohmann's SAX parser and JsonUnitsSax (json_reader.cc says why both). A bad line is
// that row's data error and the other lines go on; a number too large for a double (1e400)
// is the data error of its line.
//
// Memory: a file is read a block at a time into a reused buffer, and every line parsed
// where it is.
#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>
#include <system_error>
#include <thread>
#include <utility>

#include "core/run_on_threads.h"
#include "data/unit_table_builder.h"
#include "data/unit_table_merge.h"
#include "io/data_readers.h"
#include "io/estimated_units.h"
#include "io/file_range.h"
#include "io/json_blanks.h"
#include "io/json_dom_units.h"
#include "io/json_units_sax.h"

namespace assess::io {
namespace {

using nlohmann::json;

constexpr std::size_t kPadding = simdjson::SIMDJSON_PADDING;
// Lines read before the columns are sized for the whole text.
constexpr uint64_t kLinesToEstimate = 256;

// "parse error at line 1, column 5: syntax error ..." -> "syntax error ...": in a JSON
// Lines message the line is already named, and the byte is given instead.
std::string_view WithoutLineColumn(std::string_view message) {
  if (message.starts_with("parse error at line ")) {
    const std::size_t colon = message.find(": ");
    if (colon != std::string_view::npos) message.remove_prefix(colon + 2);
  }
  return message;
}

// A JSON Lines line read by nlohmann's SAX parser: its unit, or its row error.
void ReadLineWithNlohmann(std::string_view line, uint64_t line_number, JsonUnitsSax& sax,
                          data::UnitTableBuilder& builder) {
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

// The lines of `part` (after `lines_before` lines), into `builder`; returns the number of
// the last line. simdjson may read up to kPadding bytes past a line: it parses the line
// where it is when `readable_end` leaves room for that, else a copy. `size_hint`: the bytes
// the builder's columns are sized for (0: none).
uint64_t ReadLines(std::string_view part, const char* readable_end, uint64_t lines_before,
                   uint64_t size_hint, const data::DataSpec& spec,
                   data::UnitTableBuilder& builder) {
  JsonUnitsSax sax(spec, builder, JsonUnitsSax::Mode::kOneObject);
  JsonDomUnits units(spec, builder);
  simdjson::dom::parser parser;
  uint64_t line_number = lines_before;
  const char* p = part.data();
  const char* const end = p + part.size();
  while (p < end) {
    const char* newline =
        static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
    const char* line_end = newline != nullptr ? newline : end;
    const std::string_view line(p, static_cast<std::size_t>(line_end - p));
    p = newline != nullptr ? newline + 1 : end;
    if (++line_number - lines_before == kLinesToEstimate && size_hint > 0) {
      builder.Reserve(EstimatedUnits(kLinesToEstimate, static_cast<uint64_t>(p - part.data()),
                                     size_hint, spec.inputs.size()));
    }
    if (IsBlank(line)) continue;
    const bool copy = readable_end - line_end < static_cast<std::ptrdiff_t>(kPadding);
    const simdjson::simdjson_result<simdjson::dom::element> doc =
        parser.parse(line.data(), line.size(), copy);
    if (doc.error() == simdjson::SUCCESS) {
      units.Read(doc.value_unsafe(), line_number);
    } else {
      ReadLineWithNlohmann(line, line_number, sax, builder);
    }
  }
  return line_number;
}

}  // namespace

ReadResult ReadJsonLinesText(std::string_view text, const data::DataSpec& spec,
                             std::string_view name, std::size_t two_parts_from) {
  const char* const readable_end = text.data() + text.size();
  data::UnitTableBuilder first(spec, data::SourceKind::kJsonLines, std::string(name));
  const std::size_t cut = text.size() >= two_parts_from && std::thread::hardware_concurrency() != 1
                              ? text.find('\n', text.size() / 2)
                              : std::string_view::npos;
  if (cut == std::string_view::npos || cut + 1 >= text.size()) {
    ReadLines(text, readable_end, 0, text.size(), spec, first);
    return ReadResult{first.Finish(), {}};
  }
  // Two parts on two threads: the second starts after the line break after the middle, its
  // lines numbered on from the first part's (which its thread counts first); the tables are
  // then joined (AppendUnits) as one builder would have made them. The first part's columns
  // are sized for the whole text, so that the second's are appended without moving them.
  data::UnitTableBuilder second(spec, data::SourceKind::kJsonLines, std::string(name));
  RunOnThreads(2, [&](int part) {
    if (part == 0) {
      ReadLines(text.substr(0, cut + 1), readable_end, 0, text.size(), spec, first);
    } else {
      const std::string_view head = text.substr(0, cut + 1);
      const auto lines_before = static_cast<uint64_t>(std::count(head.begin(), head.end(), '\n'));
      ReadLines(text.substr(cut + 1), readable_end, lines_before, text.size() - (cut + 1), spec,
                second);
    }
  });
  data::UnitTable table = first.Finish();
  data::AppendUnits(table, second.Finish(), spec, first.ids_held());
  return ReadResult{std::move(table), {}};
}

namespace {

// The lines of the file's bytes [from, to) (whole lines: `to` is the file's end or just past
// a line break), as ReadLines reads a text, a block at a time read by pread into a reused
// buffer with simdjson's padding after it: every line is parsed where it is, and the file
// is never mapped (file_range.h says why). A line longer than the buffer grows it. Throws
// std::system_error when the file cannot be read.
void ReadFileLines(const ReadOnlyFile& file, uint64_t from, uint64_t to, uint64_t lines_before,
                   uint64_t size_hint, std::size_t block_bytes, const data::DataSpec& spec,
                   data::UnitTableBuilder& builder, std::atomic<uint64_t>* done) {
  std::string buffer;
  std::size_t kept = 0;  // the bytes of an unfinished line, at the buffer's start
  uint64_t next = from;
  uint64_t lines = lines_before;
  uint64_t hint = size_hint;  // for the first lines read only
  while (next < to || kept > 0) {
    const std::size_t room = std::max(block_bytes, 2 * kept);
    buffer.resize(room + kPadding);
    const std::size_t want = static_cast<std::size_t>(std::min<uint64_t>(room - kept, to - next));
    const std::size_t got = file.ReadAt(next, buffer.data() + kept, want);
    next += got;
    if (got < want) to = next;  // the file ended early: read what it had
    const std::size_t filled = kept + got;
    std::size_t end = filled;  // the end of the last whole line
    if (next < to) {
      const char* last = static_cast<const char*>(memrchr(buffer.data(), '\n', filled));
      end = last == nullptr ? 0 : static_cast<std::size_t>(last - buffer.data()) + 1;
    }
    if (end > 0) {
      lines = ReadLines(std::string_view(buffer.data(), end), buffer.data() + buffer.size(), lines,
                        std::exchange(hint, 0), spec, builder);
      if (done != nullptr) done->fetch_add(end, std::memory_order_relaxed);
    }
    kept = filled - end;
    std::memmove(buffer.data(), buffer.data() + end, kept);
  }
}

// The line breaks in the file's bytes [from, to).
uint64_t FileLineBreaks(const ReadOnlyFile& file, uint64_t from, uint64_t to,
                        std::size_t block_bytes) {
  std::string buffer(block_bytes, '\0');
  uint64_t n = 0;
  for (uint64_t at = from; at < to;) {
    const std::size_t got = file.ReadAt(
        at, buffer.data(), static_cast<std::size_t>(std::min<uint64_t>(block_bytes, to - at)));
    if (got == 0) break;
    n += static_cast<uint64_t>(std::count(buffer.data(), buffer.data() + got, '\n'));
    at += got;
  }
  return n;
}

// The offset just past the first line break at or after `at`, or the file's size.
uint64_t PastLineBreakFrom(const ReadOnlyFile& file, uint64_t at, std::size_t block_bytes) {
  std::string buffer(block_bytes, '\0');
  while (at < file.size()) {
    const std::size_t got = file.ReadAt(at, buffer.data(), block_bytes);
    if (got == 0) break;
    const char* lf = static_cast<const char*>(std::memchr(buffer.data(), '\n', got));
    if (lf != nullptr) return at + static_cast<uint64_t>(lf - buffer.data()) + 1;
    at += got;
  }
  return file.size();
}

}  // namespace

ReadResult ReadJsonLinesFile(const ReadOnlyFile& file, const data::DataSpec& spec,
                             std::string_view name, std::size_t two_parts_from, Progress progress,
                             std::size_t block_bytes) {
  const uint64_t size = file.size();
  data::UnitTableBuilder first(spec, data::SourceKind::kJsonLines, std::string(name));
  first.CountUnitsIn(progress.units);
  try {
    // Cut a little after the middle: the second part's thread first counts the first
    // part's line breaks (FileLineBreaks, reading those bytes again), about a seventh of the
    // time it takes to read them as units; 54% of the bytes before the cut even that out.
    const uint64_t cut = size >= two_parts_from && std::thread::hardware_concurrency() != 1
                             ? PastLineBreakFrom(file, size / 50 * 27, block_bytes)
                             : size;
    if (cut >= size) {
      ReadFileLines(file, 0, size, 0, size, block_bytes, spec, first, progress.done);
      return ReadResult{first.Finish(), {}};
    }
    // Two parts on two threads, as ReadJsonLinesText reads a text.
    data::UnitTableBuilder second(spec, data::SourceKind::kJsonLines, std::string(name));
    second.CountUnitsIn(progress.units);
    RunOnThreads(2, [&](int part) {
      if (part == 0) {
        ReadFileLines(file, 0, cut, 0, size, block_bytes, spec, first, progress.done);
      } else {
        const uint64_t lines_before = FileLineBreaks(file, 0, cut, block_bytes);
        ReadFileLines(file, cut, size, lines_before, size - cut, block_bytes, spec, second,
                      progress.done);
      }
    });
    data::UnitTable table = first.Finish();
    data::AppendUnits(table, second.Finish(), spec, first.ids_held());
    return ReadResult{std::move(table), {}};
  } catch (const std::system_error& e) {
    return ReadResult{std::nullopt, fmt::format("{}: cannot read ({})", name, e.code().message())};
  }
}

ReadResult ReadJsonLinesTextByNlohmann(std::string_view text, const data::DataSpec& spec,
                                       std::string_view name) {
  data::UnitTableBuilder builder(spec, data::SourceKind::kJsonLines, std::string(name));
  JsonUnitsSax sax(spec, builder, JsonUnitsSax::Mode::kOneObject);
  uint64_t line_number = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_number;
    if (!IsBlank(line)) ReadLineWithNlohmann(line, line_number, sax, builder);
  }
  return ReadResult{builder.Finish(), {}};
}

namespace {

// A stream's whole text, or false on a read error (istream::read catches the stream
// buffer's exceptions and sets badbit).
bool Slurp(std::istream& in, std::string& text) {
  char block[1 << 16];
  while (in.read(block, sizeof block) || in.gcount() > 0) {
    text.append(block, static_cast<std::size_t>(in.gcount()));
  }
  return !in.bad();
}

}  // namespace

ReadResult ReadJsonLines(std::istream& in, const data::DataSpec& spec, std::string_view name) {
  std::string text;
  if (!Slurp(in, text)) return ReadResult{std::nullopt, fmt::format("{}: read error", name)};
  return ReadJsonLinesText(text, spec, name);
}

}  // namespace assess::io
