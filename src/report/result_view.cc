// This file's external interface is ResultView's accessors.
#include "report/result_view.h"

#include <cmath>

#include "num/round.h"

namespace assess::report {

std::optional<double> ResultView::Score(std::size_t unit, int node) const {
  if (table.has_error(unit)) return std::nullopt;
  const double v = table.scores[node][unit];
  if (std::isnan(v)) return std::nullopt;
  return RoundDecimal(v, model.digits);
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
