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
  // Per node, one value a unit: leaves 0..L-1, then groups, bonus, deduction (negative),
  // and the total before the veto. Kept, as the engine keeps them, for the published table.
  std::vector<std::vector<double>> scores;
  std::vector<double> totals;  // after the veto cap
  std::vector<int32_t> rank;   // 1-based, within the unit's peer group
  std::vector<int32_t> grade;  // level index (0 = excellent)
};

// threads >= 1.
BaselineResults RunBaseline(const Workload& w, const Columns& c, int threads);

inline std::vector<double> BaselineTotals(const Workload& w, const Columns& c, int threads) {
  return RunBaseline(w, c, threads).totals;
}

}  // namespace assess::bench

#endif  // ASSESS_BENCH_BASELINE_H_
