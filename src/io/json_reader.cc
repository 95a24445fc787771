// This file's external interface is ReadJson, ReadJsonText, ReadJsonFile and
// ReadJsonTextByNlohmann: a JSON array of unit objects (json_lines_reader.cc reads JSON
// Lines).
//
// simdjson parses (its DOM, which validates the whole text: structure, numbers, strings,
// UTF-8) and JsonDomUnits reads the units from the DOM. What simdjson does not accept is
// read again by nlohmann's SAX parser and JsonUnitsSax, as before simdjson was used: they
// give the messages of bad JSON, and read what is valid JSON yet beyond simdjson (an
// integer beyond uint64, nesting deeper than 1,024, a byte order mark), so every text gives
// the units and messages it always gave.
//
// A JSON file that is not valid JSON, or not an array, cannot be used at all (a syntax
// error leaves no way to know where the next unit starts). A number too large for a double
// (1e400) is a parse error ("number overflow"), so it fails a JSON file.
//
// Memory: a JSON array is parsed in pieces of about kJsonPieceBytes, cut between two of its
// objects (`},{`), so that simdjson's DOM stays small; a piece is copied (from the caller's
// text, or read from a file) into a reused buffer as `[` piece `]` and parsed there.
// Cutting needs no knowledge of strings: if every piece parses as a non-empty array, the
// whole text is the array of their elements, however it was cut; a cut inside a string or
// an object makes a piece fail, and then the whole text is read by nlohmann.
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
// run of them) into pieces of about `piece_bytes`, and gives each piece to `each` as the
// text of an array, `[` + the piece + `]`, with room for simdjson's padding after it; false
// when a piece cannot be read or `each` returns false. With `shared`, the range is claimed
// as it is read and ends where the other thread took the rest (SharedEnd; `end` is not
// used): a piece ends at a cut within what is claimed.
template <class Each>
bool EachPieceText(const JsonBytes& bytes, uint64_t begin, uint64_t end, std::size_t piece_bytes,
                   SharedEnd* shared, Each&& each) {
  std::string piece;
  std::string window;
  for (uint64_t pos = begin;;) {
    uint64_t stop = kNoCut;
    if (shared == nullptr) {
      if (pos >= end) break;
      stop = end - pos > 2 * piece_bytes ? NextCut(bytes, begin, pos + piece_bytes, end, window)
                                         : kNoCut;
      if (stop == kNoCut) stop = end;
    } else {
      uint64_t limit = shared->Claim(pos);
      if (limit <= pos) break;
      while (true) {
        if (shared->EndsBy(limit)) {
          stop = limit;
          break;
        }
        if (limit > pos + piece_bytes) {
          stop = NextCut(bytes, begin, pos + piece_bytes, limit, window);
          if (stop != kNoCut) break;
        }
        limit = shared->Claim(limit);  // no cut yet: an element longer than the claim
      }
    }
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
               SharedEnd* shared, Each&& each) {
  simdjson::dom::parser parser;
  return EachPieceText(bytes, begin, end, piece_bytes, shared,
                       [&](const char* text, std::size_t n) {
                         const simdjson::simdjson_result<simdjson::dom::element> doc =
                             parser.parse(text, n + 2, /*realloc_if_needed=*/false);
                         simdjson::dom::array array;
                         if (doc.error() != simdjson::SUCCESS ||
                             doc.get_array().get(array) != simdjson::SUCCESS || array.size() == 0) {
                           return false;
                         }
                         each(array, n);
                         return true;
                       });
}

// Reads the elements [begin, end) (as EachPiece; with `shared`, as it shares them), indexed
// from 0, into `builder`, whose columns are sized for `size_hint` bytes (else those of the
// elements); the number of elements, or nullopt when a piece is not a non-empty array (the
// text is then for nlohmann). `done` adds the bytes read.
std::optional<uint64_t> ReadElements(const JsonBytes& bytes, uint64_t begin, uint64_t end,
                                     std::size_t piece_bytes, SharedEnd* shared,
                                     const data::DataSpec& spec, data::UnitTableBuilder& builder,
                                     std::atomic<uint64_t>* done, uint64_t size_hint = 0) {
  JsonDomUnits units(spec, builder);
  uint64_t index = 0;
  bool sized = false;
  const bool ok = EachPiece(
      bytes, begin, end, piece_bytes, shared, [&](simdjson::dom::array array, std::size_t n) {
        for (const simdjson::dom::element element : array) {
          units.Read(element, index++);
        }
        if (done != nullptr) done->fetch_add(n, std::memory_order_relaxed);
        if (!sized && n < end - begin) {
          builder.Reserve(EstimatedUnits(array.size(), n, size_hint > 0 ? size_hint : end - begin,
                                         spec.inputs.size()));
        }
        sized = true;
      });
  if (!ok) return std::nullopt;
  return index;
}

// A JSON text's units (ReadJsonText, ReadJsonFile), or nullopt when the text is for
// nlohmann's reader: not an array of objects simdjson reads. Throws std::system_error when
// a file cannot be read.
std::optional<data::UnitTable> ReadJsonBytes(const JsonBytes& bytes, const data::DataSpec& spec,
                                             std::string_view name, std::size_t piece_bytes,
                                             const PartSharing& sharing, Progress progress) {
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
  const uint64_t cut =
      end - begin >= sharing.two_parts_from && std::thread::hardware_concurrency() != 1
          ? NextCut(bytes, begin, begin + (end - begin) / 2, end, buffer)
          : kNoCut;
  if (cut == kNoCut) {
    if (!ReadElements(bytes, begin, end, piece_bytes, nullptr, spec, first_builder,
                      progress.done)) {
      return std::nullopt;
    }
    return first_builder.Finish();
  }
  // Two parts on two threads, cut between two objects after the middle. The second thread
  // reads its part with elements indexed from its start (UnitTableBuilder::NumberRowsLater),
  // then takes the back half of what the first has not claimed yet, again while enough is
  // left (SharedEnd, as the CSV and JSON Lines readers do: the first thread also makes the
  // columns for the whole text, whose first touch costs it anywhere from nothing to more
  // than reading, as the host has the memory at hand or not). The tables are then joined in
  // the text's order (AppendUnits), each part's elements indexed on from those before it
  // (AddToRows), as one builder would have made them.
  SharedEnd first_end(begin, cut, std::max<uint64_t>(sharing.claim_step, 1));
  uint64_t first_elements = 0;
  std::atomic<bool> ok{true};
  std::vector<TakenPart> parts = ReadTakingParts(
      sharing, first_end, cut, end,
      [&] {
        // Its columns are sized for the whole text: the other tables are appended to them
        // without moving them.
        const std::optional<uint64_t> n =
            ReadElements(bytes, begin, cut, piece_bytes, &first_end, spec, first_builder,
                         progress.done, end - begin);
        if (!n) ok = false;
        first_elements = n.value_or(0);
      },
      // The elements after the cut (a comma) up to `to`.
      [&](uint64_t at, uint64_t to) -> std::optional<TakenPart> {
        if (!ok) return std::nullopt;
        data::UnitTableBuilder builder(spec, data::SourceKind::kJson, std::string(name));
        builder.NumberRowsLater();
        builder.CountUnitsIn(progress.units);
        const std::optional<uint64_t> n =
            ReadElements(bytes, at + 1, to, piece_bytes, nullptr, spec, builder, progress.done);
        if (!n) {
          ok = false;
          return std::nullopt;
        }
        return TakenPart{at, *n, builder.Finish()};
      },
      [&](uint64_t from, uint64_t to) -> std::optional<uint64_t> {
        std::string window;
        const uint64_t at = NextCut(bytes, begin, from, to, window);
        return at == kNoCut ? std::nullopt : std::optional<uint64_t>(at);
      });
  if (!ok) return std::nullopt;
  data::UnitTable table = first_builder.Finish();
  JoinParts(table, first_builder.ids_held(), first_elements, std::move(parts), spec);
  return table;
}

}  // namespace

ReadResult ReadJsonText(std::string_view text, const data::DataSpec& spec, std::string_view name,
                        std::size_t piece_bytes, const PartSharing& sharing) {
  std::optional<data::UnitTable> table =
      ReadJsonBytes(JsonBytes(text), spec, name, piece_bytes, sharing, {});
  if (!table) return ReadJsonTextByNlohmann(text, spec, name);
  return ReadResult{std::move(*table), {}};
}

ReadResult ReadJsonFile(const ReadOnlyFile& file, const data::DataSpec& spec, std::string_view name,
                        std::size_t piece_bytes, const PartSharing& sharing, Progress progress) {
  try {
    std::optional<data::UnitTable> table =
        ReadJsonBytes(JsonBytes(file), spec, name, piece_bytes, sharing, progress);
    if (table) return ReadResult{std::move(*table), {}};
    // What simdjson does not read (bad JSON, a BOM, not an array) is read by nlohmann,
    // streamed from the file.
    return ReadFileByNlohmann(file, spec, name);
  } catch (const std::system_error& e) {
    return ReadResult{std::nullopt, fmt::format("{}: cannot read ({})", name, e.code().message())};
  }
}

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

}  // namespace assess::io
