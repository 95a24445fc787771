// This file's external interface is WriteJson and WriteJsonLines: the fields of the CSV
// output, typed, and with explanation each node's computation. The bytes are nlohmann-json's
// dump of each unit's object (UnitObject); without explanation the object's text is written
// directly (FastObjects: the same bytes, json_text.h), since making a json value of a
// hundred fields per unit wrote 40 MB/s. Units are formatted on every thread in slices,
// written in order (ordered_slices.h).
#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "report/json_text.h"
#include "report/node_trace.h"
#include "report/ordered_slices.h"
#include "report/result_view.h"
#include "report/text_buffer.h"

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

// Units a thread formats at a time: a multiple of a chunk, whose scores FastObjects loads
// at once (a few MB of text at a hundred indicators).
constexpr std::size_t kSliceUnits = 4 * compile::kChunk;
constexpr std::size_t kStride = compile::kChunk + 8;  // between a block's columns (csv_writer.cc)

// The objects of units without explanation, as text: the fields' keys made once, the
// scores of a chunk loaded column by column (a 16-bit code's text by a look-up).
class FastObjects {
 public:
  explicit FastObjects(const ResultView& view) : view_(view) {
    const check::Model& m = view.model;
    for (size_t n = 1; n < m.nodes.size(); ++n) {
      if (IsResultField(m.nodes[n].id)) continue;  // as UnitObject: the result field wins
      nodes_.push_back(static_cast<int>(n));
      std::string key = ",";
      key += JsonString(m.nodes[n].id);
      key += ':';
      keys_.push_back(std::move(key));
    }
    if (m.grades) {
      for (const auto& level : m.grades->levels) grades_.push_back(JsonString(level.name));
    }
    for (const auto& veto : m.vetoes) vetoes_.push_back(JsonString(veto.reason));
    // The table costs 65,536 numbers' texts: worth it from a slice of units on.
    if (view.table.units >= kSliceUnits && m.stage_each) codes_ = JsonCodeTexts::For(m.digits);
  }

  // Units [begin, end) (begin a multiple of kChunk), each object after prefix(u).
  template <class Prefix>
  void Format(std::size_t begin, std::size_t end, Prefix prefix, TextBuffer& out) const {
    const eval::ResultTable& t = view_.table;
    const std::size_t columns = nodes_.size();
    std::vector<double> block(columns * kStride);
    std::vector<const int16_t*> codes(columns);
    std::vector<int16_t> widened(codes_ ? columns * compile::kChunk : 0);  // narrow columns'
    for (std::size_t first = begin; first < end; first += compile::kChunk) {
      const std::size_t n = std::min<std::size_t>(compile::kChunk, end - first);
      for (std::size_t c = 0; c < columns; ++c) {
        const eval::ScoreColumn& column = t.scores[nodes_[c]];
        // Codes of the scheme's digits.
        codes[c] = codes_ ? column.Codes16(first, n, &widened[c * compile::kChunk]) : nullptr;
        if (codes[c] == nullptr) view_.ScoresInto(nodes_[c], first, n, &block[c * kStride]);
      }
      for (std::size_t i = 0; i < n; ++i) {
        const std::size_t u = first + i;
        const bool failed = t.has_error(u);
        out.Append(prefix(u));
        out.Append("{\"unit\":");
        AppendJsonString(out, view_.units.ids[u]);
        for (std::size_t c = 0; c < columns; ++c) {
          out.Append(keys_[c]);
          if (codes[c] != nullptr) {
            out.Reserve(JsonCodeTexts::kSlot);
            // A unit in error has no scores (ScoresInto gives it NaN; its codes are not read).
            out.SetPos(failed ? codes_->Put(out.Pos(), eval::ScoreColumn::kNullCode16)
                              : codes_->Put(out.Pos(), codes[c][i]));
          } else {
            AppendJsonNumber(out, block[c * kStride + i]);
          }
        }
        out.Append(",\"total\":");
        const std::optional<double> total = view_.Total(u);
        AppendJsonNumber(out, total ? *total : std::nan(""));
        out.Append(",\"rank\":");
        out.Append(t.rank[u] > 0 ? std::to_string(t.rank[u]) : "null");
        if (view_.model.grades) {
          out.Append(",\"grade\":");
          out.Append(t.grade[u] >= 0 ? std::string_view(grades_[t.grade[u]]) : "null");
        }
        out.Append(",\"vetoes\":[");
        bool any = false;
        for (size_t v = 0; v < vetoes_.size() && !failed; ++v) {
          if (t.veto_fired[v][u] != 1.0) continue;
          if (any) out.Put(',');
          out.Append(vetoes_[v]);
          any = true;
        }
        out.Append("],\"error\":");
        if (failed) {
          AppendJsonString(out, t.error(u));
        } else {
          out.Append("null");
        }
        out.Put('}');
      }
    }
  }

 private:
  const ResultView& view_;
  std::vector<int> nodes_;         // the nodes written, in order
  std::vector<std::string> keys_;  // ,"id": of each
  std::vector<std::string> grades_;
  std::vector<std::string> vetoes_;
  std::optional<JsonCodeTexts> codes_;
};

// Every unit's object after prefix(u), on `threads` threads.
template <class Prefix>
void WriteObjects(const ResultView& view, std::ostream& out, bool explain, int threads,
                  Prefix prefix) {
  if (explain) {
    WriteInSlices(
        out, view.table.units, kSliceUnits, threads,
        [&](std::size_t begin, std::size_t end, TextBuffer& text) {
          for (std::size_t u = begin; u < end; ++u) {
            text.Append(prefix(u));
            text.Append(
                UnitObject(view, u, true).dump(-1, ' ', false, Json::error_handler_t::replace));
          }
        });
    return;
  }
  const FastObjects objects(view);
  WriteInSlices(out, view.table.units, kSliceUnits, threads,
                [&](std::size_t begin, std::size_t end, TextBuffer& text) {
                  objects.Format(begin, end, prefix, text);
                });
}

}  // namespace

void WriteJson(const ResultView& view, std::ostream& out, bool explain, int threads) {
  out << "[";
  WriteObjects(view, out, explain, threads,
               [](std::size_t u) { return std::string_view(u ? ",\n  " : "\n  "); });
  out << "\n]\n";
}

void WriteJsonLines(const ResultView& view, std::ostream& out, bool explain, int threads) {
  // Each object ends its line: the prefix of the next one (and the end, below).
  WriteObjects(view, out, explain, threads,
               [](std::size_t u) { return std::string_view(u ? "\n" : ""); });
  if (view.table.units > 0) out << '\n';
}

}  // namespace assess::report
