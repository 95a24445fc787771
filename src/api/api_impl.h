// The objects behind the public handles (Scheme, Batch, Results). Internal to api/.
#ifndef ASSESS_API_API_IMPL_H_
#define ASSESS_API_API_IMPL_H_

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "assess/batch.h"
#include "assess/results.h"
#include "assess/scheme.h"
#include "check/model.h"
#include "compile/program.h"
#include "data/unit_table.h"
#include "eval/partials.h"
#include "eval/result_table.h"
#include "graph/dependency_graph.h"
#include "report/result_view.h"

namespace assess::internal {

struct SchemeImpl {
  std::string file_name;
  std::string text;  // kept to load again with other params
  LoadOptions options;
  // Schemes loaded from the same text share a family: their inputs are the same, so a batch
  // read for one can be evaluated by another.
  std::shared_ptr<const void> family;
  std::unique_ptr<check::Model> model;
  graph::DependencyGraph graph;
  compile::Program program;
  std::vector<Diagnostic> warnings;
  std::vector<IndicatorInfo> indicators;
  std::vector<InputInfo> inputs;
};

struct BatchImpl {
  std::shared_ptr<const SchemeImpl> scheme;  // the scheme whose inputs checked the data
  data::UnitTable table;
};

struct ResultsImpl {
  std::shared_ptr<const SchemeImpl> scheme;
  std::shared_ptr<const BatchImpl> batch;
  data::UnitTable rebound;  // the batch's table with texts renumbered, when it had to be
  bool uses_rebound = false;
  eval::ResultTable table;
  int threads = 1;  // as evaluated
  // EvaluateReleasing freed the input columns: explanations can no longer be computed.
  bool inputs_released = false;
  // A part of a batch evaluated in parts (partition.h): the merged peer aggregates and
  // rank counts it was evaluated with, which an explanation's evaluation takes too.
  std::shared_ptr<const std::vector<eval::PeerPartials>> peers;

  const data::UnitTable& units() const { return uses_rebound ? rebound : batch->table; }
  report::ResultView View() const { return {*scheme->model, scheme->program, units(), table}; }
  // A view with raw scores for explanations: `table` when the evaluation kept them
  // (EvalOptions::explain), else the batch evaluated once more with tracing on, by the same
  // evaluator (so with the same results), once per Results and thread-safely.
  report::ResultView TracedView() const;

  mutable std::once_flag traced_once;
  mutable std::unique_ptr<eval::ResultTable> traced;
  static Results Make(std::shared_ptr<const ResultsImpl> impl) { return Results(std::move(impl)); }
};

// Loads, checks and compiles a rule file's text.
Expected<Scheme> BuildScheme(std::string text, std::string file_name, LoadOptions options,
                             std::shared_ptr<const void> family);

Error MakeError(std::string message);

// The batch's table with its text ids renumbered as `model` numbers them (a scheme loaded
// with other params may number texts differently).
data::UnitTable Rebind(const data::UnitTable& table, const check::Model& model);

}  // namespace assess::internal

#endif  // ASSESS_API_API_IMPL_H_
