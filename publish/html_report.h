// The results report: one self-contained HTML file (inline CSS and SVG; no script, no font
// or image from elsewhere; works offline; prints on A4), in the scheme's language, made
// from the same Results as every other writer: the scheme's title and version, a summary,
// per peer group a ranking and the grade distribution with its quotas, per unit the
// breakdown `assess explain` gives, the units in error, and the provenance.
#ifndef ASSESS_PUBLISH_HTML_REPORT_H_
#define ASSESS_PUBLISH_HTML_REPORT_H_

#include <ostream>
#include <string>
#include <string_view>

#include "assess/results.h"
#include "assess/scheme.h"
#include "provenance.h"

namespace assess::publish {

void WriteHtmlReport(const Scheme& scheme, const Results& results, const Provenance& provenance,
                     std::ostream& out);

// Parts of the report, in their own files.
// The breakdown of one unit (html_unit.cc): a <section id="u{unit}">.
void WriteUnitSection(const Scheme& scheme, const Results& results, std::size_t unit,
                      std::ostream& out);
// The grade distribution of a peer group as an inline SVG bar chart (svg_chart.cc):
// `counts[k]` units got grade k; `allowed[k]` is level k's quota in units (-1: none).
std::string GradeChartSvg(const Scheme& scheme, const std::vector<std::size_t>& counts,
                          const std::vector<long>& allowed);

// Text for HTML: & < > " escaped.
std::string Html(std::string_view text);
// A published number with the scheme's decimals ("87.50"); never "-0.00".
std::string Number(double x, int digits);

}  // namespace assess::publish

#endif  // ASSESS_PUBLISH_HTML_REPORT_H_
