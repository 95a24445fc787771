// Readers of data files (rule-language §13, §12): CSV (RFC 4180), JSON (an array of objects), JSON
// Lines and .xlsx workbooks, into a UnitTable. A bad row is a data error of that unit; only a file
// that cannot be used at all (unreadable, not JSON, a required column absent) fails the batch.
#ifndef ASSESS_IO_DATA_READERS_H_
#define ASSESS_IO_DATA_READERS_H_

#include <atomic>
#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <string_view>

#include "data/unit_table.h"
#include "io/read_progress.h"
#include "io/xlsx_archive.h"

namespace assess::io {

struct ReadResult {
  std::optional<data::UnitTable> table;  // set when the file could be used
  std::string error;                     // otherwise why not, naming the file
};

enum class DataFormat { kCsv, kJson, kJsonLines, kXlsx };

// `.json` -> JSON, `.jsonl` / `.ndjson` -> JSON Lines, `.xlsx` -> .xlsx, anything else CSV.
DataFormat FormatOfPath(std::string_view path);

// The CSV reader streams: it reads `in` in blocks and never holds the whole file, so memory
// is the columns, not the text. A UTF-8 BOM is skipped, cells are trimmed, blank lines are
// skipped, missing trailing cells are empty, a row with more cells than the header is a
// data error, of a repeated header name the first column counts. `size_hint`, the bytes
// `in` holds when known (else 0), only lets the reader size its columns from the first rows.
// `units`, when given, counts the units read (for a progress display).
ReadResult ReadCsv(std::istream& in, const data::DataSpec& spec, std::string_view name,
                   uint64_t size_hint = 0, std::atomic<uint64_t>* units = nullptr);
// The same for a whole CSV text in memory, scanned where it is. A text of `two_parts_from`
// bytes or more whose first part holds no quote is read in two parts on two threads (the
// results are the same); tests lower the bound to try that on small texts.
inline constexpr std::size_t kCsvTwoPartsFrom = std::size_t{4} << 20;
// How the two threads share such a text (csv_reader.cc, ReadInTwo; JSON and JSON Lines too,
// see JsonSharing): the second, done with its part, takes the back half of what the first
// has not claimed yet while that is at least 2 x `least_taken` bytes; the first claims
// `claim_step` bytes at a time as it reads (a JSON Lines reader reads a file that many
// bytes at a time). Tests make small texts share as large ones do, and can hold the first
// thread until the second has tried to take from it (`first_waits`), so that it does.
struct PartSharing {
  std::size_t two_parts_from = kCsvTwoPartsFrom;
  uint64_t least_taken = uint64_t{8} << 20;
  uint64_t claim_step = uint64_t{4} << 20;
  bool first_waits = false;
};
ReadResult ReadCsvText(std::string_view text, const data::DataSpec& spec, std::string_view name,
                       const PartSharing& sharing);
inline ReadResult ReadCsvText(std::string_view text, const data::DataSpec& spec,
                              std::string_view name,
                              std::size_t two_parts_from = kCsvTwoPartsFrom) {
  return ReadCsvText(text, spec, name, PartSharing{.two_parts_from = two_parts_from});
}
// The same for an open file, read by ranges (file_range.h), in two parts on two threads as
// a text is. `progress` counts the bytes and units read.
class ReadOnlyFile;
ReadResult ReadCsvFile(const ReadOnlyFile& file, const data::DataSpec& spec, std::string_view name,
                       const PartSharing& sharing, Progress progress = {});
inline ReadResult ReadCsvFile(const ReadOnlyFile& file, const data::DataSpec& spec,
                              std::string_view name, std::size_t two_parts_from = kCsvTwoPartsFrom,
                              Progress progress = {}) {
  return ReadCsvFile(file, spec, name, PartSharing{.two_parts_from = two_parts_from}, progress);
}
// JSON and JSON Lines from a stream are read into memory first, then as a text.
ReadResult ReadJson(std::istream& in, const data::DataSpec& spec, std::string_view name);
ReadResult ReadJsonLines(std::istream& in, const data::DataSpec& spec, std::string_view name);
// The same for a text in memory, parsed where it is. A JSON Lines text of `two_parts_from`
// bytes or more is read in two parts on two threads, shared as `sharing` says (the results
// are the same); tests lower the bounds to try that on small texts. A JSON array is parsed
// in pieces of about `piece_bytes` (see json_reader.cc), and one of `two_parts_from` bytes
// or more in two parts on two threads too.
inline constexpr std::size_t kJsonLinesTwoPartsFrom = std::size_t{4} << 20;
inline constexpr std::size_t kJsonTwoPartsFrom = std::size_t{4} << 20;
inline constexpr std::size_t kJsonPieceBytes = std::size_t{1} << 20;
// JSON and JSON Lines are shared in finer steps than CSV, whose reading is faster: the
// first thread is left at most 2 x `least_taken` + `claim_step` (6 MB, about 15 ms) when
// the second has nothing more to take.
constexpr PartSharing JsonSharing(std::size_t two_parts_from) {
  return PartSharing{.two_parts_from = two_parts_from,
                     .least_taken = uint64_t{2} << 20,
                     .claim_step = uint64_t{2} << 20};
}
ReadResult ReadJsonText(std::string_view text, const data::DataSpec& spec, std::string_view name,
                        std::size_t piece_bytes, const PartSharing& sharing);
inline ReadResult ReadJsonText(std::string_view text, const data::DataSpec& spec,
                               std::string_view name, std::size_t piece_bytes = kJsonPieceBytes,
                               std::size_t two_parts_from = kJsonTwoPartsFrom) {
  return ReadJsonText(text, spec, name, piece_bytes, JsonSharing(two_parts_from));
}
ReadResult ReadJsonLinesText(std::string_view text, const data::DataSpec& spec,
                             std::string_view name, const PartSharing& sharing);
inline ReadResult ReadJsonLinesText(std::string_view text, const data::DataSpec& spec,
                                    std::string_view name,
                                    std::size_t two_parts_from = kJsonLinesTwoPartsFrom) {
  return ReadJsonLinesText(text, spec, name, JsonSharing(two_parts_from));
}
// The same for an open file, read by pread (file_range.h says why not mapped): a JSON array
// a piece at a time, JSON Lines a block (`sharing.claim_step` bytes) of whole lines at a
// time into a reused buffer. A JSON file that simdjson does not read as an array of objects
// is streamed to nlohmann's reader. `progress` counts the bytes and units read. Tests lower
// the bounds to try them on small files.
ReadResult ReadJsonFile(const ReadOnlyFile& file, const data::DataSpec& spec, std::string_view name,
                        std::size_t piece_bytes, const PartSharing& sharing,
                        Progress progress = {});
inline ReadResult ReadJsonFile(const ReadOnlyFile& file, const data::DataSpec& spec,
                               std::string_view name, std::size_t piece_bytes = kJsonPieceBytes,
                               std::size_t two_parts_from = kJsonTwoPartsFrom,
                               Progress progress = {}) {
  return ReadJsonFile(file, spec, name, piece_bytes, JsonSharing(two_parts_from), progress);
}
ReadResult ReadJsonLinesFile(
    const ReadOnlyFile& file, const data::DataSpec& spec, std::string_view name,
    const PartSharing& sharing = {.two_parts_from = kJsonLinesTwoPartsFrom},
    Progress progress = {});
// The same read by nlohmann's SAX parser alone, as before simdjson was used: the readers
// above use it for what simdjson does not accept, and tests compare both on hostile texts.
ReadResult ReadJsonTextByNlohmann(std::string_view text, const data::DataSpec& spec,
                                  std::string_view name);
ReadResult ReadJsonLinesTextByNlohmann(std::string_view text, const data::DataSpec& spec,
                                       std::string_view name);

// A worksheet of an .xlsx workbook (xlsx_reader.cc): `sheet`, or the first when empty.
// Bounded by `limits` (a limit exceeded fails the read with a message naming it).
ReadResult ReadXlsxFile(const std::string& path, const data::DataSpec& spec,
                        std::string_view sheet = {}, const XlsxLimits& limits = {},
                        Progress progress = {});
ReadResult ReadXlsxBytes(std::string_view bytes, const data::DataSpec& spec, std::string_view name,
                         std::string_view sheet = {}, const XlsxLimits& limits = {});

// Opens `path` and reads it by `format`. A regular file is read by pread (ReadCsvFile,
// ReadJsonFile, ReadJsonLinesFile: on two threads when it qualifies); a pipe or other
// stream is read as a stream (JSON: into memory first). `progress` counts the units read,
// and the bytes of a regular file or an .xlsx worksheet as they are read.
// `sheet` names the worksheet of an .xlsx workbook (empty: the first); other formats have
// none.
ReadResult ReadDataFile(const std::string& path, DataFormat format, const data::DataSpec& spec,
                        std::string_view sheet = {}, Progress progress = {});

// Reads `text` (the whole data, in memory) by `format`, in place: no copy of the text is made
// (Batch::ReadText and assess_batch_read_text use it).
ReadResult ReadText(std::string_view text, DataFormat format, const data::DataSpec& spec,
                    std::string_view name, std::string_view sheet = {});

}  // namespace assess::io

#endif  // ASSESS_IO_DATA_READERS_H_
