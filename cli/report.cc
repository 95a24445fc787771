// This file's external interface is cli::Report: `assess report RULES DATA -o report.html`,
// the results of a data file as one self-contained HTML page (publish/html_report.h).
#include <fmt/format.h>

#include <fstream>
#include <iostream>

#include "commands.h"
#include "html_report.h"
#include "provenance.h"

namespace assess::cli {

int Report(const ReportArgs& args) {
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
  std::ofstream out(args.output, std::ios::binary);
  if (!out) {
    std::cerr << fmt::format("assess: cannot write {}\n", args.output);
    return kExitUnusable;
  }
  publish::WriteHtmlReport(*scheme, *results, provenance, out);
  out.flush();
  if (!out) {
    std::cerr << fmt::format("assess: writing {} failed\n", args.output);
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
