// DependencyGraph: what each computation of a scheme needs before it, as a Boost.Graph
// graph (kept out of this header). It finds cycles (reported with their whole path,
// rule-language §17, §12), the evaluation order, and the phases that peer functions split it into
// (DESIGN: a `peer_*` call is a barrier).
#ifndef ASSESS_GRAPH_DEPENDENCY_GRAPH_H_
#define ASSESS_GRAPH_DEPENDENCY_GRAPH_H_

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "check/model.h"
#include "core/diagnostics.h"

namespace assess::graph {

// One computation. Edges run from a step to the steps it needs.
struct Step {
  enum class Kind {
    kWhen,     // node's applicability: its own `when` and its ancestors'
    kValue,    // node's `value`
    kScore,    // node's score (leaf: its `score`; group: its children; bonus: its rules)
    kPeerArg,  // a peer function's argument, evaluated for every unit of the batch
    kVeto,     // a veto's `when`
    kFinal,    // the total after vetoes
  };
  Kind kind = Kind::kScore;
  int node = -1;  // kWhen, kValue, kScore: the node; kPeerArg: the owner's node (-1 in a veto)
  int veto = -1;  // kVeto: the veto; kPeerArg in a veto: the veto
  const expr::Expr* peer_call = nullptr;          // kPeerArg: the `peer_*(...)` call
  const check::Expression* expression = nullptr;  // kPeerArg: the expression holding it
  int owner = -1;  // kPeerArg: the step that reads the aggregate (the call's expression)
  // Steps of phase p run after every peer aggregate of earlier phases is known.
  int phase = 0;
};

// A dependency an expression writes, for DOT and for cycle reports.
struct Reference {
  int from_node;       // the node whose expression holds it (-1: a veto)
  int to_node;         // the node it names
  bool to_value;       // `x.value` rather than `x`
  int from_veto = -1;  // the veto whose `when` holds it (from_node -1)
};

struct DependencyGraph {
  std::vector<Step> steps;
  std::vector<int> order;  // every step, each after the steps it needs
  int phases = 1;
  // Per peer call: its kPeerArg step. The compiler compiles the call as a read of the
  // aggregate, and the argument in that step.
  std::unordered_map<const expr::Expr*, int> peer_arg_step;
  // Per node: its kWhen, kValue (-1 without `value`), kScore steps.
  std::vector<int> when_step, value_step, score_step;
  std::vector<int> veto_step;
  int final_step = -1;
  std::vector<Reference> references;  // in file order
};

// Builds the graph of a checked model. A cycle is an error in `sink` at the first reference,
// in file order, that closes it: "dependency cycle: a -> b -> a". nullopt on errors.
std::optional<DependencyGraph> BuildDependencyGraph(const check::Model& model,
                                                    DiagnosticSink& sink);

// The indicator tree (solid edges) and the dependencies between indicators (dashed), as
// Graphviz DOT.
std::string ToDot(const check::Model& model, const DependencyGraph& graph);

}  // namespace assess::graph

#endif  // ASSESS_GRAPH_DEPENDENCY_GRAPH_H_
