// This file's external interface is cli::Run and cli::Explain: evaluate a data file and
// write the results; explain one unit.
#include <fmt/format.h>

#include <chrono>
#include <iostream>
#include <utility>

#include "commands.h"
#include "output_file.h"
#include "progress_bar.h"
#include "provenance.h"
#include "xlsx_results.h"

namespace assess::cli {
namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string FormatOf(const RunArgs& args) {
  if (!args.format.empty()) return args.format;
  if (EndsWith(args.output, ".json")) return "json";
  if (EndsWith(args.output, ".jsonl") || EndsWith(args.output, ".ndjson")) return "jsonl";
  if (EndsWith(args.output, ".xlsx")) return "xlsx";
  return "csv";
}

}  // namespace

int Run(const RunArgs& args) {
  const auto start = Clock::now();
  if (!args.output.empty()) {
    // Before anything is read or written: `-o DATA` would replace the data with results.
    if (std::optional<std::string> clash = OutputClash(
            args.output, {{"the data file", args.data}, {"the rule file", args.common.rules}})) {
      std::cerr << *clash << "\n";
      return kExitUnusable;
    }
  }
  std::optional<Scheme> scheme = LoadScheme(args.common);
  if (!scheme) return kExitUnusable;
  const double load_s = Seconds(start);
  const std::string format = FormatOf(args);
  if (format != "csv" && format != "json" && format != "jsonl" && format != "xlsx") {
    std::cerr << fmt::format("assess: unknown --format `{}` (csv, json, jsonl or xlsx)\n", format);
    return kExitUnusable;
  }
  if (format == "xlsx" && args.output.empty()) {
    std::cerr << "assess: --format xlsx writes a workbook: name it with -o FILE.xlsx\n";
    return kExitUnusable;
  }
  if (args.explain && format == "csv") {
    // Not an error (the results are still right), but never silently nothing.
    std::cerr << "assess: warning: --explain adds nothing to CSV results; use --format json "
                 "or jsonl, or `assess explain` for one unit\n";
  }
  // Reading and evaluating report how far they are; the bar shows it on a terminal.
  ProgressBar progress(args.quiet);
  ReadProgress read_progress;
  progress.Track(fmt::format("assess: reading {}", args.data), read_progress.done,
                 read_progress.total, ProgressBar::Rate::kBytes, &read_progress.units);
  auto read_start = Clock::now();
  Expected<Batch> batch =
      ReadData(*scheme, args.data, args.sheet, progress.on() ? &read_progress : nullptr);
  if (!batch) {
    progress.Clear();
    std::cerr << batch.error().message << "\n";
    return kExitUnusable;
  }
  const double read_s = Seconds(read_start);
  EvalProgress eval_progress;
  progress.Track(fmt::format("assess: evaluating {} units", batch->size()), eval_progress.done,
                 eval_progress.total, ProgressBar::Rate::kUnits);
  auto eval_start = Clock::now();
  EvalOptions options;
  options.threads = args.threads;
  options.explain = args.explain;
  if (progress.on()) options.progress = &eval_progress;
  // The batch's columns are freed once evaluated, so that the results' file reuses their
  // memory rather than taking fresh pages (docs/performance.md).
  Expected<Results> results = EvaluateReleasing(*scheme, std::move(*batch), options);
  if (!results) {
    progress.Clear();
    std::cerr << results.error().message << "\n";
    return kExitUnusable;
  }
  const double eval_s = Seconds(eval_start);
  // Results on standard output may share the terminal: no progress line among them.
  if (args.output.empty()) {
    progress.Clear();
  } else {
    progress.Show(fmt::format("assess: writing {} ...", args.output));
  }
  auto write_start = Clock::now();
  if (format == "xlsx") {
    // libxlsxwriter writes a file by its name: OutputFile's temporary one, renamed over the
    // target once complete, as every other output.
    OutputFile workbook;
    std::string open_error;
    if (!workbook.Open(args.output, &open_error)) {
      progress.Clear();
      std::cerr << open_error << "\n";
      return kExitUnusable;
    }
    publish::Provenance provenance;
    std::string error;
    if (publish::DescribeRun(*scheme, args.common.rules, args.common.params, args.data, args.sheet,
                             provenance, error)) {
      error = publish::WriteXlsxResults(*scheme, *results, provenance, workbook.path());
    }
    if (!error.empty()) {
      progress.Clear();
      std::cerr << "assess: " << error << "\n";
      return kExitUnusable;
    }
    if (!workbook.Commit(&open_error)) {
      progress.Clear();
      std::cerr << open_error << "\n";
      return kExitUnusable;
    }
  }
  // A file gets the results whole or not at all (output_file.h); .xlsx results are written
  // by libxlsxwriter above.
  OutputFile file;
  std::string write_error;
  const bool to_file = !args.output.empty() && format != "xlsx";
  if (to_file && !file.Open(args.output, &write_error)) {
    progress.Clear();
    std::cerr << write_error << "\n";
    return kExitUnusable;
  }
  std::ostream& out = to_file ? file.stream() : std::cout;
  if (format == "xlsx") {
    // written above
  } else if (format == "json") {
    results->WriteJson(out, args.explain);
  } else if (format == "jsonl") {
    results->WriteJsonLines(out, args.explain);
  } else {
    results->WriteCsv(out);
  }
  out.flush();
  if (format != "xlsx" && (to_file ? !file.Commit(&write_error) : !out)) {
    progress.Clear();
    std::cerr << (to_file ? write_error : std::string("assess: writing the results failed"))
              << "\n";
    return kExitUnusable;
  }
  const double write_s = Seconds(write_start);
  progress.Clear();
  const size_t errors = results->error_count();
  if (!args.quiet) {
    std::cerr << fmt::format("{} units: {} scored, {} in error\n", results->size(),
                             results->size() - errors, errors);
  }
  if (args.timings) {
    const double total = Seconds(start);
    std::cerr << fmt::format(
        "timings: load {:.3f} s, read {:.3f} s, evaluate {:.3f} s, write {:.3f} s, total "
        "{:.3f} s; {:.0f} units/s evaluated\n",
        load_s, read_s, eval_s, write_s, total,
        eval_s > 0 ? static_cast<double>(results->size()) / eval_s : 0.0);
  }
  return errors > 0 ? kExitUnitErrors : kExitOk;
}

int Explain(const ExplainArgs& args) {
  std::optional<Scheme> scheme = LoadScheme(args.common);
  if (!scheme) return kExitUnusable;
  Expected<Batch> batch = ReadData(*scheme, args.data, args.sheet);
  if (!batch) {
    std::cerr << batch.error().message << "\n";
    return kExitUnusable;
  }
  EvalOptions options;
  options.explain = true;
  Expected<Results> results = Evaluate(*scheme, *batch, options);
  if (!results) {
    std::cerr << results.error().message << "\n";
    return kExitUnusable;
  }
  std::optional<size_t> unit = results->Find(args.unit);
  if (!unit) {
    std::cerr << fmt::format("assess: no unit `{}` in {}\n", args.unit, args.data);
    return kExitUnusable;
  }
  std::cout << results->Explain(*unit);
  // rule-language §14: the exit status is run's, for the whole of DATA (the unit is explained
  // within its batch: its peers and quota are the file's). Say why when it is not this unit.
  const size_t errors = results->error_count();
  if (errors > 0 && results->ok(*unit)) {
    std::cerr << fmt::format("assess: {} other unit{} of {} {} in error (exit status 1, as run)\n",
                             errors, errors == 1 ? "" : "s", args.data, errors == 1 ? "is" : "are");
  }
  return errors == 0 ? kExitOk : kExitUnitErrors;
}

}  // namespace assess::cli
