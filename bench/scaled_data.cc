// This file's external interface is ScaleCsv (scaled_data.h).
#include "scaled_data.h"

#include <fmt/format.h>

#include <cmath>
#include <random>
#include <string_view>
#include <vector>

namespace assess::bench {
namespace {

// The number of decimals of a plain decimal text, or -1 when the text is not a number.
int Decimals(std::string_view text) {
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
  const std::size_t digits_from = i;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
  if (i == digits_from) return -1;
  if (i == text.size()) return 0;
  if (text[i] != '.') return -1;
  const std::size_t point = i++;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
  return i == text.size() && i > point + 1 ? static_cast<int>(i - point - 1) : -1;
}

std::string Scaled(std::string_view text, std::mt19937_64& random) {
  const int decimals = Decimals(text);
  // Texts, and whole numbers (counts, which a scheme may bound below by 1), are kept.
  if (decimals <= 0) return std::string(text);
  const double factor = std::uniform_real_distribution<double>(0.9, 1.0)(random);
  const double scale = std::pow(10.0, decimals);
  // Toward zero, so that |value| never grows past a bound its sample kept.
  const double v = std::trunc(std::stod(std::string(text)) * factor * scale) / scale;
  return fmt::format("{:.{}f}", v == 0 ? 0.0 : v, decimals);
}

std::vector<std::string_view> Split(std::string_view line, char sep) {
  std::vector<std::string_view> cells;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = line.find(sep, start);
    cells.push_back(line.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return cells;
    start = end + 1;
  }
}

}  // namespace

std::string ScaleCsv(std::istream& sample, std::size_t units, uint64_t seed, std::ostream& out) {
  std::string header;
  if (!std::getline(sample, header)) return "the sample has no header";
  std::vector<std::string> rows;
  for (std::string line; std::getline(sample, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find('"') != std::string::npos) return "the sample has quoted cells";
    if (!line.empty()) rows.push_back(line);
  }
  if (rows.empty()) return "the sample has no rows";
  out << header << '\n';
  std::mt19937_64 random(seed);
  std::string row;
  for (std::size_t u = 0; u < units; ++u) {
    const std::vector<std::string_view> cells = Split(rows[u % rows.size()], ',');
    row.clear();
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (c > 0) row += ',';
      if (c == 0) {
        row += fmt::format("{}#{}", cells[0], u / rows.size() + 1);
        continue;
      }
      const std::vector<std::string_view> items = Split(cells[c], ';');
      for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) row += ';';
        row += Scaled(items[i], random);
      }
    }
    row += '\n';
    out << row;
  }
  return "";
}

}  // namespace assess::bench
