// This file's external interface is WriteCsv(ResultView). It builds rows in a buffer and
// writes it in large blocks. Scores are written in place by WriteFixedShort (they are
// already rounded to the scheme's digits when it rounds each node), and through
// AppendFixed otherwise; no locale, no allocation per value.
#include <algorithm>
#include <cstring>
#include <memory>
#include <string>

#include "num/number_text.h"
#include "report/result_view.h"

namespace assess::report {
namespace {

constexpr std::size_t kBlockBytes = std::size_t{1} << 20;
// Units whose scores are loaded at a time: one chunk of the evaluator (ScoreColumn::Load
// takes one chunk), and the stride between their columns in the block.
constexpr std::size_t kBlockUnits = compile::kChunk;
constexpr std::size_t kStride = kBlockUnits + 8;

// An output buffer written through a raw pointer: the per-value work is a bounds check and
// the bytes themselves.
class CsvOut {
 public:
  explicit CsvOut(std::ostream& out) : out_(out), buf_(new char[kBlockBytes]) {
    p_ = buf_.get();
    end_ = p_ + kBlockBytes;
  }
  ~CsvOut() { Flush(); }

  // Room for n more bytes at Pos(). n <= kBlockBytes.
  void Reserve(std::size_t n) {
    if (static_cast<std::size_t>(end_ - p_) < n) Flush();
  }
  char* Pos() { return p_; }
  void SetPos(char* p) { p_ = p; }
  void Put(char c) {
    Reserve(1);
    *p_++ = c;
  }
  void Append(std::string_view s) {
    if (s.size() > kBlockBytes / 2) {
      Flush();
      out_.write(s.data(), static_cast<std::streamsize>(s.size()));
      return;
    }
    Reserve(s.size());
    std::memcpy(p_, s.data(), s.size());
    p_ += s.size();
  }
  void Flush() {
    out_.write(buf_.get(), static_cast<std::streamsize>(p_ - buf_.get()));
    p_ = buf_.get();
  }

 private:
  std::ostream& out_;
  std::unique_ptr<char[]> buf_;
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

}  // namespace

void WriteCsv(const ResultView& view, std::ostream& out_stream) {
  const check::Model& m = view.model;
  const bool grades = m.grades.has_value();
  const int digits = m.digits;
  CsvOut out(out_stream);
  std::string scratch;
  out.Append("unit");
  for (size_t n = 1; n < m.nodes.size(); ++n) {
    out.Put(',');
    AppendField(out, m.nodes[n].id);
  }
  out.Append(grades ? ",total,rank,grade,vetoes,error\n" : ",total,rank,vetoes,error\n");
  const eval::ResultTable& t = view.table;
  std::string reasons;
  // A row takes one value from every node's column, each far from the others: read one by
  // one, every value would be a cache miss (too many streams for the hardware to
  // prefetch). So the scores of a block of units are loaded column by column into `block`
  // first; its columns are kStride apart, not a power of two, so that they do not all
  // compete for the same cache sets.
  const std::size_t score_columns = m.nodes.size() - 1;
  std::vector<double> block(score_columns * kStride);
  for (size_t u = 0; u < t.units; ++u) {
    const std::size_t i = u % kBlockUnits;
    if (i == 0) {
      const int n = static_cast<int>(std::min(kBlockUnits, t.units - u));
      for (size_t c = 0; c < score_columns; ++c) t.scores[c + 1].Load(u, n, &block[c * kStride]);
    }
    AppendField(out, view.units.ids[u]);
    if (t.has_error(u)) {
      const std::size_t empty_cells = m.nodes.size() - 1 + (grades ? 4 : 3);
      for (size_t i = 0; i < empty_cells; ++i) out.Put(',');
      out.Put(',');
      AppendField(out, t.errors[u]);
      out.Put('\n');
      continue;
    }
    for (size_t c = 0; c < score_columns; ++c) {
      PutNumberCell(out, block[c * kStride + i], digits, scratch);
    }
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

}  // namespace assess::report
