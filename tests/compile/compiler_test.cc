// Tests of compile::Compile through its canonical listing (compile::Dump): constant
// folding (never into null, -0.0, a division by zero or an overflow), register reuse,
// constant lists, coalesce, phases and reductions, and the tables beside the code.
#include "compile/compiler.h"

#include <gtest/gtest.h>

#include <cmath>

#include "graph/graph_test_util.h"

namespace assess::compile {
namespace {

using assess::testing::BuildText;
using assess::testing::Built;

struct Compiled {
  Built built;
  Program program;
  std::string dump;
};

Compiled CompileText(std::string_view yaml, const check::CheckOptions& options = {}) {
  Compiled out;
  out.built = BuildText(yaml, options);
  EXPECT_TRUE(out.built.graph.has_value()) << ::testing::PrintToString(out.built.diagnostics);
  if (!out.built.graph) return out;
  out.program = Compile(*out.built.model, *out.built.graph);
  out.dump = Dump(out.program);
  return out;
}

// The listing of a scheme whose one indicator `a` (points 10) scores `score`; inputs
// x = in0, y = in1, t = in2, l = in3; param k = 3.
Compiled CompileScore(std::string_view score) {
  return CompileText(fmt::format(R"(scheme: s
inputs: {{x: {{type: number}}, y: {{type: number}}, t: {{type: text}}, l: {{type: list}}}}
params: {{k: 3}}
indicators:
  - {{id: a, points: 10, score: '{}'}}
)",
                                 score));
}

struct DumpCase {
  std::string score;
  std::string code;  // the lines of a's step, up to its LEAF, without indentation

  friend std::ostream& operator<<(std::ostream& os, const DumpCase& c) { return os << c.score; }
};

class Dumps : public ::testing::TestWithParam<DumpCase> {};

TEST_P(Dumps, AreCanonical) {
  std::string want = "phase 0:\n  ";
  for (char ch : GetParam().code) want += ch == '\n' ? std::string("\n  ") : std::string(1, ch);
  want += "\n  GROUP score0, #0\n  FINAL score0\n";
  EXPECT_EQ(CompileScore(GetParam().score).dump, want);
}

const std::vector<DumpCase> kConstantFoldingDumps = {
    {"2 * 3", "LEAF score1, k=6, #1"},
    {"x * (2 * 3)", "MUL r0, in0, k=6\nLEAF score1, r0, #1"},
    {"k * 2 + points", "LEAF score1, k=16, #1"},  // params and `points` are constants
    {"2 ^ -1", "LEAF score1, k=0.5, #1"},
    {"0 - 0", "LEAF score1, k=0, #1"},
    {"x - 0 * 1", "SUB r0, in0, k=0\nLEAF score1, r0, #1"},
    {"min(3, 2, k) + max(1, k)", "LEAF score1, k=5, #1"},
    {"abs(0 - 5)", "LEAF score1, k=5, #1"},
    {"if 1 < 2 and not false then x else 0", "IF r0, k=1, in0, k=0\nLEAF score1, r0, #1"},
    {"if \"A\" == \"A\" or \"A\" != \"B\" then 1 else 2",
     "IF r0, k=1, k=1, k=2\nLEAF score1, r0, #1"},
    // Never folded: -0.0 (`-0`, `0 * -1`), null, a division by zero, a failing power, an
    // overflow. They stay for run time, where they give -0.0, null or the unit's error.
    {"-0", "NEG r0, k=0\nLEAF score1, r0, #1"},
    {"0 * -1", "MUL r0, k=0, k=-1\nLEAF score1, r0, #1"},
    {"-0 + 0", "NEG r0, k=0\nADD r0, r0, k=0\nLEAF score1, r0, #1"},
    {"null * 2", "MUL r0, k=null, k=2\nLEAF score1, r0, #1"},
    {"1 / 0", "DIV r0, k=1, k=0\nLEAF score1, r0, #1"},
    {"0 ^ -1", "POW r0, k=0, k=-1\nLEAF score1, r0, #1"},
    {"(0 - 8) ^ 0.5", "POW r0, k=-8, k=0.5\nLEAF score1, r0, #1"},
    {"10 ^ 400", "POW r0, k=10, k=400\nLEAF score1, r0, #1"},
    {"-x", "NEG r0, in0\nLEAF score1, r0, #1"},
};

INSTANTIATE_TEST_SUITE_P(ConstantFolding, Dumps, ::testing::ValuesIn(kConstantFoldingDumps));

// A register is free again once its value is read; the free list is last in, first out.
const std::vector<DumpCase> kRegistersDumps = {
    {"(x + 1) * (x + 2) * (x + 3)",
     "ADD r0, in0, k=1\nADD r1, in0, k=2\nMUL r1, r0, r1\nADD r0, in0, k=3\nMUL r0, r1, r0\n"
     "LEAF score1, r0, #1"},
    {"x + y * (x - y)", "SUB r0, in0, in1\nMUL r0, in1, r0\nADD r0, in0, r0\nLEAF score1, r0, #1"},
};

INSTANTIATE_TEST_SUITE_P(Registers, Dumps, ::testing::ValuesIn(kRegistersDumps));

// coalesce(a, b, c) is coalesce(a, coalesce(b, c)): it stops at the first that is not null.
const std::vector<DumpCase> kFunctionsDumps = {
    {"coalesce(x, y, 3)", "COALESCE r0, in1, k=3\nCOALESCE r0, in0, r0\nLEAF score1, r0, #1"},
    {"coalesce(x, 3)", "COALESCE r0, in0, k=3\nLEAF score1, r0, #1"},
    {"if x in [1, 2] then 1 else 0", "IN r0, in0, L0\nIF r0, r0, k=1, k=0\nLEAF score1, r0, #1"},
    {"if x in l then 1 else 0", "IN r0, in0, L0\nIF r0, r0, k=1, k=0\nLEAF score1, r0, #1"},
    {"sum(l) + mean(l)", "LISTSUM r0, L0\nLISTMEAN r1, L0\nADD r1, r0, r1\nLEAF score1, r1, #1"},
    {"sum([1, 2, k]) + sum([x, 1]) + sum([1, null])",
     "LISTSUM r0, L0\nLISTMAKE L1, #0\nLISTSUM r1, L1\nADD r1, r0, r1\nLISTMAKE L2, #1\n"
     "LISTSUM r0, L2\nADD r0, r1, r0\nLEAF score1, r0, #1"},
    {"max(l)", "LISTMAX r0, L0\nLEAF score1, r0, #1"},
    {"min(x, y, 1)", "MIN r0, in0, in1\nMIN r0, r0, k=1\nLEAF score1, r0, #1"},
    {"round(x) + round(x, 2)",
     "ROUND r0, in0, k=0\nROUND r1, in0, k=2\nADD r1, r0, r1\nLEAF score1, r1, #1"},
    {"clamp(x, 0, y)", "CLAMP r0, in0, k=0, in1\nLEAF score1, r0, #1"},
    {"safe_div(x, y, 0)", "SAFEDIV r0, in0, in1, k=0\nLEAF score1, r0, #1"},
    {"interp(x, [0, 0], [k, y])", "INTERP r0, in0, #0\nLEAF score1, r0, #1"},
    {"step(x, [1, 2]) + step(x, [1, 2], 0.5)",
     "STEP r0, in0, k=0, #0\nSTEP r1, in0, k=0.5, #1\nADD r1, r0, r1\nLEAF score1, r1, #1"},
    {"lookup(t, {\"A\": 1}, x)", "LOOKUP r0, in2, in0, #0\nLEAF score1, r0, #1"},
    {"if is_missing(x) then 0 else sqrt(x)",
     "ISMISSING r0, in0\nSQRT r1, in0\nIF r1, r0, k=0, r1\nLEAF score1, r1, #1"},
};

INSTANTIATE_TEST_SUITE_P(Functions, Dumps, ::testing::ValuesIn(kFunctionsDumps));

TEST(Compiler, ConstantListsAndOperandLists) {
  Compiled c = CompileScore("sum([1, 2, k]) + sum([x, 1]) + sum([1, null])");
  const Program& p = c.program;
  ASSERT_EQ(p.constant_lists.size(), 1u);
  EXPECT_EQ(p.constant_lists[0], (std::vector<double>{1, 2, 3}));
  ASSERT_EQ(p.operand_lists.size(), 2u);
  ASSERT_EQ(p.operand_lists[0].size(), 2u);
  EXPECT_EQ(p.registers[p.operand_lists[0][0]].binding, Binding::kInput);
  EXPECT_TRUE(Program::IsConst(p.operand_lists[0][1]));
  EXPECT_EQ(p.Const(p.operand_lists[0][1]), 1);
  EXPECT_TRUE(std::isnan(p.Const(p.operand_lists[1][1])));  // null is never a constant list
  ASSERT_EQ(p.list_registers.size(), 3u);
  EXPECT_EQ(p.list_registers[0].kind, ListRegisterInfo::Kind::kConstant);
  EXPECT_EQ(p.list_registers[1].kind, ListRegisterInfo::Kind::kScratch);
  EXPECT_EQ(p.scratch_registers, 2);
}

TEST(Compiler, ConstantsAreSharedAndNeverNegativeZero) {
  Compiled c = CompileScore("x * 2 + y * 2 + (0 - 0) + -0");
  int twos = 0;
  for (double k : c.program.constants) {
    twos += k == 2 ? 1 : 0;
    EXPECT_FALSE(k == 0 && std::signbit(k)) << "a -0.0 constant";
  }
  EXPECT_EQ(twos, 1);
}

TEST(Compiler, PointTablesAndLookupTables) {
  Compiled c = CompileText(R"(scheme: s
inputs: {x: {type: number}, g: {type: text}, h: {type: text}}
params:
  knee: 5
  scores: {B: 0.8, A: 1}
indicators:
  - {id: a, points: 10, score: 'interp(x, [-1, 0], [knee, x], [10, 10])'}
  - {id: b, points: 10, score: 'lookup(g, {"C": 2, "A": -1}) + lookup(g, scores) + lookup(h, scores, 0)'}
)");
  const Program& p = c.program;
  ASSERT_EQ(p.point_tables.size(), 1u);
  EXPECT_EQ(p.point_tables[0].xs, (std::vector<double>{-1, 5, 10}));
  ASSERT_EQ(p.point_tables[0].ys.size(), 3u);
  EXPECT_EQ(p.Const(p.point_tables[0].ys[0]), 0);
  EXPECT_EQ(p.registers[p.point_tables[0].ys[1]].binding, Binding::kInput);
  // The map literal has its own table; the param's table is built once for both lookups.
  ASSERT_EQ(p.lookup_tables.size(), 2u);
  const TextPool& texts = c.built.model->texts();
  auto entry = [&](int table, std::string_view key) {
    const uint32_t id = *texts.Find(key);
    return id < p.lookup_tables[table].size() ? p.lookup_tables[table][id] : std::nan("");
  };
  EXPECT_EQ(entry(0, "C"), 2);
  EXPECT_EQ(entry(0, "A"), -1);
  EXPECT_TRUE(std::isnan(entry(0, "B")));
  EXPECT_EQ(entry(1, "A"), 1);
  EXPECT_EQ(entry(1, "B"), 0.8);
  EXPECT_TRUE(std::isnan(entry(1, "C")));
  // Each table ends at its largest key.
  for (const auto& table : p.lookup_tables) {
    ASSERT_FALSE(table.empty());
    EXPECT_FALSE(std::isnan(table.back()));
  }
  int lookups = 0;
  for (const Inst& in : p.code) {
    if (in.op != Op::kLookup) continue;
    ++lookups;
    EXPECT_EQ(p.sites[in.site].table, static_cast<int>(in.aux));
  }
  EXPECT_EQ(lookups, 3);
}

TEST(Compiler, PhasesAndReductions) {
  Compiled c = CompileScore("peer_max(x - peer_mean(x))");
  EXPECT_EQ(c.dump, R"(phase 0:
  reduce peer1 (peer_mean of in0)
phase 1:
  SUB r0, in0, peer1
  PEERARG r0, #0
  reduce peer0 (peer_max)
phase 2:
  LEAF score1, peer0, #1
  GROUP score0, #0
  FINAL score0
)");
  const Program& p = c.program;
  ASSERT_EQ(p.peer_sites.size(), 2u);
  EXPECT_EQ(p.peer_sites[0].fn, check::Fn::kPeerMax);
  EXPECT_EQ(p.peer_sites[0].phase, 1);
  EXPECT_EQ(p.peer_sites[1].fn, check::Fn::kPeerMean);
  EXPECT_EQ(p.peer_sites[1].phase, 0);
  EXPECT_EQ(p.reductions, (std::vector<std::vector<int>>{{1}, {0}, {}}));
}

TEST(Compiler, NodeStepsWhenValueBonusVeto) {
  Compiled c = CompileText(R"(scheme: s
inputs: {x: {type: number}, accidents: {type: integer}}
indicators:
  - id: g
    when: x > 0
    value: x * 2
    children:
      - {id: a, points: 10, when: g.value > 1, score: x}
      - {id: extra, kind: bonus, cap: 5, rules: [{when: a > 5, points: a / 2, cap: 3}, {points: 1}]}
vetoes:
  - {id: v, when: accidents > 0 and total < 50, cap: 60}
)");
  EXPECT_EQ(c.dump, R"(phase 0:
  GT r0, in0, k=0
  WHEN app0, r0, #1
  MUL r0, in0, k=2
  VALUE value0, r0, #1
  GT r0, value0, k=1
  WHEN app1, r0, #2
  LEAF score2, in0, #2
  GT r0, score2, k=5
  DIV r1, score2, k=2
  BONUS score3, #3
  GROUP score1, #1
  GROUP score0, #0
  GT r1, in1, k=0
  LT r0, score0, k=50
  AND r0, r1, r0
  VETO r0, #0
  FINAL score0
)");
  const Program& p = c.program;
  EXPECT_EQ(p.app_column_of, (std::vector<int>{-1, 0, 1, -1}));
  EXPECT_EQ(p.value_column_of, (std::vector<int>{-1, 0, -1, -1}));
  EXPECT_EQ(p.nodes[2].parent_app, 0);   // a: its parent g's `when`
  EXPECT_EQ(p.nodes[3].parent_app, 0);   // extra: g's too
  EXPECT_EQ(p.nodes[1].parent_app, -1);  // g: total has no `when`
  ASSERT_EQ(p.nodes[3].rule_end - p.nodes[3].rule_begin, 2);
  const RuleCode& first = p.rules[p.nodes[3].rule_begin];
  const RuleCode& second = p.rules[p.nodes[3].rule_begin + 1];
  EXPECT_EQ(first.cap, 3);
  EXPECT_NE(first.when, kNone);
  EXPECT_NE(first.points, kNone);
  EXPECT_EQ(second.when, kNone);  // always fires
  EXPECT_EQ(p.Const(second.points), 1);
  EXPECT_EQ(second.cap, check::kNoCap);
  ASSERT_EQ(p.veto_when.size(), 1u);
  EXPECT_NE(p.veto_site[0], kNone);
}

TEST(Compiler, ErrorSitesPointIntoTheFile) {
  Compiled c = CompileText(R"(scheme: s
inputs: {x: {type: number}, y: {type: number}}
indicators:
  - {id: a, points: 10, score: 'x + x / y'}
)");
  const Program& p = c.program;
  for (const Inst& in : p.code) {
    if (in.op != Op::kDiv) continue;
    ASSERT_NE(in.site, kNone);
    const ErrorSite& site = p.sites[in.site];
    EXPECT_EQ(site.node, 1);
    EXPECT_EQ(site.veto, -1);
    EXPECT_EQ(site.line, 4);
    EXPECT_EQ(site.column, 37);  // the `/` expression starts at its left operand, `x`
    return;
  }
  FAIL() << "no DIV in\n" << c.dump;
}

// Overridden params are the constants that are folded.
TEST(Compiler, FoldsOverriddenParams) {
  check::CheckOptions options;
  options.params = {{"k", "4"}};
  Compiled c = CompileText(R"(scheme: s
inputs: {x: {type: number}}
params: {k: 3}
indicators:
  - {id: a, points: 10, score: 'x * (k * 2)'}
)",
                           options);
  EXPECT_EQ(
      c.dump,
      "phase 0:\n  MUL r0, in0, k=8\n  LEAF score1, r0, #1\n  GROUP score0, #0\n  FINAL score0\n");
}

// The dump of `x in ...` names the list register as a list (`L0`) and the value as a value.
TEST(Compiler, DumpNamesListOperandsAsLists) {
  Compiled c = CompileScore("if x in [1, y] then 1 else 0");
  EXPECT_EQ(c.dump, R"(phase 0:
  LISTMAKE L0, #0
  IN r0, in0, L0
  IF r0, r0, k=1, k=0
  LEAF score1, r0, #1
  GROUP score0, #0
  FINAL score0
)");
}

}  // namespace
}  // namespace assess::compile
