// Readers of data files (SPEC §8, §12): CSV (RFC 4180), JSON (an array of objects), JSON
// Lines and .xlsx workbooks, into a UnitTable. A bad row is a data error of that unit; only a file
// that cannot be used at all (unreadable, not JSON, a required column absent) fails the batch.
#ifndef ASSESS_IO_DATA_READERS_H_
#define ASSESS_IO_DATA_READERS_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <string_view>

#include "data/unit_table.h"
#include "io/xlsx_archive.h"

namespace assess::io {

// Optional progress of a read, for a display on another thread: bytes read (for .xlsx, of
// the worksheet's XML inflated) and the bytes in all.
struct Progress {
  std::atomic<uint64_t>* done = nullptr;
  std::atomic<uint64_t>* total = nullptr;
};

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
ReadResult ReadCsv(std::istream& in, const data::DataSpec& spec, std::string_view name,
                   uint64_t size_hint = 0);
// The same for a whole CSV text in memory, scanned where it is. A text of `two_parts_from`
// bytes or more without quotes is read in two parts on two threads (the results are the
// same); tests lower the bound to try that on small texts.
// `release`, when given, is called with ranges of `text` that the reader has read and will
// not read again (a mapped file gives their pages back).
inline constexpr std::size_t kCsvTwoPartsFrom = std::size_t{4} << 20;
using ReleaseText = std::function<void(const char* begin, const char* end)>;
ReadResult ReadCsvText(std::string_view text, const data::DataSpec& spec, std::string_view name,
                       std::size_t two_parts_from = kCsvTwoPartsFrom,
                       const ReleaseText* release = nullptr);
ReadResult ReadJson(std::istream& in, const data::DataSpec& spec, std::string_view name);
ReadResult ReadJsonLines(std::istream& in, const data::DataSpec& spec, std::string_view name);

// A worksheet of an .xlsx workbook (xlsx_reader.cc): `sheet`, or the first when empty.
// Bounded by `limits` (a limit exceeded fails the read with a message naming it).
ReadResult ReadXlsxFile(const std::string& path, const data::DataSpec& spec,
                        std::string_view sheet = {}, const XlsxLimits& limits = {},
                        Progress progress = {});
ReadResult ReadXlsxBytes(std::string_view bytes, const data::DataSpec& spec, std::string_view name,
                         std::string_view sheet = {}, const XlsxLimits& limits = {});

// Opens `path` and reads it by `format`. A large CSV file is mapped and read as a text in
// memory (on two threads when it qualifies), its pages given back as they are read.
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
