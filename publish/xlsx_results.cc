// This file's external interface is WriteXlsxResults. The workbook is written in
// libxlsxwriter's constant-memory mode (rows go to disk as they are written), so a million
// units cost little more memory than the results themselves.
#include "xlsx_results.h"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <cmath>

#include "report_labels.h"

namespace assess::publish {
namespace {

// Excel's bounds: rows per sheet, characters per cell.
constexpr std::size_t kMaxRows = 1048576;
constexpr std::size_t kMaxCellChars = 32767;

std::string Cut(const std::string& s) {
  if (s.size() <= kMaxCellChars) return s;
  std::size_t end = kMaxCellChars - 3;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return s.substr(0, end) + "...";
}

class Sheet {
 public:
  explicit Sheet(lxw_worksheet* ws) : ws_(ws) {}
  void Text(lxw_row_t row, lxw_col_t col, const std::string& s, lxw_format* f = nullptr) {
    if (!s.empty()) worksheet_write_string(ws_, row, col, Cut(s).c_str(), f);
  }
  void Number(lxw_row_t row, lxw_col_t col, double x, lxw_format* f = nullptr) {
    if (std::isfinite(x)) worksheet_write_number(ws_, row, col, x == 0 ? 0.0 : x, f);
  }
  lxw_worksheet* get() { return ws_; }

 private:
  lxw_worksheet* ws_;
};

}  // namespace

std::string WriteXlsxResults(const Scheme& scheme, const Results& results,
                             const Provenance& provenance, const std::string& path) {
  if (results.size() + 2 > kMaxRows) {
    return fmt::format("{}: {} units do not fit in one Excel sheet ({} rows at most); write CSV",
                       path, results.size(), kMaxRows);
  }
  const Labels& l = LabelsFor(scheme);
  const bool zh = l.lang == "zh-CN";
  lxw_workbook_options options = {};
  options.constant_memory = LXW_TRUE;
  options.use_zip64 = LXW_TRUE;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  if (wb == nullptr) return fmt::format("{}: cannot create the workbook", path);

  lxw_format* header = workbook_add_format(wb);
  format_set_bold(header);
  format_set_bg_color(header, 0xEEF2F7);
  format_set_bottom(header, LXW_BORDER_THIN);
  lxw_format* title = workbook_add_format(wb);
  format_set_italic(title);
  format_set_font_color(title, 0x5B6472);
  format_set_text_wrap(title);
  format_set_bottom(title, LXW_BORDER_THIN);
  lxw_format* score = workbook_add_format(wb);
  const int digits = scheme.digits();
  const std::string number_format = digits > 0 ? "0." + std::string(digits, '0') : "0";
  format_set_num_format(score, number_format.c_str());
  lxw_format* whole = workbook_add_format(wb);
  format_set_num_format(whole, "0");
  lxw_format* error = workbook_add_format(wb);
  format_set_font_color(error, 0xA32020);

  // ---- results: the CSV's columns, then a row of titles ----------------------------------
  const std::vector<IndicatorInfo>& indicators = scheme.indicators();
  const bool graded = !scheme.grades().empty();
  Sheet sheet(workbook_add_worksheet(wb, zh ? "结果" : "results"));
  // Constant-memory mode writes a row once the next one starts: row by row, left to right.
  std::vector<std::string> ids = {"unit"};
  std::vector<std::string> titles = {std::string(l.unit_column)};
  for (const IndicatorInfo& info : indicators) {
    ids.push_back(info.id);
    titles.push_back(info.title.empty() ? info.id : info.title);
  }
  const auto total_col = static_cast<lxw_col_t>(ids.size());
  const std::vector<std::pair<const char*, std::string_view>> tail = {{"total", l.total},
                                                                      {"rank", l.rank},
                                                                      {"grade", l.grade},
                                                                      {"vetoes", l.vetoes},
                                                                      {"error", l.message}};
  for (const auto& [id, label] : tail) {
    if (!graded && std::string_view(id) == "grade") continue;
    ids.push_back(id);
    titles.push_back(std::string(label));
  }
  for (std::size_t c = 0; c < ids.size(); ++c)
    sheet.Text(0, static_cast<lxw_col_t>(c), ids[c], header);
  for (std::size_t c = 0; c < ids.size(); ++c)
    sheet.Text(1, static_cast<lxw_col_t>(c), titles[c], title);
  lxw_col_t col = static_cast<lxw_col_t>(ids.size());
  worksheet_freeze_panes(sheet.get(), 2, 1);
  worksheet_set_column(sheet.get(), 0, 0, 16, nullptr);
  worksheet_set_column(sheet.get(), 1, static_cast<lxw_col_t>(total_col + 1), 11, nullptr);
  worksheet_set_column(sheet.get(), static_cast<lxw_col_t>(col - 2),
                       static_cast<lxw_col_t>(col - 1), 28, nullptr);
  for (std::size_t u = 0; u < results.size(); ++u) {
    const auto row = static_cast<lxw_row_t>(u + 2);
    col = 0;
    sheet.Text(row, col++, results.unit_id(u));
    for (std::size_t i = 0; i < indicators.size(); ++i, ++col) {
      if (const std::optional<double> s = results.score(u, i)) sheet.Number(row, col, *s, score);
    }
    if (const std::optional<double> t = results.total(u)) sheet.Number(row, col, *t, score);
    ++col;
    if (const std::optional<int> r = results.rank(u)) sheet.Number(row, col, *r, whole);
    ++col;
    if (graded) {
      if (const std::optional<std::string> g = results.grade(u)) sheet.Text(row, col, *g);
      ++col;
    }
    std::string vetoes;
    for (const std::string& v : results.vetoes(u)) vetoes += (vetoes.empty() ? "" : ";") + v;
    sheet.Text(row, col++, vetoes);
    sheet.Text(row, col++, results.error(u), error);
  }

  // ---- the scheme: indicator tree, points, titles; grades ---------------------------------
  Sheet tree(workbook_add_worksheet(wb, zh ? "方案" : "scheme"));
  const std::vector<std::string_view> tree_header = {l.id, l.title_column, l.kind, l.points,
                                                     l.parent};
  for (std::size_t c = 0; c < tree_header.size(); ++c) {
    tree.Text(0, static_cast<lxw_col_t>(c), std::string(tree_header[c]), header);
  }
  worksheet_freeze_panes(tree.get(), 1, 0);
  worksheet_set_column(tree.get(), 0, 0, 22, nullptr);
  worksheet_set_column(tree.get(), 1, 1, 36, nullptr);
  std::vector<lxw_format*> indents;
  for (std::size_t i = 0; i < indicators.size(); ++i) {
    const IndicatorInfo& info = indicators[i];
    const auto row = static_cast<lxw_row_t>(i + 1);
    while (indents.size() < static_cast<std::size_t>(info.depth)) {
      lxw_format* f = workbook_add_format(wb);
      format_set_indent(f, static_cast<uint8_t>(indents.size()));
      if (indents.empty()) format_set_bold(f);
      indents.push_back(f);
    }
    tree.Text(row, 0, info.id, indents[static_cast<std::size_t>(info.depth - 1)]);
    tree.Text(row, 1, info.title);
    tree.Text(row, 2,
              info.kind == "bonus"       ? std::string(l.bonus)
              : info.kind == "deduction" ? std::string(l.deduction)
                                         : info.kind);
    if (info.kind != "bonus" && info.kind != "deduction") tree.Number(row, 3, info.points);
    if (info.parent >= 0) tree.Text(row, 4, indicators[static_cast<std::size_t>(info.parent)].id);
  }
  const std::vector<GradeInfo> grades = scheme.grades();
  if (!grades.empty()) {
    auto row = static_cast<lxw_row_t>(indicators.size() + 2);
    tree.Text(row, 0, std::string(l.grade), header);
    tree.Text(row, 1, "min", header);
    tree.Text(row++, 2, std::string(l.quota), header);
    for (const GradeInfo& g : grades) {
      tree.Text(row, 0, g.name);
      if (g.min) tree.Number(row, 1, *g.min);
      if (g.quota) tree.Text(row, 2, fmt::format("{:g}%", *g.quota * 100));
      ++row;
    }
  }

  // ---- provenance -------------------------------------------------------------------------
  Sheet about(workbook_add_worksheet(wb, zh ? "来源" : "provenance"));
  worksheet_set_column(about.get(), 0, 0, 22, nullptr);
  worksheet_set_column(about.get(), 1, 1, 70, nullptr);
  std::string params;
  for (const std::string& p : provenance.params) params += (params.empty() ? "" : ", ") + p;
  const std::vector<std::pair<std::string, std::string>> facts = {
      {"scheme", provenance.scheme_id},
      {"title", provenance.scheme_title},
      {"version", provenance.scheme_version},
      {"rules_file", provenance.rules_file},
      {"scheme_sha256", provenance.scheme_sha256},
      {"params", params},
      {"data_file", provenance.data_file},
      {"sheet", provenance.sheet},
      {"data_sha256", provenance.data_sha256},
      {"assess_version", provenance.assess_version},
      {"generated_utc", provenance.time_utc},
  };
  lxw_row_t row = 0;
  for (const auto& [key, value] : facts) {
    about.Text(row, 0, key, header);
    about.Text(row++, 1, value);
  }

  const lxw_error status = workbook_close(wb);
  if (status != LXW_NO_ERROR) return fmt::format("{}: {}", path, lxw_strerror(status));
  return {};
}

}  // namespace assess::publish
