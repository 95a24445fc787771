// This file's external interface is the caches of bench_common.h.
#include "bench_common.h"

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <thread>
#include <utility>

#include "engine_input.h"

namespace assess::bench {
namespace {

struct Data {
  std::optional<Columns> columns;
  std::optional<Batch> batch;
  std::optional<std::string> csv;
  std::optional<std::string> json_lines;
  std::optional<Expected<Results>> results;
};

std::map<int, std::unique_ptr<Workload>>& Workloads() {
  static auto* m = new std::map<int, std::unique_ptr<Workload>>;
  return *m;
}
std::map<int, std::unique_ptr<Scheme>>& Schemes() {
  static auto* m = new std::map<int, std::unique_ptr<Scheme>>;
  return *m;
}
std::map<std::pair<int, std::size_t>, Data>& DataSets() {
  static auto* m = new std::map<std::pair<int, std::size_t>, Data>;
  return *m;
}

}  // namespace

const Workload& CachedWorkload(int leaves) {
  auto& slot = Workloads()[leaves];
  if (!slot) slot = std::make_unique<Workload>(MakeWorkload(leaves, kSchemeSeed));
  return *slot;
}

const Scheme& CachedScheme(int leaves) {
  auto& slot = Schemes()[leaves];
  if (!slot) slot = std::make_unique<Scheme>(LoadWorkloadScheme(CachedWorkload(leaves)));
  return *slot;
}

const Columns& CachedColumns(int leaves, std::size_t units) {
  Data& d = DataSets()[{leaves, units}];
  if (!d.columns) d.columns = MakeColumns(CachedWorkload(leaves), units, kDataSeed);
  return *d.columns;
}

const Batch& CachedBatch(int leaves, std::size_t units) {
  const Columns& c = CachedColumns(leaves, units);
  Data& d = DataSets()[{leaves, units}];
  if (!d.batch) d.batch = MakeEngineBatch(CachedScheme(leaves), CachedWorkload(leaves), c);
  return *d.batch;
}

const std::string& CachedCsv(int leaves, std::size_t units) {
  const Columns& c = CachedColumns(leaves, units);
  Data& d = DataSets()[{leaves, units}];
  if (!d.csv) d.csv = MakeCsv(CachedWorkload(leaves), c);
  return *d.csv;
}

const std::string& CachedJsonLines(int leaves, std::size_t units) {
  const Columns& c = CachedColumns(leaves, units);
  Data& d = DataSets()[{leaves, units}];
  if (!d.json_lines) d.json_lines = MakeJsonLines(CachedWorkload(leaves), c);
  return *d.json_lines;
}

const Expected<Results>& CachedResults(int leaves, std::size_t units) {
  const Batch& b = CachedBatch(leaves, units);
  Data& d = DataSets()[{leaves, units}];
  if (!d.results) d.results = Evaluate(CachedScheme(leaves), b);
  return *d.results;
}

void KeepOnlyUnits(std::size_t units) {
  auto& sets = DataSets();
  for (auto it = sets.begin(); it != sets.end();) {
    it = it->first.second == units ? std::next(it) : sets.erase(it);
  }
}

std::vector<int> ThreadCounts() {
  std::vector<int> t = {1, 2, static_cast<int>(std::max(1u, std::thread::hardware_concurrency()))};
  std::sort(t.begin(), t.end());
  t.erase(std::unique(t.begin(), t.end()), t.end());
  return t;
}

}  // namespace assess::bench
