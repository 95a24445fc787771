// This file's external interface is CheckExpressions and ParseExpression: every expression
// of the model is parsed, its names resolved and its types checked at load (rule-language §8, §12).
#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <queue>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_set>
#include <vector>

#include "check/check_context.h"
#include "check/functions.h"
#include "check/walk.h"

namespace assess::check {
namespace {

using expr::BinaryOp;
using expr::Expr;
using expr::Kind;
using expr::Ref;
using expr::Type;

// Where an expression stands decides which of `points`, `value` and `total` it may use.
enum class Site { kScore, kValue, kWhen, kRuleWhen, kRulePoints, kVeto };

struct Scope {
  Site site;
  int node = -1;  // the node the expression belongs to; -1 for vetoes
  const Expression* expression = nullptr;
};

std::string_view TypeName(Type t) {
  switch (t) {
    case Type::kNumber:
      return "number";
    case Type::kBool:
      return "bool";
    case Type::kText:
      return "text";
    case Type::kList:
      return "list";
    case Type::kMap:
      return "map";
    case Type::kNull:
      return "null";
    case Type::kUnknown:
      return "unknown";
  }
  return "?";
}

std::string_view BinaryName(BinaryOp op) {
  switch (op) {
    case BinaryOp::kOr:
      return "or";
    case BinaryOp::kAnd:
      return "and";
    case BinaryOp::kEq:
      return "==";
    case BinaryOp::kNe:
      return "!=";
    case BinaryOp::kLt:
      return "<";
    case BinaryOp::kLe:
      return "<=";
    case BinaryOp::kGt:
      return ">";
    case BinaryOp::kGe:
      return ">=";
    case BinaryOp::kAdd:
      return "+";
    case BinaryOp::kSub:
      return "-";
    case BinaryOp::kMul:
      return "*";
    case BinaryOp::kDiv:
      return "/";
    case BinaryOp::kPow:
      return "^";
  }
  return "?";
}

// `a` fits where `want` is needed: unknown (an error already reported) and null fit anywhere.
bool Fits(Type a, Type want) { return a == want || a == Type::kUnknown || a == Type::kNull; }

class Typer {
 public:
  explicit Typer(CheckContext& ctx) : ctx_(ctx), m_(ctx.model) {}

  // Checks `e` in `scope`, requiring the type `want` (kUnknown: any value type).
  void CheckRoot(Expression& e, const Scope& scope, Type want, std::string_view what) {
    scope_ = scope;
    expression_ = &e;
    const Type t = Check(*e.root);
    if (want != Type::kUnknown && !Fits(t, want)) {
      Error(*e.root,
            fmt::format("{} must be a {}, but this is a {}", what, TypeName(want), TypeName(t)));
    } else if (want == Type::kUnknown && (t == Type::kList || t == Type::kMap)) {
      Error(*e.root,
            fmt::format("{} must be a number, bool or text, but this is a {}", what, TypeName(t)));
    }
  }

 private:
  void Error(const Expr& at, std::string message) {
    ctx_.sink.Error(expression_->PosOf(at), std::move(message));
  }
  void ErrorAtOp(const Expr& at, std::string message) {
    ctx_.sink.Error(expression_->source.PosAt(at.op_span.begin), std::move(message));
  }

  // `what` names an operand in a message: a text, or a function that makes it (called only
  // for a message, so that operands that fit cost no formatting).
  template <typename What>
  static std::string Describe(const What& what) {
    if constexpr (std::is_invocable_v<const What&>) {
      return what();
    } else {
      return std::string(what);
    }
  }

  // Requires `e` to have type `want`; returns false after reporting otherwise.
  template <typename What>
  bool Expect(Expr& e, Type want, const What& what) {
    Check(e);
    return ExpectTyped(e, want, what);
  }

  // As Expect, for an expression already checked.
  template <typename What>
  bool ExpectTyped(const Expr& e, Type want, const What& what) {
    if (Fits(e.type, want)) return true;
    Error(e, fmt::format("{} must be a {}, but this is a {}", Describe(what), TypeName(want),
                         TypeName(e.type)));
    return false;
  }

  // A left-associative chain `a + b - c * d ...` is typed bottom-up in a loop: its depth is
  // bounded only by the size of the expression (the parser's nesting limit does not count
  // it), so it must not become the depth of the recursion. Other nesting is bounded by the
  // parser's limit.
  Type CheckBinaryChain(Expr& e) {
    std::vector<Expr*> spine;
    for (Expr* x = &e; x->kind == Kind::kBinary; x = x->args[0].get()) spine.push_back(x);
    Check(*spine.back()->args[0]);
    for (auto it = spine.rbegin(); it != spine.rend(); ++it) (*it)->type = Binary(**it);
    return e.type;
  }

  Type Check(Expr& e) {
    e.type = Infer(e);
    return e.type;
  }

  Type Infer(Expr& e) {
    switch (e.kind) {
      case Kind::kNumber:
        return Type::kNumber;
      case Kind::kText:
        m_.texts().Intern(e.text);
        return Type::kText;
      case Kind::kBool:
        return Type::kBool;
      case Kind::kNull:
        return Type::kNull;
      case Kind::kName:
        return Name(e);
      case Kind::kMember:
        return Member(e);
      case Kind::kUnary:
        if (e.unary == expr::UnaryOp::kNeg) {
          Expect(*e.args[0], Type::kNumber, "the operand of `-`");
          return Type::kNumber;
        }
        Expect(*e.args[0], Type::kBool, "the operand of `not`");
        return Type::kBool;
      case Kind::kBinary:
        return CheckBinaryChain(e);
      case Kind::kIn:
        return In(e);
      case Kind::kIf:
        return If(e);
      case Kind::kCall:
        return Call(e);
      case Kind::kList:
        for (auto& a : e.args) Expect(*a, Type::kNumber, "an element of a list");
        return Type::kList;
      case Kind::kMap:
        Error(e, "a map can only be the table of `lookup` (its second argument)");
        return Type::kUnknown;
    }
    return Type::kUnknown;
  }

  Type Name(Expr& e) {
    const std::string& n = e.name;
    if (n == "points") {
      if (scope_.site != Site::kScore && scope_.site != Site::kValue) {
        Error(e, "`points` can be used only in a node's `score` and `value`");
        return Type::kUnknown;
      }
      e.ref = Ref::kOwnPoints;
      return Type::kNumber;
    }
    if (n == "value") {
      const Node& node = m_.nodes[scope_.node < 0 ? 0 : scope_.node];
      if (scope_.site != Site::kScore || !node.value) {
        Error(e, scope_.site == Site::kScore
                     ? fmt::format("`value` is used, but `{}` has no `value`", node.id)
                     : std::string("`value` can be used only in a node's `score`"));
        return Type::kUnknown;
      }
      e.ref = Ref::kOwnValue;
      e.ref_index = scope_.node;
      return node.value->root ? node.value->root->type : Type::kUnknown;
    }
    if (n == "total") {
      if (scope_.site != Site::kVeto) {
        Error(e, "`total` can be used only in vetoes");
        return Type::kUnknown;
      }
      e.ref = Ref::kTotal;
      return Type::kNumber;
    }
    if (int i = m_.FindInput(n); i >= 0) {
      e.ref = Ref::kInput;
      e.ref_index = i;
      switch (m_.data.inputs[i].type) {
        case InputType::kNumber:
        case InputType::kInteger:
          return Type::kNumber;
        case InputType::kBoolean:
          return Type::kBool;
        case InputType::kText:
          return Type::kText;
        case InputType::kList:
          return Type::kList;
      }
    }
    if (int i = m_.FindParam(n); i >= 0) {
      e.ref = Ref::kParam;
      e.ref_index = i;
      switch (m_.params[i].kind) {
        case load::ParamDecl::Kind::kNumber:
          return Type::kNumber;
        case load::ParamDecl::Kind::kText:
          return Type::kText;
        case load::ParamDecl::Kind::kBool:
          return Type::kBool;
        case load::ParamDecl::Kind::kList:
          return Type::kList;
        case load::ParamDecl::Kind::kTable:
          return Type::kMap;
      }
    }
    if (int i = m_.FindNode(n); i > 0) {
      e.ref = Ref::kNodeScore;
      e.ref_index = i;
      return Type::kNumber;
    }
    if (FindFunction(n)) {
      Error(e, fmt::format("`{}` is a function: call it as `{}(...)`", n, n));
      return Type::kUnknown;
    }
    std::vector<std::string> words;  // the reserved words this site may use
    if (scope_.site == Site::kScore || scope_.site == Site::kValue) words.push_back("points");
    if (scope_.site == Site::kScore) words.push_back("value");
    if (scope_.site == Site::kVeto) words.push_back("total");
    Error(e, fmt::format("unknown name `{}`{}", n,
                         ctx_.suggester.DidYouMean(n, {&ctx_.known_names, &words})));
    return Type::kUnknown;
  }

  Type Member(Expr& e) {
    const int i = m_.FindNode(e.name);
    if (e.text != "value") {
      Error(e, fmt::format("`{}.{}`: only `.value` can follow an indicator id", e.name, e.text));
      return Type::kUnknown;
    }
    if (i <= 0) {
      Error(e, fmt::format("`{}` is not an indicator id{}", e.name,
                           ctx_.suggester.DidYouMean(e.name, {&ctx_.node_ids})));
      return Type::kUnknown;
    }
    if (!m_.nodes[i].value) {
      Error(e, fmt::format("`{}` has no `value`", e.name));
      return Type::kUnknown;
    }
    e.ref = Ref::kNodeValue;
    e.ref_index = i;
    // Values are typed in ValueOrder: only a value in a cycle is not typed yet.
    const Expr* root = m_.nodes[i].value->root.get();
    return root && root->type != Type::kUnknown ? root->type : Type::kUnknown;
  }

  // The type of `e`, whose left operand is checked already (CheckBinaryChain).
  Type Binary(Expr& e) {
    Expr& a = *e.args[0];
    Expr& b = *e.args[1];
    auto op = [&] { return fmt::format("`{}`", BinaryName(e.binary)); };
    auto operand = [&] { return "an operand of " + op(); };
    switch (e.binary) {
      case BinaryOp::kOr:
      case BinaryOp::kAnd:
        ExpectTyped(a, Type::kBool, operand);
        Expect(b, Type::kBool, operand);
        return Type::kBool;
      case BinaryOp::kEq:
      case BinaryOp::kNe: {
        const Type ta = a.type, tb = Check(b);
        if (ta == Type::kList || ta == Type::kMap || tb == Type::kList || tb == Type::kMap) {
          ErrorAtOp(e, fmt::format("{} compares numbers, bools or texts, not a {}", op(),
                                   TypeName(ta == Type::kList || ta == Type::kMap ? ta : tb)));
        } else if (ta != tb && ta != Type::kUnknown && tb != Type::kUnknown && ta != Type::kNull &&
                   tb != Type::kNull) {
          ErrorAtOp(e, fmt::format("{} needs operands of one type, but compares a {} with a {}",
                                   op(), TypeName(ta), TypeName(tb)));
        }
        return Type::kBool;
      }
      case BinaryOp::kLt:
      case BinaryOp::kLe:
      case BinaryOp::kGt:
      case BinaryOp::kGe:
        ExpectTyped(a, Type::kNumber, operand);
        Expect(b, Type::kNumber, operand);
        return Type::kBool;
      default:
        ExpectTyped(a, Type::kNumber, operand);
        Expect(b, Type::kNumber, operand);
        return Type::kNumber;
    }
  }

  Type In(Expr& e) {
    Expr& x = *e.args[0];
    Expr& list = *e.args[1];
    const Type tx = Check(x);
    if (tx != Type::kNumber && tx != Type::kText && tx != Type::kUnknown && tx != Type::kNull) {
      Error(x, fmt::format("`in` looks for a number or a text, but this is a {}", TypeName(tx)));
    }
    if (list.kind == Kind::kList) {
      list.type = Type::kList;
      // Elements have the type of what is looked for; when that is not known (a null
      // literal, or an error already reported), the type of the first typed element.
      Type want = tx == Type::kText || tx == Type::kNumber ? tx : Type::kUnknown;
      for (auto& item : list.args) {
        if (want == Type::kUnknown) {
          const Type t = Check(*item);
          if (t == Type::kText || t == Type::kNumber) {
            want = t;
          } else if (t != Type::kNull && t != Type::kUnknown) {
            Error(*item, fmt::format("an element of the list of `in` must be a number or a "
                                     "text, but this is a {}",
                                     TypeName(t)));
          }
        } else {
          Expect(*item, want, "an element of the list of `in`");
        }
      }
      return Type::kBool;
    }
    const Type tl = Check(list);
    if (list.kind != Kind::kName || (tl != Type::kList && tl != Type::kUnknown)) {
      Error(list, "`in` takes a list literal `[...]` or the name of a list input or param");
    } else if (tl == Type::kList && tx == Type::kText) {
      Error(x, "a list input or param holds numbers: a text is never in it");
    }
    return Type::kBool;
  }

  Type If(Expr& e) {
    Expect(*e.args[0], Type::kBool, "the condition of `if`");
    const Type a = Check(*e.args[1]);
    const Type b = Check(*e.args[2]);
    if (a == Type::kList || a == Type::kMap || b == Type::kList || b == Type::kMap) {
      ErrorAtOp(e, "the branches of `if` must be numbers, bools or texts");
      return Type::kUnknown;
    }
    if (a != b && a != Type::kUnknown && b != Type::kUnknown && a != Type::kNull &&
        b != Type::kNull) {
      Error(*e.args[2], fmt::format("the branches of `if` must have one type, but `then` gives "
                                    "a {} and `else` a {}",
                                    TypeName(a), TypeName(b)));
      return Type::kUnknown;
    }
    return a == Type::kNull ? b : a;
  }

  bool Arity(Expr& e, size_t lo, size_t hi) {
    const size_t n = e.args.size();
    if (n >= lo && n <= hi) return true;
    std::string want = lo == hi         ? fmt::format("{}", lo)
                       : hi == SIZE_MAX ? fmt::format("at least {}", lo)
                                        : fmt::format("{} to {}", lo, hi);
    ErrorAtOp(e, fmt::format("`{}` takes {} argument{}, not {}", e.name, want,
                             lo == 1 && (hi == 1 || hi == SIZE_MAX) ? "" : "s", n));
    // The arguments still resolve their names (and report what is wrong inside them).
    for (auto& a : e.args) {
      if (a->kind != Kind::kMap) Check(*a);
    }
    return false;
  }

  bool Numbers(Expr& e, size_t from = 0) {
    bool ok = true;
    for (size_t i = from; i < e.args.size(); ++i) {
      ok &= Expect(*e.args[i], Type::kNumber,
                   [&] { return fmt::format("argument {} of `{}`", i + 1, e.name); });
    }
    return ok;
  }

  // A point of `interp` / `step`: a literal `[x, y]` whose x is a constant number.
  std::optional<double> Point(Expr& p, std::string_view fn) {
    if (p.kind != Kind::kList || p.args.size() != 2) {
      Error(p, fmt::format("the points of `{}` are `[x, y]` pairs", fn));
      return std::nullopt;
    }
    p.type = Type::kList;
    Expr& x = *p.args[0];
    Check(x);
    Expect(*p.args[1], Type::kNumber, [&] { return fmt::format("the y of a point of `{}`", fn); });
    if (auto value = m_.ConstantNumber(x)) return value;
    Error(x, fmt::format("the x of a point of `{}` must be a constant: a number or a number "
                         "param",
                         fn));
    return std::nullopt;
  }

  void Points(Expr& e, size_t from, size_t to) {
    std::optional<double> last;
    for (size_t i = from; i < to; ++i) {
      auto x = Point(*e.args[i], e.name);
      if (x && last && !(*x > *last)) {
        Error(*e.args[i],
              fmt::format("the x of the points of `{}` must strictly increase", e.name));
      }
      if (x) last = x;
    }
  }

  Type Call(Expr& e) {
    auto fn = FindFunction(e.name);
    if (!fn) {
      ErrorAtOp(e, fmt::format("unknown function `{}`{}", e.name,
                               ctx_.suggester.DidYouMean(e.name, {&FunctionNames()})));
      for (auto& a : e.args) Check(*a);
      return Type::kUnknown;
    }
    e.ref_index = static_cast<uint32_t>(*fn);
    switch (*fn) {
      case Fn::kMin:
      case Fn::kMax:
        if (!Arity(e, 1, SIZE_MAX)) return Type::kNumber;
        if (e.args.size() == 1) {
          Expect(*e.args[0], Type::kList,
                 [&] { return fmt::format("the one argument of `{}`", e.name); });
        } else {
          Numbers(e);
        }
        return Type::kNumber;
      case Fn::kAbs:
      case Fn::kFloor:
      case Fn::kCeil:
      case Fn::kSqrt:
      case Fn::kLn:
      case Fn::kExp:
        if (Arity(e, 1, 1)) Numbers(e);
        return Type::kNumber;
      case Fn::kRound:
        if (Arity(e, 1, 2)) Numbers(e);
        return Type::kNumber;
      case Fn::kClamp:
      case Fn::kRamp:
      case Fn::kSafeDiv:
        if (Arity(e, 3, 3)) Numbers(e);
        return Type::kNumber;
      case Fn::kInterp:
        if (Arity(e, 2, SIZE_MAX)) {
          Expect(*e.args[0], Type::kNumber, "the first argument of `interp`");
          Points(e, 1, e.args.size());
        }
        return Type::kNumber;
      case Fn::kStep: {
        if (!Arity(e, 2, SIZE_MAX)) return Type::kNumber;
        Expect(*e.args[0], Type::kNumber, "the first argument of `step`");
        size_t end = e.args.size();
        if (e.args.back()->kind != Kind::kList && end > 2) {
          Expect(*e.args.back(), Type::kNumber, "the default of `step`");
          --end;
        }
        Points(e, 1, end);
        return Type::kNumber;
      }
      case Fn::kLookup: {
        if (!Arity(e, 2, 3)) return Type::kNumber;
        Expect(*e.args[0], Type::kText, "the key of `lookup`");
        Expr& table = *e.args[1];
        if (table.kind == Kind::kMap) {
          table.type = Type::kMap;
          std::unordered_set<std::string_view> keys;
          uint32_t cells = 0;
          for (size_t i = 0; i < table.args.size(); ++i) {
            cells = std::max(cells, m_.texts().Intern(table.keys[i]) + 1);
            if (!keys.insert(table.keys[i]).second) {
              // One entry would silently win over the other: surely a typo.
              ctx_.sink.Error(
                  expression_->source.PosAt(table.key_spans[i].begin),
                  fmt::format("repeated key `{}` in the table of `lookup`", table.keys[i]));
            }
            Expr& v = *table.args[i];
            Check(v);
            const bool constant = m_.ConstantNumber(v).has_value();
            if (!constant) {
              Error(v, "the values of a `lookup` table are constants: numbers or number params");
            }
          }
          CountLookupCells(e, cells);
        } else if (Check(table) != Type::kMap && table.type != Type::kUnknown) {
          Error(table, "the table of `lookup` is a map `{\"A\": 1, ...}` or a param table");
        } else if (table.ref == Ref::kParam && counted_params_.insert(table.ref_index).second) {
          uint32_t cells = 0;  // a param's table is compiled once, however often it is used
          for (const auto& entry : m_.params[table.ref_index].table) {
            cells = std::max(cells, entry.first + 1);
          }
          CountLookupCells(e, cells);
        }
        if (e.args.size() == 3) Expect(*e.args[2], Type::kNumber, "the default of `lookup`");
        return Type::kNumber;
      }
      case Fn::kIsMissing:
        if (Arity(e, 1, 1)) Check(*e.args[0]);
        return Type::kBool;
      case Fn::kCoalesce: {
        if (!Arity(e, 1, SIZE_MAX)) return Type::kUnknown;
        Type t = Type::kNull;
        for (auto& a : e.args) {
          const Type ta = Check(*a);
          if (ta == Type::kList || ta == Type::kMap) {
            Error(*a, "`coalesce` takes numbers, bools or texts");
          } else if (t == Type::kNull || t == Type::kUnknown) {
            t = ta;
          } else if (ta != t && ta != Type::kNull && ta != Type::kUnknown) {
            Error(*a, fmt::format("the arguments of `coalesce` must have one type: a {} after a {}",
                                  TypeName(ta), TypeName(t)));
          }
        }
        return t;
      }
      case Fn::kSum:
      case Fn::kCount:
      case Fn::kMean:
      case Fn::kMedian:
        if (Arity(e, 1, 1)) {
          Expect(*e.args[0], Type::kList,
                 [&] { return fmt::format("the argument of `{}`", e.name); });
        }
        return Type::kNumber;
      case Fn::kTrimmedMean:
        if (Arity(e, 2, 2)) {
          Expect(*e.args[0], Type::kList, "the first argument of `trimmed_mean`");
          Expect(*e.args[1], Type::kNumber, "the second argument of `trimmed_mean`");
        }
        return Type::kNumber;
      default:  // peer functions
        if (Arity(e, 1, 1)) {
          Expect(*e.args[0], Type::kNumber,
                 [&] { return fmt::format("the argument of `{}`", e.name); });
        }
        return Type::kNumber;
    }
  }

  // A compiled lookup table has a cell per text id up to its largest key (compile/'s
  // Program::lookup_tables), so a file of 100,000 lookups each with a new key would need
  // billions of cells. Real schemes use thousands; past kMaxLookupCells loading stops.
  static constexpr long long kMaxLookupCells = 10'000'000;
  void CountLookupCells(const Expr& call, uint32_t cells) {
    lookup_cells_ += cells;
    if (lookup_cells_ > kMaxLookupCells && !lookup_limit_reported_) {
      lookup_limit_reported_ = true;
      ErrorAtOp(call, fmt::format("the `lookup` tables of this scheme would take more than {} "
                                  "cells (one per text up to the largest key of each table)",
                                  kMaxLookupCells));
    }
  }

  CheckContext& ctx_;
  Model& m_;
  long long lookup_cells_ = 0;
  bool lookup_limit_reported_ = false;
  std::unordered_set<uint32_t> counted_params_;
  Scope scope_{Site::kScore};
  Expression* expression_ = nullptr;
};

// The nodes that have a `value`, each after the nodes whose `x.value` its value names
// (Kahn's algorithm, ties in node order; values in a cycle last, in node order: the
// dependency graph reports the cycle).
std::vector<int> ValueOrder(const Model& m) {
  const int n = static_cast<int>(m.nodes.size());
  std::vector<std::vector<int>> users(n);  // node -> the nodes whose value names its value
  std::vector<int> pending(n, 0);          // node -> values it names not yet ordered
  for (int i = 1; i < n; ++i) {
    if (!m.nodes[i].value || !m.nodes[i].value->root) continue;
    VisitExpr(*m.nodes[i].value->root, [&](const Expr& e) {
      if (e.kind != Kind::kMember) return;
      const int target = m.FindNode(e.name);
      if (target > 0 && m.nodes[target].value && m.nodes[target].value->root) {
        users[target].push_back(i);
        ++pending[i];
      }
    });
  }
  std::vector<int> order;
  std::vector<bool> done(n, false);
  std::priority_queue<int, std::vector<int>, std::greater<int>> ready;
  for (int i = 1; i < n; ++i) {
    if (m.nodes[i].value && m.nodes[i].value->root && pending[i] == 0) ready.push(i);
  }
  while (!ready.empty()) {
    const int i = ready.top();
    ready.pop();
    order.push_back(i);
    done[i] = true;
    for (int u : users[i]) {
      if (--pending[u] == 0) ready.push(u);
    }
  }
  for (int i = 1; i < n; ++i) {
    if (!done[i] && m.nodes[i].value && m.nodes[i].value->root) order.push_back(i);
  }
  return order;
}

}  // namespace

bool ParseExpression(load::ExprSource source, const CheckContext& ctx, Expression& out) {
  expr::ParseResult r = expr::Parse(source.text, ctx.options.parse);
  out.source = std::move(source);
  if (r.error) {
    ctx.sink.Error(out.source.PosAt(r.error->span.begin), r.error->message);
    return false;
  }
  out.root = std::move(r.root);
  return true;
}

void CheckExpressions(CheckContext& ctx) {
  Model& m = ctx.model;
  Typer typer(ctx);
  // Values first, each after the values it names, so that `value` and `x.value` know their
  // types.
  for (int i : ValueOrder(m)) {
    typer.CheckRoot(*m.nodes[i].value, {Site::kValue, i}, expr::Type::kUnknown, "`value`");
  }
  for (size_t i = 1; i < m.nodes.size(); ++i) {
    Node& n = m.nodes[i];
    if (n.when) typer.CheckRoot(*n.when, {Site::kWhen, int(i)}, expr::Type::kBool, "`when`");
    if (n.score) typer.CheckRoot(*n.score, {Site::kScore, int(i)}, expr::Type::kNumber, "`score`");
    for (Rule& r : n.rules) {
      if (r.when)
        typer.CheckRoot(*r.when, {Site::kRuleWhen, int(i)}, expr::Type::kBool, "a rule's `when`");
      if (r.points)
        typer.CheckRoot(*r.points, {Site::kRulePoints, int(i)}, expr::Type::kNumber,
                        "a rule's `points`");
    }
  }
  for (Veto& v : m.vetoes) {
    if (v.when.root) {
      typer.CheckRoot(v.when, {Site::kVeto, -1}, expr::Type::kBool, "a veto's `when`");
    }
  }
}

}  // namespace assess::check
