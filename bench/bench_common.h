// What the benchmark files share: workloads, data and batches built once per size, outside
// every timed loop, and the thread counts to run. Not thread-safe: benchmarks here run
// their cases one at a time (the engine's own threads are inside a case).
#ifndef ASSESS_BENCH_BENCH_COMMON_H_
#define ASSESS_BENCH_BENCH_COMMON_H_

#include <cstddef>
#include <string>
#include <vector>

#include "assess/batch.h"
#include "assess/diagnostic.h"
#include "assess/evaluate.h"
#include "assess/expected.h"
#include "assess/results.h"
#include "assess/scheme.h"
#include "workload.h"

namespace assess::bench {

inline constexpr uint64_t kSchemeSeed = 1;
inline constexpr uint64_t kDataSeed = 2;
inline constexpr int kEvalLeaves = 100;

const Workload& CachedWorkload(int leaves);
const Scheme& CachedScheme(int leaves);
const Columns& CachedColumns(int leaves, std::size_t units);
const Batch& CachedBatch(int leaves, std::size_t units);
const std::string& CachedCsv(int leaves, std::size_t units);
const std::string& CachedJsonLines(int leaves, std::size_t units);  // the same units
// The batch's results (Evaluate with default options), for the writers' cases.
const Expected<Results>& CachedResults(int leaves, std::size_t units);

// Drops the cached data of other sizes, so that the 10^6-unit cases do not also hold the
// smaller ones (memory is shared with other work on small machines).
void KeepOnlyUnits(std::size_t units);

// Each benchmark file registers its cases (BM_<Phase>_<Case>); main calls them in this
// order, so that data of one size is built once and dropped before the next size.
void RegisterLoadBenchmarks();  // bench_load.cc
void RegisterCsvBenchmarks();   // bench_csv.cc
void RegisterJsonBenchmarks();  // bench_json.cc
void RegisterEvalBenchmarks();  // bench_eval.cc

// 1, 2 and every core (std::thread::hardware_concurrency), without repeats.
std::vector<int> ThreadCounts();

}  // namespace assess::bench

#endif  // ASSESS_BENCH_BENCH_COMMON_H_
