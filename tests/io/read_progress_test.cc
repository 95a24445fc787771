// A read's progress (io/read_progress.h) through ReadDataFile, for every format and every
// way a file is read (streamed; read by ranges or blocks, or mapped; in one part or two):
// once the read returns, every unit is counted (units in error too) and the bytes done
// equal the bytes in all.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <string>

#include "io/data_readers.h"
#include "io/xlsx_test_util.h"

namespace assess::io {
namespace {

using data::DataSpec;
using data::InputSpec;

DataSpec OneNumber() {
  DataSpec spec;
  InputSpec x;
  x.name = x.column = "x";
  x.type = InputType::kNumber;
  x.max = 100;
  spec.inputs = {x};
  return spec;
}

class TempFile {
 public:
  TempFile(const std::string& suffix, const std::string& bytes) {
    char pattern[] = "/tmp/assess-progress-XXXXXX";
    const int fd = mkstemp(pattern);
    close(fd);
    std::remove(pattern);
    path_ = std::string(pattern) + suffix;
    std::ofstream(path_, std::ios::binary) << bytes;
  }
  ~TempFile() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

struct Counted {
  uint64_t units, done, total, table_units;
  std::string error;
};

Counted ReadCounting(const std::string& suffix, const std::string& bytes) {
  const TempFile file(suffix, bytes);
  std::atomic<uint64_t> done{0}, total{0}, units{0};
  const DataSpec spec = OneNumber();
  ReadResult r = ReadDataFile(file.path(), FormatOfPath(file.path()), spec, {},
                              Progress{&done, &total, &units});
  return Counted{units.load(), done.load(), total.load(), r.table ? r.table->size() : 0, r.error};
}

// `n` units, one of them (the 7th) with a value above the maximum: a unit in error.
std::string Csv(int n) {
  std::string text = "unit,x\n";
  for (int i = 0; i < n; ++i) text += "u" + std::to_string(i) + "," + (i == 6 ? "101" : "5") + "\n";
  return text;
}

TEST(ReadProgress, CountsEveryUnitAndByteOfASmallStreamedCsv) {
  const Counted c = ReadCounting(".csv", Csv(1000));
  EXPECT_EQ(c.error, "");
  EXPECT_EQ(c.units, 1000u);
  EXPECT_EQ(c.table_units, 1000u);
  EXPECT_EQ(c.total, Csv(1000).size());
  EXPECT_EQ(c.done, c.total);
}

TEST(ReadProgress, CountsEveryUnitOfALargeCsvReadInTwoParts) {
  const int n = 500'000;  // over kCsvTwoPartsFrom bytes: mapped, read on two threads
  const std::string text = Csv(n);
  ASSERT_GE(text.size(), kCsvTwoPartsFrom);
  const Counted c = ReadCounting(".csv", text);
  EXPECT_EQ(c.error, "");
  EXPECT_EQ(c.units, static_cast<uint64_t>(n));
  EXPECT_EQ(c.table_units, static_cast<uint64_t>(n));
  EXPECT_EQ(c.total, text.size());
  EXPECT_EQ(c.done, c.total);
}

TEST(ReadProgress, CountsUnitsOfJsonAndJsonLines) {
  std::string json = "[", lines;
  for (int i = 0; i < 5000; ++i) {
    const std::string object = R"({"unit": "u)" + std::to_string(i) + R"(", "x": 5})";
    json += (i > 0 ? "," : "") + object;
    lines += object + "\n";
  }
  json += "]";
  for (const auto& [suffix, bytes] : {std::pair{".json", json}, std::pair{".jsonl", lines}}) {
    const Counted c = ReadCounting(suffix, bytes);
    EXPECT_EQ(c.error, "") << suffix;
    EXPECT_EQ(c.units, 5000u) << suffix;
    EXPECT_EQ(c.total, bytes.size()) << suffix;
    EXPECT_EQ(c.done, c.total) << suffix;
  }
  // A text that simdjson's path leaves to nlohmann's parser (one starting with a BOM) counts
  // nothing on the way: the counts still end complete.
  const Counted bom = ReadCounting(".json", "\xEF\xBB\xBF[" + json.substr(1));
  EXPECT_EQ(bom.error, "");
  EXPECT_EQ(bom.units, 5000u);
}

TEST(ReadProgress, CountsUnitsOfAnXlsxSheet) {
  std::string rows = R"(<row r="1"><c r="A1" t="inlineStr"><is><t>unit</t></is></c>)"
                     R"(<c r="B1" t="inlineStr"><is><t>x</t></is></c></row>)";
  for (int i = 2; i <= 301; ++i) {
    const std::string r = std::to_string(i);
    rows += "<row r=\"" + r + "\"><c r=\"A" + r + "\"><v>" + r + "</v></c><c r=\"B" + r +
            "\"><v>5</v></c></row>";
  }
  const Counted c = ReadCounting(".xlsx", testing::WorkbookOf({{"data", rows}}));
  EXPECT_EQ(c.error, "");
  EXPECT_EQ(c.units, 300u);
  EXPECT_GT(c.total, 0u);
  EXPECT_EQ(c.done, c.total);
}

}  // namespace
}  // namespace assess::io
