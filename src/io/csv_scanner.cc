// This file's external interface is CsvScanner.
//
// The scan is restartable: ScanRecord reads one record from pos_ and either finishes it or,
// when the record runs past the bytes read so far, gives up without changing anything
// (kNeedMore). Next then refills the buffer, keeping the partial record at its front, and
// scans that record again from its start. Only the record that straddles a block boundary
// is scanned twice; a record larger than half the buffer doubles the buffer, so even a
// 10 MB cell costs O(size) in all. Doubled quotes are made single in place, in the buffer,
// once the record is known to be complete, so a rescan never sees a changed record.
//
// Line breaks: LF, CRLF and a lone CR (old Mac and some Excel exports) all end a record;
// inside quotes they are kept as written. A UTF-8 BOM at the start is skipped. Bytes are
// not checked for UTF-8 here: a cell's bytes go to the UnitTableBuilder as they are, which
// rejects invalid UTF-8 in unit ids and text values (numbers are checked by their syntax).
#include "io/csv_scanner.h"

#include <fmt/format.h>

#include <array>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace assess::io {
namespace {

// The bytes that end an unquoted cell.
constexpr std::array<bool, 256> kEndsCell = [] {
  std::array<bool, 256> t{};
  t[static_cast<unsigned char>(',')] = true;
  t[static_cast<unsigned char>('\n')] = true;
  t[static_cast<unsigned char>('\r')] = true;
  return t;
}();

inline bool IsSpace(char c) { return c == ' ' || c == '\t'; }

inline const char* SkipSpaces(const char* p, const char* end) {
  while (p < end && IsSpace(*p)) ++p;
  return p;
}

// The end of an unquoted cell starting at p: the next comma or line break, or `end`.
inline const char* FindCellEnd(const char* p, const char* end) {
  // Unrolled by 4: on numeric data cells are short, and the loop is the scanner's hot spot.
  while (end - p >= 4) {
    if (kEndsCell[static_cast<unsigned char>(p[0])]) return p;
    if (kEndsCell[static_cast<unsigned char>(p[1])]) return p + 1;
    if (kEndsCell[static_cast<unsigned char>(p[2])]) return p + 2;
    if (kEndsCell[static_cast<unsigned char>(p[3])]) return p + 3;
    p += 4;
  }
  while (p < end && !kEndsCell[static_cast<unsigned char>(*p)]) ++p;
  return p;
}

// Bit i set when p[i] is ',', a line break or '"', for the 64 bytes at p.
inline uint64_t SpecialBits64(const char* p) {
#if defined(__SSE2__)
  const __m128i comma = _mm_set1_epi8(',');
  const __m128i lf = _mm_set1_epi8('\n');
  const __m128i cr = _mm_set1_epi8('\r');
  const __m128i quote = _mm_set1_epi8('"');
  uint64_t bits = 0;
  for (int k = 0; k < 4; ++k) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
    const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, lf)),
                                     _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, quote)));
    bits |= static_cast<uint64_t>(static_cast<uint16_t>(_mm_movemask_epi8(hit))) << (16 * k);
  }
  return bits;
#else
  uint64_t bits = 0;
  for (int i = 0; i < 64; ++i) {
    if (kEndsCell[static_cast<unsigned char>(p[i])] || p[i] == '"') bits |= uint64_t{1} << i;
  }
  return bits;
#endif
}

// The same for the n < 64 bytes at p (the end of the bytes read).
inline uint64_t SpecialBitsTail(const char* p, std::size_t n) {
  uint64_t bits = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (kEndsCell[static_cast<unsigned char>(p[i])] || p[i] == '"') bits |= uint64_t{1} << i;
  }
  return bits;
}

}  // namespace

CsvScanner::CsvScanner(std::istream& in, std::size_t block_bytes, std::size_t max_record_bytes)
    : in_(&in),
      max_record_bytes_(max_record_bytes),
      buffer_(new char[block_bytes < 16 ? 16 : block_bytes]),
      capacity_(block_bytes < 16 ? 16 : block_bytes) {
  pos_ = end_ = buffer_.get();
}

CsvScanner::CsvScanner(std::string_view text, std::size_t max_record_bytes)
    : in_(nullptr), max_record_bytes_(max_record_bytes), capacity_(0) {
  pos_ = text.data();
  end_ = pos_ + text.size();
  eof_ = true;
  bytes_read_ = text.size();
}

bool CsvScanner::Refill() {
  if (eof_ || in_ == nullptr) return false;
  const std::size_t keep = static_cast<std::size_t>(end_ - pos_);
  if (keep > capacity_ / 2) {
    const std::size_t capacity = capacity_ * 2;
    std::unique_ptr<char[]> bigger(new char[capacity]);
    std::memcpy(bigger.get(), pos_, keep);
    buffer_ = std::move(bigger);
    capacity_ = capacity;
  } else if (keep > 0 && pos_ != buffer_.get()) {
    std::memmove(buffer_.get(), pos_, keep);
  }
  char* base = buffer_.get();
  pos_ = base;
  end_ = base + keep;
  in_->read(base + keep, static_cast<std::streamsize>(capacity_ - keep));
  const auto got = static_cast<std::size_t>(in_->gcount());
  end_ += got;
  bytes_read_ += got;
  if (in_->bad()) {
    failure_ = "read error";
    eof_ = true;
  } else if (got == 0 || in_->eof()) {
    eof_ = true;
  }
  return got > 0;
}

bool CsvScanner::Next(CsvRecord& record) {
  if (!failure_.empty()) return false;
  if (!started_) {
    started_ = true;
    Refill();
    if (end_ - pos_ >= 3 && std::memcmp(pos_, "\xEF\xBB\xBF", 3) == 0) pos_ += 3;
  }
  while (true) {
    if (!failure_.empty()) return false;
    if (pos_ == end_) {
      if (!Refill()) return false;
      continue;
    }
    const char* const record_begin = pos_;
    if (ScanRecord(record) == Scan::kRecord) {
      // The same limit in memory and streamed: a record that the last refill completed
      // may be larger than the bytes buffered when the check below last ran.
      if (static_cast<std::size_t>(pos_ - record_begin) > max_record_bytes_) {
        failure_ = fmt::format("row {} is larger than {} bytes (an unbalanced quote?)", row_ + 1,
                               max_record_bytes_);
        return false;
      }
      record.row = ++row_;
      return true;
    }
    // More than the limit buffered and the record still open: it is larger, wherever it
    // ends (a record of exactly the limit may still be waiting for the end of the input).
    if (static_cast<std::size_t>(end_ - pos_) > max_record_bytes_) {
      failure_ = fmt::format("row {} is larger than {} bytes (an unbalanced quote?)", row_ + 1,
                             max_record_bytes_);
      return false;
    }
    Refill();  // at the end of the input, eof_ makes the rescan finish the record
  }
}

// A record without any quote, the common case. The commas and line breaks of 64 bytes at a
// time are found as the bits of one word (SpecialBits64), and each cell is the bytes
// between two of them, trimmed of spaces. At the first quote the record is left to
// ScanRecord's general scan (kQuoted), which then scans it from its start.
CsvScanner::Scan CsvScanner::ScanPlainRecord(CsvRecord& record) {
  record.cells.clear();
  record.unterminated_cell = -1;
  record.junk_cell = -1;
  const char* const end = end_;
  const char* cell = pos_;  // where the current cell begins
  std::size_t count = 0;
  bool any_content = false;
  auto add_cell = [&](const char* stop) {
    const char* begin = cell;
    while (begin < stop && IsSpace(*begin)) ++begin;
    while (stop > begin && IsSpace(stop[-1])) --stop;
    any_content = any_content || stop != begin;
    if (count < max_cells_)
      record.cells.emplace_back(begin, static_cast<std::size_t>(stop - begin));
    ++count;
  };
  for (const char* base = pos_; base < end; base += 64) {
    const std::size_t avail = static_cast<std::size_t>(end - base);
    uint64_t bits = avail >= 64 ? SpecialBits64(base) : SpecialBitsTail(base, avail);
    for (; bits != 0; bits &= bits - 1) {
      const char* q = base + __builtin_ctzll(bits);
      const char c = *q;
      if (c == ',') {
        add_cell(q);
        cell = q + 1;
        continue;
      }
      if (c == '"') return Scan::kQuoted;
      // A line break ends the record.
      if (c == '\r') {
        if (q + 1 == end && !eof_) return Scan::kNeedMore;  // CRLF across the boundary?
        add_cell(q);
        if (q + 1 < end && q[1] == '\n') ++q;
      } else {
        add_cell(q);
      }
      pos_ = q + 1;
      record.cell_count = count;
      record.blank = !any_content;
      return Scan::kRecord;
    }
  }
  if (!eof_) return Scan::kNeedMore;
  add_cell(end);  // the last record, without a line break
  pos_ = end;
  record.cell_count = count;
  record.blank = !any_content;
  return Scan::kRecord;
}

// record -> cell (',' cell)* (LF | CRLF | CR | end of input)
// cell   -> spaces (quoted | unquoted) spaces
CsvScanner::Scan CsvScanner::ScanRecord(CsvRecord& record) {
  const Scan plain = ScanPlainRecord(record);
  if (plain != Scan::kQuoted) return plain;
  record.cells.clear();
  record.unterminated_cell = -1;
  record.junk_cell = -1;
  unescape_.clear();
  const char* const end = end_;
  const char* p = pos_;
  std::size_t count = 0;
  bool any_content = false;
  while (true) {
    p = SkipSpaces(p, end);
    const char* begin;
    const char* stop;
    if (p < end && *p == '"') {
      any_content = true;
      begin = p + 1;
      const char* q = begin;
      bool doubled = false;
      while (true) {
        const char* quote = static_cast<const char*>(std::memchr(q, '"', end - q));
        if (quote == nullptr) {
          if (!eof_) return Scan::kNeedMore;
          // The quote is never closed: the cell holds the rest of the file.
          if (record.unterminated_cell < 0) record.unterminated_cell = static_cast<int64_t>(count);
          stop = p = end;
          break;
        }
        if (quote + 1 == end && !eof_) return Scan::kNeedMore;  // "" across the boundary?
        if (quote + 1 < end && quote[1] == '"') {
          doubled = true;
          q = quote + 2;
          continue;
        }
        stop = quote;
        p = SkipSpaces(quote + 1, end);
        if (p < end && !kEndsCell[static_cast<unsigned char>(*p)]) {
          if (record.junk_cell < 0) record.junk_cell = static_cast<int64_t>(count);
          p = FindCellEnd(p, end);
        }
        break;
      }
      if (doubled && count < max_cells_) unescape_.push_back(static_cast<uint32_t>(count));
    } else {
      begin = p;
      p = FindCellEnd(p, end);
      stop = p;
      while (stop > begin && IsSpace(stop[-1])) --stop;
    }
    if (p == end && !eof_) return Scan::kNeedMore;
    any_content = any_content || stop != begin;
    if (count < max_cells_)
      record.cells.emplace_back(begin, static_cast<std::size_t>(stop - begin));
    ++count;
    if (p == end) break;  // the last record, without a line break
    if (*p == ',') {
      ++p;
      continue;
    }
    if (*p == '\r') {
      if (p + 1 == end && !eof_) return Scan::kNeedMore;  // CRLF across the boundary?
      if (p + 1 < end && p[1] == '\n') ++p;
    }
    ++p;
    break;
  }
  pos_ = p;
  record.cell_count = count;
  record.blank = !any_content;
  if (in_ == nullptr) {
    // The text is not ours to change: the cells are made single in unescaped_, sized first
    // so that the views into it stay valid.
    std::size_t bytes = 0;
    for (uint32_t i : unescape_) bytes += record.cells[i].size();
    unescaped_.resize(bytes);
    char* w = unescaped_.data();
    for (uint32_t i : unescape_) {
      std::string_view& cell = record.cells[i];
      const char* const cell_begin = w;
      for (std::size_t r = 0; r < cell.size(); ++r) {
        *w++ = cell[r];
        if (cell[r] == '"') ++r;  // the second quote of a pair
      }
      cell = std::string_view(cell_begin, static_cast<std::size_t>(w - cell_begin));
    }
    return Scan::kRecord;
  }
  char* const base = buffer_.get();
  for (uint32_t i : unescape_) {
    std::string_view& cell = record.cells[i];
    char* w = base + (cell.data() - base);
    const char* const cell_begin = w;
    for (std::size_t r = 0; r < cell.size(); ++r) {
      *w++ = cell[r];
      if (cell[r] == '"') ++r;  // the second quote of a pair
    }
    cell = std::string_view(cell_begin, static_cast<std::size_t>(w - cell_begin));
  }
  return Scan::kRecord;
}

}  // namespace assess::io
