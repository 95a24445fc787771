// This file's external interface is cli::Report: `assess report RULES DATA -o report.html`,
// the results of a data file as one self-contained HTML page (publish/html_report.h).
#include <fmt/format.h>

#include <iostream>

#include "commands.h"
#include "html_report.h"
#include "output_file.h"
#include "provenance.h"

namespace assess::cli {

int Report(const ReportArgs& args) {
  // Before anything is read or written: `-o DATA` would replace the data with the report.
  if (std::optional<std::string> clash = OutputClash(
          args.output, {{"the data file", args.data}, {"the rule file", args.common.rules}})) {
    std::cerr << *clash << "\n";
    return kExitUnusable;
  }
  std::optional<Scheme> scheme = LoadScheme(args.common);
  if (!scheme) return kExitUnusable;
  Expected<Batch> batch = ReadData(*scheme, args.data, args.sheet);
  if (!batch) {
    std::cerr << batch.error().message << "\n";
    return kExitUnusable;
  }
  EvalOptions options;
  options.threads = args.threads;
  options.explain = true;  // every unit's breakdown is in the report
  Expected<Results> results = Evaluate(*scheme, *batch, options);
  if (!results) {
    std::cerr << results.error().message << "\n";
    return kExitUnusable;
  }
  publish::Provenance provenance;
  std::string error;
  if (!publish::DescribeRun(*scheme, args.common.rules, args.common.params, args.data, args.sheet,
                            provenance, error)) {
    std::cerr << "assess: " << error << "\n";
    return kExitUnusable;
  }
  // The page whole or not at all, as run's results (output_file.h).
  OutputFile file;
  std::string write_error;
  if (!file.Open(args.output, &write_error)) {
    std::cerr << write_error << "\n";
    return kExitUnusable;
  }
  publish::WriteHtmlReport(*scheme, *results, provenance, file.stream());
  if (!file.Commit(&write_error)) {
    std::cerr << write_error << "\n";
    return kExitUnusable;
  }
  const size_t errors = results->error_count();
  if (!args.quiet) {
    std::cerr << fmt::format("{}: {} units: {} scored, {} in error\n", args.output, results->size(),
                             results->size() - errors, errors);
  }
  return errors > 0 ? kExitUnitErrors : kExitOk;
}

}  // namespace assess::cli
