// This file's external interface is RegisterLoadBenchmarks: BM_Load_Compile/L, loading,
// checking and compiling a generated scheme of L leaf indicators from its YAML text.
#include <benchmark/benchmark.h>

#include "bench_common.h"

namespace assess::bench {
namespace {

void BM_Load_Compile(benchmark::State& state) {
  const Workload& w = CachedWorkload(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    Expected<Scheme> s = Scheme::LoadText(w.rules_yaml, "bench.yaml");
    if (!s) {
      state.SkipWithError(s.error().message.c_str());
      break;
    }
    benchmark::DoNotOptimize(s);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * w.rules_yaml.size()));
  state.counters["yaml_KB"] = static_cast<double>(w.rules_yaml.size()) / 1024;
}

}  // namespace

void RegisterLoadBenchmarks() {
  benchmark::RegisterBenchmark("BM_Load_Compile", BM_Load_Compile)
      ->Arg(100)
      ->Arg(1000)
      ->Arg(10000)
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime()
      ->MeasureProcessCPUTime();
}

}  // namespace assess::bench
