// Compiles a checked model and its dependency graph into a Program: the steps in
// evaluation order, grouped by phase, each expression flattened to instructions over
// registers, constants folded.
#ifndef ASSESS_COMPILE_COMPILER_H_
#define ASSESS_COMPILE_COMPILER_H_

#include <string>

#include "check/model.h"
#include "compile/program.h"
#include "graph/dependency_graph.h"

namespace assess::compile {

Program Compile(const check::Model& model, const graph::DependencyGraph& graph);

// A canonical listing, one instruction a line ("ADD r3, r1, k0=2"), for tests and
// `assess explain --program`.
std::string Dump(const Program& program);

}  // namespace assess::compile

#endif  // ASSESS_COMPILE_COMPILER_H_
