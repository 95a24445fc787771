// Properties of evaluation that hold for any scheme and data, checked on generated ones
// (generator.h, seeded: a failure names its seed and prints the scheme): the same bytes for
// 1 to 8 threads; the same results per unit whatever the row order; a bad row changes no
// other unit except as its absence would; explain agrees with run; CSV, JSON and JSON
// Lines of the same data give the same results.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "assess/batch.h"
#include "assess/evaluate.h"
#include "assess/results.h"
#include "assess/scheme.h"
#include "generator.h"

namespace assess::properties {
namespace {

Scheme Load(const GeneratedScheme& g) {
  Expected<assess::Scheme> s = assess::Scheme::LoadText(g.yaml, "generated.yaml");
  if (!s) {
    std::string why = s.error().message;
    for (const Diagnostic& d : s.error().diagnostics) why += "\n  " + d.ToString();
    throw std::runtime_error("the generated scheme does not load: " + why + "\n" + g.yaml);
  }
  return std::move(*s);
}

Results Eval(const assess::Scheme& scheme, const std::string& data, DataFormat format,
             int threads = 1, bool explain = false) {
  Expected<Batch> batch = Batch::ReadText(scheme, data, format, "data");
  if (!batch)
    throw std::runtime_error("the generated data does not load: " + batch.error().message);
  EvalOptions options;
  options.threads = threads;
  options.explain = explain;
  Expected<Results> r = Evaluate(scheme, *batch, options);
  if (!r) throw std::runtime_error("Evaluate failed: " + r.error().message);
  return std::move(*r);
}

std::string Csv(const Results& r) {
  std::ostringstream out;
  r.WriteCsv(out);
  return out.str();
}

std::vector<std::string> Split(const std::string& text, char sep) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(text);
  while (std::getline(in, part, sep)) parts.push_back(part);
  if (!text.empty() && text.back() == sep) parts.emplace_back();
  return parts;
}

// Each unit's CSV line by its id (ids are unique and have no commas). An error's place in
// the data, "(row N)" in CSV, "(line N)" in JSON Lines, "([N])" in JSON, is left out where
// rows move or formats differ.
std::map<std::string, std::string> LinesByUnit(const Results& r, bool keep_rows = true) {
  static const std::regex kRow(R"( \((row [0-9]+|line [0-9]+|\[[0-9]+\])\))");
  std::map<std::string, std::string> lines;
  const std::vector<std::string> all = Split(Csv(r), '\n');
  for (std::size_t i = 1; i < all.size(); ++i) {
    if (all[i].empty()) continue;
    lines[all[i].substr(0, all[i].find(','))] =
        keep_rows ? all[i] : std::regex_replace(all[i], kRow, "");
  }
  return lines;
}

// The units whose lines differ, each as "unit: got | want"; "" when none do.
std::string Differences(const std::map<std::string, std::string>& got,
                        const std::map<std::string, std::string>& want) {
  std::string out;
  for (const auto& [unit, line] : want) {
    auto it = got.find(unit);
    if (it == got.end()) {
      out += unit + ": missing | " + line + "\n";
    } else if (it->second != line) {
      out += unit + ": " + it->second + " | " + line + "\n";
    }
  }
  for (const auto& [unit, line] : got) {
    if (!want.count(unit)) out += unit + ": " + line + " | not expected\n";
  }
  return out;
}

// The cells of the CSV header's columns, by name, for one unit's line.
std::map<std::string, std::string> Cells(const std::string& header, const std::string& line) {
  const std::vector<std::string> names = Split(header, ',');
  const std::vector<std::string> cells = Split(line, ',');
  std::map<std::string, std::string> out;
  for (std::size_t i = 0; i < names.size() && i < cells.size(); ++i) out[names[i]] = cells[i];
  return out;
}

constexpr int kSeeds = 8;

TEST(Properties, ResultsAreTheSameBytesForOneToEightThreads) {
  for (int seed = 1; seed <= 3; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    Generator gen(seed);
    const GeneratedScheme g = gen.Scheme();
    const assess::Scheme scheme = Load(g);
    // Nine chunks of units (1024 a chunk), so that 8 threads all have work.
    std::vector<Row> rows = gen.Rows(9 * 1024 + 17);
    rows[100].bad_n0 = "abc";
    const std::string data = Generator::Csv(rows);
    const Results one = Eval(scheme, data, DataFormat::kCsv, 1, true);
    std::ostringstream want;
    one.WriteJson(want, true);
    const std::string want_csv = Csv(one);
    for (int threads = 2; threads <= 8; ++threads) {
      const Results many = Eval(scheme, data, DataFormat::kCsv, threads, true);
      std::ostringstream got;
      many.WriteJson(got, true);
      EXPECT_EQ(Csv(many), want_csv) << threads << " threads\n" << g.yaml;
      EXPECT_TRUE(got.str() == want.str()) << threads << " threads: JSON differs\n" << g.yaml;
    }
  }
}

TEST(Properties, ShuffledRowsGiveEachUnitTheSameResults) {
  for (int seed = 1; seed <= kSeeds; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    Generator gen(100 + seed);
    const GeneratedScheme g = gen.Scheme();
    const assess::Scheme scheme = Load(g);
    std::vector<Row> rows = gen.Rows(300);
    const auto want = LinesByUnit(Eval(scheme, Generator::Csv(rows), DataFormat::kCsv), false);
    std::mt19937_64 rng(seed);
    for (int round = 0; round < 3; ++round) {
      std::shuffle(rows.begin(), rows.end(), rng);
      EXPECT_EQ(Differences(
                    LinesByUnit(Eval(scheme, Generator::Csv(rows), DataFormat::kCsv), false), want),
                "")
          << g.yaml;
    }
  }
}

TEST(Properties, ABadRowChangesOtherUnitsOnlyAsItsAbsenceWould) {
  for (int seed = 1; seed <= kSeeds; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    Generator gen(200 + seed);
    const GeneratedScheme g = gen.Scheme();
    const assess::Scheme scheme = Load(g);
    const std::vector<Row> rows = gen.Rows(200);
    const Results original = Eval(scheme, Generator::Csv(rows), DataFormat::kCsv);
    const std::string header = Csv(original).substr(0, Csv(original).find('\n'));
    const auto before = LinesByUnit(original, false);
    for (int j : {0, 57, 199}) {
      for (const char* bad : {"abc", "100.5", ""}) {  // not a number, above max, missing
        SCOPED_TRACE(std::string("unit u") + std::to_string(j) + " gets n0 `" + bad + "`");
        std::vector<Row> with_bad = rows;
        with_bad[j].bad_n0 = bad;
        std::vector<Row> without = rows;
        without.erase(without.begin() + j);
        const Results bad_run = Eval(scheme, Generator::Csv(with_bad), DataFormat::kCsv);
        const std::size_t u = *bad_run.Find(rows[j].unit);
        EXPECT_FALSE(bad_run.ok(u));
        EXPECT_NE(bad_run.error(u).find("n0"), std::string::npos) << bad_run.error(u);
        auto after = LinesByUnit(bad_run, false);
        after.erase(rows[j].unit);
        // Every other unit, ranks, grades and peer functions included: as without the unit.
        EXPECT_EQ(
            Differences(
                after, LinesByUnit(Eval(scheme, Generator::Csv(without), DataFormat::kCsv), false)),
            "")
            << g.yaml;
        // Scores and totals depend on the other units only through peer functions; grades
        // only through quotas (ranks always).
        if (g.peer_functions) continue;
        for (const auto& [unit, line] : after) {
          auto got = Cells(header, line);
          auto want = Cells(header, before.at(unit));
          got.erase("rank");
          want.erase("rank");
          if (g.quota) {
            got.erase("grade");
            want.erase("grade");
          }
          ASSERT_EQ(got, want) << unit << "\n" << g.yaml;
        }
      }
    }
  }
}

// The published value of `id` in one unit's explanation: the text after "ID (title): " or
// "ID: " on its line, up to the first space ("not applicable" as is).
std::string ExplainedValue(const std::string& text, const std::string& id) {
  for (const std::string& line : Split(text, '\n')) {
    const std::size_t start = line.find_first_not_of(' ');
    if (start == std::string::npos || line.compare(start, id.size(), id) != 0) continue;
    const char after = line.size() > start + id.size() ? line[start + id.size()] : '\0';
    if (after != ':' && after != ' ') continue;
    const std::size_t colon = line.find(": ", start);
    if (colon == std::string::npos) continue;
    std::string value = line.substr(colon + 2);
    if (value.rfind("not applicable", 0) == 0) return "not applicable";
    value = value.substr(0, value.find(' '));
    if (!value.empty() && value[0] == '+') value.erase(0, 1);
    return value;
  }
  return "<no line for " + id + ">";
}

TEST(Properties, ExplainAgreesWithRunForEveryUnit) {
  for (int seed = 1; seed <= kSeeds; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    Generator gen(300 + seed);
    const GeneratedScheme g = gen.Scheme();
    const assess::Scheme scheme = Load(g);
    std::vector<Row> rows = gen.Rows(120);
    rows[7].bad_n0 = "x";
    const std::string data = Generator::Csv(rows);
    const Results run = Eval(scheme, data, DataFormat::kCsv, 2, false);
    const Results explained = Eval(scheme, data, DataFormat::kCsv, 2, true);
    const std::string csv = Csv(run);
    EXPECT_EQ(Csv(explained), csv) << "explain changes the results\n" << g.yaml;
    const std::string header = csv.substr(0, csv.find('\n'));
    const auto lines = LinesByUnit(run);
    for (std::size_t u = 0; u < run.size(); ++u) {
      const std::string text = explained.Explain(u);
      if (!run.ok(u)) {
        EXPECT_NE(text.find(run.error(u)), std::string::npos) << text;
        continue;
      }
      const auto cells = Cells(header, lines.at(run.unit_id(u)));
      for (const IndicatorInfo& ind : scheme.indicators()) {
        const std::string& cell = cells.at(ind.id);
        EXPECT_EQ(ExplainedValue(text, ind.id), cell.empty() ? "not applicable" : cell)
            << run.unit_id(u) << " " << ind.id << "\n"
            << text;
      }
      EXPECT_EQ(ExplainedValue(text, "total after vetoes"), cells.at("total")) << text;
      EXPECT_EQ(ExplainedValue(text, "rank"), cells.at("rank")) << text;
      EXPECT_EQ(ExplainedValue(text, "grade"), cells.at("grade")) << text;
    }
  }
}

TEST(Properties, CsvJsonAndJsonLinesOfTheSameDataGiveTheSameResults) {
  for (int seed = 1; seed <= kSeeds; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    Generator gen(400 + seed);
    const GeneratedScheme g = gen.Scheme();
    const assess::Scheme scheme = Load(g);
    std::vector<Row> rows = gen.Rows(250);
    rows[3].bad_n0 = "abc";
    rows[4].bad_n0 = "-1";
    auto csv = LinesByUnit(Eval(scheme, Generator::Csv(rows), DataFormat::kCsv), false);
    auto json = LinesByUnit(Eval(scheme, Generator::Json(rows), DataFormat::kJson), false);
    auto jsonl =
        LinesByUnit(Eval(scheme, Generator::JsonLines(rows), DataFormat::kJsonLines), false);
    // The bad units are in error in each; their messages name places of each format.
    for (const std::string& bad : {rows[3].unit, rows[4].unit}) {
      for (auto* lines : {&csv, &json, &jsonl}) {
        EXPECT_NE(lines->at(bad).find("n0"), std::string::npos) << lines->at(bad);
        lines->erase(bad);
      }
    }
    EXPECT_EQ(Differences(json, csv), "") << "JSON against CSV\n" << g.yaml;
    EXPECT_EQ(Differences(jsonl, csv), "") << "JSON Lines against CSV\n" << g.yaml;
  }
}

TEST(Properties, GeneratedSchemesCoverTheirShapes) {
  // The generator's pool is reached: the properties above are not all checked on one kind.
  int peer = 0, quota = 0, groups = 0, vetoes = 0;
  for (int seed = 1; seed <= 60; ++seed) {
    Generator gen(seed);
    const GeneratedScheme g = gen.Scheme();
    const assess::Scheme scheme = Load(g);
    peer += g.peer_functions;
    quota += g.quota;
    groups += g.yaml.find("children:") != std::string::npos;
    vetoes += g.yaml.find("vetoes:") != std::string::npos;
    EXPECT_GE(scheme.indicators().size(), 2u);
  }
  EXPECT_GT(peer, 5);
  EXPECT_GT(quota, 5);
  EXPECT_GT(groups, 5);
  EXPECT_GT(vetoes, 5);
}

}  // namespace
}  // namespace assess::properties
