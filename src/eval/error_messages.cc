// This file's external interface is DescribeError: the message of each unit in error,
// built only for those units (DESIGN: errors are data, messages are made when reported).
#include "eval/error_messages.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "check/walk.h"
#include "num/number_text.h"

namespace assess::eval {
namespace {

using compile::ErrorKind;

// The inputs (and indicators) that `x` names and that are missing for unit u: the cause of a
// null score or `when`. A `value` that `x` uses (its own, or `id.value`) and that is null is
// followed into its own expression: `score: points * value` with `value: gdp / target` is
// null because `gdp` is missing.
std::string MissingCause(const check::Model& m, const compile::Program& p,
                         const data::UnitTable& units, const ResultTable& res,
                         const check::Expression* x, size_t u) {
  if (!x || !x->root) return "";
  std::vector<std::string> inputs, nodes;
  std::vector<const expr::Expr*> todo{x->root.get()};
  std::vector<bool> followed(m.nodes.size(), false);
  while (!todo.empty()) {
    const expr::Expr* root = todo.back();
    todo.pop_back();
    check::VisitExpr(*root, [&](const expr::Expr& e) {
      if (e.ref == expr::Ref::kInput) {
        const data::InputSpec& spec = m.data.inputs[e.ref_index];
        const data::Column& col = units.columns[e.ref_index];
        const bool missing =
            spec.type == InputType::kList ? col.ListMissing(u) : std::isnan(col.At(u));
        if (missing && std::find(inputs.begin(), inputs.end(), spec.name) == inputs.end()) {
          inputs.push_back(spec.name);
        }
      } else if (e.ref == expr::Ref::kNodeScore && std::isnan(res.scores[e.ref_index][u])) {
        const std::string& id = m.nodes[e.ref_index].id;
        if (std::find(nodes.begin(), nodes.end(), id) == nodes.end()) nodes.push_back(id);
      } else if (e.ref == expr::Ref::kNodeValue || e.ref == expr::Ref::kOwnValue) {
        const int node = static_cast<int>(e.ref_index);
        const int column = p.value_column_of[node];
        const check::Node& n = m.nodes[node];
        if (!followed[node] && column >= 0 && std::isnan(res.values[column][u]) && n.value &&
            n.value->root) {
          followed[node] = true;
          todo.push_back(n.value->root.get());
        }
      }
    });
  }
  std::vector<std::string> parts;
  if (!inputs.empty()) {
    parts.push_back(
        fmt::format("missing input{} {}", inputs.size() > 1 ? "s" : "", fmt::join(inputs, ", ")));
  }
  if (!nodes.empty()) {
    parts.push_back(fmt::format("{} not applicable", fmt::join(nodes, ", ")));
  }
  if (parts.empty()) return "";
  return ": " + fmt::format("{}", fmt::join(parts, "; "));
}

// The `when` (or `points`) of the rule of `node` that error site `site` stands for: the
// one whose expression starts where the site points.
const check::Expression* RuleExpression(const check::Node* node, const compile::ErrorSite& site,
                                        bool when) {
  if (!node) return nullptr;
  for (const check::Rule& r : node->rules) {
    const std::optional<check::Expression>& x = when ? r.when : r.points;
    if (!x || !x->root) continue;
    const SourcePos pos = x->PosOf(*x->root);
    if (pos.line == site.line && pos.column == site.column) return &*x;
  }
  return nullptr;
}

}  // namespace

std::string DescribeError(const check::Model& m, const compile::Program& p,
                          const data::UnitTable& units, const ResultTable& res,
                          const std::map<std::pair<size_t, uint32_t>, double>& lookup_keys,
                          size_t u) {
  const uint32_t poison = static_cast<uint32_t>(res.unit_error[u] & 0xFFFFFFFFu);
  const uint32_t site_index = compile::PoisonSite(poison);
  const compile::ErrorSite site =
      site_index < p.sites.size() ? p.sites[site_index] : compile::ErrorSite{};
  const check::Node* node = site.node >= 0 ? &m.nodes[site.node] : nullptr;
  std::string where = node             ? node->id
                      : site.veto >= 0 ? fmt::format("veto {}", m.vetoes[site.veto].id)
                                       : std::string("the scheme");
  std::string what;
  switch (compile::PoisonKind(poison)) {
    case ErrorKind::kDivisionByZero:
      what = "division by zero";
      break;
    case ErrorKind::kSqrtNegative:
      what = "sqrt of a negative number";
      break;
    case ErrorKind::kLnNotPositive:
      what = "ln of a number that is not above 0";
      break;
    case ErrorKind::kPowNegativeBase:
      what = "a negative number to a fractional power";
      break;
    case ErrorKind::kNotFinite:
      what = "the result is not finite (too large)";
      break;
    case ErrorKind::kBadTrimCount:
      what = "trimmed_mean: k must be a whole number of 0 or more";
      break;
    case ErrorKind::kBadDigits:
      what = "round: digits must be a whole number of 0 or more";
      break;
    case ErrorKind::kLookupMissing: {
      auto it = lookup_keys.find({u, site_index});
      const std::string key =
          it != lookup_keys.end() ? units.texts.Text(static_cast<uint32_t>(it->second)) : "the key";
      what = fmt::format("lookup: no entry for {} and no default", key);
      break;
    }
    case ErrorKind::kNullScore:
      what = "the score is missing (null)" +
             MissingCause(m, p, units, res, node && node->score ? &*node->score : nullptr, u);
      break;
    case ErrorKind::kNullWhen:
      what = "`when` is missing (null)" +
             MissingCause(m, p, units, res, node && node->when ? &*node->when : nullptr, u);
      break;
    case ErrorKind::kNullRuleWhen:
      what = "a rule's `when` is missing (null)" +
             MissingCause(m, p, units, res, RuleExpression(node, site, true), u);
      break;
    case ErrorKind::kNullRulePoints:
      what = "a rule's `points` are missing (null)" +
             MissingCause(m, p, units, res, RuleExpression(node, site, false), u);
      break;
    case ErrorKind::kNullVeto: {
      const check::Expression* when = site.veto >= 0 ? &m.vetoes[site.veto].when : nullptr;
      what = "the veto's `when` is missing (null)" + MissingCause(m, p, units, res, when, u);
      break;
    }
  }
  std::string at = site.line > 0 ? fmt::format(" (rule file line {})", site.line) : "";
  return fmt::format("unit {} ({}): evaluation error in {}: {}{}", units.ids[u], units.PlaceOf(u),
                     where, what, at);
}

}  // namespace assess::eval
