// This file's external interface is ReadDataFile and FormatOfPath.
#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "io/data_readers.h"

namespace assess::io {
namespace {

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
  return DataFormat::kCsv;
}

ReadResult ReadDataFile(const std::string& path, DataFormat format, const data::DataSpec& spec) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return ReadResult{std::nullopt,
                      fmt::format("{}: cannot open ({})", path, std::strerror(errno))};
  }
  switch (format) {
    case DataFormat::kCsv:
      return ReadCsv(in, spec, path);
    case DataFormat::kJson:
      return ReadJson(in, spec, path);
    case DataFormat::kJsonLines:
      return ReadJsonLines(in, spec, path);
  }
  return ReadResult{std::nullopt, fmt::format("{}: unknown data format", path)};
}

}  // namespace assess::io
