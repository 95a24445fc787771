// Check: turns a SchemeDecl into a Model, reporting every error at once (rule-language §17): ids
// and names, points and weights, parameter values, expression syntax, names and types, vetoes and
// grades, and lint warnings. Cycles are found later, by the dependency graph.
#ifndef ASSESS_CHECK_CHECKER_H_
#define ASSESS_CHECK_CHECKER_H_

#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "check/model.h"
#include "core/diagnostics.h"
#include "expr/parser.h"
#include "load/scheme_decl.h"

namespace assess::check {

struct CheckOptions {
  expr::ParseLimits parse;
  std::size_t max_nodes = 100000;  // indicator nodes and rules in a scheme
  // NAME=VALUE overrides of params, read by each param's type (rule-language §16); an unknown name
  // is an error.
  std::vector<std::pair<std::string, std::string>> params;
};

// Returns the model, or nullptr when `sink` got errors.
std::unique_ptr<Model> Check(load::SchemeDecl decl, const CheckOptions& options,
                             DiagnosticSink& sink);

}  // namespace assess::check

#endif  // ASSESS_CHECK_CHECKER_H_
