// CsvScanner: splits a CSV stream into records of cells (RFC 4180), reading the stream in
// blocks, so that memory is one block (or one record, if a record is larger), never the
// whole file. Cells are views into the block: nothing is copied per cell.
#ifndef ASSESS_IO_CSV_SCANNER_H_
#define ASSESS_IO_CSV_SCANNER_H_

#include <cstdint>
#include <istream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace assess::io {

// One record. The views stay valid until the next call of CsvScanner::Next.
struct CsvRecord {
  // The cells' contents, at most CsvScanner's max_cells of them. An unquoted cell is
  // trimmed of surrounding spaces and tabs; a quoted cell is what stands between its quotes,
  // with doubled quotes made single, as written (the UnitTableBuilder trims every value, so
  // quotes protect commas, quotes and line breaks, not surrounding spaces).
  std::vector<std::string_view> cells;
  std::size_t cell_count = 0;  // every cell of the record, also those not kept
  // The row as a spreadsheet shows it: the first record is row 1 and each record is one
  // row, a blank line too, however many lines its quoted cells span.
  uint64_t row = 0;
  // Every cell empty and unquoted: an empty line, spaces only, or only commas (`,,,`, as
  // spreadsheets export empty rows). rule-language §16 skips blank lines; a row of empty cells is
  // blank in a spreadsheet's view too, so it is skipped rather than made a "no unit id"
  // error. A quoted empty cell (`""`) makes the record not blank.
  bool blank = false;
  // The index of the cell whose quote was still open at the end of the file (it holds the
  // rest of the file), or -1.
  int64_t unterminated_cell = -1;
  // The index of the first cell with text between its closing quote and the next comma
  // (`"ab"c`), or -1. The text is dropped; the reader reports the row.
  int64_t junk_cell = -1;
};

class CsvScanner {
 public:
  static constexpr std::size_t kBlockBytes = std::size_t{1} << 20;
  // A record larger than this fails the scan (a file with an unbalanced quote near its
  // start, or not CSV at all, should not take the machine's memory).
  static constexpr std::size_t kMaxRecordBytes = std::size_t{1} << 30;

  explicit CsvScanner(std::istream& in, std::size_t block_bytes = kBlockBytes,
                      std::size_t max_record_bytes = kMaxRecordBytes);
  // Scans `text` where it is, without copying it (it must outlive the scanner); cells with
  // doubled quotes are made single in a buffer of the scanner's own.
  explicit CsvScanner(std::string_view text, std::size_t max_record_bytes = kMaxRecordBytes);

  // For text that continues a file (its second part, read on another thread): no BOM is
  // looked for, and the first record is row `rows_before` + 1.
  void ContinueFrom(uint64_t rows_before) {
    started_ = true;
    row_ = rows_before;
  }

  // Keeps at most `n` cells of a record (the reader needs no cell beyond the header's).
  void set_max_cells(std::size_t n) { max_cells_ = n; }

  // Reads the next record into `record`; false at the end of the input or on failure.
  bool Next(CsvRecord& record);

  // Why Next returned false, if not for the end of the input: "" when it was the end.
  const std::string& failure() const { return failure_; }

  // Records returned so far (blank ones too): the row of the last one.
  uint64_t rows() const { return row_; }
  // Bytes of the input scanned so far (the records returned, and a BOM).
  uint64_t position() const { return bytes_read_ - static_cast<uint64_t>(end_ - pos_); }

 private:
  enum class Scan { kRecord, kNeedMore, kQuoted };
  Scan ScanRecord(CsvRecord& record);
  Scan ScanPlainRecord(CsvRecord& record);
  // Moves the unscanned bytes to the front of the buffer, growing it when they fill more
  // than half of it, and reads more. False when nothing more could be read.
  bool Refill();

  std::istream* in_;  // null: scanning text in memory
  std::size_t max_record_bytes_;
  std::size_t max_cells_ = SIZE_MAX;
  std::unique_ptr<char[]> buffer_;
  std::size_t capacity_;
  const char* pos_ = nullptr;  // the next record starts here
  const char* end_ = nullptr;  // end of the bytes read
  bool eof_ = false;
  uint64_t bytes_read_ = 0;  // from the stream, in all
  bool started_ = false;     // the first block was read (and its BOM skipped)
  uint64_t row_ = 0;
  std::vector<uint32_t> unescape_;  // cells of the record that hold doubled quotes
  std::string unescaped_;           // in memory: those cells, their quotes made single
  std::string failure_;
};

}  // namespace assess::io

#endif  // ASSESS_IO_CSV_SCANNER_H_
