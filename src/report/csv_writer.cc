// This file's external interface is WriteCsv(ResultView). It builds rows in a buffer and
// writes it in large blocks; numbers go through AppendFixed (no locale, no allocation).
#include <cstring>

#include "report/result_view.h"
#include "num/number_text.h"

namespace assess::report {
namespace {

// RFC 4180: a field with a comma, quote, line break or surrounding space is quoted, and
// its quotes doubled.
void AppendField(std::string& out, std::string_view field) {
  const bool quote = field.find_first_of(",\"\r\n") != std::string_view::npos ||
                     (!field.empty() && (field.front() == ' ' || field.back() == ' '));
  if (!quote) {
    out.append(field);
    return;
  }
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace

void WriteCsv(const ResultView& view, std::ostream& out) {
  const check::Model& m = view.model;
  const bool grades = m.grades.has_value();
  const int digits = m.digits;
  std::string buf;
  buf.reserve(1 << 20);
  buf += "unit";
  for (size_t n = 1; n < m.nodes.size(); ++n) {
    buf += ',';
    AppendField(buf, m.nodes[n].id);
  }
  buf += grades ? ",total,rank,grade,vetoes,error\n" : ",total,rank,vetoes,error\n";
  const eval::ResultTable& t = view.table;
  for (size_t u = 0; u < t.units; ++u) {
    AppendField(buf, view.units.ids[u]);
    const bool failed = t.has_error(u);
    for (size_t n = 1; n < m.nodes.size(); ++n) {
      buf += ',';
      if (!failed) AppendFixed(buf, t.scores[n][u], digits);  // NaN (not applicable): empty
    }
    buf += ',';
    if (!failed) {
      AppendFixed(buf, t.total[u], digits);
      buf += ',';
      if (t.rank[u] > 0) buf += std::to_string(t.rank[u]);
      if (grades) {
        buf += ',';
        if (t.grade[u] >= 0) AppendField(buf, m.grades->levels[t.grade[u]].name);
      }
      buf += ',';
      std::string reasons;
      for (size_t v = 0; v < m.vetoes.size(); ++v) {
        if (t.veto_fired[v][u] != 1.0) continue;
        if (!reasons.empty()) reasons += ';';
        reasons += m.vetoes[v].reason;
      }
      AppendField(buf, reasons);
      buf += ",\n";
    } else {
      buf += grades ? ",,,," : ",,,";
      AppendField(buf, t.errors[u]);
      buf += '\n';
    }
    if (buf.size() > (1 << 20) - 4096) {
      out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
      buf.clear();
    }
  }
  out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
}

}  // namespace assess::report
