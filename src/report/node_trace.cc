// This file's external interface is TraceUnit.
#include "report/node_trace.h"

#include <cmath>

#include "num/number_text.h"
#include "num/round.h"

namespace assess::report {
namespace {

std::string ValueText(const ResultView& view, int node, double v) {
  if (std::isnan(v)) return "null";
  const check::Node& n = view.model.nodes[node];
  const expr::Type type = n.value && n.value->root ? n.value->root->type : expr::Type::kNumber;
  if (type == expr::Type::kBool) return v != 0 ? "true" : "false";
  if (type == expr::Type::kText) return view.units.texts.Text(static_cast<uint32_t>(v));
  return ShortestText(v);
}

NodeTrace::ValueKind ValueKindOf(const ResultView& view, int node, double v) {
  if (std::isnan(v)) return NodeTrace::ValueKind::kNull;
  const check::Node& n = view.model.nodes[node];
  const expr::Type type = n.value && n.value->root ? n.value->root->type : expr::Type::kNumber;
  if (type == expr::Type::kBool) return NodeTrace::ValueKind::kBool;
  if (type == expr::Type::kText) return NodeTrace::ValueKind::kText;
  return NodeTrace::ValueKind::kNumber;
}

// The state of a node for a unit, as the evaluator decided it.
std::string StateText(const ResultView& view, int node, std::size_t unit) {
  const double score = view.table.scores[node][unit];
  if (compile::IsErrorNaN(score)) return "error";
  const int column = view.program.app_column_of[node];
  if (column >= 0) {
    switch (static_cast<int>(view.table.apps[column][unit])) {
      case compile::kForcedZero:
        return "zero (when missing)";
      case compile::kForcedFull:
        return "full marks (when missing)";
      default:
        break;
    }
  }
  return std::isnan(score) ? "not applicable" : "applies";
}

}  // namespace

std::vector<NodeTrace> TraceUnit(const ResultView& view, std::size_t unit) {
  const check::Model& m = view.model;
  const eval::ResultTable& t = view.table;
  std::vector<NodeTrace> out;
  for (size_t i = 0; i < m.nodes.size(); ++i) {
    const check::Node& n = m.nodes[i];
    const int node = static_cast<int>(i);
    NodeTrace tr;
    tr.node = node;
    tr.state = StateText(view, node, unit);
    const int vc = view.program.value_column_of[i];
    if (vc >= 0 && tr.state == "applies") {
      const double v = t.values[vc][unit];
      tr.value = ValueText(view, node, v);
      tr.value_kind = ValueKindOf(view, node, v);
      tr.value_number = v;
    }
    const double score = t.scores[i][unit];
    if (!std::isnan(score)) tr.score = RoundDecimal(score, m.digits);
    if (t.traced && !std::isnan(t.raw[i][unit])) {
      const double raw = t.raw[i][unit];
      tr.raw = raw;
      if (n.counts_points) {
        if (raw > n.cap) tr.clamped = "cap";
        if (raw < n.floor) tr.clamped = "floor";
      } else if (std::fabs(raw) > n.cap) {
        tr.clamped = "cap";  // a deduction's raw sum is negative, as its cell
      }
    }
    if (n.kind == NodeKind::kGroup && tr.state == "applies") {
      double applicable = 0;
      bool all = true;
      for (int c : n.children) {
        if (!m.nodes[c].counts_points) continue;
        if (std::isnan(t.scores[c][unit])) {
          all = false;
        } else {
          applicable += m.nodes[c].points;
        }
      }
      if (!all && applicable != 0 && applicable != n.points) tr.rescale = n.points / applicable;
    }
    const compile::NodeCode& code = view.program.nodes[i];
    for (int r = code.rule_begin; r < code.rule_end; ++r) {
      const double p = t.rule_points[r][unit];
      if (!std::isnan(p)) tr.fired.push_back({n.rules[r - code.rule_begin].reason, p});
    }
    out.push_back(std::move(tr));
  }
  return out;
}

}  // namespace assess::report
