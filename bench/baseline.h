// The hand-written baseline: the generated scheme computed directly over the columns, with
// no engine, the way a good engineer would write this one scheme. The benchmark compares
// the engine with it; a test checks that both give the same results bit for bit.
#ifndef ASSESS_BENCH_BASELINE_H_
#define ASSESS_BENCH_BASELINE_H_

#include <cstdint>
#include <vector>

#include "workload.h"

namespace assess::bench {

struct BaselineResults {
  // Per node, one value a unit, in hundredths (the scheme rounds every score to 2 digits,
  // so each is a whole number of them, as in a hand-written program): leaves 0..L-1, then
  // groups, bonus, deduction (negative), and the total before the veto.
  std::vector<std::vector<int32_t>> cents;
  std::vector<int32_t> total_cents;  // after the veto cap
  std::vector<int32_t> rank;         // 1-based, within the unit's peer group
  std::vector<int32_t> grade;        // level index (0 = excellent)

  // As the engine publishes them: the double nearest to cents / 100.
  double Score(std::size_t node, std::size_t unit) const { return cents[node][unit] / 100.0; }
  double Total(std::size_t unit) const { return total_cents[unit] / 100.0; }
};

// threads >= 1. `out` may hold an earlier run's results: its storage is reused, so that
// only the first run touches fresh memory (as a program that evaluates batch after batch).
void RunBaseline(const Workload& w, const Columns& c, int threads, BaselineResults& out);
inline BaselineResults RunBaseline(const Workload& w, const Columns& c, int threads) {
  BaselineResults out;
  RunBaseline(w, c, threads, out);
  return out;
}

}  // namespace assess::bench

#endif  // ASSESS_BENCH_BASELINE_H_
