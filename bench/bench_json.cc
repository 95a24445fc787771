// This file's external interface is RegisterJsonBenchmarks: the JSON Lines writer's
// throughput on the results of 10^5 units x 100 leaves (the batch of bench_csv.cc's
// BM_Csv_Write), into a stream that only counts the bytes.
#include <benchmark/benchmark.h>

#include <optional>
#include <ostream>

#include "bench_common.h"
#include "counting_buf.h"

namespace assess::bench {
namespace {

constexpr std::size_t kJsonUnits = 100000;

void BM_JsonLines_Write(benchmark::State& state) {
  KeepOnlyUnits(kJsonUnits);
  // Evaluated once: Google Benchmark calls this function again for each trial run.
  static std::optional<Expected<Results>> results;
  if (!results) results = Evaluate(CachedScheme(kEvalLeaves), CachedBatch(kEvalLeaves, kJsonUnits));
  const Expected<Results>& r = *results;
  if (!r) {
    state.SkipWithError(r.error().message.c_str());
    return;
  }
  std::size_t bytes = 0;
  for (auto _ : state) {
    CountingBuf buf;
    std::ostream out(&buf);
    r->WriteJsonLines(out);
    out.flush();
    bytes += buf.count();
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["MB"] =
      state.iterations() ? static_cast<double>(bytes) / 1e6 / state.iterations() : 0;
}

}  // namespace

void RegisterJsonBenchmarks() {
  benchmark::RegisterBenchmark("BM_JsonLines_Write", BM_JsonLines_Write)
      ->Arg(static_cast<int64_t>(kJsonUnits))
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime()
      ->MeasureProcessCPUTime();
}

}  // namespace assess::bench
