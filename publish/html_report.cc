// This file's external interface is WriteHtmlReport, Html and Number: the report's frame,
// summary, rankings, units in error and provenance (the unit sections are html_unit.cc's,
// the charts svg_chart.cc's).
#include "html_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "report_labels.h"

namespace assess::publish {
namespace {

// Inline, so that the file is whole by itself. Sized for A4 (186 mm of text between the
// margins); tables repeat their header on each printed page; each unit starts a page.
constexpr std::string_view kStyle = R"css(
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
       "Microsoft YaHei", "PingFang SC", sans-serif; font-size: 10pt; color: #1d2430;
       margin: 0 auto; padding: 8mm 6mm; max-width: 198mm; line-height: 1.45; }
h1 { font-size: 18pt; margin: 0 0 2mm; }
h2 { font-size: 13pt; margin: 7mm 0 2mm; border-bottom: 2px solid #2f5d8a; padding-bottom: 1mm; }
h3 { font-size: 11pt; margin: 4mm 0 1.5mm; }
p.meta, .muted { color: #5b6472; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 3mm; }
thead { display: table-header-group; }
th, td { border-bottom: 1px solid #d5dae1; padding: 1.2mm 1.6mm; text-align: left;
         vertical-align: top; }
th { background: #eef2f7; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr { break-inside: avoid; }
tr.vetoed td { background: #fdf0ef; }
table.ranking td:nth-child(2), table.ranking td:nth-child(4) { white-space: nowrap; }
table.ranking th:nth-child(5) { min-width: 18mm; }
table.errors td:nth-child(1), table.errors td:nth-child(2) { white-space: nowrap; }
dl.summary { display: flex; gap: 8mm; margin: 2mm 0; }
dl.summary div { border: 1px solid #d5dae1; border-radius: 2mm; padding: 2mm 4mm; min-width: 28mm; }
dl.summary dt { color: #5b6472; font-size: 9pt; }
dl.summary dd { margin: 0; font-size: 16pt; font-weight: 600; }
dl.provenance { display: grid; grid-template-columns: max-content 1fr; gap: 0.8mm 4mm; }
dl.provenance dt { color: #5b6472; }
dl.provenance dd { margin: 0; overflow-wrap: anywhere; }
code, pre { font-family: "DejaVu Sans Mono", "WenQuanYi Micro Hei Mono", monospace; font-size: 8.5pt; }
pre.explain { background: #f6f8fa; border: 1px solid #e1e5ea; padding: 2mm; white-space: pre-wrap; }
section.unit { break-before: page; }
section.group { break-inside: auto; }
svg.chart { display: block; margin: 1mm 0 3mm; }
td.tree span.id { color: #5b6472; font-size: 8.5pt; }
td.na { color: #8a929d; font-style: italic; }
.error { color: #a32020; }
a { color: #2f5d8a; }
@media print { a { color: inherit; text-decoration: none; } body { padding: 0; } }
)css";

struct Group {
  std::string name;
  std::vector<std::size_t> units;  // scored units, by rank
  std::size_t scored = 0;
};

long Allowed(const GradeInfo& g, std::size_t n) {
  if (!g.quota) return -1;
  const double x = *g.quota * static_cast<double>(n);
  return static_cast<long>(g.quota_nearest ? std::floor(x + 0.5 + 1e-9) : std::floor(x + 1e-9));
}

void WriteRanking(const Scheme& scheme, const Results& results, const Group& group, const Labels& l,
                  std::ostream& out) {
  const int digits = scheme.digits();
  const std::vector<IndicatorInfo>& indicators = scheme.indicators();
  const bool graded = !scheme.grades().empty();
  out << "<table class=\"ranking\"><thead><tr><th class=\"num\">" << l.rank << "</th><th>" << l.unit
      << "</th><th class=\"num\">" << l.total << "</th>";
  if (graded) out << "<th>" << l.grade << "</th>";
  out << "<th>" << l.vetoes << "</th>";
  for (const IndicatorInfo& info : indicators) {
    if (info.parent >= 0) continue;
    out << "<th class=\"num\">" << Html(info.title.empty() ? info.id : info.title) << "</th>";
  }
  out << "</tr></thead><tbody>\n";
  for (std::size_t u : group.units) {
    const std::vector<std::string> vetoes = results.vetoes(u);
    out << "<tr" << (vetoes.empty() ? "" : " class=\"vetoed\"") << "><td class=\"num\">"
        << (results.rank(u) ? std::to_string(*results.rank(u)) : "") << "</td><td><a href=\"#u" << u
        << "\">" << Html(results.unit_id(u)) << "</a></td><td class=\"num\">"
        << (results.total(u) ? Number(*results.total(u), digits) : "") << "</td>";
    if (graded) out << "<td>" << Html(results.grade(u).value_or("")) << "</td>";
    std::string joined;
    for (const std::string& v : vetoes) joined += (joined.empty() ? "" : "；") + v;
    out << "<td>" << Html(joined) << "</td>";
    for (std::size_t i = 0; i < indicators.size(); ++i) {
      if (indicators[i].parent >= 0) continue;
      const std::optional<double> s = results.score(u, i);
      out << (s ? "<td class=\"num\">" + Number(*s, digits) : "<td class=\"num na\">—") << "</td>";
    }
    out << "</tr>\n";
  }
  out << "</tbody></table>\n";
}

void WriteDistribution(const Scheme& scheme, const Results& results, const Group& group,
                       const Labels& l, std::ostream& out) {
  const std::vector<GradeInfo> grades = scheme.grades();
  if (grades.empty()) return;
  std::vector<std::size_t> counts(grades.size(), 0);
  std::vector<long> allowed;
  for (const GradeInfo& g : grades) allowed.push_back(Allowed(g, group.scored));
  for (std::size_t u : group.units) {
    const std::optional<std::string> grade = results.grade(u);
    for (std::size_t k = 0; grade && k < grades.size(); ++k) {
      if (grades[k].name == *grade) ++counts[k];
    }
  }
  out << "<h3>" << l.distribution << "</h3>\n" << GradeChartSvg(scheme, counts, allowed);
  out << "<table class=\"distribution\"><thead><tr><th>" << l.grade << "</th><th class=\"num\">"
      << l.count << "</th><th>" << l.quota << "</th></tr></thead><tbody>\n";
  for (std::size_t k = 0; k < grades.size(); ++k) {
    out << "<tr><td>" << Html(grades[k].name) << "</td><td class=\"num\">" << counts[k]
        << "</td><td>";
    if (allowed[k] >= 0) {
      out << fmt::format("{:g}% · {} {}", *grades[k].quota * 100, l.at_most, allowed[k]);
    }
    out << "</td></tr>\n";
  }
  out << "</tbody></table>\n";
}

void WriteProvenance(const Provenance& p, const Labels& l, std::ostream& out) {
  out << "<footer id=\"provenance\"><h2>" << l.provenance << "</h2><dl class=\"provenance\">\n";
  auto row = [&](std::string_view term, const std::string& value) {
    out << "<dt>" << term << "</dt><dd>" << value << "</dd>\n";
  };
  row(l.scheme,
      Html(fmt::format("{} · {} {} · {}", p.scheme_id, l.version, p.scheme_version, p.rules_file)));
  row(l.fingerprint, "<code class=\"scheme-sha256\">" + p.scheme_sha256 + "</code>");
  std::string params;
  for (const std::string& s : p.params) params += (params.empty() ? "" : ", ") + s;
  row(l.params, params.empty() ? std::string(l.none) : "<code>" + Html(params) + "</code>");
  row(l.data, Html(p.data_file) +
                  (p.sheet.empty() ? "" : " · " + std::string(l.sheet) + " " + Html(p.sheet)));
  row(l.fingerprint, "<code class=\"data-sha256\">" + p.data_sha256 + "</code>");
  row(l.assess, Html(p.assess_version));
  row(l.generated, "<time>" + Html(p.time_utc) + "</time>");
  out << "</dl></footer>\n";
}

}  // namespace

std::string Html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string Number(double x, int digits) {
  if (x == 0) x = 0;  // -0.0 prints as 0
  std::string s = fmt::format("{:.{}f}", x, digits);
  if (s[0] == '-' && s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);
  return s;
}

void WriteHtmlReport(const Scheme& scheme, const Results& results, const Provenance& provenance,
                     std::ostream& out) {
  const Labels& l = LabelsFor(scheme);
  const std::string title = scheme.title().empty() ? scheme.id() : scheme.title();
  out << "<!DOCTYPE html>\n<html lang=\"" << l.lang << "\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<meta name=\"generator\" content=\"assess " << Html(provenance.assess_version) << "\">\n"
      << "<title>" << Html(title) << "</title>\n<style>" << kStyle << "</style>\n</head>\n<body>\n";
  out << "<header><h1>" << Html(title) << "</h1><p class=\"meta\">" << Html(scheme.id());
  if (!scheme.version().empty()) out << " · " << l.version << " " << Html(scheme.version());
  out << "</p>";
  if (!scheme.description().empty()) out << "<p>" << Html(scheme.description()) << "</p>";
  out << "</header>\n";

  // Peer groups in the order their first unit comes; scored units by rank, then input order.
  std::vector<Group> groups;
  std::map<std::string, std::size_t> group_index;
  std::size_t vetoed = 0;
  std::vector<std::size_t> in_error;
  for (std::size_t u = 0; u < results.size(); ++u) {
    if (!results.ok(u)) {
      in_error.push_back(u);
      continue;
    }
    if (!results.vetoes(u).empty()) ++vetoed;
    const std::string name = results.peer_group(u);
    auto [it, added] = group_index.emplace(name, groups.size());
    if (added) groups.push_back(Group{name, {}, 0});
    groups[it->second].units.push_back(u);
    ++groups[it->second].scored;
  }
  for (Group& g : groups) {
    std::stable_sort(g.units.begin(), g.units.end(), [&](std::size_t a, std::size_t b) {
      return results.rank(a).value_or(INT32_MAX) < results.rank(b).value_or(INT32_MAX);
    });
  }

  out << "<section id=\"summary\"><h2>" << l.summary << "</h2><dl class=\"summary\">";
  auto figure = [&](std::string_view label, std::size_t n, std::string_view cls) {
    out << "<div class=\"" << cls << "\"><dt>" << label << "</dt><dd>" << n << "</dd></div>";
  };
  figure(l.units, results.size(), "units");
  figure(l.scored, results.size() - results.error_count(), "scored");
  figure(l.in_error, results.error_count(), "in-error");
  figure(l.vetoed, vetoed, "vetoed");
  out << "</dl></section>\n";

  const std::string peers = scheme.peers_input();
  for (std::size_t k = 0; k < groups.size(); ++k) {
    const Group& g = groups[k];
    out << "<section class=\"group\" id=\"g" << k << "\" data-group=\"" << Html(g.name) << "\"><h2>"
        << l.ranking << " · "
        << (peers.empty() ? std::string(l.all_units) : std::string(l.group) + " " + Html(g.name))
        << " <span class=\"muted\">(" << g.scored << ")</span></h2>\n";
    WriteRanking(scheme, results, g, l, out);
    WriteDistribution(scheme, results, g, l, out);
    out << "</section>\n";
  }

  out << "<section id=\"errors\"><h2>" << l.errors << " <span class=\"muted\">(" << in_error.size()
      << ")</span></h2>\n";
  if (in_error.empty()) {
    out << "<p>" << l.none << "</p>\n";
  } else {
    out << "<table class=\"errors\"><thead><tr><th>" << l.place << "</th><th>" << l.unit
        << "</th><th>" << l.message << "</th></tr></thead><tbody>\n";
    for (std::size_t u : in_error) {
      out << "<tr><td>" << Html(results.place(u)) << "</td><td><a href=\"#u" << u << "\">"
          << Html(results.unit_id(u)) << "</a></td><td class=\"error\">" << Html(results.error(u))
          << "</td></tr>\n";
    }
    out << "</tbody></table>\n";
  }
  out << "</section>\n";

  WriteProvenance(provenance, l, out);

  out << "<section id=\"units\"><h2>" << l.breakdown << "</h2>\n";
  for (std::size_t u = 0; u < results.size(); ++u) WriteUnitSection(scheme, results, u, out);
  out << "</section>\n</body>\n</html>\n";
}

}  // namespace assess::publish
