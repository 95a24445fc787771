// This file's external interface is Lint: warnings that point at likely mistakes without
// stopping the load (`assess check` prints them and exits 0).
#include <fmt/format.h>

#include "check/check_context.h"
#include "check/walk.h"

namespace assess::check {

void Lint(CheckContext& ctx) {
  const Model& m = ctx.model;
  std::vector<bool> input_used(m.data.inputs.size(), false);
  std::vector<bool> param_used(m.params.size(), false);
  ForEachExpression(m, [&](const Expression& e) {
    VisitExpr(*e.root, [&](const expr::Expr& x) {
      if (x.ref == expr::Ref::kInput) input_used[x.ref_index] = true;
      if (x.ref == expr::Ref::kParam) param_used[x.ref_index] = true;
    });
  });
  if (m.peers_input >= 0) input_used[m.peers_input] = true;
  for (size_t i = 0; i < input_used.size(); ++i) {
    if (!input_used[i]) {
      ctx.sink.Warning(m.input_pos[i], fmt::format("input `{}` is not used by any expression",
                                                   m.data.inputs[i].name));
    }
  }
  for (size_t i = 0; i < param_used.size(); ++i) {
    if (!param_used[i]) {
      ctx.sink.Warning(m.params[i].pos,
                       fmt::format("param `{}` is not used by any expression", m.params[i].name));
    }
  }
  for (size_t i = 1; i < m.nodes.size(); ++i) {
    const Node& n = m.nodes[i];
    if (n.kind == NodeKind::kLeaf && n.cap < n.points) {
      ctx.sink.Warning(n.pos, fmt::format("`{}` can never reach its full marks: its cap is below "
                                          "its points",
                                          n.id));
    }
  }
  if (m.grades && !m.grades->levels.empty() && m.grades->levels.back().quota) {
    const Level& last = m.grades->levels.back();
    ctx.sink.Warning(last.pos, fmt::format("the last level (`{}`) has a quota: units beyond it "
                                           "get no grade",
                                           last.name));
  }
}

}  // namespace assess::check
