// This file's external interface is WriteCsv(ResultView). Threads format slices of rows
// into buffers of their own, written in order. A score kept as a 16-bit code is written by
// a look-up in CodeCells; any other by WriteFixedShort (scores are already rounded to the
// scheme's digits when it rounds each node), or through AppendFixed otherwise; no locale,
// no allocation per value.
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "core/run_on_threads.h"
#include "num/number_text.h"
#include "report/code_cells.h"
#include "report/result_view.h"

namespace assess::report {
namespace {

constexpr std::size_t kBlockBytes = std::size_t{1} << 20;
// Units whose scores are loaded at a time: one chunk of the evaluator (ScoreColumn::Load
// takes one chunk), and the stride between their columns in the block.
constexpr std::size_t kBlockUnits = compile::kChunk;
constexpr std::size_t kStride = kBlockUnits + 8;
// Units a thread formats at a time (a multiple of kBlockUnits).
constexpr std::size_t kSliceUnits = 8 * kBlockUnits;

// A growing output buffer written through a raw pointer: the per-value work is a bounds
// check and the bytes themselves. Each thread formats its rows into its own.
class CsvOut {
 public:
  CsvOut() : buf_(new char[kBlockBytes]), cap_(kBlockBytes) {
    p_ = buf_.get();
    end_ = p_ + cap_;
  }

  // Room for n more bytes at Pos().
  void Reserve(std::size_t n) {
    if (static_cast<std::size_t>(end_ - p_) < n) Grow(n);
  }
  char* Pos() { return p_; }
  void SetPos(char* p) { p_ = p; }
  void Put(char c) {
    Reserve(1);
    *p_++ = c;
  }
  void Append(std::string_view s) {
    Reserve(s.size());
    std::memcpy(p_, s.data(), s.size());
    p_ += s.size();
  }
  std::string_view Text() const { return {buf_.get(), static_cast<std::size_t>(p_ - buf_.get())}; }
  void Clear() { p_ = buf_.get(); }

 private:
  void Grow(std::size_t n) {
    const std::size_t used = static_cast<std::size_t>(p_ - buf_.get());
    const std::size_t cap = std::max(cap_ * 2, used + n);
    std::unique_ptr<char[]> bigger(new char[cap]);
    std::memcpy(bigger.get(), buf_.get(), used);
    buf_ = std::move(bigger);
    cap_ = cap;
    p_ = buf_.get() + used;
    end_ = buf_.get() + cap_;
  }

  std::unique_ptr<char[]> buf_;
  std::size_t cap_;
  char* p_;
  char* end_;
};

// RFC 4180: a field with a comma, quote, line break or surrounding space is quoted, and
// its quotes doubled.
void AppendField(CsvOut& out, std::string_view field) {
  const bool quote = field.find_first_of(",\"\r\n") != std::string_view::npos ||
                     (!field.empty() && (field.front() == ' ' || field.back() == ' '));
  if (!quote) {
    out.Append(field);
    return;
  }
  std::string quoted = "\"";
  for (char c : field) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  out.Append(quoted);
}

// ",<x>" with `digits` decimals; a NaN (not applicable) is an empty cell.
inline void PutNumberCell(CsvOut& out, double x, int digits, std::string& scratch) {
  out.Reserve(kFixedShortMaxBytes + 1);
  char* p = out.Pos();
  *p++ = ',';
  if (char* end = WriteFixedShort(p, x, digits)) {
    out.SetPos(end);
    return;
  }
  out.SetPos(p);
  scratch.clear();
  AppendFixed(scratch, x, digits);  // NaN: nothing
  out.Append(scratch);
}

// The rows of units [begin, end) (begin a multiple of kBlockUnits) into `out`; `cells`, when
// given, writes the scores kept as 16-bit codes.
void FormatRows(const ResultView& view, const CodeCells* cells, std::size_t begin, std::size_t end,
                CsvOut& out) {
  const check::Model& m = view.model;
  const bool grades = m.grades.has_value();
  const int digits = m.digits;
  std::string scratch;
  const eval::ResultTable& t = view.table;
  std::string reasons;
  // A row takes one value from every node's column, each far from the others: read one by
  // one, every value would be a cache miss (too many streams for the hardware to
  // prefetch). So the scores of a block of units are loaded column by column into `block`
  // first; its columns are kStride apart, not a power of two, so that they do not all
  // compete for the same cache sets.
  // A column whose chunk is kept as 16-bit codes is read as they are (codes[c]), since a
  // code's text is one look-up, where a double's takes a hundred instructions.
  const std::size_t score_columns = m.nodes.size() - 1;
  std::vector<double> block(score_columns * kStride);
  std::vector<const int16_t*> codes(score_columns);
  for (size_t u = begin; u < end; ++u) {
    const std::size_t i = u % kBlockUnits;
    if (i == 0) {
      const int n = static_cast<int>(std::min(kBlockUnits, t.units - u));
      for (size_t c = 0; c < score_columns; ++c) {
        const eval::ScoreColumn& column = t.scores[c + 1];
        codes[c] = cells != nullptr ? column.Codes16(u) : nullptr;
        if (codes[c] == nullptr) column.Load(u, n, &block[c * kStride]);
      }
    }
    AppendField(out, view.units.ids[u]);
    if (t.has_error(u)) {
      const std::size_t empty_cells = m.nodes.size() - 1 + (grades ? 4 : 3);
      for (size_t i = 0; i < empty_cells; ++i) out.Put(',');
      out.Put(',');
      AppendField(out, t.error(u));
      out.Put('\n');
      continue;
    }
    out.Reserve(score_columns * sizeof(uint64_t));
    char* p = out.Pos();
    for (size_t c = 0; c < score_columns; ++c) {
      if (const int16_t* k = codes[c]) {
        p = cells->Put(p, k[i]);  // room: Reserve above, or PutNumberCell's own
        continue;
      }
      out.SetPos(p);
      PutNumberCell(out, block[c * kStride + i], digits, scratch);
      out.Reserve(sizeof(uint64_t) * (score_columns - c));
      p = out.Pos();
    }
    out.SetPos(p);
    PutNumberCell(out, t.total[u], digits, scratch);
    out.Put(',');
    if (t.rank[u] > 0) out.Append(std::to_string(t.rank[u]));
    if (grades) {
      out.Put(',');
      if (t.grade[u] >= 0) AppendField(out, m.grades->levels[t.grade[u]].name);
    }
    out.Put(',');
    reasons.clear();
    for (size_t v = 0; v < m.vetoes.size(); ++v) {
      if (t.veto_fired[v][u] != 1.0) continue;
      if (!reasons.empty()) reasons += ';';
      reasons += m.vetoes[v].reason;
    }
    AppendField(out, reasons);
    out.Append(",\n");
  }
}

// Whose turn it is to write: slice s is written after slices 0 .. s-1, by whichever thread
// formatted it. A thread that fails to format or write its slice ends the turns, so that
// no thread waits for a slice that never comes.
class SliceTurns {
 public:
  // Waits until slice s may be written; false when a slice before it failed.
  bool WaitFor(std::size_t s) {
    std::unique_lock<std::mutex> lock(mutex_);
    turn_.wait(lock, [&] { return failed_ || written_ == s; });
    return !failed_;
  }
  void Done(std::size_t s) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      written_ = s + 1;
    }
    turn_.notify_all();
  }
  void Fail() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      failed_ = true;
    }
    turn_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable turn_;
  std::size_t written_ = 0;  // slices written
  bool failed_ = false;
};

void Write(std::ostream& out, std::string_view text) {
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

}  // namespace

void WriteCsv(const ResultView& view, std::ostream& out_stream, int threads) {
  const check::Model& m = view.model;
  CsvOut header;
  header.Append("unit");
  for (size_t n = 1; n < m.nodes.size(); ++n) {
    header.Put(',');
    AppendField(header, m.nodes[n].id);
  }
  header.Append(m.grades.has_value() ? ",total,rank,grade,vetoes,error\n"
                                     : ",total,rank,vetoes,error\n");
  Write(out_stream, header.Text());
  // Rows are formatted in slices of kSliceUnits, a few MB of text each, so that memory
  // stays at a slice per thread whatever the batch. Each thread takes the next slice,
  // formats it into its own buffer, and writes it once the slice before it is written: one
  // thread copies its slice into the stream while the other formats the next. (Formatting
  // a round of slices on all threads and then writing them from this one left the other
  // core idle two thirds of the write phase: 10^6 units x 100 leaves, 0.82-0.87 s against
  // 0.69-0.76 s now.)
  const std::size_t units = view.table.units;
  const std::size_t slices = (units + kSliceUnits - 1) / kSliceUnits;
  const int workers = static_cast<int>(
      std::min<std::size_t>(std::max(1, threads), std::max<std::size_t>(1, slices)));
  // The table costs some 65,536 formatted numbers: worth it from a slice of units on, and
  // only codes of stage `each` use it.
  const std::optional<CodeCells> cells =
      units >= kSliceUnits && m.stage_each ? CodeCells::For(m.digits) : std::nullopt;
  const CodeCells* cells_or_null = cells ? &*cells : nullptr;
  std::atomic<std::size_t> next{0};
  SliceTurns turns;
  RunOnThreads(workers, [&](int) {
    CsvOut text;
    for (std::size_t s = next.fetch_add(1); s < slices; s = next.fetch_add(1)) {
      const std::size_t begin = s * kSliceUnits;
      text.Clear();
      try {
        FormatRows(view, cells_or_null, begin, std::min(units, begin + kSliceUnits), text);
        if (!turns.WaitFor(s)) return;
        Write(out_stream, text.Text());  // throws if the stream's exceptions() ask it to
        turns.Done(s);
      } catch (...) {
        turns.Fail();  // out of memory, or the stream: the threads of later slices end
        throw;
      }
    }
  });
}

}  // namespace assess::report
