// This file's external interface is Compile: steps in evaluation order, grouped by phase,
// registers, constants and error sites. Expressions are compiled in expr_compiler.cc.
#include "compile/compiler.h"

#include <cmath>
#include <cstring>

#include "compile/compiler_impl.h"

namespace assess::compile {

using graph::Step;

Program Compile(const check::Model& model, const graph::DependencyGraph& graph) {
  return Compiler(model, graph).Run();
}

Program Compiler::Run() {
  Prepare();
  std::vector<std::vector<int>> by_phase(g_.phases);
  for (int step : g_.order) by_phase[g_.steps[step].phase].push_back(step);
  for (int phase = 0; phase < g_.phases; ++phase) {
    const int begin = static_cast<int>(p_.code.size());
    for (int step : by_phase[phase]) CompileStep(step);
    p_.phases.emplace_back(begin, static_cast<int>(p_.code.size()));
  }
  return std::move(p_);
}

void Compiler::Prepare() {
  const int n = static_cast<int>(m_.nodes.size());
  p_.app_column_of.assign(n, -1);
  p_.value_column_of.assign(n, -1);
  p_.nodes.resize(n);
  for (int i = 0; i < n; ++i) {
    const check::Node& node = m_.nodes[i];
    if (i > 0 && node.when) p_.app_column_of[i] = p_.app_columns++;
    if (node.value) p_.value_column_of[i] = p_.value_columns++;
  }
  for (int i = 0; i < n; ++i) {
    NodeCode& code = p_.nodes[i];
    code.own_app = p_.app_column_of[i] >= 0;
    // The app column a node's parent state is read from: the nearest ancestor (the parent
    // or above) with a `when` of its own. A node applies only where that column says
    // "applicable" (an ancestor forced to zero / full marks is not evaluated below).
    for (int a = m_.nodes[i].parent; a > 0; a = m_.nodes[a].parent) {
      if (p_.app_column_of[a] >= 0) {
        code.parent_app = p_.app_column_of[a];
        break;
      }
    }
    code.error_key = static_cast<uint32_t>(i) * 4;
    code.score_register = Bound(Binding::kScore, static_cast<uint32_t>(i));
    code.parent = m_.nodes[i].parent;
    code.children = m_.nodes[i].children;
  }
  p_.reductions.resize(g_.phases);
  peer_site_of_step_.assign(g_.steps.size(), -1);
  for (size_t s = 0; s < g_.steps.size(); ++s) {
    const Step& step = g_.steps[s];
    if (step.kind != Step::Kind::kPeerArg) continue;
    PeerSite site;
    site.fn = static_cast<check::Fn>(step.peer_call->ref_index);
    site.phase = step.phase;
    site.result_column = static_cast<int>(p_.peer_sites.size());
    peer_site_of_step_[s] = site.result_column;
    p_.reductions[step.phase].push_back(site.result_column);
    p_.peer_sites.push_back(site);
  }
  p_.veto_when.assign(m_.vetoes.size(), kNone);
  p_.veto_site.assign(m_.vetoes.size(), kNone);
}

void Compiler::CompileStep(int s) {
  const Step& step = g_.steps[s];
  current_node_ = step.node;
  current_veto_ = -1;
  switch (step.kind) {
    case Step::Kind::kWhen: {
      const check::Node& node = m_.nodes[step.node];
      if (step.node == 0 || !node.when) break;
      current_ = &*node.when;
      const uint32_t when = Expr(*node.when->root);
      Emit({Op::kWhen, Bound(Binding::kApp, p_.app_column_of[step.node]), when, kNone, kNone,
            static_cast<uint32_t>(step.node), AddSite(current_, node.when->root.get())});
      break;
    }
    case Step::Kind::kValue: {
      const check::Node& node = m_.nodes[step.node];
      current_ = &*node.value;
      const uint32_t value = Expr(*node.value->root);
      Emit({Op::kValue, Bound(Binding::kValue, p_.value_column_of[step.node]), value, kNone, kNone,
            static_cast<uint32_t>(step.node)});
      break;
    }
    case Step::Kind::kScore: {
      const check::Node& node = m_.nodes[step.node];
      p_.nodes[step.node].score_phase = step.phase;
      const uint32_t dst = Bound(Binding::kScore, step.node);
      const uint32_t aux = static_cast<uint32_t>(step.node);
      if (node.kind == NodeKind::kLeaf) {
        current_ = &*node.score;
        const uint32_t raw = Expr(*node.score->root);
        Emit({Op::kLeaf, dst, raw, kNone, kNone, aux, AddSite(current_, node.score->root.get())});
      } else if (node.kind == NodeKind::kGroup) {
        Emit({Op::kGroup, dst, kNone, kNone, kNone, aux});
      } else {
        p_.nodes[step.node].rule_begin = static_cast<int>(p_.rules.size());
        for (const check::Rule& r : node.rules) {
          RuleCode code;
          code.cap = r.cap;
          if (r.when) {
            current_ = &*r.when;
            code.when = Expr(*r.when->root);
            code.when_site = AddSite(current_, r.when->root.get());
          }
          if (r.points) {
            current_ = &*r.points;
            code.points = Expr(*r.points->root);
            code.points_site = AddSite(current_, r.points->root.get());
          }
          p_.rules.push_back(code);
        }
        p_.nodes[step.node].rule_end = static_cast<int>(p_.rules.size());
        Emit({Op::kBonus, dst, kNone, kNone, kNone, aux});
      }
      break;
    }
    case Step::Kind::kPeerArg: {
      current_veto_ = step.veto;
      current_ = step.expression;
      const expr::Expr& argument = *step.peer_call->args[0];
      PeerSite& site = p_.peer_sites[peer_site_of_step_[s]];
      if (argument.kind == expr::Kind::kName && argument.ref == expr::Ref::kInput) {
        site.direct_input = static_cast<int>(argument.ref_index);
        break;
      }
      const uint32_t arg = Expr(argument);
      Emit({Op::kPeerArg, kNone, arg, kNone, kNone, static_cast<uint32_t>(peer_site_of_step_[s])});
      break;
    }
    case Step::Kind::kVeto: {
      const check::Veto& veto = m_.vetoes[step.veto];
      current_veto_ = step.veto;
      current_node_ = -1;
      current_ = &veto.when;
      const uint32_t when = Expr(*veto.when.root);
      const uint32_t site = AddSite(current_, veto.when.root.get());
      p_.veto_when[step.veto] = when;
      p_.veto_site[step.veto] = site;
      Emit({Op::kVeto, kNone, when, kNone, kNone, static_cast<uint32_t>(step.veto), site});
      break;
    }
    case Step::Kind::kFinal:
      Emit({Op::kFinal, kNone, p_.nodes[0].score_register});
      break;
  }
  ReleaseAll();
}

uint32_t Compiler::Bound(Binding binding, uint32_t index) {
  auto [it, inserted] = bound_.try_emplace({binding, index}, 0);
  if (inserted) {
    it->second = static_cast<uint32_t>(p_.registers.size());
    p_.registers.push_back({binding, index});
  }
  return it->second;
}

uint32_t Compiler::Scratch() {
  uint32_t r;
  if (!free_scratch_.empty()) {
    r = free_scratch_.back();
    free_scratch_.pop_back();
  } else {
    r = static_cast<uint32_t>(p_.registers.size());
    p_.registers.push_back({Binding::kScratch, static_cast<uint32_t>(p_.scratch_registers++)});
  }
  used_scratch_.push_back(r);
  return r;
}

void Compiler::Release(uint32_t operand) {
  if (operand == kNone || Program::IsConst(operand)) return;
  if (p_.registers[operand].binding != Binding::kScratch) return;
  for (size_t i = 0; i < used_scratch_.size(); ++i) {
    if (used_scratch_[i] == operand) {
      used_scratch_.erase(used_scratch_.begin() + static_cast<long>(i));
      free_scratch_.push_back(operand);
      return;
    }
  }
}

void Compiler::ReleaseAll() {
  free_scratch_.insert(free_scratch_.end(), used_scratch_.begin(), used_scratch_.end());
  used_scratch_.clear();
  free_lists_.insert(free_lists_.end(), used_lists_.begin(), used_lists_.end());
  used_lists_.clear();
}

uint32_t Compiler::Constant(double value) {
  uint64_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  auto [it, inserted] = constants_.try_emplace(bits, 0);
  if (inserted) {
    it->second = static_cast<uint32_t>(p_.constants.size());
    p_.constants.push_back(value);
  }
  return it->second | kConstBit;
}

uint32_t Compiler::AddSite(const check::Expression* x, const expr::Expr* e) {
  ErrorSite site;
  site.node = current_node_;
  site.veto = current_veto_;
  if (x && e) {
    const SourcePos pos = x->PosOf(*e);
    site.line = pos.line;
    site.column = pos.column;
  }
  p_.sites.push_back(site);
  return static_cast<uint32_t>(p_.sites.size()) - 1;
}

uint32_t Compiler::Emit(Inst inst) {
  p_.code.push_back(inst);
  return inst.dst;
}

}  // namespace assess::compile
