// This file's external interface is Expr's destructor.
#include "expr/ast.h"

namespace assess::expr {

Expr::~Expr() {
  std::vector<ExprPtr> stack;
  for (ExprPtr& a : args) {
    if (a) stack.push_back(std::move(a));
  }
  while (!stack.empty()) {
    ExprPtr e = std::move(stack.back());
    stack.pop_back();
    for (ExprPtr& a : e->args) {
      if (a) stack.push_back(std::move(a));
    }
  }  // each `e` dies here with no children left
}

}  // namespace assess::expr
