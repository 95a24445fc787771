// The engine's side of a workload: its scheme loaded, and its columns turned into an
// assess::Batch in memory (no CSV text in between), as an integrator holding the data in
// arrays would hand it over.
#ifndef ASSESS_BENCH_ENGINE_INPUT_H_
#define ASSESS_BENCH_ENGINE_INPUT_H_

#include <vector>

#include "assess/batch.h"
#include "assess/diagnostic.h"
#include "assess/evaluate.h"
#include "assess/expected.h"
#include "assess/results.h"
#include "assess/scheme.h"
#include "workload.h"

namespace assess::bench {

// The workload's scheme; aborts with the diagnostics if it does not load (a bug here).
Scheme LoadWorkloadScheme(const Workload& w);

// The columns as a batch for `scheme`, through the engine's one checking builder
// (data::UnitTableBuilder), cell by cell. The public BatchBuilder has no list columns, and
// keeps a boxed cell per value until Build(), too much for 10^8 values (see
// docs/performance.md).
Batch MakeEngineBatch(const Scheme& scheme, const Workload& w, const Columns& c);

// Totals, ranks and grades (level index, -1 for none) of every unit.
std::vector<double> EngineTotals(const Results& r);
std::vector<int> EngineRanks(const Results& r);
std::vector<int> EngineGrades(const Scheme& scheme, const Results& r);

}  // namespace assess::bench

#endif  // ASSESS_BENCH_ENGINE_INPUT_H_
