// The compiler's state, shared by compiler.cc (steps, registers) and expr_compiler.cc
// (expressions). Internal to compile/.
#ifndef ASSESS_COMPILE_COMPILER_IMPL_H_
#define ASSESS_COMPILE_COMPILER_IMPL_H_

#include <cstdint>
#include <map>
#include <unordered_map>
#include <vector>

#include "check/model.h"
#include "compile/program.h"
#include "graph/dependency_graph.h"

namespace assess::compile {

class Compiler {
 public:
  Compiler(const check::Model& model, const graph::DependencyGraph& graph) : m_(model), g_(graph) {}

  Program Run();

 private:
  // compiler.cc
  void Prepare();
  void CompileStep(int step);
  uint32_t Bound(Binding binding, uint32_t index);
  uint32_t Scratch();
  void Release(uint32_t operand);
  void ReleaseAll();
  uint32_t Constant(double value);
  uint32_t AddSite(const check::Expression* x, const expr::Expr* e);
  uint32_t Emit(Inst inst);

  // expr_compiler.cc: returns an operand (register or constant) holding the value of `e`.
  uint32_t Expr(const expr::Expr& e);
  uint32_t List(const expr::Expr& e);  // a list register
  uint32_t Call(const expr::Expr& e);
  uint32_t Unary(Op op, const expr::Expr& e, uint32_t a);
  uint32_t Binary(Op op, const expr::Expr& e, uint32_t a, uint32_t b);
  uint32_t Ternary(Op op, const expr::Expr& e, uint32_t a, uint32_t b, uint32_t c);
  uint32_t Lookup(const expr::Expr& e);
  uint32_t LookupTable(const expr::Expr& table);  // an index into Program::lookup_tables
  uint32_t Points(Op op, const expr::Expr& e);
  uint32_t ListOp(Op op, const expr::Expr& e, uint32_t list, uint32_t b = kNone);
  uint32_t ScratchList();
  uint32_t ConstantList(std::vector<double> values);

  const check::Model& m_;
  const graph::DependencyGraph& g_;
  Program p_;
  int current_node_ = -1;  // the node (or -1) whose expression is being compiled
  int current_veto_ = -1;
  const check::Expression* current_ = nullptr;
  std::map<std::pair<Binding, uint32_t>, uint32_t> bound_;
  std::unordered_map<uint64_t, uint32_t> constants_;  // bits -> index
  std::vector<uint32_t> free_scratch_, used_scratch_;
  std::vector<uint32_t> free_lists_, used_lists_;
  std::map<uint32_t, uint32_t> input_lists_;   // input -> list register
  std::map<uint32_t, uint32_t> param_lists_;   // param -> list register
  std::map<uint32_t, uint32_t> param_tables_;  // param -> lookup table
  std::vector<int> peer_site_of_step_;
};

}  // namespace assess::compile

#endif  // ASSESS_COMPILE_COMPILER_IMPL_H_
