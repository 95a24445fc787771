// This file's external interface is ReadDataFile, ReadText and FormatOfPath.
#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <streambuf>

#include "io/data_readers.h"
#include "io/file_range.h"

namespace assess::io {
namespace {

// A read-only stream buffer over text in memory: the stream reads the text where it is.
class TextBuf : public std::streambuf {
 public:
  explicit TextBuf(std::string_view text) {
    char* p = const_cast<char*>(text.data());  // never written: no put area
    setg(p, p, p + text.size());
  }
};

// A stream buffer that reads another in blocks and counts the bytes, for a progress
// display (used only when one is asked for: it costs a copy of each block).
class CountingBuf : public std::streambuf {
 public:
  CountingBuf(std::streambuf& source, std::atomic<uint64_t>& done) : source_(source), done_(done) {}

 protected:
  int_type underflow() override {
    const std::streamsize n = source_.sgetn(block_, sizeof block_);
    if (n <= 0) return traits_type::eof();
    done_.fetch_add(static_cast<uint64_t>(n), std::memory_order_relaxed);
    setg(block_, block_, block_ + n);
    return traits_type::to_int_type(block_[0]);
  }

 private:
  std::streambuf& source_;
  std::atomic<uint64_t>& done_;
  char block_[1 << 16];
};

ReadResult ReadFrom(std::istream& in, DataFormat format, const data::DataSpec& spec,
                    std::string_view name, uint64_t size, std::atomic<uint64_t>* units = nullptr) {
  switch (format) {
    case DataFormat::kCsv:
      return ReadCsv(in, spec, name, size, units);
    case DataFormat::kJson:
      return ReadJson(in, spec, name);
    case DataFormat::kJsonLines:
      return ReadJsonLines(in, spec, name);
    case DataFormat::kXlsx:
      break;  // a zip is not read as a stream: ReadDataFile and ReadText open it
  }
  return ReadResult{std::nullopt, fmt::format("{}: unknown data format", name)};
}

bool EndsWithNoCase(std::string_view text, std::string_view suffix) {
  if (text.size() < suffix.size()) return false;
  text.remove_prefix(text.size() - suffix.size());
  for (std::size_t i = 0; i < suffix.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != suffix[i]) return false;
  }
  return true;
}

}  // namespace

DataFormat FormatOfPath(std::string_view path) {
  if (EndsWithNoCase(path, ".json")) return DataFormat::kJson;
  if (EndsWithNoCase(path, ".jsonl") || EndsWithNoCase(path, ".ndjson")) {
    return DataFormat::kJsonLines;
  }
  if (EndsWithNoCase(path, ".xlsx")) return DataFormat::kXlsx;
  return DataFormat::kCsv;
}

namespace {

ReadResult ReadDataFileCounting(const std::string& path, DataFormat format,
                                const data::DataSpec& spec, std::string_view sheet,
                                Progress progress) {
  if (format == DataFormat::kXlsx) return ReadXlsxFile(path, spec, sheet, {}, progress);
  std::string error;
  // A regular file is read by pread, in ranges or blocks on two threads (file_range.h).
  ReadOnlyFile file;
  if (file.Open(path, error)) {
    if (progress.total != nullptr) progress.total->store(file.size());
    if (format == DataFormat::kJson) {
      return ReadJsonFile(file, spec, path, kJsonPieceBytes, kJsonTwoPartsFrom, progress);
    }
    if (format == DataFormat::kJsonLines) {
      return ReadJsonLinesFile(file, spec, path, JsonSharing(kJsonLinesTwoPartsFrom), progress);
    }
    return ReadCsvFile(file, spec, path, kCsvTwoPartsFrom, progress);
  }
  if (!error.empty()) return ReadResult{std::nullopt, fmt::format("{}: {}", path, error)};
  // Not a regular file (a pipe): read as a stream.
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return ReadResult{std::nullopt,
                      fmt::format("{}: cannot open ({})", path, std::strerror(errno))};
  }
  std::error_code ec;
  const uint64_t size = std::filesystem::file_size(path, ec);  // a hint: 0 when unknown
  if (progress.done != nullptr) {
    if (progress.total != nullptr) progress.total->store(ec ? 0 : size);
    CountingBuf counting(*in.rdbuf(), *progress.done);
    std::istream counted(&counting);
    return ReadFrom(counted, format, spec, path, ec ? 0 : size, progress.units);
  }
  return ReadFrom(in, format, spec, path, ec ? 0 : size);
}

}  // namespace

ReadResult ReadDataFile(const std::string& path, DataFormat format, const data::DataSpec& spec,
                        std::string_view sheet, Progress progress) {
  ReadResult result = ReadDataFileCounting(path, format, spec, sheet, progress);
  // Whatever a reader counted on the way (a JSON text that only nlohmann's parser reads
  // counts nothing), the counts end complete.
  if (result.table) {
    if (progress.units != nullptr) progress.units->store(result.table->size());
    if (progress.done != nullptr && progress.total != nullptr) {
      progress.done->store(progress.total->load());
    }
  }
  return result;
}

ReadResult ReadText(std::string_view text, DataFormat format, const data::DataSpec& spec,
                    std::string_view name, std::string_view sheet) {
  if (format == DataFormat::kXlsx) return ReadXlsxBytes(text, spec, name, sheet);
  if (format == DataFormat::kCsv) return ReadCsvText(text, spec, name);
  if (format == DataFormat::kJson) return ReadJsonText(text, spec, name);
  if (format == DataFormat::kJsonLines) return ReadJsonLinesText(text, spec, name);
  TextBuf buf(text);
  std::istream in(&buf);
  return ReadFrom(in, format, spec, name, text.size());
}

}  // namespace assess::io
