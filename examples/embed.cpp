// assess embedded in a C++ program: load a rule file once, evaluate from several threads at
// once, print a ranking. examples/embed-cpp.md shows how to build and run it.
//
//   embed RULES DATA [NAME=VALUE]...
//
// Each NAME=VALUE is a what-if scenario with one param changed. The scheme is loaded and
// the data read once; then one thread evaluates the data as the scheme stands and one
// thread per scenario evaluates it with its param, all at the same time, sharing the one
// Scheme and the one Batch (both immutable, see docs/embedding.md). The program prints the
// ranking as the scheme stands and, for each scenario, the units whose grade would change.
// examples/embed.c does the same through the C API, and prints the same.
#include <assess/batch.h>
#include <assess/evaluate.h>
#include <assess/results.h>
#include <assess/scheme.h>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace {

// What one thread evaluates, and what it gets.
struct Scenario {
  std::vector<std::pair<std::string, std::string>> params;  // none: the scheme as it stands
  std::string label;
  std::optional<assess::Expected<assess::Results>> results;
};

void PrintRanking(const assess::Results& r, int digits) {
  std::vector<std::size_t> scored;
  for (std::size_t u = 0; u < r.size(); ++u) {
    if (r.ok(u)) scored.push_back(u);
  }
  // Highest total first; a tie keeps the order of the data, so the output is reproducible.
  std::stable_sort(scored.begin(), scored.end(),
                   [&](std::size_t a, std::size_t b) { return *r.total(a) > *r.total(b); });
  std::printf("ranking by total (rank: within the unit's peer group)\n");
  std::printf("  #    total  rank  unit (grade)\n");
  for (std::size_t i = 0; i < scored.size(); ++i) {
    const std::size_t u = scored[i];
    const std::optional<int> rank = r.rank(u);
    const std::optional<std::string> grade = r.grade(u);
    std::printf("%3zu  %7.*f  %4d  %s (%s)\n", i + 1, digits, *r.total(u), rank ? *rank : 0,
                r.unit_id(u).c_str(), grade ? grade->c_str() : "-");
  }
  for (std::size_t u = 0; u < r.size(); ++u) {
    if (!r.ok(u)) std::printf("not scored: %s\n", r.error(u).c_str());
  }
}

void PrintGradeChanges(const assess::Results& base, const Scenario& s) {
  std::vector<std::string> lines;
  for (std::size_t u = 0; u < base.size(); ++u) {
    const std::string before = base.grade(u).value_or("-");
    const std::string after = s.results->value().grade(u).value_or("-");
    if (before != after) lines.push_back("  " + base.unit_id(u) + ": " + before + " -> " + after);
  }
  std::printf("what if %s: %zu grade%s change\n", s.label.c_str(), lines.size(),
              lines.size() == 1 ? "" : "s");
  for (const std::string& line : lines) std::printf("%s\n", line.c_str());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s RULES DATA [NAME=VALUE]...\n", argv[0]);
    return 2;
  }

  // Load once. A rule file that does not load comes back as a value with every diagnostic.
  assess::Expected<assess::Scheme> scheme = assess::Scheme::LoadFile(argv[1]);
  if (!scheme) {
    for (const assess::Diagnostic& d : scheme.error().diagnostics) {
      std::fprintf(stderr, "%s\n", d.ToString().c_str());
    }
    return 2;
  }
  assess::Expected<assess::Batch> batch = assess::Batch::ReadFile(*scheme, argv[2]);
  if (!batch) {
    std::fprintf(stderr, "%s\n", batch.error().message.c_str());
    return 2;
  }

  std::vector<Scenario> scenarios(1);
  scenarios[0].label = "as it stands";
  for (int i = 3; i < argc; ++i) {
    const std::string arg = argv[i];
    const std::size_t eq = arg.find('=');
    if (eq == std::string::npos) {
      std::fprintf(stderr, "not NAME=VALUE: %s\n", argv[i]);
      return 2;
    }
    Scenario s;
    s.params.emplace_back(arg.substr(0, eq), arg.substr(eq + 1));
    s.label = arg;
    scenarios.push_back(std::move(s));
  }

  // One thread per scenario, all evaluating the shared scheme and batch at once. Each
  // evaluation uses one worker thread: here the parallelism is across evaluations.
  std::vector<std::thread> threads;
  for (Scenario& s : scenarios) {
    threads.emplace_back([&scheme, &batch, &s] {
      assess::EvalOptions options;
      options.threads = 1;
      options.params = s.params;
      s.results = assess::Evaluate(*scheme, *batch, options);
    });
  }
  for (std::thread& t : threads) t.join();

  for (const Scenario& s : scenarios) {
    if (!s.results->ok()) {
      std::fprintf(stderr, "%s: %s\n", s.label.c_str(), s.results->error().message.c_str());
      return 2;
    }
  }
  const assess::Results& base = scenarios[0].results->value();
  std::printf("%s: %zu units, %zu in error, %zu evaluations on %zu threads\n",
              scheme->title().c_str(), base.size(), base.error_count(), scenarios.size(),
              threads.size());
  PrintRanking(base, scheme->digits());
  for (std::size_t i = 1; i < scenarios.size(); ++i) PrintGradeChanges(base, scenarios[i]);
  return 0;  // units in error are part of the output, not a failure of the program
}
