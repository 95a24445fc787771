// This file's external interface is ToDot: the picture of a scheme that rule authors ask
// for (`assess graph`): the indicator tree, solid, and what each indicator's expressions
// name, dashed, written by Boost.Graph's write_graphviz.
#include <fmt/format.h>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphviz.hpp>
#include <set>
#include <sstream>

#include "graph/dependency_graph.h"
#include "num/number_text.h"

namespace assess::graph {
namespace {

struct DotEdge {
  bool dependency = false;  // dashed: an expression names the target
  bool to_value = false;
};

using DotGraph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property, DotEdge>;

std::string Escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

std::string Label(const check::Node& n) {
  std::string label = n.id;
  if (!n.title.empty()) label += "\\n" + Escape(n.title);
  switch (n.kind) {
    case NodeKind::kBonus:
      label += "\\n(bonus)";
      break;
    case NodeKind::kDeduction:
      label += "\\n(deduction)";
      break;
    default:
      label += "\\n" + ShortestText(n.points) + " points";
      break;
  }
  return label;
}

}  // namespace

std::string ToDot(const check::Model& model, const DependencyGraph& graph) {
  const size_t n = model.nodes.size();
  const size_t vetoes = model.vetoes.size();
  DotGraph g(n + vetoes);
  for (size_t i = 1; i < n; ++i) boost::add_edge(model.nodes[i].parent, i, DotEdge{}, g);
  std::set<std::tuple<size_t, int, bool>> seen;
  for (const Reference& r : graph.references) {
    const size_t from = r.from_node >= 0 ? static_cast<size_t>(r.from_node) : n + r.from_veto;
    if (!seen.emplace(from, r.to_node, r.to_value).second) continue;
    boost::add_edge(from, r.to_node, DotEdge{true, r.to_value}, g);
  }
  // A veto sees `total` and may cap it, whether or not its `when` names it.
  for (size_t v = 0; v < vetoes; ++v) {
    if (seen.emplace(n + v, 0, false).second) boost::add_edge(n + v, 0, DotEdge{true, false}, g);
  }

  auto vertex_writer = [&](std::ostream& out, size_t v) {
    if (v < n) {
      const check::Node& node = model.nodes[v];
      const char* shape = node.kind == NodeKind::kGroup ? "box" : "ellipse";
      out << fmt::format("[label=\"{}\", shape={}]", Label(node), shape);
    } else {
      const check::Veto& veto = model.vetoes[v - n];
      out << fmt::format("[label=\"veto {}\\n{}\", shape=octagon]", Escape(veto.id),
                         Escape(veto.reason));
    }
  };
  auto edge_writer = [&](std::ostream& out, const DotGraph::edge_descriptor& e) {
    const DotEdge& d = g[e];
    if (d.dependency) {
      out << (d.to_value ? "[style=dashed, label=\"value\"]" : "[style=dashed]");
    }
  };
  auto graph_writer = [&](std::ostream& out) {
    out << fmt::format("label=\"{}\";\nrankdir=LR;\n",
                       Escape(model.title.empty() ? model.id : model.title));
  };
  std::ostringstream out;
  boost::write_graphviz(out, g, vertex_writer, edge_writer, graph_writer);
  return out.str();
}

}  // namespace assess::graph
