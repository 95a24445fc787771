// This file's external interface is RegisterCsvBenchmarks: CSV throughput at 10^5 units x
// 100 leaves. BM_Csv_Read parses text already in memory (Batch::ReadText: a text this large
// without quotes is read in two parts on two threads); BM_Csv_ReadFile reads the same text
// from a file (in the page cache after the first pass) as `assess run` does, streaming, on
// one thread; BM_Csv_Write writes the results table (Results::WriteCsv) into a stream that only
// counts the bytes, so the figure is the formatter's, not a disk's.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <ostream>

#include "bench_common.h"
#include "writer_throughput.h"

namespace assess::bench {
namespace {

constexpr std::size_t kCsvUnits = 100000;

void Prepare() { KeepOnlyUnits(kCsvUnits); }

void BM_Csv_Read(benchmark::State& state) {
  Prepare();
  const Scheme& s = CachedScheme(kEvalLeaves);
  const std::string& csv = CachedCsv(kEvalLeaves, kCsvUnits);
  for (auto _ : state) {
    Expected<Batch> b = Batch::ReadText(s, csv, DataFormat::kCsv);
    if (!b || b->size() != kCsvUnits) {
      state.SkipWithError("the CSV did not read back");
      break;
    }
    benchmark::DoNotOptimize(b);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * csv.size()));
  state.counters["MB"] = static_cast<double>(csv.size()) / 1e6;
}

void BM_Csv_ReadFile(benchmark::State& state) {
  Prepare();
  const Scheme& s = CachedScheme(kEvalLeaves);
  const std::string& csv = CachedCsv(kEvalLeaves, kCsvUnits);
  const std::filesystem::path path = std::filesystem::temp_directory_path() /
                                     ("assess_bench_" + std::to_string(getpid()) + ".csv");
  {
    std::ofstream out(path, std::ios::binary);
    out << csv;
  }
  for (auto _ : state) {
    Expected<Batch> b = Batch::ReadFile(s, path.string(), DataFormat::kCsv);
    if (!b || b->size() != kCsvUnits) {
      state.SkipWithError("the CSV file did not read back");
      break;
    }
    benchmark::DoNotOptimize(b);
  }
  std::filesystem::remove(path);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * csv.size()));
}

void BM_Csv_Write(benchmark::State& state) {
  Prepare();
  const Expected<Results>& r = CachedResults(kEvalLeaves, kCsvUnits);
  if (!r) {
    state.SkipWithError(r.error().message.c_str());
    return;
  }
  MeasureWrite(state, [&](std::ostream& out) { r->WriteCsv(out); });
}

}  // namespace

void RegisterCsvBenchmarks() {
  for (auto* b : {benchmark::RegisterBenchmark("BM_Csv_Read", BM_Csv_Read),
                  benchmark::RegisterBenchmark("BM_Csv_ReadFile", BM_Csv_ReadFile),
                  benchmark::RegisterBenchmark("BM_Csv_Write", BM_Csv_Write)}) {
    b->Arg(static_cast<int64_t>(kCsvUnits))
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime()
        ->MeasureProcessCPUTime();
  }
}

}  // namespace assess::bench
