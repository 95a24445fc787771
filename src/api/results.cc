// This file's external interface is Results: reads of the evaluation's columns as
// published values, and the writers of report/.
#include "assess/results.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "api/api_impl.h"
#include "eval/evaluator.h"
#include "report/result_view.h"

namespace assess {

report::ResultView internal::ResultsImpl::TracedView() const {
  if (table.traced) return View();
  if (inputs_released) {
    throw std::logic_error(
        "no explanation: these results were made by EvaluateReleasing without "
        "EvalOptions::explain, and the inputs it needs are gone");
  }
  std::call_once(traced_once, [this] {
    eval::EvalSettings settings;
    settings.threads = threads;
    settings.trace = true;
    std::unique_ptr<eval::PartialsHook> hook;
    if (peers) {
      hook = std::make_unique<eval::PartialsHook>(scheme->program, *peers);
      settings.peers = hook.get();
    }
    traced = std::make_unique<eval::ResultTable>(
        eval::Evaluate(*scheme->model, scheme->program, units(), settings));
  });
  return {*scheme->model, scheme->program, units(), *traced};
}

std::size_t Results::size() const { return impl_->table.units; }

std::size_t Results::error_count() const {
  std::size_t n = 0;
  for (std::size_t u = 0; u < size(); ++u) n += impl_->table.has_error(u) ? 1 : 0;
  return n;
}

const std::string& Results::unit_id(std::size_t unit) const { return impl_->units().ids[unit]; }

std::optional<std::size_t> Results::Find(std::string_view unit_id) const {
  const auto& ids = impl_->units().ids;
  for (std::size_t u = 0; u < ids.size(); ++u) {
    if (ids[u] == unit_id) return u;
  }
  return std::nullopt;
}

bool Results::ok(std::size_t unit) const { return !impl_->table.has_error(unit); }
const std::string& Results::error(std::size_t unit) const { return impl_->table.error(unit); }

std::string Results::place(std::size_t unit) const { return impl_->units().PlaceOf(unit); }

std::string Results::peer_group(std::size_t unit) const {
  const check::Model& m = *impl_->scheme->model;
  if (m.peers_input < 0) return {};
  const data::UnitTable& units = impl_->units();
  const double id = units.columns[static_cast<std::size_t>(m.peers_input)].At(unit);
  if (std::isnan(id)) return {};
  return units.texts.Text(static_cast<uint32_t>(id));
}

std::optional<double> Results::score(std::size_t unit, std::size_t indicator) const {
  if (indicator + 1 >= impl_->scheme->model->nodes.size()) return std::nullopt;
  return impl_->View().Score(unit, static_cast<int>(indicator + 1));
}

std::optional<double> Results::score(std::size_t unit, std::string_view id) const {
  const int node = impl_->scheme->model->FindNode(id);
  if (node <= 0) return std::nullopt;
  return impl_->View().Score(unit, node);
}

std::optional<double> Results::total(std::size_t unit) const { return impl_->View().Total(unit); }

void Results::ScoresInto(std::size_t indicator, std::size_t first, std::size_t count,
                         double* out) const {
  if (indicator + 1 >= impl_->scheme->model->nodes.size()) {
    const std::size_t n = std::min(count, first < size() ? size() - first : 0);
    std::fill(out, out + n, std::numeric_limits<double>::quiet_NaN());
    return;
  }
  impl_->View().ScoresInto(static_cast<int>(indicator + 1), first, count, out);
}

void Results::TotalsInto(std::size_t first, std::size_t count, double* out) const {
  impl_->View().TotalsInto(first, count, out);
}

std::optional<int> Results::rank(std::size_t unit) const {
  const int r = impl_->table.rank[unit];
  if (r <= 0) return std::nullopt;
  return r;
}

std::optional<std::string> Results::grade(std::size_t unit) const {
  const int g = impl_->table.grade[unit];
  if (g < 0 || !impl_->scheme->model->grades) return std::nullopt;
  return impl_->scheme->model->grades->levels[g].name;
}

std::vector<std::string> Results::vetoes(std::size_t unit) const {
  return impl_->View().Vetoes(unit);
}

std::vector<FiredRule> Results::fired_rules(std::size_t unit) const {
  std::vector<FiredRule> out;
  const check::Model& m = *impl_->scheme->model;
  for (const auto& f : impl_->View().FiredRules(unit)) {
    out.push_back({m.nodes[f.node].id, m.nodes[f.node].rules[f.rule].reason, f.points});
  }
  return out;
}

std::string Results::Explain(std::size_t unit) const {
  return report::ExplainText(impl_->TracedView(), unit);
}

// Written on as many threads as evaluated: the same bytes for any number.
void Results::WriteCsv(std::ostream& out) const {
  report::WriteCsv(impl_->View(), out, impl_->threads);
}
void Results::WriteJson(std::ostream& out, bool explain) const {
  report::WriteJson(explain ? impl_->TracedView() : impl_->View(), out, explain, impl_->threads);
}
void Results::WriteJsonLines(std::ostream& out) const { WriteJsonLines(out, false); }
void Results::WriteJsonLines(std::ostream& out, bool explain) const {
  report::WriteJsonLines(explain ? impl_->TracedView() : impl_->View(), out, explain,
                         impl_->threads);
}

}  // namespace assess
