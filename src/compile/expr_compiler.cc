// This file's external interface is Compiler::Expr and Compiler::List: an expression
// becomes instructions over registers; constant operands are folded (never into NaN or
// -0.0, which must stay visible at run time, as Lua's constfolding keeps them).
#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <vector>

#include "check/functions.h"
#include "compile/compiler_impl.h"

namespace assess::compile {
namespace {

using check::Fn;
using expr::BinaryOp;
using expr::Kind;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Op BinaryOpcode(BinaryOp op) {
  switch (op) {
    case BinaryOp::kOr:
      return Op::kOr;
    case BinaryOp::kAnd:
      return Op::kAnd;
    case BinaryOp::kEq:
      return Op::kEq;
    case BinaryOp::kNe:
      return Op::kNe;
    case BinaryOp::kLt:
      return Op::kLt;
    case BinaryOp::kLe:
      return Op::kLe;
    case BinaryOp::kGt:
      return Op::kGt;
    case BinaryOp::kGe:
      return Op::kGe;
    case BinaryOp::kAdd:
      return Op::kAdd;
    case BinaryOp::kSub:
      return Op::kSub;
    case BinaryOp::kMul:
      return Op::kMul;
    case BinaryOp::kDiv:
      return Op::kDiv;
    case BinaryOp::kPow:
      return Op::kPow;
  }
  return Op::kAdd;
}

// The value of `op` on constants, when it can be computed now: both operands present
// (not null), and a result that is finite and not -0.0; operations that fail at run time
// (division by zero, ...) are left to run time, where the unit gets its error.
std::optional<double> Fold(Op op, double a, double b) {
  if (std::isnan(a) || std::isnan(b)) return std::nullopt;
  double r;
  switch (op) {
    case Op::kAdd:
      r = a + b;
      break;
    case Op::kSub:
      r = a - b;
      break;
    case Op::kMul:
      r = a * b;
      break;
    case Op::kDiv:
      if (b == 0) return std::nullopt;
      r = a / b;
      break;
    case Op::kPow:
      if ((a == 0 && b < 0) || (a < 0 && b != std::floor(b))) return std::nullopt;
      r = std::pow(a, b);
      break;
    case Op::kNeg:
      r = -a;
      break;
    case Op::kMin:
      r = std::min(a, b);
      break;
    case Op::kMax:
      r = std::max(a, b);
      break;
    case Op::kEq:
      r = a == b;
      break;
    case Op::kNe:
      r = a != b;
      break;
    case Op::kLt:
      r = a < b;
      break;
    case Op::kLe:
      r = a <= b;
      break;
    case Op::kGt:
      r = a > b;
      break;
    case Op::kGe:
      r = a >= b;
      break;
    case Op::kNot:
      r = a == 0;
      break;
    case Op::kAnd:
      r = a != 0 && b != 0;
      break;
    case Op::kOr:
      r = a != 0 || b != 0;
      break;
    case Op::kAbs:
      r = std::fabs(a);
      break;
    default:
      return std::nullopt;
  }
  if (!std::isfinite(r) || (r == 0 && std::signbit(r))) return std::nullopt;
  return r;
}

// Ops whose result can be an error for some unit: they get an error site.
bool CanFail(Op op) {
  switch (op) {
    case Op::kAdd:
    case Op::kSub:
    case Op::kMul:
    case Op::kDiv:
    case Op::kPow:
    case Op::kSqrt:
    case Op::kLn:
    case Op::kExp:
    case Op::kRound:
    case Op::kRamp:
    case Op::kSafeDiv:
    case Op::kInterp:
    case Op::kStep:
    case Op::kLookup:
    case Op::kListSum:
    case Op::kListMean:
    case Op::kListMedian:
    case Op::kTrimmedMean:
      return true;
    default:
      return false;
  }
}

}  // namespace

uint32_t Compiler::Unary(Op op, const expr::Expr& e, uint32_t a) {
  if (Program::IsConst(a)) {
    if (auto r = Fold(op, p_.Const(a), 0)) return Constant(*r);
  }
  Release(a);
  const uint32_t dst = Scratch();
  return Emit({op, dst, a, kNone, kNone, kNone, CanFail(op) ? AddSite(current_, &e) : kNone});
}

uint32_t Compiler::Binary(Op op, const expr::Expr& e, uint32_t a, uint32_t b) {
  if (Program::IsConst(a) && Program::IsConst(b)) {
    if (auto r = Fold(op, p_.Const(a), p_.Const(b))) return Constant(*r);
  }
  Release(a);
  Release(b);
  const uint32_t dst = Scratch();
  return Emit({op, dst, a, b, kNone, kNone, CanFail(op) ? AddSite(current_, &e) : kNone});
}

uint32_t Compiler::Ternary(Op op, const expr::Expr& e, uint32_t a, uint32_t b, uint32_t c) {
  Release(a);
  Release(b);
  Release(c);
  const uint32_t dst = Scratch();
  return Emit({op, dst, a, b, c, kNone, CanFail(op) ? AddSite(current_, &e) : kNone});
}

uint32_t Compiler::Expr(const expr::Expr& e) {
  switch (e.kind) {
    case Kind::kNumber:
      return Constant(e.number);
    case Kind::kText:
      return Constant(*m_.texts().Find(e.text));
    case Kind::kBool:
      return Constant(e.bool_value ? 1 : 0);
    case Kind::kNull:
      return Constant(kNaN);
    case Kind::kName:
    case Kind::kMember:
      switch (e.ref) {
        case expr::Ref::kInput:
          return Bound(Binding::kInput, e.ref_index);
        case expr::Ref::kParam:
          return Constant(m_.params[e.ref_index].number);
        case expr::Ref::kNodeScore:
          return Bound(Binding::kScore, e.ref_index);
        case expr::Ref::kNodeValue:
        case expr::Ref::kOwnValue:
          return Bound(Binding::kValue, p_.value_column_of[e.ref_index]);
        case expr::Ref::kOwnPoints:
          return Constant(m_.nodes[current_node_].points);
        case expr::Ref::kTotal:
          return Bound(Binding::kScore, 0);
        case expr::Ref::kNone:
          break;
      }
      return Constant(kNaN);
    case Kind::kUnary: {
      const uint32_t a = Expr(*e.args[0]);
      return Unary(e.unary == expr::UnaryOp::kNeg ? Op::kNeg : Op::kNot, e, a);
    }
    case Kind::kBinary: {
      // A left-associative chain `a + b - c ...` is compiled bottom-up in a loop (in the
      // order a recursion would take): it is as deep as it is long, and the parser's
      // nesting limit does not bound it.
      std::vector<const expr::Expr*> spine;
      for (const expr::Expr* x = &e; x->kind == Kind::kBinary; x = x->args[0].get()) {
        spine.push_back(x);
      }
      uint32_t acc = Expr(*spine.back()->args[0]);
      for (auto it = spine.rbegin(); it != spine.rend(); ++it) {
        const uint32_t b = Expr(*(*it)->args[1]);
        acc = Binary(BinaryOpcode((*it)->binary), **it, acc, b);
      }
      return acc;
    }
    case Kind::kIn: {
      const uint32_t x = Expr(*e.args[0]);
      const uint32_t list = List(*e.args[1]);
      Release(x);
      const uint32_t dst = Scratch();
      return Emit({Op::kIn, dst, x, list});
    }
    case Kind::kIf: {
      const uint32_t c = Expr(*e.args[0]);
      const uint32_t a = Expr(*e.args[1]);
      const uint32_t b = Expr(*e.args[2]);
      return Ternary(Op::kIf, e, c, a, b);
    }
    case Kind::kCall:
      return Call(e);
    case Kind::kList:
    case Kind::kMap:
      break;  // only as arguments; the checker makes sure of it
  }
  return Constant(kNaN);
}

uint32_t Compiler::ScratchList() {
  uint32_t r;
  if (!free_lists_.empty()) {
    r = free_lists_.back();
    free_lists_.pop_back();
  } else {
    r = static_cast<uint32_t>(p_.list_registers.size());
    p_.list_registers.push_back({ListRegisterInfo::Kind::kScratch, r});
  }
  used_lists_.push_back(r);
  return r;
}

uint32_t Compiler::ConstantList(std::vector<double> values) {
  p_.constant_lists.push_back(std::move(values));
  const uint32_t r = static_cast<uint32_t>(p_.list_registers.size());
  p_.list_registers.push_back(
      {ListRegisterInfo::Kind::kConstant, static_cast<uint32_t>(p_.constant_lists.size()) - 1});
  return r;
}

uint32_t Compiler::List(const expr::Expr& e) {
  if (e.kind == Kind::kName && e.ref == expr::Ref::kInput) {
    auto [it, inserted] = input_lists_.try_emplace(e.ref_index, 0);
    if (inserted) {
      it->second = static_cast<uint32_t>(p_.list_registers.size());
      p_.list_registers.push_back({ListRegisterInfo::Kind::kInput, e.ref_index});
    }
    return it->second;
  }
  if (e.kind == Kind::kName && e.ref == expr::Ref::kParam) {
    auto [it, inserted] = param_lists_.try_emplace(e.ref_index, 0);
    if (inserted) it->second = ConstantList(m_.params[e.ref_index].list);
    return it->second;
  }
  // A list literal: constant when every element is a present constant.
  std::vector<uint32_t> operands;
  bool constant = true;
  for (const auto& item : e.args) {
    const uint32_t op = Expr(*item);
    operands.push_back(op);
    constant = constant && Program::IsConst(op) && !std::isnan(p_.Const(op));
  }
  if (constant) {
    std::vector<double> values;
    for (uint32_t op : operands) values.push_back(p_.Const(op));
    return ConstantList(std::move(values));
  }
  p_.operand_lists.push_back(operands);
  const uint32_t dst = ScratchList();
  Emit({Op::kListMake, dst, kNone, kNone, kNone,
        static_cast<uint32_t>(p_.operand_lists.size()) - 1});
  for (uint32_t op : operands) Release(op);
  return dst;
}

uint32_t Compiler::ListOp(Op op, const expr::Expr& e, uint32_t list, uint32_t b) {
  Release(b);
  const uint32_t dst = Scratch();
  return Emit({op, dst, list, b, kNone, kNone, CanFail(op) ? AddSite(current_, &e) : kNone});
}

uint32_t Compiler::Points(Op op, const expr::Expr& e) {
  const uint32_t x = Expr(*e.args[0]);
  PointTable table;
  size_t end = e.args.size();
  uint32_t fallback = kNone;
  if (op == Op::kStep) {
    fallback = Constant(0);
    if (end > 2 && e.args.back()->kind != Kind::kList) {
      fallback = Expr(*e.args.back());
      --end;
    }
  }
  for (size_t i = 1; i < end; ++i) {
    const expr::Expr& point = *e.args[i];
    const expr::Expr& px = *point.args[0];
    table.xs.push_back(*m_.ConstantNumber(px));
    table.ys.push_back(Expr(*point.args[1]));
  }
  p_.point_tables.push_back(std::move(table));
  Release(x);
  Release(fallback);
  for (uint32_t y : p_.point_tables.back().ys) Release(y);
  const uint32_t dst = Scratch();
  return Emit({op, dst, x, fallback, kNone, static_cast<uint32_t>(p_.point_tables.size()) - 1,
               AddSite(current_, &e)});
}

// A lookup table is indexed by text id up to its largest key (a key beyond it has no
// entry); a param table is built once, however many lookups use it.
uint32_t Compiler::LookupTable(const expr::Expr& t) {
  std::vector<std::pair<uint32_t, double>> entries;
  if (t.kind == Kind::kMap) {
    for (size_t i = 0; i < t.keys.size(); ++i) {
      entries.emplace_back(*m_.texts().Find(t.keys[i]), *m_.ConstantNumber(*t.args[i]));
    }
  } else if (t.ref == expr::Ref::kParam) {
    auto found = param_tables_.find(t.ref_index);
    if (found != param_tables_.end()) return found->second;
    entries = m_.params[t.ref_index].table;
  }
  uint32_t size = 0;
  for (const auto& entry : entries) size = std::max(size, entry.first + 1);
  std::vector<double> table(size, kNaN);
  for (const auto& [id, value] : entries) table[id] = value;
  p_.lookup_tables.push_back(std::move(table));
  const uint32_t index = static_cast<uint32_t>(p_.lookup_tables.size()) - 1;
  if (t.kind != Kind::kMap && t.ref == expr::Ref::kParam) param_tables_[t.ref_index] = index;
  return index;
}

uint32_t Compiler::Lookup(const expr::Expr& e) {
  const uint32_t key = Expr(*e.args[0]);
  const uint32_t table = LookupTable(*e.args[1]);
  const uint32_t fallback = e.args.size() == 3 ? Expr(*e.args[2]) : kNone;
  Release(key);
  Release(fallback);
  const uint32_t dst = Scratch();
  const uint32_t site = AddSite(current_, &e);
  p_.sites[site].table = static_cast<int>(table);
  return Emit({Op::kLookup, dst, key, fallback, kNone, table, site});
}

uint32_t Compiler::Call(const expr::Expr& e) {
  const Fn fn = static_cast<Fn>(e.ref_index);
  if (check::IsPeerFunction(fn)) {
    const int step = g_.peer_arg_step.at(&e);
    return Bound(Binding::kPeer, static_cast<uint32_t>(peer_site_of_step_[step]));
  }
  auto arg = [&](size_t i) { return Expr(*e.args[i]); };
  switch (fn) {
    case Fn::kMin:
    case Fn::kMax: {
      if (e.args.size() == 1) {
        return ListOp(fn == Fn::kMin ? Op::kListMin : Op::kListMax, e, List(*e.args[0]));
      }
      uint32_t acc = arg(0);
      for (size_t i = 1; i < e.args.size(); ++i) {
        acc = Binary(fn == Fn::kMin ? Op::kMin : Op::kMax, e, acc, arg(i));
      }
      return acc;
    }
    case Fn::kAbs:
      return Unary(Op::kAbs, e, arg(0));
    case Fn::kFloor:
      return Unary(Op::kFloor, e, arg(0));
    case Fn::kCeil:
      return Unary(Op::kCeil, e, arg(0));
    case Fn::kSqrt:
      return Unary(Op::kSqrt, e, arg(0));
    case Fn::kLn:
      return Unary(Op::kLn, e, arg(0));
    case Fn::kExp:
      return Unary(Op::kExp, e, arg(0));
    case Fn::kIsMissing:
      if (e.args[0]->type == expr::Type::kList) {
        // A list is null as a whole: count() is null exactly when the list is.
        const uint32_t count = ListOp(Op::kListCount, e, List(*e.args[0]));
        return Unary(Op::kIsMissing, e, count);
      }
      return Unary(Op::kIsMissing, e, arg(0));
    case Fn::kRound: {
      const uint32_t x = arg(0);
      const uint32_t digits = e.args.size() > 1 ? arg(1) : Constant(0);
      Release(x);
      Release(digits);
      const uint32_t dst = Scratch();
      return Emit({Op::kRound, dst, x, digits, kNone, kNone, AddSite(current_, &e)});
    }
    case Fn::kClamp: {
      const uint32_t x = arg(0), lo = arg(1), hi = arg(2);
      return Ternary(Op::kClamp, e, x, lo, hi);
    }
    case Fn::kRamp: {
      const uint32_t x = arg(0), a = arg(1), b = arg(2);
      return Ternary(Op::kRamp, e, x, a, b);
    }
    case Fn::kSafeDiv: {
      const uint32_t a = arg(0), b = arg(1), d = arg(2);
      return Ternary(Op::kSafeDiv, e, a, b, d);
    }
    case Fn::kInterp:
      return Points(Op::kInterp, e);
    case Fn::kStep:
      return Points(Op::kStep, e);
    case Fn::kLookup:
      return Lookup(e);
    case Fn::kCoalesce: {
      // coalesce(a, b, c) = coalesce(a, coalesce(b, c)): right-nested keeps "stops at the
      // first that is not null" for errors too.
      std::vector<uint32_t> ops;
      for (size_t i = 0; i < e.args.size(); ++i) ops.push_back(arg(i));
      uint32_t acc = ops.back();
      for (size_t i = ops.size() - 1; i-- > 0;) {
        Release(ops[i]);
        Release(acc);
        const uint32_t dst = Scratch();
        acc = Emit({Op::kCoalesce, dst, ops[i], acc});
      }
      return acc;
    }
    case Fn::kSum:
      return ListOp(Op::kListSum, e, List(*e.args[0]));
    case Fn::kCount:
      return ListOp(Op::kListCount, e, List(*e.args[0]));
    case Fn::kMean:
      return ListOp(Op::kListMean, e, List(*e.args[0]));
    case Fn::kMedian:
      return ListOp(Op::kListMedian, e, List(*e.args[0]));
    case Fn::kTrimmedMean: {
      const uint32_t list = List(*e.args[0]);
      return ListOp(Op::kTrimmedMean, e, list, arg(1));
    }
    default:
      break;
  }
  return Constant(kNaN);
}

}  // namespace assess::compile
