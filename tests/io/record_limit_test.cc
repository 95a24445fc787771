// The CSV record size limit (CsvScanner's max_record_bytes) is the same in memory and
// streamed, for every block size: a record of at most the limit (line break included) is
// read, a larger one fails the scan with the same message.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "io/csv_scanner.h"

namespace assess::io {
namespace {

constexpr std::size_t kLimit = 100;

// "ok:<cells of the records>" or "failed:<the failure>", scanning `text` in memory (block
// size 0) or streamed in blocks of `block_bytes`.
std::string Outcome(const std::string& text, std::size_t block_bytes) {
  std::istringstream in(text);
  CsvScanner streamed(in, block_bytes, kLimit);
  CsvScanner in_memory(std::string_view{text}, kLimit);
  CsvScanner& scanner = block_bytes == 0 ? in_memory : streamed;
  CsvRecord r;
  std::string cells;
  while (scanner.Next(r)) {
    for (std::string_view c : r.cells) cells += std::string(c) + "|";
    cells += "\n";
  }
  if (!scanner.failure().empty()) return "failed:" + scanner.failure();
  return "ok:" + cells;
}

// A file of a short header and one record of exactly `bytes` bytes, line break included
// (none when `last` and `final_break` is false), with a quoted cell when `quoted`.
std::string FileWithRecordOf(std::size_t bytes, bool quoted, bool final_break) {
  const std::string end = final_break ? "\n" : "";
  const std::size_t fill = bytes - end.size() - 2 - (quoted ? 2 : 0);
  std::string record = "u,";
  record += quoted ? "\"" + std::string(fill, 'x') + "\"" : std::string(fill, 'x');
  return "unit,x\n" + record + end;
}

TEST(RecordLimit, SameOutcomeInMemoryAndStreamedAroundTheLimit) {
  for (std::size_t bytes :
       {kLimit - 1, kLimit, kLimit + 1, kLimit + 2, 2 * kLimit - 1, 2 * kLimit + 7}) {
    for (bool quoted : {false, true}) {
      for (bool final_break : {true, false}) {
        const std::string text = FileWithRecordOf(bytes, quoted, final_break);
        const std::string expected = Outcome(text, 0);
        const bool fits = bytes <= kLimit;
        EXPECT_EQ(expected.rfind(fits ? "ok:" : "failed:row 2 is larger than 100 bytes", 0), 0u)
            << bytes << " bytes: " << expected;
        for (std::size_t block : {16, 17, 33, 64, 99, 100, 101, 128, 256, 4096}) {
          EXPECT_EQ(Outcome(text, block), expected)
              << bytes << " bytes, quoted " << quoted << ", final break " << final_break
              << ", blocks of " << block;
        }
      }
    }
  }
}

TEST(RecordLimit, AnUnbalancedQuoteFailsTheSameWay) {
  std::string text = "unit,x\nu,\"" + std::string(3 * kLimit, 'x') + "\nv,1\n";
  const std::string expected = Outcome(text, 0);
  EXPECT_EQ(expected, "failed:row 2 is larger than 100 bytes (an unbalanced quote?)");
  for (std::size_t block : {16, 64, 100, 128, 4096}) EXPECT_EQ(Outcome(text, block), expected);
}

}  // namespace
}  // namespace assess::io
