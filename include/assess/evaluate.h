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

// Evaluate, for a batch the caller gives up (it is moved from): once its units are
// evaluated, its input columns are freed, and the Results keep only the units' ids, places
// and data errors. What the caller makes next (a file's pages, a DataFrame of the scores)
// can then reuse that memory, which on a virtual machine costs far less than fresh memory
// (docs/performance.md). When another copy of the Batch is still held, nothing is freed.
// Explanations are computed from the inputs: Results::Explain and explained JSON of such
// Results need `options.explain` (they throw std::logic_error without it).
ASSESS_API Expected<Results> EvaluateReleasing(const Scheme& scheme, Batch&& batch,
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
