// Walks over the expressions of a model and over the nodes of an expression.
#ifndef ASSESS_CHECK_WALK_H_
#define ASSESS_CHECK_WALK_H_

#include <vector>

#include "check/model.h"

namespace assess::check {

// Calls f(expr) for `e` and every expression below it, parents first, left to right. A
// loop with its own stack: a chain `a + b + ...` is as deep as it is long.
template <class F>
void VisitExpr(const expr::Expr& e, F&& f) {
  std::vector<const expr::Expr*> stack{&e};
  while (!stack.empty()) {
    const expr::Expr* x = stack.back();
    stack.pop_back();
    f(*x);
    for (auto it = x->args.rbegin(); it != x->args.rend(); ++it) stack.push_back(it->get());
  }
}

// Calls f(expression) for every parsed expression of the model: node values, whens,
// scores, rules' whens and points, vetoes' whens.
template <class F>
void ForEachExpression(const Model& m, F&& f) {
  for (const Node& n : m.nodes) {
    if (n.value && n.value->root) f(*n.value);
    if (n.when && n.when->root) f(*n.when);
    if (n.score && n.score->root) f(*n.score);
    for (const Rule& r : n.rules) {
      if (r.when && r.when->root) f(*r.when);
      if (r.points && r.points->root) f(*r.points);
    }
  }
  for (const Veto& v : m.vetoes) {
    if (v.when.root) f(v.when);
  }
}

}  // namespace assess::check

#endif  // ASSESS_CHECK_WALK_H_
