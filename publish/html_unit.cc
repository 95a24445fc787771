// This file's external interface is WriteUnitSection: one unit's breakdown in the report —
// its indicator tree with points and scores (not applicable where a node does not apply),
// the bonus and deduction rules that fired with their reasons, its vetoes, and the whole
// computation as `assess explain` prints it (raw scores, caps, floors, rescaling).
#include <fmt/format.h>

#include "html_report.h"
#include "report_labels.h"

namespace assess::publish {

void WriteUnitSection(const Scheme& scheme, const Results& results, std::size_t unit,
                      std::ostream& out) {
  const Labels& l = LabelsFor(scheme);
  const int digits = scheme.digits();
  out << "<section class=\"unit\" id=\"u" << unit << "\"><h3>" << Html(results.unit_id(unit))
      << "</h3>\n<p class=\"meta\">";
  const std::string group = results.peer_group(unit);
  if (!group.empty()) out << l.group << " " << Html(group) << " · ";
  if (results.ok(unit)) {
    out << l.total << " <b class=\"total\">"
        << (results.total(unit) ? Number(*results.total(unit), digits) : "") << "</b>";
    if (results.rank(unit)) out << " · " << l.rank << " " << *results.rank(unit);
    if (results.grade(unit)) out << " · " << l.grade << " " << Html(*results.grade(unit));
  } else {
    out << Html(results.place(unit));
  }
  out << " · <a href=\"#summary\">" << l.back_to_ranking << "</a></p>\n";
  if (!results.ok(unit)) {
    out << "<p class=\"error\">" << Html(results.error(unit)) << "</p>\n</section>\n";
    return;
  }

  const std::vector<FiredRule> fired = results.fired_rules(unit);
  const std::vector<IndicatorInfo>& indicators = scheme.indicators();
  out << "<table class=\"tree\"><thead><tr><th>" << l.indicator << "</th><th class=\"num\">"
      << l.points << "</th><th class=\"num\">" << l.score << "</th><th>" << l.reasons
      << "</th></tr></thead><tbody>\n";
  for (std::size_t i = 0; i < indicators.size(); ++i) {
    const IndicatorInfo& info = indicators[i];
    const bool bonus = info.kind == "bonus", deduction = info.kind == "deduction";
    out << "<tr data-indicator=\"" << Html(info.id)
        << "\"><td class=\"tree\" style=\"padding-left:" << 1.6 + 4.0 * (info.depth - 1) << "mm\">"
        << Html(info.title.empty() ? info.id : info.title) << " <span class=\"id\">"
        << Html(info.id) << "</span></td><td class=\"num\">";
    if (bonus) {
      out << l.bonus;
    } else if (deduction) {
      out << l.deduction;
    } else {
      out << fmt::format("{:g}", info.points);
    }
    const std::optional<double> s = results.score(unit, i);
    out << "</td>"
        << (s ? "<td class=\"num\">" + Number(*s, digits)
              : "<td class=\"num na\">" + std::string(l.not_applicable))
        << "</td><td>";
    std::string reasons;
    for (const FiredRule& r : fired) {
      if (r.indicator != info.id) continue;
      reasons += fmt::format("{}{} ({}{:g})", reasons.empty() ? "" : "；", Html(r.reason),
                             deduction ? "−" : "+", r.points);
    }
    out << reasons << "</td></tr>\n";
  }
  out << "</tbody></table>\n";
  const std::vector<std::string> vetoes = results.vetoes(unit);
  if (!vetoes.empty()) {
    out << "<p class=\"vetoes\"><b>" << l.vetoes << ":</b> ";
    for (std::size_t k = 0; k < vetoes.size(); ++k) out << (k ? "；" : "") << Html(vetoes[k]);
    out << "</p>\n";
  }
  out << "<pre class=\"explain\" aria-label=\"" << l.computation << "\">"
      << Html(results.Explain(unit)) << "</pre>\n</section>\n";
}

}  // namespace assess::publish
