// This file's external interface is GradeChartSvg: a peer group's grade distribution as an
// inline SVG bar chart, one bar per level (best first), its quota in units marked by a
// dashed line and a label. Drawn in millimetres so that it prints at the same size.
#include <fmt/format.h>

#include <algorithm>

#include "html_report.h"
#include "report_labels.h"

namespace assess::publish {

std::string GradeChartSvg(const Scheme& scheme, const std::vector<std::size_t>& counts,
                          const std::vector<long>& allowed) {
  const Labels& l = LabelsFor(scheme);
  const std::vector<GradeInfo> grades = scheme.grades();
  constexpr double kLabel = 24, kBarMax = 120, kRow = 8, kTop = 2;
  std::size_t most = 1;
  for (std::size_t k = 0; k < counts.size(); ++k) {
    most = std::max<std::size_t>(most, counts[k]);
    if (allowed[k] > 0) most = std::max<std::size_t>(most, static_cast<std::size_t>(allowed[k]));
  }
  const double unit_mm = kBarMax / static_cast<double>(most);
  const double width = kLabel + kBarMax + 40, height = kTop * 2 + kRow * counts.size();
  std::string svg = fmt::format(
      "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"{0}mm\" "
      "height=\"{1}mm\" viewBox=\"0 0 {0} {1}\" font-size=\"3.4\">\n<title>{2}</title>\n",
      width, height, l.distribution);
  const char* colors[] = {"#2f7d4a", "#2f5d8a", "#b58a1b", "#a33b3b", "#6b6f76"};
  for (std::size_t k = 0; k < counts.size(); ++k) {
    const double y = kTop + kRow * k;
    const double bar = unit_mm * static_cast<double>(counts[k]);
    svg += fmt::format(
        "<g class=\"bar\" data-grade=\"{0}\" data-count=\"{1}\"><text x=\"{2}\" y=\"{3}\" "
        "text-anchor=\"end\">{0}</text><rect x=\"{4}\" y=\"{5}\" width=\"{6}\" height=\"{7}\" "
        "fill=\"{8}\"/><text x=\"{9}\" y=\"{3}\">{1}</text>",
        Html(grades[k].name), counts[k], kLabel - 2, y + kRow * 0.62, kLabel, y + 1, bar, kRow - 2,
        colors[std::min<std::size_t>(k, 4)], kLabel + bar + 1.5);
    if (allowed[k] >= 0) {
      const double x = kLabel + unit_mm * static_cast<double>(allowed[k]);
      svg += fmt::format(
          "<line class=\"quota\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#1d2430\" "
          "stroke-width=\"0.4\" stroke-dasharray=\"1 0.8\"/><text x=\"{3}\" y=\"{4}\" "
          "fill=\"#5b6472\">{5} {6:g}%: {7} {8}</text>",
          x, y, y + kRow, std::max(x, kLabel + bar) + 8, y + kRow * 0.62, l.quota,
          *grades[k].quota * 100, l.at_most, allowed[k]);
    }
    svg += "</g>\n";
  }
  svg += "</svg>\n";
  return svg;
}

}  // namespace assess::publish
