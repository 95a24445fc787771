// This file's external interface is ReadCsv, ReadCsvText and ReadCsvFile.
//
// The header decides, once, which columns matter: the unit id column and the columns of
// the scheme's inputs (of a repeated name, the first column). Every other column is split
// by the scanner but never looked at, so an export with 200 columns of which the scheme
// uses 5 costs little more than the 5. Rows are numbered as a spreadsheet shows them
// (see CsvRecord::row): the header is row 1, the third data record row 4.
#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <istream>
#include <latch>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
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
#include "io/file_range.h"
#include "io/plain_line_feeds.h"
#include "io/shared_end.h"

namespace assess::io {
namespace {

constexpr std::size_t kNoColumn = SIZE_MAX;
// The message of a missing column lists the columns found, up to this many.
constexpr std::size_t kMaxColumnsListed = 40;
// Rows read before the columns are sized for the whole file (see EstimatedUnits).
constexpr uint64_t kRecordsToEstimate = 256;
// Records read between two looks at whether the read was abandoned.
constexpr uint64_t kRecordsPerCheck = 4096;
// Bytes looked at in one go when scanning for quotes and line breaks (a file's are read
// into a buffer of this size).
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

// Where a scanner's bytes end when another thread may take their back (ReadInTwo): the
// scanner's bytes start at `begin` of the text.
struct SharedPartEnd {
  SharedEnd* end = nullptr;
  uint64_t begin = 0;
};

// Reads the records after the header into `builder`. `size_hint`: the bytes the records
// take, when known (else 0), to size the columns after the first rows. `abandon`, when set
// (by another thread), stops the read at the next few-thousandth record: its result is
// then of no use. `shared`, when given, ends the read where its end says (a record's start).
ReadResult ReadBody(CsvScanner& scanner, data::UnitTableBuilder& builder,
                    const data::DataSpec& spec, std::string_view name, const Layout& layout,
                    uint64_t size_hint, const std::atomic<bool>* abandon = nullptr,
                    SharedPartEnd shared = {}) {
  builder.MapColumns(layout.used, layout.fields);
  const std::vector<std::string>& header = layout.header;
  const std::size_t unit_column = layout.unit_column;
  // Cells beyond the header are counted, not kept: a row of a million commas costs nothing.
  scanner.set_max_cells(header.size());
  const uint64_t start = scanner.position();
  CsvRecord record;
  uint64_t records = 0;
  uint64_t claimed = 0;  // of the text, with `shared`: the records before it are this read's
  for (;;) {
    if (shared.end != nullptr) {
      const uint64_t at = shared.begin + scanner.position();
      if (at >= claimed) {
        claimed = shared.end->Claim(at);
        if (at >= claimed) break;
      }
    }
    if (!scanner.Next(record)) break;
    if (records % kRecordsPerCheck == 0 && abandon != nullptr &&
        abandon->load(std::memory_order_relaxed)) {
      break;
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
                       uint64_t size_hint, std::atomic<uint64_t>* units = nullptr) {
  data::UnitTableBuilder builder(spec, data::SourceKind::kCsv, std::string(name));
  builder.CountUnitsIn(units);
  Layout layout;
  if (std::optional<ReadResult> failed = ReadHeader(scanner, spec, name, builder, layout)) {
    return std::move(*failed);
  }
  const uint64_t header_bytes = scanner.position();
  return ReadBody(scanner, builder, spec, name, layout,
                  size_hint > header_bytes ? size_hint - header_bytes : 0);
}

// The bytes a CSV read scans: a text in memory, scanned where it is, or a file, read by
// ranges into buffers (file_range.h says why a file is not mapped).
class CsvBytes {
 public:
  explicit CsvBytes(std::string_view text) : text_(text), size_(text.size()) {}
  // `done`, when given, counts the bytes the scanners read (a progress display).
  CsvBytes(const ReadOnlyFile& file, std::atomic<uint64_t>* done)
      : file_(&file), size_(file.size()), done_(done) {}

  uint64_t size() const { return size_; }
  std::atomic<uint64_t>* done() const { return done_; }

  // A scanner of the bytes [from, to), with what it reads from.
  class Part {
   public:
    Part(const CsvBytes& bytes, uint64_t from, uint64_t to) {
      if (bytes.file_ == nullptr) {
        scanner_ = std::make_unique<CsvScanner>(bytes.text_.substr(from, to - from));
        return;
      }
      buf_ = std::make_unique<FileRangeBuf>(*bytes.file_, from, to, bytes.done_);
      in_ = std::make_unique<std::istream>(buf_.get());
      scanner_ = std::make_unique<CsvScanner>(*in_);
    }
    CsvScanner& scanner() { return *scanner_; }

   private:
    std::unique_ptr<FileRangeBuf> buf_;
    std::unique_ptr<std::istream> in_;
    std::unique_ptr<CsvScanner> scanner_;
  };

  // At most `n` bytes at `offset` (fewer at the end): a view of the text, or of `buffer`
  // that a file's bytes were read into; nullopt when the file cannot be read (the scanner
  // that reads the same bytes then reports it).
  std::optional<std::string_view> View(uint64_t offset, std::size_t n,
                                       std::vector<char>& buffer) const {
    if (offset >= size_) return std::string_view();
    if (n > size_ - offset) n = static_cast<std::size_t>(size_ - offset);
    if (file_ == nullptr) return text_.substr(offset, n);
    buffer.resize(n);
    try {
      return std::string_view(buffer.data(), file_->ReadAt(offset, buffer.data(), n));
    } catch (const std::system_error&) {
      return std::nullopt;
    }
  }

 private:
  std::string_view text_;
  const ReadOnlyFile* file_ = nullptr;
  uint64_t size_;
  std::atomic<uint64_t>* done_ = nullptr;
};

// The offset of the first LF at or after `at`, or nullopt.
std::optional<uint64_t> LineFeedFrom(const CsvBytes& bytes, uint64_t at) {
  std::vector<char> buffer;
  while (at < bytes.size()) {
    const std::optional<std::string_view> window = bytes.View(at, kScanWindow, buffer);
    if (!window || window->empty()) return std::nullopt;
    if (const void* lf = std::memchr(window->data(), '\n', window->size())) {
      return at + static_cast<uint64_t>(static_cast<const char*>(lf) - window->data());
    }
    at += window->size();
  }
  return std::nullopt;
}

// Line breaks in [p, end): LF, CRLF and a lone CR each end one record (of a text without
// quotes, where every line break ends a record). For text with a CR, which PlainLineFeeds
// leaves to it (text without one it counts itself).
uint64_t LineBreaks(const char* p, const char* end) {
  uint64_t n = 0;
  for (; p < end; ++p) {
    n += *p == '\n' || (*p == '\r' && (p + 1 == end || p[1] != '\n'));
  }
  return n;
}

// The line breaks of the bytes [from, to), or nullopt as soon as a quote shows (or the
// file cannot be read). A CRLF split between two windows counts once: a window's last CR
// is left to the next one. `marks`, when given, gets each window's start and the line
// breaks before it, ascending.
using BreakMarks = std::vector<std::pair<uint64_t, uint64_t>>;
std::optional<uint64_t> LineBreaksWithoutQuote(const CsvBytes& bytes, uint64_t from, uint64_t to,
                                               BreakMarks* marks = nullptr) {
  std::vector<char> buffer;
  uint64_t n = 0;
  uint64_t at = from;
  while (at < to) {
    if (marks != nullptr) marks->emplace_back(at, n);
    const std::optional<std::string_view> read =
        bytes.View(at, static_cast<std::size_t>(std::min<uint64_t>(to - at, kScanWindow)), buffer);
    if (!read || read->empty()) return std::nullopt;
    const std::string_view window = *read;
    std::size_t end = window.size();
    if (at + end < to && window[end - 1] == '\r') --end;
    if (end == 0) end = 1;  // a window of one CR: the next byte decides below
    if (const std::optional<uint64_t> plain = PlainLineFeeds(window.data(), window.data() + end)) {
      n += *plain;
    } else {
      if (std::memchr(window.data(), '"', end) != nullptr) return std::nullopt;
      n += LineBreaks(window.data(), window.data() + end);
    }
    if (at + end < to && end < window.size() && window[end - 1] == '\r' && window[end] == '\n') {
      --n;
    }
    at += end;
  }
  return n;
}

// A large text is read in two parts on two threads when its first part holds no quote:
// every line break there ends a record, so the second part starts at the line break after
// a cut a little past the middle, its rows numbered on from the first part's line breaks.
// The first thread reads the first part at once; the second first scans it (for quotes and
// line breaks, several times faster than reading it: hence the cut past the middle), then
// reads its own. Done with it, the second thread takes the back half of what the first has
// not yet claimed (SharedEnd), again while enough is left: a piece from a line break on,
// its rows numbered from the scan's marks. The tables are then joined in the text's order
// (AppendUnits) as one builder would have made them. nullopt when the text does not
// qualify (a quote in the first part: the first thread is then stopped, and the caller
// reads the text on one thread).
std::optional<ReadResult> ReadInTwo(const CsvBytes& bytes, const data::DataSpec& spec,
                                    std::string_view name, const PartSharing& sharing,
                                    std::atomic<uint64_t>* units) {
  data::UnitTableBuilder first_builder(spec, data::SourceKind::kCsv, std::string(name));
  first_builder.CountUnitsIn(units);
  Layout layout;
  uint64_t body = 0;
  uint64_t header_rows = 0;
  {
    CsvBytes::Part head(bytes, 0, bytes.size());
    if (std::optional<ReadResult> failed =
            ReadHeader(head.scanner(), spec, name, first_builder, layout)) {
      return std::move(*failed);
    }
    body = head.scanner().position();
    // Each part's first record is numbered on from the records before it: the header's
    // row, then also the first part's.
    header_rows = head.scanner().rows();
  }
  const uint64_t past_middle = body + (bytes.size() - body) / 32 * 17;
  const std::optional<uint64_t> cut = LineFeedFrom(bytes, past_middle);
  if (!cut || *cut + 1 >= bytes.size()) return std::nullopt;

  std::atomic<bool> quoted{false};
  ReadResult parts[2];
  SharedEnd first_end(body, *cut + 1, sharing.claim_step);
  struct Piece {  // of the first part, read by the second thread
    uint64_t begin;
    ReadResult result;
  };
  std::vector<Piece> pieces;  // in the order taken: from the back
  std::latch first_may_start(sharing.first_waits ? 1 : 0);
  RunOnThreads(2, [&](int part) {
    if (part == 0) {
      first_may_start.wait();
      CsvBytes::Part first(bytes, body, *cut + 1);
      first.scanner().ContinueFrom(header_rows);
      // Its columns are sized for the whole text: the other tables are appended to them
      // without moving them.
      parts[0] = ReadBody(first.scanner(), first_builder, spec, name, layout, bytes.size() - body,
                          &quoted, {&first_end, body});
      return;
    }
    bool holding = sharing.first_waits;
    auto let_first_start = [&] {
      if (holding) first_may_start.count_down();
      holding = false;
    };
    struct AtExit {
      decltype(let_first_start)& run;
      ~AtExit() { run(); }
    } at_exit{let_first_start};
    BreakMarks marks;
    const std::optional<uint64_t> breaks = LineBreaksWithoutQuote(bytes, body, *cut + 1, &marks);
    if (!breaks) {
      quoted.store(true, std::memory_order_relaxed);
      return;
    }
    {
      data::UnitTableBuilder builder(spec, data::SourceKind::kCsv, std::string(name));
      builder.CountUnitsIn(units);
      CsvBytes::Part second(bytes, *cut + 1, bytes.size());
      second.scanner().ContinueFrom(header_rows + *breaks);
      parts[1] = ReadBody(second.scanner(), builder, spec, name, layout, bytes.size() - *cut - 1);
    }
    while (parts[1].table) {
      uint64_t rows_before = 0;
      const std::optional<std::pair<uint64_t, uint64_t>> taken =
          first_end.Take([&](uint64_t claimed, uint64_t end) -> std::optional<uint64_t> {
            if (end - claimed < 2 * sharing.least_taken) return std::nullopt;
            const std::optional<uint64_t> lf = LineFeedFrom(bytes, claimed + (end - claimed) / 2);
            if (!lf || *lf + 1 >= end) return std::nullopt;
            // The marks start at `body`, at or before every claim.
            const auto mark = std::prev(
                std::upper_bound(marks.begin(), marks.end(), std::pair{*lf + 1, UINT64_MAX}));
            const std::optional<uint64_t> more =
                LineBreaksWithoutQuote(bytes, mark->first, *lf + 1);
            if (!more) return std::nullopt;
            rows_before = mark->second + *more;
            return *lf + 1;
          });
      let_first_start();
      if (!taken) break;
      data::UnitTableBuilder builder(spec, data::SourceKind::kCsv, std::string(name));
      builder.CountUnitsIn(units);
      CsvBytes::Part piece(bytes, taken->first, taken->second);
      piece.scanner().ContinueFrom(header_rows + rows_before);
      pieces.push_back({taken->first, ReadBody(piece.scanner(), builder, spec, name, layout,
                                               taken->second - taken->first)});
    }
  });
  if (quoted.load()) {
    // The caller reads it all again: the counts start over.
    if (bytes.done() != nullptr) bytes.done()->store(0, std::memory_order_relaxed);
    if (units != nullptr) units->store(0, std::memory_order_relaxed);
    return std::nullopt;
  }
  // In the text's order: a failure is the first one a single read would meet.
  std::sort(pieces.begin(), pieces.end(),
            [](const Piece& a, const Piece& b) { return a.begin < b.begin; });
  if (!parts[0].table) return std::move(parts[0]);
  for (Piece& p : pieces) {
    if (!p.result.table) return std::move(p.result);
  }
  if (!parts[1].table) return std::move(parts[1]);
  data::UnitTable& table = *parts[0].table;
  data::UnitIdSet& ids = first_builder.ids_held();
  for (Piece& p : pieces) {
    const std::size_t before = table.size();
    data::AppendUnits(table, std::move(*p.result.table), spec, ids);
    data::RecordIds(ids, table, before);
  }
  data::AppendUnits(table, std::move(*parts[1].table), spec, ids);
  return std::move(parts[0]);
}

ReadResult ReadBytes(const CsvBytes& bytes, const data::DataSpec& spec, std::string_view name,
                     const PartSharing& sharing, std::atomic<uint64_t>* units) {
  if (bytes.size() >= sharing.two_parts_from && std::thread::hardware_concurrency() != 1) {
    if (std::optional<ReadResult> r = ReadInTwo(bytes, spec, name, sharing, units)) {
      return std::move(*r);
    }
  }
  CsvBytes::Part whole(bytes, 0, bytes.size());
  return ReadRecords(whole.scanner(), spec, name, bytes.size(), units);
}

}  // namespace

ReadResult ReadCsv(std::istream& in, const data::DataSpec& spec, std::string_view name,
                   uint64_t size_hint, std::atomic<uint64_t>* units) {
  CsvScanner scanner(in);
  return ReadRecords(scanner, spec, name, size_hint, units);
}

ReadResult ReadCsvText(std::string_view text, const data::DataSpec& spec, std::string_view name,
                       const PartSharing& sharing) {
  return ReadBytes(CsvBytes(text), spec, name, sharing, nullptr);
}

ReadResult ReadCsvFile(const ReadOnlyFile& file, const data::DataSpec& spec, std::string_view name,
                       const PartSharing& sharing, Progress progress) {
  return ReadBytes(CsvBytes(file, progress.done), spec, name, sharing, progress.units);
}

}  // namespace assess::io
