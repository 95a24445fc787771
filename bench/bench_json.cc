// This file's external interface is RegisterJsonBenchmarks: JSON throughput at 10^5 units x
// 100 leaves (bench_csv.cc's units, as JSON). BM_JsonLines_Read parses JSON Lines already in
// memory (Batch::ReadText: a text this large is read in two parts on two threads);
// BM_JsonLines_ReadFile and BM_Json_ReadFile read the units from a file (in the page cache
// after the first pass) as `assess run` does, the second as one JSON array; both on two
// threads. BM_JsonLines_Write writes the results into a stream that only counts the bytes.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <ostream>
#include <string>

#include "bench_common.h"
#include "writer_throughput.h"

namespace assess::bench {
namespace {

constexpr std::size_t kJsonUnits = 100000;

// The units' JSON Lines text as a JSON array: `[` the lines joined by `,` `]`.
std::string AsJsonArray(const std::string& lines) {
  std::string out = "[";
  out.reserve(lines.size() + 2);
  for (char ch : lines) out += ch == '\n' ? ',' : ch;
  out.back() = ']';
  return out;
}

void MeasureReadText(benchmark::State& state, const std::string& text, DataFormat format) {
  const Scheme& s = CachedScheme(kEvalLeaves);
  for (auto _ : state) {
    Expected<Batch> b = Batch::ReadText(s, text, format);
    if (!b || b->size() != kJsonUnits) {
      state.SkipWithError("the JSON did not read back");
      break;
    }
    benchmark::DoNotOptimize(b);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.counters["MB"] = static_cast<double>(text.size()) / 1e6;
}

void MeasureReadFile(benchmark::State& state, const std::string& text, const char* extension) {
  const Scheme& s = CachedScheme(kEvalLeaves);
  const std::filesystem::path path = std::filesystem::temp_directory_path() /
                                     ("assess_bench_" + std::to_string(getpid()) + "." + extension);
  {
    std::ofstream out(path, std::ios::binary);
    out << text;
  }
  for (auto _ : state) {
    Expected<Batch> b = Batch::ReadFile(s, path.string(), DataFormat::kAuto);
    if (!b || b->size() != kJsonUnits) {
      state.SkipWithError("the JSON file did not read back");
      break;
    }
    benchmark::DoNotOptimize(b);
  }
  std::filesystem::remove(path);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.counters["MB"] = static_cast<double>(text.size()) / 1e6;
}

void BM_JsonLines_Read(benchmark::State& state) {
  KeepOnlyUnits(kJsonUnits);
  MeasureReadText(state, CachedJsonLines(kEvalLeaves, kJsonUnits), DataFormat::kJsonLines);
}

void BM_JsonLines_ReadFile(benchmark::State& state) {
  KeepOnlyUnits(kJsonUnits);
  MeasureReadFile(state, CachedJsonLines(kEvalLeaves, kJsonUnits), "jsonl");
}

void BM_Json_ReadFile(benchmark::State& state) {
  KeepOnlyUnits(kJsonUnits);
  MeasureReadFile(state, AsJsonArray(CachedJsonLines(kEvalLeaves, kJsonUnits)), "json");
}

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
  for (auto* b : {benchmark::RegisterBenchmark("BM_JsonLines_Read", BM_JsonLines_Read),
                  benchmark::RegisterBenchmark("BM_JsonLines_ReadFile", BM_JsonLines_ReadFile),
                  benchmark::RegisterBenchmark("BM_Json_ReadFile", BM_Json_ReadFile),
                  benchmark::RegisterBenchmark("BM_JsonLines_Write", BM_JsonLines_Write)}) {
    b->Arg(static_cast<int64_t>(kJsonUnits))
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime()
        ->MeasureProcessCPUTime();
  }
}

}  // namespace assess::bench
