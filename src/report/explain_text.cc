// This file's external interface is ExplainText: one unit's computation, node by node, as
// a rule author reads it.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>

#include "num/number_text.h"
#include "report/node_trace.h"
#include "report/result_view.h"

namespace assess::report {

std::string ExplainText(const ResultView& view, std::size_t u) {
  const check::Model& m = view.model;
  const eval::ResultTable& t = view.table;
  const int digits = m.digits;
  std::string out = fmt::format("unit {} ({}) in {}\n", view.units.ids[u], view.units.PlaceOf(u),
                                m.title.empty() ? m.id : m.title);
  if (view.units.has_error(u)) return out + t.error(u) + "\n";
  if (t.has_error(u)) out += t.error(u) + "\n";
  std::vector<NodeTrace> traces = TraceUnit(view, u);
  for (const NodeTrace& tr : traces) {
    const check::Node& n = m.nodes[tr.node];
    std::string line(static_cast<size_t>(n.depth) * 2, ' ');
    line += n.id;
    if (!n.title.empty()) line += " (" + n.title + ")";
    line += ": ";
    if (tr.score) {
      if (n.kind == NodeKind::kBonus) line += '+';  // a bonus's amount is signed
      line += FixedText(*tr.score, digits);
      if (n.counts_points) line += " of " + ShortestText(n.points);
    } else {
      line += tr.state;
    }
    std::vector<std::string> notes;
    if (tr.state != "applies" && tr.score) notes.push_back(tr.state);
    if (tr.value) notes.push_back("value " + *tr.value);
    if (tr.raw && (!tr.score || *tr.raw != *tr.score))
      notes.push_back("raw " + ShortestText(*tr.raw));
    if (tr.clamped == "cap") notes.push_back("capped at " + ShortestText(n.cap));
    if (tr.clamped == "floor") notes.push_back("raised to the floor " + ShortestText(n.floor));
    if (tr.rescale) {
      notes.push_back("rescaled x" + ShortestText(*tr.rescale) + " for children that do not apply");
    }
    for (const auto& r : tr.fired) {
      notes.push_back(fmt::format("{} {}", r.reason, ShortestText(r.points)));
    }
    if (!notes.empty()) line += "   [" + fmt::format("{}", fmt::join(notes, "; ")) + "]";
    out += line + "\n";
  }
  if (!t.has_error(u)) {
    out += fmt::format("total after vetoes: {}\n", FixedText(t.total[u], digits));
    for (const std::string& reason : view.Vetoes(u)) out += "veto: " + reason + "\n";
    if (t.rank[u] > 0) out += fmt::format("rank: {}\n", t.rank[u]);
    if (m.grades && t.grade[u] >= 0) out += "grade: " + m.grades->levels[t.grade[u]].name + "\n";
  }
  return out;
}

}  // namespace assess::report
