// Helpers for the tests of the dependency graph and the compiler: load, check and build
// the graph of a YAML text.
#ifndef ASSESS_TESTS_GRAPH_GRAPH_TEST_UTIL_H_
#define ASSESS_TESTS_GRAPH_GRAPH_TEST_UTIL_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "check/front_test_util.h"
#include "graph/dependency_graph.h"

namespace assess::testing {

struct Built {
  std::unique_ptr<check::Model> model;
  std::optional<graph::DependencyGraph> graph;  // set when there was no error
  std::vector<std::string> diagnostics;         // errors and warnings, sorted by place
};

inline Built BuildText(std::string_view yaml, const check::CheckOptions& options = {},
                       const load::LoadLimits& limits = {}) {
  DiagnosticSink sink("rules.yaml");
  Built out;
  auto decl = load::LoadYaml(yaml, limits, sink);
  if (decl) out.model = check::Check(std::move(*decl), options, sink);
  if (out.model) out.graph = graph::BuildDependencyGraph(*out.model, sink);
  out.diagnostics = Lines(sink);
  return out;
}

}  // namespace assess::testing

#endif  // ASSESS_TESTS_GRAPH_GRAPH_TEST_UTIL_H_
