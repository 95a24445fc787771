// Tests of graph::BuildDependencyGraph: cycles with their whole path, at the first reference
// in file order that closes them (rule-language §17, §12 "Loading"); no false cycles; phases split
// at peer functions; an evaluation order that respects every dependency; and hostile sizes.
#include "graph/dependency_graph.h"

#include <gtest/gtest.h>

#include <chrono>

#include "check/functions.h"
#include "check/walk.h"
#include "graph/graph_test_util.h"

namespace assess::graph {
namespace {

using assess::testing::BuildText;
using assess::testing::Built;
using assess::testing::DiagnosticCase;
using assess::testing::Errors;
using assess::testing::ExpectDiagnostics;

class Cycles : public ::testing::TestWithParam<DiagnosticCase> {};

TEST_P(Cycles, AreReportedWithTheirPath) {
  Built built = BuildText(GetParam().yaml);
  ASSERT_NE(built.model, nullptr) << ::testing::PrintToString(built.diagnostics);
  EXPECT_FALSE(built.graph.has_value());
  ExpectDiagnostics(Errors(built.diagnostics), GetParam().expected);
}

const std::vector<DiagnosticCase> kPathsCycles = {
    {"TwoNodes",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: party, points: 10, score: democratic}
  - {id: democratic, points: 10, score: party + x}
)",
     {"4:36: dependency cycle: party -> democratic -> party"}},
    {"AtTheFirstReferenceInFileOrder",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: democratic, points: 10, score: party + x}
  - {id: party, points: 10, score: democratic}
)",
     {"4:41: dependency cycle: democratic -> party -> democratic"}},
    {"SelfReference",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: a, points: 10, score: a + x}
)",
     {"4:32: dependency cycle: a -> a"}},
    {"OwnWhenNamesItself",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: a, points: 10, when: a > 1, score: x}
)",
     {"4:31: dependency cycle: a -> a"}},
    {"ThreeNodes",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: a, points: 10, score: b}
  - {id: b, points: 10, score: c}
  - {id: c, points: 10, score: a + x}
)",
     {"4:32: dependency cycle: a -> b -> c -> a"}},
    {"ThroughAValue",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - id: gdp
    points: 10
    value: economy
    score: value
  - id: economy
    points: 10
    score: gdp.value + x
)",
     {"6:12: dependency cycle: gdp.value -> economy -> gdp.value"}},
    {"ValueNamesItsOwnScore",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - id: a
    points: 10
    value: a + x
    score: value
)",
     {"6:12: dependency cycle: a.value -> a -> a.value"}},
    {"ThroughAGroupAndAChildsWhen",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - id: g
    children:
      - id: c
        points: 10
        when: g > 5
        score: x
)",
     {"8:15: dependency cycle: c -> g -> c"}},
    {"ThroughAnAncestorsWhen",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - id: g
    when: c > 5
    children:
      - id: h
        children:
          - {id: c, points: 10, score: x}
)",
     {"5:11: dependency cycle: g -> c -> h -> g"}},
    {"ThroughABonusNode",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - id: g
    children:
      - {id: a, points: 10, score: x}
      - id: extra
        kind: bonus
        rules:
          - {when: g > 5, points: 1}
)",
     {"10:20: dependency cycle: extra -> g -> extra"}},
    {"ThroughAPeerFunction",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: a, points: 10, score: 'peer_max(b)'}
  - {id: b, points: 10, score: a + x}
)",
     {"4:42: dependency cycle: a -> b -> a"}},
    {"TwoIndependentCycles",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: a, points: 10, score: b}
  - {id: b, points: 10, score: a}
  - {id: c, points: 10, score: x + d}
  - {id: d, points: 10, score: c}
)",
     {"4:32: dependency cycle: a -> b -> a", "6:36: dependency cycle: c -> d -> c"}},
};

INSTANTIATE_TEST_SUITE_P(Paths, Cycles, ::testing::ValuesIn(kPathsCycles),
                         [](const auto& info) { return info.param.name; });

class NoCycle : public ::testing::TestWithParam<DiagnosticCase> {};

TEST_P(NoCycle, IsReported) {
  Built built = BuildText(GetParam().yaml);
  EXPECT_TRUE(built.graph.has_value());
  EXPECT_TRUE(Errors(built.diagnostics).empty()) << ::testing::PrintToString(built.diagnostics);
}

const std::vector<DiagnosticCase> kDependenciesNoCycle = {
    {"ChildsWhenNamesASibling",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - id: g
    children:
      - {id: a, points: 10, score: x}
      - {id: b, points: 10, when: a > 5, score: x}
)",
     {}},
    {"BonusAfterItsGroupsScoreChildren",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - id: g
    children:
      - {id: a, points: 10, score: x}
      - id: extra
        kind: bonus
        rules:
          - {when: a > 5, points: b / 10}
      - {id: b, points: 10, score: x}
)",
     {}},
    {"ChildUsesItsParentsValue",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - id: g
    value: x * 2
    children:
      - {id: a, points: 10, when: g.value > 1, score: g.value}
)",
     {}},
    {"NodeUsesAnotherGroupsChildren",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - id: g
    children:
      - {id: a, points: 10, score: x}
  - id: h
    children:
      - {id: b, points: 10, score: a + g}
)",
     {}},
    {"PeerOfItsOwnInput",
     R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: a, points: 10, score: 'x / peer_max(x) * points'}
vetoes:
  - {id: v, when: 'total < peer_mean(total) - a'}
)",
     {}},
};

INSTANTIATE_TEST_SUITE_P(Dependencies, NoCycle, ::testing::ValuesIn(kDependenciesNoCycle),
                         [](const auto& info) { return info.param.name; });

// Every dependency the model's expressions and tree give, checked against the order and
// the phases: a step comes after every step it needs, and after a peer aggregate's argument
// in a later phase.
void ExpectOrderRespectsEveryEdge(const check::Model& m, const DependencyGraph& g) {
  std::vector<int> position(g.steps.size(), -1);
  for (size_t i = 0; i < g.order.size(); ++i) {
    ASSERT_EQ(position[g.order[i]], -1) << "step twice in the order";
    position[g.order[i]] = static_cast<int>(i);
  }
  for (int p : position) ASSERT_GE(p, 0) << "a step is missing from the order";
  auto needs = [&](int step, int dep, bool barrier) {
    ASSERT_GE(step, 0);
    ASSERT_GE(dep, 0);
    EXPECT_LT(position[dep], position[step]) << "step " << step << " before " << dep;
    if (barrier) {
      EXPECT_LT(g.steps[dep].phase, g.steps[step].phase);
    } else {
      EXPECT_LE(g.steps[dep].phase, g.steps[step].phase);
    }
  };
  // The references of one expression held by `owner`; a peer call's argument is its own step.
  std::function<void(const expr::Expr&, int)> walk = [&](const expr::Expr& e, int owner) {
    if (e.kind == expr::Kind::kCall && check::IsPeerFunction(static_cast<check::Fn>(e.ref_index))) {
      const int arg = g.peer_arg_step.at(&e);
      needs(owner, arg, true);
      for (const auto& a : e.args) walk(*a, arg);
      return;
    }
    if (e.ref == expr::Ref::kNodeScore) needs(owner, g.score_step[e.ref_index], false);
    if (e.ref == expr::Ref::kNodeValue || e.ref == expr::Ref::kOwnValue) {
      needs(owner, g.value_step[e.ref_index], false);
    }
    if (e.ref == expr::Ref::kTotal) needs(owner, g.score_step[0], false);
    for (const auto& a : e.args) walk(*a, owner);
  };
  for (size_t i = 0; i < m.nodes.size(); ++i) {
    const check::Node& n = m.nodes[i];
    const int w = g.when_step[i], v = g.value_step[i], s = g.score_step[i];
    if (n.parent >= 0) needs(w, g.when_step[n.parent], false);
    if (n.when) walk(*n.when->root, w);
    if (n.value) {
      needs(v, w, false);
      needs(s, v, false);
      walk(*n.value->root, v);
    }
    needs(s, w, false);
    if (n.score) walk(*n.score->root, s);
    for (const check::Rule& r : n.rules) {
      if (r.when) walk(*r.when->root, s);
      if (r.points) walk(*r.points->root, s);
    }
    for (int c : n.children) needs(s, g.score_step[c], false);
    if (!n.counts_points && n.parent >= 0) {
      for (int c : m.nodes[n.parent].children) {
        if (m.nodes[c].counts_points) needs(s, g.score_step[c], false);
      }
    }
  }
  for (size_t v = 0; v < m.vetoes.size(); ++v) {
    needs(g.veto_step[v], g.score_step[0], false);
    walk(*m.vetoes[v].when.root, g.veto_step[v]);
    needs(g.final_step, g.veto_step[v], false);
  }
  needs(g.final_step, g.score_step[0], false);
  int phases = 0;
  for (const Step& s : g.steps) phases = std::max(phases, s.phase + 1);
  EXPECT_EQ(g.phases, phases);
}

TEST(DependencyGraph, OrderRespectsEveryDependency) {
  Built built = BuildText(R"(scheme: s
peers: type
inputs:
  type: {type: text}
  x: {type: number}
  y: {type: number}
  award: {type: boolean}
indicators:
  - id: economy
    when: type != "resident"
    children:
      - id: gdp
        points: 15
        value: x / peer_max(x)
        score: points * min(value, 1.2)
      - {id: invest, points: 10, when: gdp > 5, score: 'points * ramp(y, 0, peer_mean(y))'}
      - id: extra
        kind: bonus
        rules:
          - {when: award, points: 'gdp.value * 2', cap: 3}
  - {id: party, points: 30, score: 'peer_rank(economy + gdp) + peer_max(x - peer_mean(x))'}
  - {id: late, points: 10, score: 'party / 3 + economy'}
vetoes:
  - {id: v, when: 'total < peer_mean(total) - 30'}
)");
  ASSERT_TRUE(built.graph.has_value()) << ::testing::PrintToString(built.diagnostics);
  ExpectOrderRespectsEveryEdge(*built.model, *built.graph);
  // gdp.value needs peer_max(x) (phase 1); party needs a peer of economy, which needs gdp:
  // phase 2; peer_mean(total) of the veto comes after total (phase 2): the veto in phase 3.
  const DependencyGraph& g = *built.graph;
  EXPECT_EQ(g.steps[g.value_step[2]].phase, 1);
  EXPECT_EQ(g.steps[g.score_step[5]].phase, 2);
  EXPECT_EQ(g.steps[g.veto_step[0]].phase, 3);
  EXPECT_EQ(g.phases, 4);
  EXPECT_EQ(g.peer_arg_step.size(), 6u);
}

TEST(DependencyGraph, StepsOfEveryNode) {
  Built built = BuildText(R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: a, points: 10, value: x, score: value}
  - {id: b, points: 10, score: x}
vetoes:
  - {id: v, when: total < 1}
)");
  ASSERT_TRUE(built.graph.has_value()) << ::testing::PrintToString(built.diagnostics);
  const DependencyGraph& g = *built.graph;
  // Per node a `when` and a score step, a value step for `a`; one veto step; the final step.
  EXPECT_EQ(g.steps.size(), 3u * 2 + 1 + 1 + 1);
  EXPECT_EQ(g.value_step[0], -1);
  EXPECT_GE(g.value_step[1], 0);
  EXPECT_EQ(g.value_step[2], -1);
  EXPECT_EQ(g.steps[g.value_step[1]].kind, Step::Kind::kValue);
  EXPECT_EQ(g.steps[g.score_step[2]].kind, Step::Kind::kScore);
  EXPECT_EQ(g.steps[g.when_step[2]].kind, Step::Kind::kWhen);
  EXPECT_EQ(g.steps[g.veto_step[0]].kind, Step::Kind::kVeto);
  EXPECT_EQ(g.steps[g.final_step].kind, Step::Kind::kFinal);
  EXPECT_EQ(g.order.back(), g.final_step);
  ASSERT_EQ(g.references.size(), 0u);  // `value` names no other node
}

TEST(DependencyGraph, ReferencesInFileOrder) {
  Built built = BuildText(R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: a, points: 10, value: x, score: value}
  - {id: b, points: 10, when: a > 1, score: a.value + a}
)");
  ASSERT_TRUE(built.graph.has_value()) << ::testing::PrintToString(built.diagnostics);
  const auto& r = built.graph->references;
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(std::make_tuple(r[0].from_node, r[0].to_node, r[0].to_value),
            std::make_tuple(2, 1, false));
  EXPECT_EQ(std::make_tuple(r[1].from_node, r[1].to_node, r[1].to_value),
            std::make_tuple(2, 1, true));
  EXPECT_EQ(std::make_tuple(r[2].from_node, r[2].to_node, r[2].to_value),
            std::make_tuple(2, 1, false));
}

int PhasesOf(std::string_view score) {
  Built built = BuildText(fmt::format(R"(scheme: s
inputs: {{x: {{type: number}}}}
indicators:
  - {{id: a, points: 10, score: 'x + peer_mean(x)'}}
  - {{id: b, points: 10, score: '{}'}}
)",
                                      score));
  EXPECT_TRUE(built.graph.has_value()) << ::testing::PrintToString(built.diagnostics);
  if (!built.graph) return -1;
  ExpectOrderRespectsEveryEdge(*built.model, *built.graph);
  return built.graph->phases;
}

TEST(DependencyGraph, PhasesSplitAtPeerFunctions) {
  Built none = BuildText(R"(scheme: s
inputs: {x: {type: number}}
indicators:
  - {id: a, points: 10, score: x}
  - {id: b, points: 10, score: a * 2}
)");
  ASSERT_TRUE(none.graph.has_value());
  EXPECT_EQ(none.graph->phases, 1);
  for (const Step& s : none.graph->steps) EXPECT_EQ(s.phase, 0);

  EXPECT_EQ(PhasesOf("x"), 2);                           // only a's peer_mean(x)
  EXPECT_EQ(PhasesOf("peer_max(x)"), 2);                 // side by side with a's
  EXPECT_EQ(PhasesOf("peer_max(x - peer_mean(x))"), 3);  // nested
  EXPECT_EQ(PhasesOf("peer_max(a)"), 3);                 // a peer of an indicator using a peer
  EXPECT_EQ(PhasesOf("peer_max(peer_rank(a) + 1) + a"), 4);
  EXPECT_EQ(PhasesOf("a + peer_count(x)"), 2);
}

// Steps run as late as their users allow: only what a peer function needs is computed in
// the early phase; an indicator no peer needs runs in the last phase, beside its group.
TEST(DependencyGraph, StepsRunInTheLastPhaseTheirUsersAllow) {
  Built b = BuildText(R"(scheme: s
inputs: {x: {type: number}, y: {type: number}}
indicators:
  - id: g
    points: 20
    children:
      - {id: plain, points: 10, score: y}
      - {id: fed, points: 10, score: x}
  - {id: bench, points: 10, score: 'fed / peer_max(fed) * points'}
)");
  ASSERT_TRUE(b.graph.has_value());
  const graph::DependencyGraph& g = *b.graph;
  const check::Model& m = *b.model;
  ASSERT_EQ(g.phases, 2);
  EXPECT_EQ(g.steps[g.score_step[m.FindNode("fed")]].phase, 0);    // peer_max needs it
  EXPECT_EQ(g.steps[g.score_step[m.FindNode("plain")]].phase, 1);  // nothing early needs it
  EXPECT_EQ(g.steps[g.score_step[m.FindNode("g")]].phase, 1);
  EXPECT_EQ(g.steps[g.score_step[m.FindNode("bench")]].phase, 1);
  EXPECT_EQ(g.steps[g.final_step].phase, 1);
}

// Every cycle of a file whose nodes name each other in pairs is reported, and each report
// costs the size of its cycle, not of the graph.
TEST(DependencyGraph, ManySmallCycles) {
  std::string yaml =
      "scheme: s\ninputs: {x: {type: number}}\nindicators:\n  - {id: z, points: 1, score: x}\n";
  const int pairs = 20000;
  for (int i = 0; i < pairs; ++i) {
    yaml += fmt::format("  - {{id: a{0}, points: 1, score: b{0}}}\n", i);
    yaml += fmt::format("  - {{id: b{0}, points: 1, score: a{0}}}\n", i);
  }
  const auto start = std::chrono::steady_clock::now();
  Built built = BuildText(yaml);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_FALSE(built.graph.has_value());
  const auto errors = Errors(built.diagnostics);
  ASSERT_EQ(errors.size(), static_cast<size_t>(pairs));
  EXPECT_EQ(errors[0], "5:32: dependency cycle: a0 -> b0 -> a0");
  const std::string last = fmt::format("a{}", pairs - 1);  // its reference is at column 30 + 6
  EXPECT_EQ(errors.back(), fmt::format("{}:36: dependency cycle: {} -> b{} -> {}", 3 + 2 * pairs,
                                       last, pairs - 1, last));
  EXPECT_LT(seconds, 20);
}

// A long chain is ordered without deep recursion (Boost's DFS keeps its own stack).
TEST(DependencyGraph, LongChain) {
  std::string yaml =
      "scheme: s\ninputs: {x: {type: number}}\nindicators:\n  - {id: n0, points: 1, score: x}\n";
  const int n = 5000;
  for (int i = 1; i < n; ++i) {
    yaml += fmt::format("  - {{id: n{}, points: 1, score: n{} + 1}}\n", i, i - 1);
  }
  Built built = BuildText(yaml);
  ASSERT_TRUE(built.graph.has_value()) << ::testing::PrintToString(built.diagnostics);
  ExpectOrderRespectsEveryEdge(*built.model, *built.graph);
  EXPECT_EQ(built.graph->phases, 1);
}

// The path of a very long cycle keeps its first and last 20 names (see PathText).
TEST(DependencyGraph, LongCyclePathIsShortened) {
  std::string yaml = "scheme: s\ninputs: {x: {type: number}}\nindicators:\n";
  const int n = 10000;
  for (int i = 0; i < n; ++i) {
    yaml += fmt::format("  - {{id: n{}, points: 1, score: n{} + x}}\n", i, (i + 1) % n);
  }
  Built built = BuildText(yaml);
  EXPECT_FALSE(built.graph.has_value());
  const auto errors = Errors(built.diagnostics);
  ASSERT_EQ(errors.size(), 1u);
  std::string path = "n0";
  for (int i = 1; i < 20; ++i) path += fmt::format(" -> n{}", i);
  path += " -> ... (9961 more) ...";
  for (int i = n - 19; i < n; ++i) path += fmt::format(" -> n{}", i);
  path += " -> n0";
  EXPECT_EQ(errors[0], "4:32: dependency cycle: " + path);

  // 40 names (a cycle of 39 nodes) are shown whole.
  yaml = "scheme: s\ninputs: {x: {type: number}}\nindicators:\n";
  for (int i = 0; i < 39; ++i) {
    yaml += fmt::format("  - {{id: n{}, points: 1, score: n{} + x}}\n", i, (i + 1) % 39);
  }
  built = BuildText(yaml);
  const auto whole = Errors(built.diagnostics);
  ASSERT_EQ(whole.size(), 1u);
  path = "n0";
  for (int i = 1; i < 39; ++i) path += fmt::format(" -> n{}", i);
  EXPECT_EQ(whole[0], "4:32: dependency cycle: " + path + " -> n0");
}

}  // namespace
}  // namespace assess::graph
