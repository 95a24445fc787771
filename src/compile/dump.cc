// This file's external interface is Dump(Program): a canonical listing for tests, one
// instruction a line: "ADD r3, r1, k=2".
#include <fmt/format.h>

#include <array>

#include "compile/compiler.h"
#include "num/number_text.h"

namespace assess::compile {
namespace {

constexpr std::array<const char*, 52> kOpNames = {
    "ADD",     "SUB",       "MUL",      "DIV",        "POW",      "NEG",       "MIN",
    "MAX",     "EQ",        "NE",       "LT",         "LE",       "GT",        "GE",
    "NOT",     "AND",       "OR",       "IF",         "COALESCE", "ISMISSING", "ABS",
    "FLOOR",   "CEIL",      "SQRT",     "LN",         "EXP",      "ROUND",     "CLAMP",
    "RAMP",    "SAFEDIV",   "INTERP",   "STEP",       "LOOKUP",   "IN",        "LISTMAKE",
    "LISTSUM", "LISTCOUNT", "LISTMEAN", "LISTMEDIAN", "LISTMIN",  "LISTMAX",   "TRIMMEDMEAN",
    "COPY",    "WHEN",      "VALUE",    "LEAF",       "GROUP",    "BONUS",     "PEERARG",
    "VETO",    "FINAL",     "?"};

const char* BindingName(Binding b) {
  switch (b) {
    case Binding::kScratch:
      return "r";
    case Binding::kInput:
      return "in";
    case Binding::kScore:
      return "score";
    case Binding::kValue:
      return "value";
    case Binding::kApp:
      return "app";
    case Binding::kPeer:
      return "peer";
  }
  return "?";
}

// Whether operand `operand` (0 dst, 1 a, 2 b, 3 c) of `op` is a list register.
bool UsesList(Op op, int operand) {
  if (op == Op::kIn) return operand == 2;
  if (op == Op::kListMake) return operand == 0;
  const bool list_op = op >= Op::kListSum && op <= Op::kTrimmedMean;
  return list_op && operand == 1;
}

}  // namespace

std::string Dump(const Program& p) {
  auto reg = [&](uint32_t r) -> std::string {
    if (Program::IsConst(r)) {
      const double k = p.Const(r);
      return "k=" + (k != k ? std::string("null") : ShortestText(k));
    }
    const RegisterInfo& info = p.registers[r];
    return fmt::format("{}{}", BindingName(info.binding), info.index);
  };
  std::string out;
  for (size_t phase = 0; phase < p.phases.size(); ++phase) {
    out += fmt::format("phase {}:\n", phase);
    for (int i = p.phases[phase].first; i < p.phases[phase].second; ++i) {
      const Inst& in = p.code[i];
      std::string line = kOpNames[static_cast<size_t>(in.op)];
      std::vector<std::string> operands;
      const uint32_t ops[4] = {in.dst, in.a, in.b, in.c};
      for (int k = 0; k < 4; ++k) {
        if (ops[k] == kNone) continue;
        operands.push_back(UsesList(in.op, k) ? fmt::format("L{}", ops[k]) : reg(ops[k]));
      }
      if (in.aux != kNone) operands.push_back(fmt::format("#{}", in.aux));
      for (size_t k = 0; k < operands.size(); ++k) line += (k ? ", " : " ") + operands[k];
      out += "  " + line + "\n";
    }
    for (int site : p.reductions[phase]) {
      const PeerSite& s = p.peer_sites[site];
      out += fmt::format("  reduce peer{} ({}{})\n", site, check::FunctionName(s.fn),
                         s.direct_input >= 0 ? fmt::format(" of in{}", s.direct_input) : "");
    }
  }
  return out;
}

}  // namespace assess::compile
