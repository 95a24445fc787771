// This file's external interface is BuildDependencyGraph.
#include "graph/dependency_graph.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/strong_components.hpp>
#include <boost/graph/topological_sort.hpp>
#include <deque>
#include <iterator>

#include "check/functions.h"

namespace assess::graph {
namespace {

using check::Model;
using expr::Expr;
using Kind = Step::Kind;

// An edge: from a step to a step it needs. `barrier`: through a peer call (the needed step
// must be in an earlier phase). `pos`: where the expression names it (references only).
struct Edge {
  bool barrier = false;
  bool reference = false;
  SourcePos pos;
};

using Graph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property, Edge>;

class Builder {
 public:
  Builder(const Model& m, DiagnosticSink& sink) : m_(m), sink_(sink) {}

  std::optional<DependencyGraph> Build() {
    AddSteps();
    AddEdges();
    if (!CheckCycles()) return std::nullopt;
    Order();
    return std::move(g_);
  }

 private:
  int AddStep(Step s) {
    g_.steps.push_back(s);
    boost::add_vertex(graph_);
    return static_cast<int>(g_.steps.size()) - 1;
  }

  void AddEdge(int from, int to, Edge e) { boost::add_edge(from, to, e, graph_); }

  void AddSteps() {
    const int n = static_cast<int>(m_.nodes.size());
    g_.when_step.assign(n, -1);
    g_.value_step.assign(n, -1);
    g_.score_step.assign(n, -1);
    for (int i = 0; i < n; ++i) {
      g_.when_step[i] = AddStep({Kind::kWhen, i});
      if (m_.nodes[i].value) g_.value_step[i] = AddStep({Kind::kValue, i});
      g_.score_step[i] = AddStep({Kind::kScore, i});
    }
    for (int v = 0; v < static_cast<int>(m_.vetoes.size()); ++v) {
      Step s{Kind::kVeto};
      s.veto = v;
      g_.veto_step.push_back(AddStep(s));
    }
    g_.final_step = AddStep({Kind::kFinal});
  }

  // Adds the edges of expression `x`, held by step `owner` of node `node` (-1: veto `veto`).
  // Its sub-expressions are visited parents first, left to right (references in file
  // order), with a stack of their own: a chain `a + b + ...` is as deep as it is long.
  void AddExpression(const check::Expression& x, int owner, int node, int veto) {
    std::vector<std::pair<const Expr*, int>> stack{{x.root.get(), owner}};  // (expr, owner)
    while (!stack.empty()) {
      auto [e, holder] = stack.back();
      stack.pop_back();
      if (e->kind == expr::Kind::kCall && e->type != expr::Type::kUnknown &&
          check::IsPeerFunction(static_cast<check::Fn>(e->ref_index))) {
        // The argument is a step of its own, computed for every unit in an earlier phase.
        Step s{Kind::kPeerArg, node};
        s.veto = veto;
        s.peer_call = e;
        s.expression = &x;
        s.owner = holder;
        const int arg = AddStep(s);
        g_.peer_arg_step[e] = arg;
        AddEdge(holder, arg, {true, false, x.PosOf(*e)});
        holder = arg;
      } else {
        switch (e->ref) {
          case expr::Ref::kNodeScore:
            Reference(x, *e, holder, node, veto, g_.score_step[e->ref_index], false);
            break;
          case expr::Ref::kNodeValue:
          case expr::Ref::kOwnValue:
            Reference(x, *e, holder, node, veto, g_.value_step[e->ref_index], true);
            break;
          case expr::Ref::kTotal:
            AddEdge(holder, g_.score_step[0], {false, true, x.PosOf(*e)});
            break;
          default:
            break;
        }
      }
      for (auto it = e->args.rbegin(); it != e->args.rend(); ++it) {
        stack.emplace_back(it->get(), holder);
      }
    }
  }

  void Reference(const check::Expression& x, const Expr& e, int owner, int node, int veto,
                 int target, bool to_value) {
    AddEdge(owner, target, {false, true, x.PosOf(e)});
    if (e.ref != expr::Ref::kOwnValue) {
      g_.references.push_back({node, static_cast<int>(e.ref_index), to_value, veto});
    }
  }

  void AddEdges() {
    for (int i = 0; i < static_cast<int>(m_.nodes.size()); ++i) {
      const check::Node& n = m_.nodes[i];
      const int w = g_.when_step[i], v = g_.value_step[i], s = g_.score_step[i];
      if (n.parent >= 0) AddEdge(w, g_.when_step[n.parent], {});
      if (n.when) AddExpression(*n.when, w, i, -1);
      if (v >= 0) {
        AddEdge(v, w, {});
        AddEdge(s, v, {});
        AddExpression(*n.value, v, i, -1);
      }
      AddEdge(s, w, {});
      if (n.score) AddExpression(*n.score, s, i, -1);
      for (const check::Rule& r : n.rules) {
        if (r.when) AddExpression(*r.when, s, i, -1);
        if (r.points) AddExpression(*r.points, s, i, -1);
      }
      for (int c : n.children) AddEdge(s, g_.score_step[c], {});
      if (!n.counts_points && n.parent >= 0) {
        // A bonus / deduction node comes after its group's score children (rule-language §16).
        for (int c : m_.nodes[n.parent].children) {
          if (m_.nodes[c].counts_points) AddEdge(s, g_.score_step[c], {});
        }
      }
    }
    for (int v = 0; v < static_cast<int>(m_.vetoes.size()); ++v) {
      const int step = g_.veto_step[v];
      AddEdge(step, g_.score_step[0], {});
      AddExpression(m_.vetoes[v].when, step, -1, v);
      AddEdge(g_.final_step, step, {});
    }
    AddEdge(g_.final_step, g_.score_step[0], {});
  }

  // The name of a step in a cycle's path: `gdp`, `gdp.value`; "" for steps not shown. A
  // peer function's argument is named by the step whose expression holds the call.
  std::string StepName(int step) const {
    while (g_.steps[step].kind == Kind::kPeerArg && g_.steps[step].owner >= 0) {
      step = g_.steps[step].owner;
    }
    const Step& s = g_.steps[step];
    switch (s.kind) {
      case Kind::kWhen:
      case Kind::kScore:
        return m_.nodes[s.node].id;
      case Kind::kValue:
        return m_.nodes[s.node].id + ".value";
      default:
        return "";
    }
  }

  // Reports each cycle at the first reference, in file order, that closes it.
  bool CheckCycles() {
    const size_t count = boost::num_vertices(graph_);
    std::vector<int> component(count);
    boost::strong_components(
        graph_, boost::make_iterator_property_map(component.begin(),
                                                  boost::get(boost::vertex_index, graph_)));
    std::vector<int> size(count, 0);
    for (int c : component) ++size[c];
    // The closing reference of each cyclic component: the first in file order.
    std::unordered_map<int, std::pair<int, int>> closing;  // component -> (from, to)
    std::unordered_map<int, SourcePos> closing_pos;
    for (auto [it, end] = boost::edges(graph_); it != end; ++it) {
      const int from = static_cast<int>(boost::source(*it, graph_));
      const int to = static_cast<int>(boost::target(*it, graph_));
      const Edge& e = graph_[*it];
      if (component[from] != component[to]) continue;
      if (size[component[from]] == 1 && from != to) continue;
      if (!e.reference) continue;
      auto found = closing_pos.find(component[from]);
      const bool earlier =
          found == closing_pos.end() || e.pos.line < found->second.line ||
          (e.pos.line == found->second.line && e.pos.column < found->second.column);
      if (earlier) {
        closing[component[from]] = {from, to};
        closing_pos[component[from]] = e.pos;
      }
    }
    std::vector<std::pair<SourcePos, std::string>> reports;
    for (const auto& [comp, edge] : closing) {
      std::vector<int> path = PathBack(edge.second, edge.first, component);
      std::vector<std::string> names{StepName(edge.first)};
      for (int step : path) {
        std::string name = StepName(step);
        if (!name.empty() && name != names.back()) names.push_back(name);
      }
      if (names.size() == 1) names.push_back(names[0]);  // a step that needs itself
      reports.emplace_back(closing_pos[comp], "dependency cycle: " + PathText(names));
    }
    std::sort(reports.begin(), reports.end(), [](const auto& a, const auto& b) {
      return std::tie(a.first.line, a.first.column) < std::tie(b.first.line, b.first.column);
    });
    for (auto& [pos, message] : reports) sink_.Error(pos, std::move(message));
    return reports.empty();
  }

  // A cycle's path as written in its message: `a -> b -> a`. The whole path up to
  // kPathShown names; a longer one (only a generated file has one) keeps its first and last
  // kPathShown / 2 names, which show where it starts and closes, around "... (N more) ...",
  // so that the message stays a line, not 100 KB.
  static constexpr size_t kPathShown = 40;
  static std::string PathText(const std::vector<std::string>& names) {
    std::string text;
    auto add = [&](const std::string& name) { text += (text.empty() ? "" : " -> ") + name; };
    if (names.size() <= kPathShown) {
      for (const std::string& n : names) add(n);
      return text;
    }
    const size_t half = kPathShown / 2;
    for (size_t i = 0; i < half; ++i) add(names[i]);
    add(fmt::format("... ({} more) ...", names.size() - 2 * half));
    for (size_t i = names.size() - half; i < names.size(); ++i) add(names[i]);
    return text;
  }

  // The shortest path from `from` to `to` inside their component (breadth first), both
  // included. The parent marks are kept between calls and reset after each, so that many
  // small cycles cost their own size, not the graph's size each.
  std::vector<int> PathBack(int from, int to, const std::vector<int>& component) {
    if (from == to) return {from};
    parent_.resize(boost::num_vertices(graph_), -2);
    std::vector<int> touched{from};
    std::deque<int> queue{from};
    parent_[from] = -1;
    while (!queue.empty() && parent_[to] == -2) {
      const int u = queue.front();
      queue.pop_front();
      for (auto [it, end] = boost::out_edges(u, graph_); it != end; ++it) {
        const int v = static_cast<int>(boost::target(*it, graph_));
        if (component[v] != component[from] || parent_[v] != -2) continue;
        parent_[v] = u;
        touched.push_back(v);
        queue.push_back(v);
      }
    }
    std::vector<int> path;
    for (int cur = to; cur >= 0; cur = parent_[cur]) path.push_back(cur);
    std::reverse(path.begin(), path.end());
    for (int v : touched) parent_[v] = -2;
    return path;
  }

  // The evaluation order (dependencies first) and each step's phase.
  void Order() {
    std::vector<boost::graph_traits<Graph>::vertex_descriptor> order;
    boost::topological_sort(graph_, std::back_inserter(order));
    g_.order.assign(order.begin(), order.end());
    int phases = 1;
    for (int step : g_.order) {
      int phase = 0;
      for (auto [it, end] = boost::out_edges(step, graph_); it != end; ++it) {
        const int dep = static_cast<int>(boost::target(*it, graph_));
        phase = std::max(phase, g_.steps[dep].phase + (graph_[*it].barrier ? 1 : 0));
      }
      g_.steps[step].phase = phase;
      phases = std::max(phases, phase + 1);
    }
    g_.phases = phases;
    // Then as late as possible: each step in the last phase that its users allow. The
    // phase count stays, but only what peer functions need is computed in early phases; the
    // rest runs in the last phase, where a leaf's score is still in cache when its group
    // adds it up (chunk by chunk), instead of being written for the whole batch in one
    // phase and read back in the next.
    std::vector<int> latest(g_.steps.size(), phases - 1);
    for (auto it = g_.order.rbegin(); it != g_.order.rend(); ++it) {
      const int step = *it;  // every user of `step` comes before it in this order
      for (auto [e, end] = boost::out_edges(step, graph_); e != end; ++e) {
        const int dep = static_cast<int>(boost::target(*e, graph_));
        latest[dep] = std::min(latest[dep], latest[step] - (graph_[*e].barrier ? 1 : 0));
      }
    }
    for (size_t step = 0; step < g_.steps.size(); ++step) g_.steps[step].phase = latest[step];
  }

  const Model& m_;
  DiagnosticSink& sink_;
  DependencyGraph g_;
  Graph graph_;
  std::vector<int> parent_;  // PathBack's marks: -2 not reached, -1 the start, else a step
};

}  // namespace

std::optional<DependencyGraph> BuildDependencyGraph(const check::Model& model,
                                                    DiagnosticSink& sink) {
  return Builder(model, sink).Build();
}

}  // namespace assess::graph
