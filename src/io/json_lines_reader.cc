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
#include <atomic>
#include <cstring>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "data/unit_table_builder.h"
#include "io/data_readers.h"
#include "io/estimated_units.h"
#include "io/file_range.h"
#include "io/json_blanks.h"
#include "io/json_dom_units.h"
#include "io/json_units_sax.h"
#include "io/parts_taken.h"
#include "io/shared_end.h"

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

// The lines of a JSON Lines text into one builder, a run of whole lines at a time (Read),
// with one simdjson parser and one JsonDomUnits for them all. `size_hint`: the bytes the
// builder's columns are sized for, from the first kLinesToEstimate lines (0: none).
class LinesReader {
 public:
  LinesReader(const data::DataSpec& spec, data::UnitTableBuilder& builder, uint64_t size_hint)
      : spec_(spec),
        builder_(builder),
        sax_(spec, builder, JsonUnitsSax::Mode::kOneObject),
        units_(spec, builder),
        size_hint_(size_hint) {}

  // The lines of `part`, numbered on from the lines read before. simdjson may read up to
  // kPadding bytes past a line: it parses the line where it is when `readable_end` leaves
  // room for that, else a copy.
  void Read(std::string_view part, const char* readable_end) {
    const char* p = part.data();
    const char* const end = p + part.size();
    while (p < end) {
      const char* newline =
          static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
      const char* line_end = newline != nullptr ? newline : end;
      const std::string_view line(p, static_cast<std::size_t>(line_end - p));
      const uint64_t line_number = ++lines_;
      if (line_number == kLinesToEstimate && size_hint_ > 0) {
        const uint64_t scanned = bytes_before_ + static_cast<uint64_t>(line_end - part.data()) + 1;
        builder_.Reserve(
            EstimatedUnits(kLinesToEstimate, scanned, size_hint_, spec_.inputs.size()));
      }
      p = newline != nullptr ? newline + 1 : end;
      if (IsBlank(line)) continue;
      const bool copy = readable_end - line_end < static_cast<std::ptrdiff_t>(kPadding);
      const simdjson::simdjson_result<simdjson::dom::element> doc =
          parser_.parse(line.data(), line.size(), copy);
      if (doc.error() == simdjson::SUCCESS) {
        units_.Read(doc.value_unsafe(), line_number);
      } else {
        ReadLineWithNlohmann(line, line_number, sax_, builder_);
      }
    }
    bytes_before_ += part.size();
  }

  // The lines read so far.
  uint64_t lines() const { return lines_; }

 private:
  const data::DataSpec& spec_;
  data::UnitTableBuilder& builder_;
  JsonUnitsSax sax_;
  JsonDomUnits units_;
  simdjson::dom::parser parser_;
  const uint64_t size_hint_;
  uint64_t lines_ = 0;
  uint64_t bytes_before_ = 0;  // of the runs read before
};

// The bytes of a JSON Lines text: the caller's text, or a file read by pread into a
// buffer (file_range.h says why not mapped). Offsets are from the text's start.
class LineBytes {
 public:
  // What a look for the next line break reads at a time: a cut falls near one.
  static constexpr std::size_t kScanBytes = std::size_t{256} << 10;

  explicit LineBytes(std::string_view text) : text_(text), size_(text.size()) {}
  explicit LineBytes(const ReadOnlyFile& file) : file_(&file), size_(file.size()) {}

  uint64_t size() const { return size_; }

  // The bytes [at, at + n), fewer at the end (or when a file shrank); `readable_end` is how
  // far past them simdjson may read: the text's end, or the end of `buffer`, which holds a
  // file's bytes and kPadding more. Throws std::system_error when the file cannot be read.
  std::string_view View(uint64_t at, std::size_t n, std::string& buffer,
                        const char*& readable_end) const {
    n = at >= size_ ? 0 : static_cast<std::size_t>(std::min<uint64_t>(n, size_ - at));
    if (file_ == nullptr) {
      readable_end = text_.data() + text_.size();
      return text_.substr(static_cast<std::size_t>(std::min<uint64_t>(at, size_)), n);
    }
    buffer.resize(n + kPadding);
    readable_end = buffer.data() + buffer.size();
    return std::string_view(buffer.data(), file_->ReadAt(at, buffer.data(), n));
  }

  // The offset just past the first line break at or after `at`, or size(); read `block`
  // bytes at a time, at most kScanBytes.
  uint64_t PastLineBreakFrom(uint64_t at, std::size_t block) const {
    std::string buffer;
    const char* readable_end = nullptr;
    block = std::min(block, kScanBytes);
    while (at < size_) {
      const std::string_view b = View(at, block, buffer, readable_end);
      if (b.empty()) break;
      if (const void* lf = std::memchr(b.data(), '\n', b.size())) {
        return at + static_cast<uint64_t>(static_cast<const char*>(lf) - b.data()) + 1;
      }
      at += b.size();
    }
    return size_;
  }

 private:
  std::string_view text_;
  const ReadOnlyFile* file_ = nullptr;
  uint64_t size_;
};

// Reads the lines of [from, to) (whole lines: `to` is the text's end or just past a line
// break) into `builder`, numbered from 1, a block of `block` bytes at a time; returns how
// many lines it read. With `shared`, the range is claimed a block at a time as it is read,
// and ends where the other thread took the rest (SharedEnd; `to` is not used). `size_hint`:
// see LinesReader. `done` adds the bytes read. A line longer than a block is read whole.
uint64_t ReadRange(const LineBytes& bytes, uint64_t from, uint64_t to, SharedEnd* shared,
                   uint64_t size_hint, std::size_t block, const data::DataSpec& spec,
                   data::UnitTableBuilder& builder, std::atomic<uint64_t>* done) {
  LinesReader reader(spec, builder, size_hint);
  std::string buffer;
  const char* readable_end = nullptr;
  // How far this thread may read from `at` on, and whether the range ends there.
  const auto claim = [&](uint64_t at) {
    return shared != nullptr ? shared->Claim(at) : std::min<uint64_t>(to, at + block);
  };
  const auto ends_by = [&](uint64_t at) {
    return shared != nullptr ? shared->EndsBy(at) : at >= to;
  };
  for (uint64_t pos = from;;) {
    uint64_t limit = claim(pos);
    if (limit <= pos) break;
    std::string_view view;
    std::size_t take = 0;  // the whole lines of `view`
    while (true) {
      view = bytes.View(pos, static_cast<std::size_t>(limit - pos), buffer, readable_end);
      if (view.size() < limit - pos || ends_by(limit)) {  // the end (or the file ended early)
        take = view.size();
        break;
      }
      if (const void* lf = memrchr(view.data(), '\n', view.size())) {
        take = static_cast<std::size_t>(static_cast<const char*>(lf) - view.data()) + 1;
        break;
      }
      // A line longer than what is claimed: claim twice as much.
      const uint64_t want = pos + 2 * (limit - pos);
      while (limit < want && !ends_by(limit)) limit = claim(limit);
    }
    if (take == 0) break;
    reader.Read(view.substr(0, take), readable_end);
    if (done != nullptr) done->fetch_add(take, std::memory_order_relaxed);
    pos += take;
    if (view.size() < limit - (pos - take)) break;  // the file ended early: read what it had
  }
  return reader.lines();
}

// Reads a JSON Lines text or file. A large one is read in two parts on two threads, cut
// after the line break after the middle. The second thread reads its part with lines
// numbered from its start (UnitTableBuilder::NumberRowsLater), then takes the back half of
// what the first thread has not claimed yet, again and again while enough is left
// (SharedEnd: the first thread also makes the columns for the whole text, whose first
// touch costs it anywhere from nothing to more than reading, as the host has the memory at
// hand or not). The tables are joined in the text's order (AppendUnits), each part's lines
// numbered on from the lines before it (AddToRows), as one builder would have made them.
ReadResult ReadLineBytes(const LineBytes& bytes, const data::DataSpec& spec, std::string_view name,
                         const PartSharing& sharing, Progress progress) {
  const uint64_t size = bytes.size();
  const std::size_t block = static_cast<std::size_t>(std::max<uint64_t>(sharing.claim_step, 1));
  data::UnitTableBuilder first(spec, data::SourceKind::kJsonLines, std::string(name));
  first.CountUnitsIn(progress.units);
  const uint64_t cut = size >= sharing.two_parts_from && std::thread::hardware_concurrency() != 1
                           ? bytes.PastLineBreakFrom(size / 2, block)
                           : size;
  if (cut >= size) {
    ReadRange(bytes, 0, size, nullptr, size, block, spec, first, progress.done);
    return ReadResult{first.Finish(), {}};
  }
  SharedEnd first_end(0, cut, block);
  uint64_t first_lines = 0;
  std::vector<TakenPart> parts = ReadTakingParts(
      sharing, first_end, cut, size,
      [&] {
        // Its columns are sized for the whole text: the other tables are appended to them
        // without moving them.
        first_lines = ReadRange(bytes, 0, cut, &first_end, size, block, spec, first, progress.done);
      },
      [&](uint64_t begin, uint64_t end) -> std::optional<TakenPart> {
        data::UnitTableBuilder builder(spec, data::SourceKind::kJsonLines, std::string(name));
        builder.NumberRowsLater();
        builder.CountUnitsIn(progress.units);
        const uint64_t lines =
            ReadRange(bytes, begin, end, nullptr, end - begin, block, spec, builder, progress.done);
        return TakenPart{begin, lines, builder.Finish()};
      },
      [&](uint64_t from, uint64_t end) -> std::optional<uint64_t> {
        const uint64_t at = bytes.PastLineBreakFrom(from, block);
        return at < end ? std::optional<uint64_t>(at) : std::nullopt;
      });
  data::UnitTable table = first.Finish();
  JoinParts(table, first.ids_held(), first_lines, std::move(parts), spec);
  return ReadResult{std::move(table), {}};
}

}  // namespace

ReadResult ReadJsonLinesText(std::string_view text, const data::DataSpec& spec,
                             std::string_view name, const PartSharing& sharing) {
  return ReadLineBytes(LineBytes(text), spec, name, sharing, {});
}

ReadResult ReadJsonLinesFile(const ReadOnlyFile& file, const data::DataSpec& spec,
                             std::string_view name, const PartSharing& sharing, Progress progress) {
  try {
    return ReadLineBytes(LineBytes(file), spec, name, sharing, progress);
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
