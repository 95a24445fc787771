// This file's external interface is cli::Run and cli::Explain: evaluate a data file and
// write the results; explain one unit.
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <iostream>

#include "commands.h"
#include "output_file.h"

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

// Progress on standard error, only when it is a terminal (SPEC §11): one line, rewritten
// as the run goes from stage to stage, and erased before the summary.
class Progress {
 public:
  explicit Progress(bool quiet) : on_(!quiet && isatty(STDERR_FILENO)) {}
  ~Progress() { Clear(); }
  void Show(const std::string& text) {
    if (!on_) return;
    Clear();
    std::cerr << text << std::flush;
    width_ = text.size();
  }
  void Clear() {
    if (!on_ || width_ == 0) return;
    std::cerr << '\r' << std::string(width_, ' ') << '\r' << std::flush;
    width_ = 0;
  }

 private:
  bool on_;
  std::size_t width_ = 0;
};

std::string FormatOf(const RunArgs& args) {
  if (!args.format.empty()) return args.format;
  if (EndsWith(args.output, ".json")) return "json";
  if (EndsWith(args.output, ".jsonl") || EndsWith(args.output, ".ndjson")) return "jsonl";
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
  if (format != "csv" && format != "json" && format != "jsonl") {
    std::cerr << fmt::format("assess: unknown --format `{}` (csv, json or jsonl)\n", format);
    return kExitUnusable;
  }
  if (args.explain && format == "csv") {
    // Not an error (the results are still right), but never silently nothing.
    std::cerr << "assess: warning: --explain adds nothing to CSV results; use --format json "
                 "or jsonl, or `assess explain` for one unit\n";
  }
  Progress progress(args.quiet);
  progress.Show(fmt::format("assess: reading {} ...", args.data));
  auto read_start = Clock::now();
  Expected<Batch> batch = Batch::ReadFile(*scheme, args.data);
  if (!batch) {
    progress.Clear();
    std::cerr << batch.error().message << "\n";
    return kExitUnusable;
  }
  const double read_s = Seconds(read_start);
  progress.Show(fmt::format("assess: evaluating {} units ...", batch->size()));
  auto eval_start = Clock::now();
  EvalOptions options;
  options.threads = args.threads;
  options.explain = args.explain;
  Expected<Results> results = Evaluate(*scheme, *batch, options);
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
  // A file gets the results whole or not at all (output_file.h).
  OutputFile file;
  std::string write_error;
  if (!args.output.empty() && !file.Open(args.output, &write_error)) {
    progress.Clear();
    std::cerr << write_error << "\n";
    return kExitUnusable;
  }
  std::ostream& out = args.output.empty() ? std::cout : file.stream();
  if (format == "json") {
    results->WriteJson(out, args.explain);
  } else if (format == "jsonl") {
    results->WriteJsonLines(out, args.explain);
  } else {
    results->WriteCsv(out);
  }
  out.flush();
  if (args.output.empty() ? !out : !file.Commit(&write_error)) {
    progress.Clear();
    std::cerr << (args.output.empty() ? std::string("assess: writing the results failed")
                                      : write_error)
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
  Expected<Batch> batch = Batch::ReadFile(*scheme, args.data);
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
  // SPEC §11: the exit status is run's, for the whole of DATA (the unit is explained within
  // its batch: its peers and quota are the file's). Say why when it is not this unit.
  const size_t errors = results->error_count();
  if (errors > 0 && results->ok(*unit)) {
    std::cerr << fmt::format("assess: {} other unit{} of {} {} in error (exit status 1, as run)\n",
                             errors, errors == 1 ? "" : "s", args.data, errors == 1 ? "is" : "are");
  }
  return errors == 0 ? kExitOk : kExitUnitErrors;
}

}  // namespace assess::cli
