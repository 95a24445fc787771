// This file's external interface is cli::Test and cli::Graph.
#include <fmt/format.h>

#include <iostream>

#include "commands.h"
#include "output_file.h"

namespace assess::cli {

int Test(const Common& args, bool verbose) {
  std::optional<Scheme> scheme = LoadScheme(args);
  if (!scheme) return kExitUnusable;
  std::vector<TestOutcome> outcomes = RunEmbeddedTests(*scheme);
  int failed = 0;
  for (const TestOutcome& t : outcomes) {
    if (t.passed) {
      if (verbose) std::cout << fmt::format("PASS {}\n", t.name);
      continue;
    }
    ++failed;
    std::cout << fmt::format("FAIL {}\n", t.name);
    for (const std::string& f : t.failures) std::cout << "  " << f << "\n";
  }
  std::cout << fmt::format("{}: {} tests, {} passed, {} failed\n", args.rules, outcomes.size(),
                           outcomes.size() - failed, failed);
  return failed > 0 ? kExitUnitErrors : kExitOk;
}

int Graph(const Common& args, const std::string& output) {
  if (!output.empty()) {
    if (std::optional<std::string> clash = OutputClash(output, {{"the rule file", args.rules}})) {
      std::cerr << *clash << "\n";
      return kExitUnusable;
    }
  }
  std::optional<Scheme> scheme = LoadScheme(args);
  if (!scheme) return kExitUnusable;
  if (output.empty()) {
    std::cout << scheme->ToDot();
    return kExitOk;
  }
  OutputFile out;
  std::string error;
  if (!out.Open(output, &error)) {
    std::cerr << error << "\n";
    return kExitUnusable;
  }
  out.stream() << scheme->ToDot();
  if (!out.Commit(&error)) {
    std::cerr << error << "\n";
    return kExitUnusable;
  }
  return kExitOk;
}

}  // namespace assess::cli
