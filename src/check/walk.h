// Walks over the expressions of a model and over the nodes of an expression.
#ifndef ASSESS_CHECK_WALK_H_
#define ASSESS_CHECK_WALK_H_

#include "check/model.h"

namespace assess::check {

// Calls f(expr) for `e` and every expression below it, parents first.
template <class F>
void VisitExpr(const expr::Expr& e, F&& f) {
  f(e);
  for (const auto& a : e.args) VisitExpr(*a, f);
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
