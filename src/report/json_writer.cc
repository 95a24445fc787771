// This file's external interface is WriteJson and WriteJsonLines (nlohmann-json): the
// fields of the CSV output, typed, and with explanation each node's computation.
#include <cmath>
#include <nlohmann/json.hpp>

#include "report/node_trace.h"
#include "report/result_view.h"

namespace assess::report {
namespace {

using Json = nlohmann::ordered_json;

Json Number(std::optional<double> v) { return v ? Json(*v) : Json(nullptr); }

bool IsResultField(const std::string& id) {
  for (const char* f : {"unit", "total", "rank", "grade", "vetoes", "error", "explain"}) {
    if (id == f) return true;
  }
  return false;
}

Json UnitObject(const ResultView& view, std::size_t u, bool explain) {
  const check::Model& m = view.model;
  const eval::ResultTable& t = view.table;
  Json o;
  o["unit"] = view.units.ids[u];
  for (size_t n = 1; n < m.nodes.size(); ++n) {
    // An indicator named like a result field (`rank`, `error`, ...) cannot have its own
    // key: the result field keeps it, and above all `unit` keeps the unit's id.
    if (IsResultField(m.nodes[n].id)) continue;
    o[m.nodes[n].id] = Number(view.Score(u, static_cast<int>(n)));
  }
  o["total"] = Number(view.Total(u));
  o["rank"] = t.rank[u] > 0 ? Json(t.rank[u]) : Json(nullptr);
  if (m.grades) {
    o["grade"] = t.grade[u] >= 0 ? Json(m.grades->levels[t.grade[u]].name) : Json(nullptr);
  }
  o["vetoes"] = view.Vetoes(u);
  o["error"] = t.has_error(u) ? Json(t.error(u)) : Json(nullptr);
  if (explain && !view.units.has_error(u)) {
    Json nodes = Json::object();
    for (const NodeTrace& tr : TraceUnit(view, u)) {
      Json e;
      e["state"] = tr.state;
      if (tr.value) {
        // Typed as the value is: a number, true / false, a text, or null.
        switch (tr.value_kind) {
          case NodeTrace::ValueKind::kNull:
            e["value"] = nullptr;
            break;
          case NodeTrace::ValueKind::kNumber:
            e["value"] = tr.value_number;
            break;
          case NodeTrace::ValueKind::kBool:
            e["value"] = tr.value_number != 0;
            break;
          case NodeTrace::ValueKind::kText:
            e["value"] = *tr.value;
            break;
        }
      }
      if (tr.raw) e["raw"] = *tr.raw;
      e["score"] = Number(tr.score);
      if (!tr.clamped.empty()) e["clamped"] = tr.clamped;
      if (tr.rescale) e["rescale"] = *tr.rescale;
      if (!tr.fired.empty()) {
        Json rules = Json::array();
        for (const auto& r : tr.fired)
          rules.push_back({{"reason", r.reason}, {"points", r.points}});
        e["rules"] = rules;
      }
      nodes[m.nodes[tr.node].id] = e;
    }
    o["explain"] = nodes;
  }
  return o;
}

}  // namespace

void WriteJson(const ResultView& view, std::ostream& out, bool explain) {
  out << "[";
  for (size_t u = 0; u < view.table.units; ++u) {
    out << (u ? ",\n  " : "\n  ")
        << UnitObject(view, u, explain).dump(-1, ' ', false, Json::error_handler_t::replace);
  }
  out << "\n]\n";
}

void WriteJsonLines(const ResultView& view, std::ostream& out, bool explain) {
  for (size_t u = 0; u < view.table.units; ++u) {
    out << UnitObject(view, u, explain).dump(-1, ' ', false, Json::error_handler_t::replace)
        << '\n';
  }
}

}  // namespace assess::report
