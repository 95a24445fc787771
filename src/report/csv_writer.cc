// This file's external interface is WriteCsv(ResultView). Threads format slices of rows
// into buffers of their own, written in order (ordered_slices.h). A score kept as a 16-bit code is
// written by a look-up in CodeCells; any other by WriteFixedShort (scores are already rounded to
// the scheme's digits when it rounds each node), or through AppendFixed otherwise; no locale, no
// allocation per value.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "num/number_text.h"
#include "report/code_cells.h"
#include "report/ordered_slices.h"
#include "report/result_view.h"
#include "report/text_buffer.h"

namespace assess::report {
namespace {

// Units whose scores are loaded at a time: one chunk of the evaluator (ScoreColumn::Load
// takes one chunk), and the stride between their columns in the block.
constexpr std::size_t kBlockUnits = compile::kChunk;
constexpr std::size_t kStride = kBlockUnits + 8;
// Units a thread formats at a time (a multiple of kBlockUnits).
constexpr std::size_t kSliceUnits = 8 * kBlockUnits;

// RFC 4180: a field with a comma, quote, line break or surrounding space is quoted, and
// its quotes doubled.
void AppendField(TextBuffer& out, std::string_view field) {
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
inline void PutNumberCell(TextBuffer& out, double x, int digits, std::string& scratch) {
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
                TextBuffer& out) {
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
  // A column whose chunk is kept as 8- or 16-bit codes is read as 16-bit codes (codes[c]:
  // its own, or widened into `widened`), since a code's text is one look-up, where a
  // double's takes a hundred instructions.
  const std::size_t score_columns = m.nodes.size() - 1;
  std::vector<double> block(score_columns * kStride);
  std::vector<const int16_t*> codes(score_columns);
  std::vector<int16_t> widened(cells != nullptr ? score_columns * kBlockUnits : 0);
  for (size_t u = begin; u < end; ++u) {
    const std::size_t i = u % kBlockUnits;
    if (i == 0) {
      const int n = static_cast<int>(std::min(kBlockUnits, t.units - u));
      for (size_t c = 0; c < score_columns; ++c) {
        const eval::ScoreColumn& column = t.scores[c + 1];
        codes[c] = cells != nullptr
                       ? column.Codes16(u, static_cast<std::size_t>(n), &widened[c * kBlockUnits])
                       : nullptr;
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

void Write(std::ostream& out, std::string_view text) {
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

}  // namespace

void WriteCsv(const ResultView& view, std::ostream& out_stream, int threads) {
  const check::Model& m = view.model;
  TextBuffer header;
  header.Append("unit");
  for (size_t n = 1; n < m.nodes.size(); ++n) {
    header.Put(',');
    AppendField(header, m.nodes[n].id);
  }
  header.Append(m.grades.has_value() ? ",total,rank,grade,vetoes,error\n"
                                     : ",total,rank,vetoes,error\n");
  Write(out_stream, header.Text());
  const std::size_t units = view.table.units;
  // The table costs some 65,536 formatted numbers: worth it from a slice of units on, and
  // only codes of stage `each` use it.
  const std::optional<CodeCells> cells =
      units >= kSliceUnits && m.stage_each ? CodeCells::For(m.digits) : std::nullopt;
  const CodeCells* cells_or_null = cells ? &*cells : nullptr;
  WriteInSlices(out_stream, units, kSliceUnits, threads,
                [&](std::size_t begin, std::size_t end, TextBuffer& text) {
                  FormatRows(view, cells_or_null, begin, end, text);
                });
}

}  // namespace assess::report
