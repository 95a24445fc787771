// This file's external interface is ReadJson, ReadJsonLines, ReadJsonText,
// ReadJsonLinesText and ReadJsonLinesFile.
//
// simdjson parses (its DOM, which validates the whole text: structure, numbers, strings,
// UTF-8) and JsonDomUnits reads the units from the DOM. What simdjson does not accept is
// read again by nlohmann's SAX parser and JsonUnitsSax, as before simdjson was used: they
// give the messages of bad JSON, and read what is valid JSON yet beyond simdjson (an
// integer beyond uint64, nesting deeper than 1,024, a byte order mark), so every text gives
// the units and messages it always gave.
//
// A JSON file that is not valid JSON, or not an array, cannot be used at all (a syntax
// error leaves no way to know where the next unit starts); in JSON Lines a bad line is
// that row's data error and the other lines go on. A number too large for a double (1e400)
// is a parse error ("number overflow"), so it fails a JSON file and is the data error of
// its JSON Lines line.
//
// Memory: the text is parsed where it is (a mapped JSON file, a JSON Lines file's block
// read into a reused buffer, or the caller's text). A JSON array is parsed in pieces of
// about kJsonPieceBytes, cut between two of its objects (`},{`), so that simdjson's DOM
// stays small; a piece is parsed as `[` piece `]`. Cutting
// needs no knowledge of strings: if every piece parses as a non-empty array, the whole text
// is the array of their elements, however it was cut; a cut inside a string or an object
// makes a piece fail, and then the whole text is read by nlohmann.
#include <fmt/format.h>
#include <simdjson.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
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
#include "io/file_range.h"
#include "io/json_dom_units.h"
#include "io/json_units_sax.h"

namespace assess::io {
namespace {

using nlohmann::json;

constexpr std::size_t kPadding = simdjson::SIMDJSON_PADDING;
// Lines read before the columns are sized for the whole text.
constexpr uint64_t kLinesToEstimate = 256;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool IsBlank(std::string_view line) {
  for (char c : line) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

// "parse error at line 1, column 5: syntax error ..." -> "syntax error ...": in a JSON
// Lines message the line is already named, and the byte is given instead.
std::string_view WithoutLineColumn(std::string_view message) {
  if (message.starts_with("parse error at line ")) {
    const std::size_t colon = message.find(": ");
    if (colon != std::string_view::npos) message.remove_prefix(colon + 2);
  }
  return message;
}

// The units a text of `size` bytes holds if its lines (objects) are like the first `lines`, which
// took `scanned` bytes, with a little to spare; bounded so that the room reserved stays
// within a few times the text's size, whatever its first lines were like.
std::size_t EstimatedUnits(uint64_t lines, uint64_t scanned, uint64_t size, std::size_t inputs) {
  const double estimate =
      static_cast<double>(lines) * static_cast<double>(size) / static_cast<double>(scanned) * 1.02 +
      64;
  const double bound = static_cast<double>(size) / static_cast<double>(80 + 2 * inputs);
  return static_cast<std::size_t>(estimate < bound ? estimate : bound);
}

}  // namespace

namespace {

// A JSON text read by nlohmann's SAX parser from `input` (anything json::sax_parse takes:
// a pointer range, a FILE*).
template <class... Input>
ReadResult ReadByNlohmann(const data::DataSpec& spec, std::string_view name, Input&&... input) {
  data::UnitTableBuilder builder(spec, data::SourceKind::kJson, std::string(name));
  JsonUnitsSax sax(spec, builder, JsonUnitsSax::Mode::kArray);
  bool ok = false;
  try {
    ok = json::sax_parse(std::forward<Input>(input)..., &sax, json::input_format_t::json,
                         /*strict=*/true);
  } catch (const std::exception& e) {  // nlohmann reports by parse_error; this is a guard
    return ReadResult{std::nullopt, fmt::format("{}: {}", name, e.what())};
  }
  if (!ok) {
    if (sax.error_byte() > 0) {
      return ReadResult{std::nullopt,
                        fmt::format("{}: {} (byte {})", name, sax.error(), sax.error_byte())};
    }
    return ReadResult{std::nullopt, fmt::format("{}: {}", name, sax.error())};
  }
  return ReadResult{builder.Finish(), {}};
}

// An open file read by nlohmann's SAX parser through a FILE* of its own (stdio's buffer):
// streamed, so that a huge file is not held in memory.
ReadResult ReadFileByNlohmann(const ReadOnlyFile& file, const data::DataSpec& spec,
                              std::string_view name) {
  const int fd = dup(file.fd());
  std::FILE* stream = fd >= 0 && lseek(fd, 0, SEEK_SET) == 0 ? fdopen(fd, "rb") : nullptr;
  if (stream == nullptr) {
    const int err = errno;
    if (fd >= 0) close(fd);
    return ReadResult{std::nullopt, fmt::format("{}: cannot read ({})", name, std::strerror(err))};
  }
  ReadResult r = ReadByNlohmann(spec, name, stream);
  const bool read_error = std::ferror(stream) != 0;
  std::fclose(stream);
  if (read_error) return ReadResult{std::nullopt, fmt::format("{}: read error", name)};
  return r;
}

}  // namespace

ReadResult ReadJsonTextByNlohmann(std::string_view text, const data::DataSpec& spec,
                                  std::string_view name) {
  return ReadByNlohmann(spec, name, text.data(), text.data() + text.size());
}

namespace {

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

// The bytes of a JSON text: a text in memory, or a file read by pread (file_range.h says
// why not mapped). Offsets are from the text's start.
class JsonBytes {
 public:
  explicit JsonBytes(std::string_view text) : text_(text), size_(text.size()) {}
  explicit JsonBytes(const ReadOnlyFile& file) : file_(&file), size_(file.size()) {}

  uint64_t size() const { return size_; }

  // Copies the bytes [offset, offset + n), fewer at the end, to `out`; returns how many.
  // Throws std::system_error when the file cannot be read.
  std::size_t CopyTo(uint64_t offset, std::size_t n, char* out) const {
    if (offset >= size_) return 0;
    n = static_cast<std::size_t>(std::min<uint64_t>(n, size_ - offset));
    if (file_ != nullptr) return file_->ReadAt(offset, out, n);
    std::memcpy(out, text_.data() + offset, n);
    return n;
  }
  // The bytes [offset, offset + n), fewer at the end: the text's, or `buffer`'s.
  std::string_view View(uint64_t offset, std::size_t n, std::string& buffer) const {
    if (file_ == nullptr) {
      if (offset >= size_) return {};
      return text_.substr(static_cast<std::size_t>(offset), n);
    }
    buffer.resize(n);
    return std::string_view(buffer.data(), CopyTo(offset, n, buffer.data()));
  }

 private:
  std::string_view text_;
  const ReadOnlyFile* file_ = nullptr;
  uint64_t size_;
};

constexpr uint64_t kNoCut = UINT64_MAX;

// A comma between `}` and `{` (blanks aside) in [from, end), the elements of an array
// starting at `begin`: where a JSON array of objects may be cut; kNoCut if none. Read a
// window at a time, each with some bytes of the next and the one before around it; a comma
// whose blanks run past those is passed over (a cut is only where pieces end).
uint64_t NextCut(const JsonBytes& bytes, uint64_t begin, uint64_t from, uint64_t end,
                 std::string& buffer) {
  constexpr uint64_t kWindow = 64 << 10;
  constexpr uint64_t kContext = 256;
  for (uint64_t at = from; at < end; at += kWindow) {
    const uint64_t lo = at - std::min(at - begin, kContext);
    const uint64_t hi = std::min(end, at + kWindow + kContext);
    const std::string_view w = bytes.View(lo, static_cast<std::size_t>(hi - lo), buffer);
    const std::size_t stop = static_cast<std::size_t>(std::min(at + kWindow, end) - lo);
    for (std::size_t i = static_cast<std::size_t>(at - lo);; ++i) {
      i = w.find(',', i);
      if (i == std::string_view::npos || i >= stop) break;
      std::size_t before = i;
      while (before > 0 && IsSpace(w[before - 1])) --before;
      std::size_t after = i + 1;
      while (after < w.size() && IsSpace(w[after])) ++after;
      if (before > 0 && w[before - 1] == '}' && after < w.size() && w[after] == '{') {
        return lo + i;
      }
    }
  }
  return kNoCut;
}

// Cuts the bytes [begin, end) (the elements of a JSON array, between its brackets, or a
// run of them) into pieces of about `piece_bytes`, and gives each piece to `each` as the text
// of an array, `[` + the piece + `]`, with room for simdjson's padding after it; false when
// a piece cannot be read or `each` returns false.
template <class Each>
bool EachPieceText(const JsonBytes& bytes, uint64_t begin, uint64_t end, std::size_t piece_bytes,
                   Each&& each) {
  std::string piece;
  std::string window;
  uint64_t pos = begin;
  while (pos < end) {
    const uint64_t cut = end - pos > 2 * piece_bytes
                             ? NextCut(bytes, begin, pos + piece_bytes, end, window)
                             : kNoCut;
    const uint64_t stop = cut == kNoCut ? end : cut;
    const std::size_t n = static_cast<std::size_t>(stop - pos);
    piece.resize(n + 2 + kPadding);
    piece[0] = '[';
    if (bytes.CopyTo(pos, n, piece.data() + 1) != n) return false;  // the file shrank
    piece[n + 1] = ']';
    if (!each(piece.data(), n)) return false;
    pos = stop + 1;
  }
  return true;
}

// Parses the pieces of [begin, end) (EachPieceText), giving each piece's array and its
// bytes to `each`; false when a piece is not a non-empty array (the text is then for
// nlohmann).
template <class Each>
bool EachPiece(const JsonBytes& bytes, uint64_t begin, uint64_t end, std::size_t piece_bytes,
               Each&& each) {
  simdjson::dom::parser parser;
  return EachPieceText(bytes, begin, end, piece_bytes, [&](const char* text, std::size_t n) {
    const simdjson::simdjson_result<simdjson::dom::element> doc =
        parser.parse(text, n + 2, /*realloc_if_needed=*/false);
    simdjson::dom::array array;
    if (doc.error() != simdjson::SUCCESS || doc.get_array().get(array) != simdjson::SUCCESS ||
        array.size() == 0) {
      return false;
    }
    each(array, n);
    return true;
  });
}

// The number of elements in [begin, end), or nullopt when a piece is not a non-empty array.
// Counted by simdjson's On Demand API, which finds the structure without building a
// document: about half the time of a DOM parse of the same bytes. It does not check every
// value; the part's reader (a DOM parse) does, and a text it rejects is read by nlohmann
// whatever was counted here.
std::optional<uint64_t> CountElements(const JsonBytes& bytes, uint64_t begin, uint64_t end,
                                      std::size_t piece_bytes) {
  simdjson::ondemand::parser parser;
  uint64_t count = 0;
  const bool ok =
      EachPieceText(bytes, begin, end, piece_bytes, [&](const char* text, std::size_t n) {
        simdjson::ondemand::document doc;
        simdjson::ondemand::array array;
        std::size_t elements = 0;
        if (parser.iterate(text, n + 2, n + 2 + kPadding).get(doc) != simdjson::SUCCESS ||
            doc.get_array().get(array) != simdjson::SUCCESS ||
            array.count_elements().get(elements) != simdjson::SUCCESS || elements == 0) {
          return false;
        }
        count += elements;
        return true;
      });
  if (!ok) return std::nullopt;
  return count;
}

// Reads the elements [begin, end) (as EachPiece), the first of them at index `first_index`
// of the array, into `builder`, whose columns are sized for `size_hint` bytes (else those
// of the elements). `done` adds the bytes read.
bool ReadElements(const JsonBytes& bytes, uint64_t begin, uint64_t end, uint64_t first_index,
                  std::size_t piece_bytes, const data::DataSpec& spec,
                  data::UnitTableBuilder& builder, std::atomic<uint64_t>* done,
                  uint64_t size_hint = 0) {
  JsonDomUnits units(spec, builder);
  uint64_t index = first_index;
  bool sized = false;
  const bool ok =
      EachPiece(bytes, begin, end, piece_bytes, [&](simdjson::dom::array array, std::size_t n) {
        for (const simdjson::dom::element element : array) units.Read(element, index++);
        if (done != nullptr) done->fetch_add(n, std::memory_order_relaxed);
        if (!sized && n < end - begin) {
          builder.Reserve(EstimatedUnits(array.size(), n, size_hint > 0 ? size_hint : end - begin,
                                         spec.inputs.size()));
        }
        sized = true;
      });
  return ok;
}

// A JSON text's units (ReadJsonText, ReadJsonFile), or nullopt when the text is for
// nlohmann's reader: not an array of objects simdjson reads. Throws std::system_error when
// a file cannot be read.
std::optional<data::UnitTable> ReadJsonBytes(const JsonBytes& bytes, const data::DataSpec& spec,
                                             std::string_view name, std::size_t piece_bytes,
                                             std::size_t two_parts_from, Progress progress) {
  // The array's brackets; any other text (an object, a BOM, an empty array) is for nlohmann.
  constexpr std::size_t kBlock = 4096;
  std::string buffer;
  uint64_t first = 0;
  while (first < bytes.size()) {
    const std::string_view b = bytes.View(first, kBlock, buffer);
    std::size_t i = 0;
    while (i < b.size() && IsSpace(b[i])) ++i;
    first += i;
    if (i < b.size() || b.empty()) break;
  }
  uint64_t last = bytes.size();
  while (last > first) {
    const uint64_t from = last - std::min<uint64_t>(last - first, kBlock);
    const std::string_view b = bytes.View(from, static_cast<std::size_t>(last - from), buffer);
    std::size_t i = b.size();
    while (i > 0 && IsSpace(b[i - 1])) --i;
    last = from + i;
    if (i > 0 || b.empty()) break;
  }
  const auto byte_at = [&](uint64_t at) {
    char c = 0;
    return bytes.CopyTo(at, 1, &c) == 1 ? c : '\0';
  };
  if (last - first < 2 || byte_at(first) != '[' || byte_at(last - 1) != ']') return std::nullopt;
  const uint64_t begin = first + 1, end = last - 1;  // the elements
  {
    bool blank = true;
    for (uint64_t at = begin; at < end && blank; at += kBlock) {
      const std::string_view b =
          bytes.View(at, static_cast<std::size_t>(std::min<uint64_t>(kBlock, end - at)), buffer);
      blank = IsBlank(b);
    }
    if (blank) return std::nullopt;
  }

  data::UnitTableBuilder first_builder(spec, data::SourceKind::kJson, std::string(name));
  first_builder.CountUnitsIn(progress.units);
  const uint64_t cut = end - begin >= two_parts_from && std::thread::hardware_concurrency() != 1
                           ? NextCut(bytes, begin, begin + (end - begin) / 20 * 11, end, buffer)
                           : kNoCut;
  if (cut == kNoCut) {
    if (!ReadElements(bytes, begin, end, 0, piece_bytes, spec, first_builder, progress.done)) {
      return std::nullopt;
    }
    return first_builder.Finish();
  }
  // Two parts on two threads, cut between two objects a little after the middle. The second
  // part's first index is the number of elements of the first, which its thread counts first
  // (CountElements: a sixth of the time of reading that part, hence the cut after the
  // middle); the tables are then joined (AppendUnits) as one builder would have made them.
  data::UnitTableBuilder second_builder(spec, data::SourceKind::kJson, std::string(name));
  second_builder.CountUnitsIn(progress.units);
  bool ok[2] = {false, false};
  RunOnThreads(2, [&](int part) {
    if (part == 0) {
      ok[0] = ReadElements(bytes, begin, cut, 0, piece_bytes, spec, first_builder, progress.done,
                           end - begin);
    } else {
      const std::optional<uint64_t> elements = CountElements(bytes, begin, cut, piece_bytes);
      ok[1] = elements && ReadElements(bytes, cut + 1, end, *elements, piece_bytes, spec,
                                       second_builder, progress.done);
    }
  });
  if (!ok[0] || !ok[1]) return std::nullopt;
  data::UnitTable table = first_builder.Finish();
  data::AppendUnits(table, second_builder.Finish(), spec, first_builder.ids_held());
  return table;
}

}  // namespace

ReadResult ReadJsonText(std::string_view text, const data::DataSpec& spec, std::string_view name,
                        std::size_t piece_bytes, std::size_t two_parts_from) {
  std::optional<data::UnitTable> table =
      ReadJsonBytes(JsonBytes(text), spec, name, piece_bytes, two_parts_from, {});
  if (!table) return ReadJsonTextByNlohmann(text, spec, name);
  return ReadResult{std::move(*table), {}};
}

ReadResult ReadJsonFile(const ReadOnlyFile& file, const data::DataSpec& spec, std::string_view name,
                        std::size_t piece_bytes, std::size_t two_parts_from, Progress progress) {
  try {
    std::optional<data::UnitTable> table =
        ReadJsonBytes(JsonBytes(file), spec, name, piece_bytes, two_parts_from, progress);
    if (table) return ReadResult{std::move(*table), {}};
    // What simdjson does not read (bad JSON, a BOM, not an array) is read by nlohmann,
    // streamed from the file.
    return ReadFileByNlohmann(file, spec, name);
  } catch (const std::system_error& e) {
    return ReadResult{std::nullopt, fmt::format("{}: cannot read ({})", name, e.code().message())};
  }
}

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
    const uint64_t cut = size >= two_parts_from && std::thread::hardware_concurrency() != 1
                             ? PastLineBreakFrom(file, size / 2, block_bytes)
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

ReadResult ReadJson(std::istream& in, const data::DataSpec& spec, std::string_view name) {
  std::string text;
  try {
    // Through the stream buffer, whose read error (a directory) is an exception with a
    // message, as nlohmann's stream input met it.
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  } catch (const std::exception& e) {
    return ReadResult{std::nullopt, fmt::format("{}: {}", name, e.what())};
  }
  if (in.bad()) return ReadResult{std::nullopt, fmt::format("{}: read error", name)};
  return ReadJsonText(text, spec, name);
}

ReadResult ReadJsonLines(std::istream& in, const data::DataSpec& spec, std::string_view name) {
  std::string text;
  if (!Slurp(in, text)) return ReadResult{std::nullopt, fmt::format("{}: read error", name)};
  return ReadJsonLinesText(text, spec, name);
}

}  // namespace assess::io
