// This file's external interface is RegisterJsonBenchmarks: the JSON Lines writer's
// throughput on the results of 10^5 units x 100 leaves (the batch of bench_csv.cc's
// BM_Csv_Write), into a stream that only counts the bytes.
#include <benchmark/benchmark.h>

#include <ostream>

#include "bench_common.h"
#include "writer_throughput.h"

namespace assess::bench {
namespace {

constexpr std::size_t kJsonUnits = 100000;

void BM_JsonLines_Write(benchmark::State& state) {
  KeepOnlyUnits(kJsonUnits);
  const Expected<Results>& r = CachedResults(kEvalLeaves, kJsonUnits);
  if (!r) {
    state.SkipWithError(r.error().message.c_str());
    return;
  }
  MeasureWrite(state, [&](std::ostream& out) { r->WriteJsonLines(out); });
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
