// This file's external interface is RegisterEvalBenchmarks: evaluation of 100 leaves over
// 10^4, 10^5 and 10^6 units in memory, on 1, 2 and all cores, by the engine
// (BM_Eval_Engine/UNITS/THREADS: assess::Evaluate on a Batch) and by the hand-written
// baseline (BM_Eval_Baseline/UNITS/THREADS). Both produce every node's score, totals,
// ranks and grades, and free them inside the timed loop. The data is built once per size,
// outside the loop.
#include <benchmark/benchmark.h>

#include "baseline.h"
#include "bench_common.h"

namespace assess::bench {
namespace {

void Prepare(const benchmark::State& state) {
  KeepOnlyUnits(static_cast<std::size_t>(state.range(0)));
}

void BM_Eval_Engine(benchmark::State& state) {
  Prepare(state);
  const std::size_t units = static_cast<std::size_t>(state.range(0));
  const Scheme& s = CachedScheme(kEvalLeaves);
  const Batch& batch = CachedBatch(kEvalLeaves, units);
  EvalOptions options;
  options.threads = static_cast<int>(state.range(1));
  for (auto _ : state) {
    Expected<Results> r = Evaluate(s, batch, options);
    if (!r || r->error_count() != 0) {
      state.SkipWithError("the engine failed on the generated data");
      break;
    }
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * units));
}

void BM_Eval_Baseline(benchmark::State& state) {
  Prepare(state);
  const std::size_t units = static_cast<std::size_t>(state.range(0));
  const Workload& w = CachedWorkload(kEvalLeaves);
  const Columns& c = CachedColumns(kEvalLeaves, units);
  const int threads = static_cast<int>(state.range(1));
  // Its storage is reused from one run to the next (the first run, untimed, touches it), so
  // the baseline never pays for fresh memory: the engine, which allocates its results
  // every run, is compared with the fastest program there is.
  BaselineResults r;
  RunBaseline(w, c, threads, r);
  for (auto _ : state) {
    RunBaseline(w, c, threads, r);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * units));
}

}  // namespace

void RegisterEvalBenchmarks() {
  // Size-major, engine then baseline, so each size's data is built once. A 10^6 case takes
  // seconds an iteration: a fixed few iterations keep the whole run within minutes.
  for (int64_t units : {10000, 100000, 1000000}) {
    for (auto fn : {std::make_pair("BM_Eval_Engine", BM_Eval_Engine),
                    std::make_pair("BM_Eval_Baseline", BM_Eval_Baseline)}) {
      for (int threads : ThreadCounts()) {
        auto* b = benchmark::RegisterBenchmark(fn.first, fn.second)
                      ->Args({units, threads})
                      ->Unit(benchmark::kMillisecond)
                      ->UseRealTime()
                      ->MeasureProcessCPUTime();
        if (units >= 1000000) {
          b->Iterations(5);
        } else {
          b->MinTime(1.0);
        }
      }
    }
  }
}

}  // namespace assess::bench
