// Evaluate a batch with a scheme; run a scheme's embedded tests.
#ifndef ASSESS_EVALUATE_H_
#define ASSESS_EVALUATE_H_

#include <atomic>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "assess/api.h"
#include "assess/batch.h"
#include "assess/expected.h"
#include "assess/results.h"
#include "assess/scheme.h"

namespace assess {

// How far an evaluation has come, for a caller that shows it from another thread: units
// evaluated, counted once per phase of the program, out of `total` (set when it starts).
struct EvalProgress {
  std::atomic<std::uint64_t> done{0};
  std::atomic<std::uint64_t> total{0};
};

struct EvalOptions {
  int threads = 0;  // 0: every core; results are the same bit for bit for any number
  // Param overrides for this evaluation (NAME=VALUE, as LoadOptions::params).
  std::vector<std::pair<std::string, std::string>> params;
  bool explain = false;              // keep raw scores for Results::Explain and JSON explanations
  EvalProgress* progress = nullptr;  // optional; must outlive the evaluation
};

// Evaluates every unit. Units with bad data or failing expressions get an error and the
// others go on; an Error comes back only when the evaluation cannot start (a bad param).
ASSESS_API Expected<Results> Evaluate(const Scheme& scheme, const Batch& batch,
                                      const EvalOptions& options = {});

// The outcome of a scheme's embedded tests (rule-language §12).
struct TestOutcome {
  std::string name;
  bool passed = false;
  std::vector<std::string> failures;  // "S1.total: expected 96.5, got 96"
};

ASSESS_API std::vector<TestOutcome> RunEmbeddedTests(const Scheme& scheme,
                                                     const EvalOptions& options = {});

}  // namespace assess

#endif  // ASSESS_EVALUATE_H_
