// This file's external interface is cli::Diff: `assess diff OLD NEW [--data DATA]`, what
// changed between two schemes and, on a year's data, what it does to the results.
#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>
#include <type_traits>

#include "authoring/results_diff.h"
#include "authoring/scheme_diff.h"
#include "commands.h"

namespace assess::cli {
namespace {

using authoring::Change;
using Json = nlohmann::json;

std::string Total(const std::optional<double>& t, int digits) {
  return t ? fmt::format("{:.{}f}", *t, digits) : std::string("error");
}
template <class T>
std::string Opt(const std::optional<T>& x) {
  if (!x) return "-";
  if constexpr (std::is_same_v<T, std::string>) {
    return *x;
  } else {
    return std::to_string(*x);
  }
}

std::string ChangeLine(const Change& c) {
  const std::string kind = c.field == "title" && c.subject.rfind("indicator ", 0) == 0
                               ? "renamed"
                               : std::string(authoring::KindName(c.kind));
  std::string text;
  switch (c.kind) {
    case Change::Kind::kAdded:
      text = fmt::format("{}: {}", c.subject, c.new_value);
      break;
    case Change::Kind::kRemoved:
      text = fmt::format("{}: {}", c.subject, c.old_value);
      break;
    case Change::Kind::kMoved:
      text = fmt::format("{}: {} -> {}", c.subject, c.old_value, c.new_value);
      break;
    case Change::Kind::kChanged:
      text = fmt::format("{} {}: {} -> {}", c.subject, c.field,
                         c.old_value.empty() ? "(none)" : c.old_value,
                         c.new_value.empty() ? "(none)" : c.new_value);
      break;
  }
  return fmt::format("{:<8} {}{}{}", kind, text,
                     c.new_line > 0 ? fmt::format("  [line {}]", c.new_line) : "",
                     c.affects_results ? "" : "  (does not change results)");
}

Json ChangeJson(const Change& c) {
  Json j = {{"kind", authoring::KindName(c.kind)},
            {"subject", c.subject},
            {"affects_results", c.affects_results}};
  if (!c.field.empty()) j["field"] = c.field;
  if (!c.old_value.empty()) j["old"] = c.old_value;
  if (!c.new_value.empty()) j["new"] = c.new_value;
  if (c.new_line > 0) j["line"] = c.new_line;
  return j;
}

// Both schemes' results on DATA; nullopt (after saying why) when DATA cannot be used.
std::optional<Results> EvaluateOn(const Scheme& scheme, const std::string& data,
                                  const std::string& which) {
  Expected<Batch> batch = Batch::ReadFile(scheme, data);
  if (!batch) {
    std::cerr << fmt::format("assess: {} scheme: {}\n", which, batch.error().message);
    return std::nullopt;
  }
  Expected<Results> results = Evaluate(scheme, *batch);
  if (!results) {
    std::cerr << fmt::format("assess: {} scheme: {}\n", which, results.error().message);
    return std::nullopt;
  }
  return std::move(*results);
}

void PrintResultsText(const authoring::ResultsDiff& d, const std::string& data, int digits) {
  std::cout << fmt::format("\non {}: {} units compared, {} moved, {} grade changes\n", data,
                           d.units, d.moves.size(), d.grade_changes);
  for (const authoring::UnitMove& m : d.moves) {
    std::string line = fmt::format("  {}: total {} -> {}", m.unit, Total(m.old_total, digits),
                                   Total(m.new_total, digits));
    if (m.old_total && m.new_total) {
      line += fmt::format(" ({:+.{}f})", *m.new_total - *m.old_total, digits);
    }
    // What did not change is shown once: `rank 6`, `grade 良好`.
    const auto pair = [](const std::string& a, const std::string& b) {
      return a == b ? a : fmt::format("{} -> {}", a, b);
    };
    line += ", rank " + pair(Opt(m.old_rank), Opt(m.new_rank));
    if (m.old_grade || m.new_grade) line += ", grade " + pair(Opt(m.old_grade), Opt(m.new_grade));
    if (!m.new_error.empty() && m.old_error.empty()) line += " (now in error: " + m.new_error + ")";
    if (m.new_error.empty() && !m.old_error.empty()) line += " (no longer in error)";
    std::cout << line << "\n";
  }
  if (!d.grades.empty()) {
    std::cout << "grades:\n";
    for (const authoring::GradeCount& g : d.grades) {
      std::cout << fmt::format("  {}: {} -> {} units ({} gained, {} lost)\n", g.level, g.old_count,
                               g.new_count, g.gained, g.lost);
    }
  }
}

Json ResultsJson(const authoring::ResultsDiff& d) {
  Json moves = Json::array();
  for (const authoring::UnitMove& m : d.moves) {
    Json j = {{"unit", m.unit}};
    j["old"] = {{"total", m.old_total ? Json(*m.old_total) : Json()},
                {"rank", m.old_rank ? Json(*m.old_rank) : Json()},
                {"grade", m.old_grade ? Json(*m.old_grade) : Json()}};
    j["new"] = {{"total", m.new_total ? Json(*m.new_total) : Json()},
                {"rank", m.new_rank ? Json(*m.new_rank) : Json()},
                {"grade", m.new_grade ? Json(*m.new_grade) : Json()}};
    if (!m.old_error.empty()) j["old"]["error"] = m.old_error;
    if (!m.new_error.empty()) j["new"]["error"] = m.new_error;
    moves.push_back(std::move(j));
  }
  Json grades = Json::array();
  for (const authoring::GradeCount& g : d.grades) {
    grades.push_back({{"level", g.level},
                      {"old", g.old_count},
                      {"new", g.new_count},
                      {"gained", g.gained},
                      {"lost", g.lost}});
  }
  return {
      {"units", d.units}, {"moved", moves}, {"grade_changes", d.grade_changes}, {"grades", grades}};
}

}  // namespace

int Diff(const DiffArgs& args) {
  Common old_args = args.common;
  Common new_args = args.common;
  new_args.rules = args.new_rules;
  std::optional<Scheme> old_scheme = LoadScheme(old_args);
  std::optional<Scheme> new_scheme = LoadScheme(new_args);
  if (!old_scheme || !new_scheme) return kExitUnusable;
  const std::vector<Change> changes =
      authoring::DiffSchemes(old_scheme->Outline(), new_scheme->Outline());
  int affecting = 0;
  for (const Change& c : changes) affecting += c.affects_results ? 1 : 0;
  std::optional<authoring::ResultsDiff> moved;
  if (!args.data.empty()) {
    std::optional<Results> a = EvaluateOn(*old_scheme, args.data, "old");
    std::optional<Results> b = EvaluateOn(*new_scheme, args.data, "new");
    if (!a || !b) return kExitUnusable;
    moved = authoring::DiffResults(*a, *b, old_scheme->grade_levels(), new_scheme->grade_levels());
  }
  if (args.format == "json") {
    Json list = Json::array();
    for (const Change& c : changes) list.push_back(ChangeJson(c));
    Json doc = {{"old", args.common.rules},
                {"new", args.new_rules},
                {"changes", list},
                {"changes_affecting_results", affecting}};
    if (moved) doc["results"] = ResultsJson(*moved);
    std::cout << doc.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
  } else {
    std::cout << fmt::format("--- {} ({})\n+++ {} ({})\n", args.common.rules, old_scheme->id(),
                             args.new_rules, new_scheme->id());
    for (const Change& c : changes) std::cout << ChangeLine(c) << "\n";
    std::cout << fmt::format("{} change{} that affect{} results, {} that do not\n", affecting,
                             affecting == 1 ? "" : "s", affecting == 1 ? "s" : "",
                             changes.size() - affecting);
    if (moved) PrintResultsText(*moved, args.data, new_scheme->digits());
  }
  return affecting > 0 ? kExitChanged : kExitOk;
}

}  // namespace assess::cli
