// This file's external interface is ReadCsv and ReadCsvText.
//
// The header decides, once, which columns matter: the unit id column and the columns of
// the scheme's inputs (of a repeated name, the first column). Every other column is split
// by the scanner but never looked at, so an export with 200 columns of which the scheme
// uses 5 costs little more than the 5. Rows are numbered as a spreadsheet shows them
// (see CsvRecord::row): the header is row 1, the third data record row 4.
#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <optional>
#include <string>
#include <thread>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/run_on_threads.h"
#include "data/cell_parse.h"
#include "data/unit_table_builder.h"
#include "data/unit_table_merge.h"
#include "io/csv_scanner.h"
#include "io/data_readers.h"
#include "io/mapped_file.h"

namespace assess::io {
namespace {

constexpr std::size_t kNoColumn = SIZE_MAX;
// The message of a missing column lists the columns found, up to this many.
constexpr std::size_t kMaxColumnsListed = 40;
// Rows read before the columns are sized for the whole file (see EstimatedUnits).
constexpr uint64_t kRecordsToEstimate = 256;
// Records read between two releases of the text behind them (a few MB of a mapped file).
constexpr uint64_t kRecordsPerRelease = 4096;
// Bytes of a mapped text scanned (for quotes and line breaks) between two releases.
constexpr std::size_t kScanWindow = std::size_t{1} << 20;

ReadResult Failure(std::string_view name, std::string_view why) {
  return ReadResult{std::nullopt, fmt::format("{}: {}", name, why)};
}

// "unit, target, survey" (the header names as shown in messages).
std::string ColumnsFound(const std::vector<std::string>& header) {
  std::string out;
  std::size_t listed = 0;
  for (const std::string& h : header) {
    if (h.empty()) continue;
    if (listed == kMaxColumnsListed) {
      out += fmt::format(", ... ({} in all)", header.size());
      break;
    }
    if (listed++ > 0) out += ", ";
    out += data::ShownValue(h);
  }
  return out.empty() ? "none" : out;
}

std::string Quoted(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) {
    if (!out.empty()) out += ", ";
    out += fmt::format("\"{}\"", n);
  }
  return out;
}

// The units a file of `size` bytes holds if its rows are like its first `records` ones,
// which took `scanned` bytes (header included), with a little to spare; bounded so that
// the room reserved for them (about 80 bytes a unit, and a few per input) stays within a
// few times the file's size, whatever its first rows were like.
std::size_t EstimatedUnits(uint64_t records, uint64_t scanned, uint64_t size, std::size_t inputs) {
  const double estimate = static_cast<double>(records) * static_cast<double>(size) /
                              static_cast<double>(scanned) * 1.02 +
                          64;
  const double bound = static_cast<double>(size) / static_cast<double>(80 + 2 * inputs);
  return static_cast<std::size_t>(estimate < bound ? estimate : bound);
}

// What the header says: which cell is the unit id and which cells are inputs.
struct Layout {
  std::vector<std::string> header;
  std::size_t unit_column = kNoColumn;
  std::vector<std::pair<std::size_t, std::size_t>> used;  // (column, input), by column
  std::vector<std::string> fields;                        // header names of `used`
};

// Reads records up to the header, matching its names to `builder`'s inputs. Returns the
// failure of the whole read, if any.
std::optional<ReadResult> ReadHeader(CsvScanner& scanner, const data::DataSpec& spec,
                                     std::string_view name, const data::UnitTableBuilder& builder,
                                     Layout& layout) {
  CsvRecord record;
  do {
    if (!scanner.Next(record)) {
      if (!scanner.failure().empty()) return Failure(name, scanner.failure());
      return Failure(name, "no header row (the file is empty or blank)");
    }
  } while (record.blank);
  if (record.unterminated_cell >= 0) return Failure(name, "unterminated quote in the header row");

  std::vector<std::string>& header = layout.header;
  header.reserve(record.cells.size());
  for (std::string_view cell : record.cells) header.emplace_back(data::TrimSpaces(cell));

  std::vector<uint8_t> input_found(spec.inputs.size(), 0);
  std::unordered_set<std::string_view> seen;
  for (std::size_t c = 0; c < header.size(); ++c) {
    if (header[c].empty() || !seen.insert(header[c]).second) continue;  // the first counts
    if (header[c] == spec.unit_column) layout.unit_column = c;
    if (std::optional<std::size_t> input = builder.FindInput(header[c])) {
      layout.used.emplace_back(c, *input);
      input_found[*input] = 1;
    }
  }
  std::vector<std::string> missing;
  if (layout.unit_column == kNoColumn) missing.push_back(spec.unit_column);
  for (std::size_t i = 0; i < spec.inputs.size(); ++i) {
    const data::InputSpec& input = spec.inputs[i];
    if (!input_found[i] && input.required && !input.has_default) missing.push_back(input.column);
  }
  if (!missing.empty()) {
    return Failure(name, fmt::format("required column{} {} {} missing (columns found: {})",
                                     missing.size() > 1 ? "s" : "", Quoted(missing),
                                     missing.size() > 1 ? "are" : "is", ColumnsFound(header)));
  }
  for (const auto& [column, input] : layout.used) layout.fields.push_back(header[column]);
  return std::nullopt;
}

// Reads the records after the header into `builder`. `size_hint`: the bytes the records
// take, when known (else 0), to size the columns after the first rows.
//
// `text` and `mapped`, for a scanner over text in memory that may be given back as it is
// read (a mapped file): every few thousand records, the text behind the scanner is released.
// `abandon`, when set (by another thread), stops the read at the next such point: its
// result is then of no use.
ReadResult ReadBody(CsvScanner& scanner, data::UnitTableBuilder& builder,
                    const data::DataSpec& spec, std::string_view name, const Layout& layout,
                    uint64_t size_hint, std::string_view text = {},
                    const MappedFile* mapped = nullptr,
                    const std::atomic<bool>* abandon = nullptr) {
  const char* released = text.data();
  builder.MapColumns(layout.used, layout.fields);
  const std::vector<std::string>& header = layout.header;
  const std::size_t unit_column = layout.unit_column;
  // Cells beyond the header are counted, not kept: a row of a million commas costs nothing.
  scanner.set_max_cells(header.size());
  const uint64_t start = scanner.position();
  CsvRecord record;
  uint64_t records = 0;
  while (scanner.Next(record)) {
    if (records % kRecordsPerRelease == 0) {
      if (abandon != nullptr && abandon->load(std::memory_order_relaxed)) break;
      if (mapped != nullptr) {
        const char* at = text.data() + scanner.position();
        mapped->Release(released, at);
        mapped->Read(static_cast<std::size_t>(at - released));
        released = at;
      }
    }
    if (++records == kRecordsToEstimate && size_hint > scanner.position() - start) {
      builder.Reserve(
          EstimatedUnits(records, scanner.position() - start, size_hint, spec.inputs.size()));
    }
    if (record.blank) continue;
    const std::string_view id =
        unit_column < record.cells.size() ? record.cells[unit_column] : std::string_view();
    if (record.unterminated_cell == static_cast<int64_t>(unit_column)) {
      builder.BeginUnitWithoutId(record.row);  // the "id" is the rest of the file
    } else {
      builder.BeginUnit(id, record.row);
    }
    if (record.cell_count > header.size()) {
      builder.RowError(
          fmt::format("{} cells, the header has {}", record.cell_count, header.size()));
    }
    if (record.unterminated_cell >= 0) {
      const auto c = static_cast<std::size_t>(record.unterminated_cell);
      builder.RowError(fmt::format(
          "the quote opened in column \"{}\" is never closed (the rest of the file is in it)",
          c < header.size() ? data::ShownValue(header[c]) : std::to_string(c + 1)));
    }
    if (record.junk_cell >= 0) {
      const auto c = static_cast<std::size_t>(record.junk_cell);
      builder.RowError(
          fmt::format("text after the closing quote in column \"{}\"",
                      c < header.size() ? data::ShownValue(header[c]) : std::to_string(c + 1)));
    }
    builder.SetRow(record.cells);
    builder.EndUnit();
  }
  if (!scanner.failure().empty()) return Failure(name, scanner.failure());
  return ReadResult{builder.Finish(), {}};
}

ReadResult ReadRecords(CsvScanner& scanner, const data::DataSpec& spec, std::string_view name,
                       uint64_t size_hint, std::string_view text = {},
                       const MappedFile* mapped = nullptr, std::atomic<uint64_t>* units = nullptr) {
  data::UnitTableBuilder builder(spec, data::SourceKind::kCsv, std::string(name));
  builder.CountUnitsIn(mapped != nullptr ? mapped->UnitsRead() : units);
  Layout layout;
  if (std::optional<ReadResult> failed = ReadHeader(scanner, spec, name, builder, layout)) {
    return std::move(*failed);
  }
  const uint64_t header_bytes = scanner.position();
  return ReadBody(scanner, builder, spec, name, layout,
                  size_hint > header_bytes ? size_hint - header_bytes : 0, text, mapped);
}

// Line breaks in [p, end): LF, CRLF and a lone CR each end one record (of a text without
// quotes, where every line break ends a record).
uint64_t LineBreaks(const char* p, const char* end) {
  // Without a CR (the usual case) it is a count of LFs, which the compiler vectorizes: this
  // runs before the two threads start.
  if (std::memchr(p, '\r', static_cast<std::size_t>(end - p)) == nullptr) {
    return static_cast<uint64_t>(std::count(p, end, '\n'));
  }
  uint64_t n = 0;
  for (; p < end; ++p) {
    n += *p == '\n' || (*p == '\r' && (p + 1 == end || p[1] != '\n'));
  }
  return n;
}

// The line breaks of `text` (a part of a mapped text, released behind the scan), or nullopt
// as soon as a quote shows. A CRLF split between two windows counts once: a window's last
// CR is left to the next one.
std::optional<uint64_t> LineBreaksWithoutQuote(std::string_view text, const MappedFile* mapped) {
  uint64_t n = 0;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = std::min(text.size(), at + kScanWindow);
    if (end < text.size() && text[end - 1] == '\r') --end;
    if (end == at) end = at + 1;  // a window of one CR: the next byte decides below
    if (std::memchr(text.data() + at, '"', end - at) != nullptr) return std::nullopt;
    n += LineBreaks(text.data() + at, text.data() + end);
    if (end < text.size() && text[end - 1] == '\r' && text[end] == '\n') --n;
    if (mapped != nullptr) mapped->Release(text.data() + at, text.data() + end);
    at = end;
  }
  return n;
}

// A large text is read in two parts on two threads when its first part holds no quote:
// every line break there ends a record, so the second part starts at the line break after
// a cut a little past the middle, its rows numbered on from the first part's line breaks.
// The first thread reads the first part at once; the second first scans it (for quotes and
// line breaks, several times faster than reading it: hence the cut past the middle), then
// reads its own. The tables are then joined (AppendUnits) as one builder would have made
// them. nullopt when the text does not qualify (a quote in the first part: the first
// thread is then stopped, and the caller reads the text on one thread).
std::optional<ReadResult> ReadCsvTextInTwo(std::string_view text, const data::DataSpec& spec,
                                           std::string_view name, const MappedFile* mapped) {
  data::UnitTableBuilder first_builder(spec, data::SourceKind::kCsv, std::string(name));
  if (mapped != nullptr) first_builder.CountUnitsIn(mapped->UnitsRead());
  CsvScanner head(text);
  Layout layout;
  if (std::optional<ReadResult> failed = ReadHeader(head, spec, name, first_builder, layout)) {
    return std::move(*failed);
  }
  const std::size_t body = static_cast<std::size_t>(head.position());
  const std::size_t past_middle = body + (text.size() - body) / 32 * 17;
  const std::size_t cut = text.find('\n', past_middle);
  if (cut == std::string_view::npos || cut + 1 >= text.size()) return std::nullopt;
  const std::string_view first_part = text.substr(body, cut + 1 - body);
  const std::string_view second_part = text.substr(cut + 1);
  // Each part's first record is numbered on from the records before it: the header's row,
  // then also the first part's.
  const uint64_t header_rows = head.rows();

  std::atomic<bool> quoted{false};
  ReadResult parts[2];
  RunOnThreads(2, [&](int part) {
    if (part == 0) {
      CsvScanner scanner(first_part);
      scanner.ContinueFrom(header_rows);
      // Its columns are sized for the whole text: the second part's are appended to them
      // without moving them.
      parts[0] = ReadBody(scanner, first_builder, spec, name, layout, text.size() - body,
                          first_part, mapped, &quoted);
      return;
    }
    const std::optional<uint64_t> breaks = LineBreaksWithoutQuote(first_part, mapped);
    if (!breaks) {
      quoted.store(true, std::memory_order_relaxed);
      return;
    }
    data::UnitTableBuilder builder(spec, data::SourceKind::kCsv, std::string(name));
    if (mapped != nullptr) builder.CountUnitsIn(mapped->UnitsRead());
    CsvScanner scanner(second_part);
    scanner.ContinueFrom(header_rows + *breaks);
    parts[1] =
        ReadBody(scanner, builder, spec, name, layout, second_part.size(), second_part, mapped);
  });
  if (quoted.load()) {
    if (mapped != nullptr) mapped->RestartProgress();
    return std::nullopt;
  }
  if (!parts[0].table) return std::move(parts[0]);
  if (!parts[1].table) return std::move(parts[1]);
  data::AppendUnits(*parts[0].table, std::move(*parts[1].table), spec);
  return std::move(parts[0]);
}

}  // namespace

ReadResult ReadCsv(std::istream& in, const data::DataSpec& spec, std::string_view name,
                   uint64_t size_hint, std::atomic<uint64_t>* units) {
  CsvScanner scanner(in);
  return ReadRecords(scanner, spec, name, size_hint, {}, nullptr, units);
}

ReadResult ReadCsvText(std::string_view text, const data::DataSpec& spec, std::string_view name,
                       std::size_t two_parts_from, const MappedFile* mapped) {
  if (text.size() >= two_parts_from && std::thread::hardware_concurrency() != 1) {
    if (std::optional<ReadResult> r = ReadCsvTextInTwo(text, spec, name, mapped)) {
      return std::move(*r);
    }
  }
  CsvScanner scanner(text);
  return ReadRecords(scanner, spec, name, text.size(), text, mapped);
}

}  // namespace assess::io
