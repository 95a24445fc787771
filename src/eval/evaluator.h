// Evaluate: runs a compiled program over a batch of units (DESIGN: chunks x threads,
// phases split at peer functions), then ranks and grades. Results are the same bit for bit
// for any number of threads: each unit is computed by one thread, peer aggregates are
// reduced in a fixed order with exactly rounded sums.
#ifndef ASSESS_EVAL_EVALUATOR_H_
#define ASSESS_EVAL_EVALUATOR_H_

#include <atomic>
#include <cstdint>

#include "check/model.h"
#include "compile/program.h"
#include "data/unit_table.h"
#include "eval/peer_hook.h"
#include "eval/result_table.h"

namespace assess::eval {

struct EvalSettings {
  int threads = 1;     // >= 1
  bool trace = false;  // keep raw (pre-clamp) scores for explanations
  // Optional progress for a caller's display: units done (once per phase that runs steps)
  // out of the total, which Evaluate sets first.
  std::atomic<uint64_t>* progress_done = nullptr;
  std::atomic<uint64_t>* progress_total = nullptr;
  // A batch evaluated in parts: the peer reductions and ranks are the hook's (not owned).
  PeerHook* peers = nullptr;
};

ResultTable Evaluate(const check::Model& model, const compile::Program& program,
                     const data::UnitTable& units, const EvalSettings& settings);

}  // namespace assess::eval

#endif  // ASSESS_EVAL_EVALUATOR_H_
