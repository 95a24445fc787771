// This file's external interface is ResultView's accessors.
#include "report/result_view.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "num/round.h"

namespace assess::report {
namespace {

constexpr double kNone = std::numeric_limits<double>::quiet_NaN();

// A stored score as published (NaN: none): the one rule behind Score and ScoresInto.
double Published(const eval::ResultTable& table, std::size_t unit, double v, int digits) {
  return table.has_error(unit) || std::isnan(v) ? kNone : RoundDecimal(v, digits);
}

}  // namespace

std::optional<double> ResultView::Score(std::size_t unit, int node) const {
  const double v = Published(table, unit, table.scores[node][unit], model.digits);
  if (std::isnan(v)) return std::nullopt;
  return v;
}

void ResultView::ScoresInto(int node, std::size_t first, std::size_t count, double* out) const {
  const std::size_t n = std::min(count, first < table.units ? table.units - first : 0);
  const eval::ScoreColumn& column = table.scores[node];
  constexpr std::size_t kChunk = compile::kChunk;
  double raw[kChunk];
  for (std::size_t u = first; u < first + n;) {
    const std::size_t chunk_first = u / kChunk * kChunk;
    const std::size_t in_chunk = std::min(first + n, chunk_first + kChunk) - u;
    double* const to = out + (u - first);
    if (u == chunk_first && column.ChunkIsCodesOf(chunk_first, model.digits)) {
      // Codes of the scheme's digits: each score is published as it is stored (RoundDecimal
      // would give it back), so it is decoded straight into `out`; NaN for units in error.
      column.Load(chunk_first, static_cast<int>(in_chunk), to);
      for (std::size_t k = 0; k < in_chunk; ++k) {
        if (table.has_error(u + k)) to[k] = kNone;
      }
      u += in_chunk;
      continue;
    }
    column.Load(chunk_first, static_cast<int>(std::min(kChunk, table.units - chunk_first)), raw);
    for (std::size_t k = 0; k < in_chunk; ++k) {
      to[k] = Published(table, u + k, raw[u - chunk_first + k], model.digits);
    }
    u += in_chunk;
  }
}

void ResultView::TotalsInto(std::size_t first, std::size_t count, double* out) const {
  const std::size_t n = std::min(count, first < table.units ? table.units - first : 0);
  for (std::size_t k = 0; k < n; ++k) {
    out[k] = Published(table, first + k, table.total[first + k], model.digits);
  }
}

std::optional<double> ResultView::Total(std::size_t unit) const {
  if (table.has_error(unit)) return std::nullopt;
  return RoundDecimal(table.total[unit], model.digits);
}

std::vector<std::string> ResultView::Vetoes(std::size_t unit) const {
  std::vector<std::string> reasons;
  if (table.has_error(unit)) return reasons;
  for (size_t v = 0; v < model.vetoes.size(); ++v) {
    if (table.veto_fired[v][unit] == 1.0) reasons.push_back(model.vetoes[v].reason);
  }
  return reasons;
}

std::vector<ResultView::Fired> ResultView::FiredRules(std::size_t unit) const {
  std::vector<Fired> fired;
  if (table.has_error(unit)) return fired;
  for (size_t n = 0; n < model.nodes.size(); ++n) {
    const compile::NodeCode& code = program.nodes[n];
    for (int r = code.rule_begin; r < code.rule_end; ++r) {
      const double p = table.rule_points[r][unit];
      if (!std::isnan(p)) fired.push_back({static_cast<int>(n), r - code.rule_begin, p});
    }
  }
  return fired;
}

}  // namespace assess::report
