// This file's external interface is Parse: the Spirit X3 grammar of expressions (rule-language §8,
// §12) over the scanner's tokens, and the semantic actions that build the AST.
//
// The grammar's terminals are tokens (TokenSet), not characters: Scan has already read
// numbers, texts and words (so `android` is one name and `and` a keyword) and bounded the
// nesting depth. The rules carry no attributes; their semantic actions drive a Builder,
// a shift-reduce stack of Expr nodes, which keeps the X3 instantiations few and cheap.
//
// Every alternative starts with a distinct token and is followed by expectations (`>`), so
// the grammar never backtracks over an operand: parsing is linear in the number of tokens,
// and an action never runs for input that a later failure would take back (a failure
// after an action is an expectation failure, which ends the parse).
#include "expr/parser.h"

#include <boost/spirit/home/x3/auxiliary/eoi.hpp>
#include <boost/spirit/home/x3/auxiliary/eps.hpp>
#include <boost/spirit/home/x3/core.hpp>
#include <boost/spirit/home/x3/directive/expect.hpp>
#include <boost/spirit/home/x3/directive/with.hpp>
#include <boost/spirit/home/x3/nonterminal/rule.hpp>
#include <boost/spirit/home/x3/operator.hpp>
#include <cassert>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "expr/scanner.h"
#include "expr/syntax_error.h"

namespace assess::expr {
namespace {

namespace x3 = boost::spirit::x3;
using TokenIt = std::vector<Token>::const_iterator;

// Matches one token whose kind is in the set. `name` is what an expectation failure on it
// reports (see syntax_error.h).
struct TokenSet : x3::parser<TokenSet> {
  using attribute_type = x3::unused_type;
  static constexpr bool has_attribute = false;

  TokenSet(const char* set_name, std::initializer_list<Tok> kinds) : name(set_name) {
    for (Tok kind : kinds) mask |= uint64_t{1} << static_cast<int>(kind);
  }
  explicit TokenSet(Tok kind) : TokenSet(TokSpelling(kind).data(), {kind}) {}

  template <typename Iterator, typename Context, typename RContext, typename Attribute>
  bool parse(Iterator& first, const Iterator& last, const Context&, RContext&, Attribute&) const {
    if (first == last || !(mask >> static_cast<int>(first->kind) & 1)) return false;
    ++first;
    return true;
  }

  uint64_t mask = 0;
  const char* name;
};

}  // namespace
}  // namespace assess::expr

// What an expectation failure on a token set reports: its name.
namespace boost::spirit::x3 {
template <>
struct get_info<assess::expr::TokenSet> {
  using result_type = std::string;
  std::string operator()(const assess::expr::TokenSet& p) const { return p.name; }
};
}  // namespace boost::spirit::x3

namespace assess::expr {
namespace {

// Thrown by the Builder when the AST would have more than max_nodes nodes.
struct NodeLimit {
  Span span;
};

BinaryOp BinaryOpOf(Tok kind) {
  switch (kind) {
    case Tok::kOr:
      return BinaryOp::kOr;
    case Tok::kAnd:
      return BinaryOp::kAnd;
    case Tok::kEq:
      return BinaryOp::kEq;
    case Tok::kNe:
      return BinaryOp::kNe;
    case Tok::kLt:
      return BinaryOp::kLt;
    case Tok::kLe:
      return BinaryOp::kLe;
    case Tok::kGt:
      return BinaryOp::kGt;
    case Tok::kGe:
      return BinaryOp::kGe;
    case Tok::kPlus:
      return BinaryOp::kAdd;
    case Tok::kMinus:
      return BinaryOp::kSub;
    case Tok::kStar:
      return BinaryOp::kMul;
    case Tok::kSlash:
      return BinaryOp::kDiv;
    default:
      assert(kind == Tok::kCaret);
      return BinaryOp::kPow;
  }
}

// The semantic actions' state. Operands are pushed as they are parsed; an operator or an
// opening token is remembered by Mark (with the operand count at that point) and reduced
// when its rule completes. Each action receives the last token its parser matched.
class Builder {
 public:
  Builder(std::string_view text, const ScanResult& scan, size_t max_nodes)
      : text_(text), scan_(scan), max_nodes_(max_nodes) {}

  // A literal or a name.
  void Leaf(const Token& token) {
    switch (token.kind) {
      case Tok::kNumber:
        New(Kind::kNumber, token.span).number = token.number;
        break;
      case Tok::kText:
        New(Kind::kText, token.span).text = scan_.texts[token.text];
        break;
      case Tok::kTrue:
        New(Kind::kBool, token.span).bool_value = true;
        break;
      case Tok::kFalse:
        New(Kind::kBool, token.span).bool_value = false;
        break;
      case Tok::kNull:
        New(Kind::kNull, token.span);
        break;
      default:
        New(Kind::kName, token.span).name = Source(token);
        break;
    }
  }

  // A map key, a text or a bare name: kept as a kText node until MakeMap takes it (not an
  // AST node of its own, so not counted).
  void Key(const Token& token) {
    auto key = std::make_unique<Expr>();
    key->kind = Kind::kText;
    key->span = token.span;
    key->text = token.kind == Tok::kText ? scan_.texts[token.text] : Source(token);
    values_.push_back(std::move(key));
  }

  void Mark(const Token& token) { pending_.push_back(Pending{&token, values_.size()}); }

  // -x, not x
  void MakeUnary(const Token&) {
    Pending op = PopPending();
    ExprPtr operand = PopValue();
    Expr& e = New(Kind::kUnary, Span{op.token->span.begin, operand->span.end});
    e.unary = op.token->kind == Tok::kNot ? UnaryOp::kNot : UnaryOp::kNeg;
    e.op_span = op.token->span;
    e.args.push_back(std::move(operand));
  }

  // a op b, a in b
  void MakeBinary(const Token&) { MakeInfix(Kind::kBinary); }
  void MakeIn(const Token&) { MakeInfix(Kind::kIn); }

  // if c then a else b
  void MakeIf(const Token&) {
    Pending op = PopPending();
    Span span{op.token->span.begin, values_.back()->span.end};
    std::vector<ExprPtr> args = TakeValues(op.mark);
    Expr& e = New(Kind::kIf, span);
    e.op_span = op.token->span;
    e.args = std::move(args);
  }

  // f(args): the callee was pushed as a name just before the `(`.
  void MakeCall(const Token& close) {
    Pending open = PopPending();
    std::vector<ExprPtr> args = TakeValues(open.mark);
    Expr& e = *values_.back();
    e.kind = Kind::kCall;
    e.op_span = e.span;
    e.span.end = close.span.end;
    e.args = std::move(args);
  }

  // name.member: the member is any word; the checker decides which are valid.
  void MakeMember(const Token& member) {
    Expr& e = *values_.back();
    e.kind = Kind::kMember;
    e.text = Source(member);
    e.span.end = member.span.end;
    e.op_span = member.span;
  }

  // ( a ): no node of its own, but a parenthesized expression's span takes in its
  // parentheses, so that `(a + b) * c` spans from `(` to `c`.
  void CloseParen(const Token& close) {
    Pending open = PopPending();
    values_.back()->span = Span{open.token->span.begin, close.span.end};
  }

  void MakeList(const Token& close) {
    Pending open = PopPending();
    std::vector<ExprPtr> items = TakeValues(open.mark);
    New(Kind::kList, Span{open.token->span.begin, close.span.end}).args = std::move(items);
  }

  // {k: v, ...}: the values stack holds key, value, key, value...
  void MakeMap(const Token& close) {
    Pending open = PopPending();
    std::vector<ExprPtr> items = TakeValues(open.mark);
    Expr& e = New(Kind::kMap, Span{open.token->span.begin, close.span.end});
    for (size_t i = 0; i + 1 < items.size(); i += 2) {
      e.keys.push_back(std::move(items[i]->text));
      e.key_spans.push_back(items[i]->span);
      e.args.push_back(std::move(items[i + 1]));
    }
  }

  ExprPtr Finish() {
    assert(values_.size() == 1 && pending_.empty());
    return PopValue();
  }

 private:
  struct Pending {
    const Token* token;  // the operator, keyword or opening bracket
    size_t mark;         // values_.size() when it was read
  };

  std::string Source(const Token& token) const {
    return std::string(text_.substr(token.span.begin, token.span.end - token.span.begin));
  }

  // Pushes a new node; throws NodeLimit past max_nodes (caught in Parse).
  Expr& New(Kind kind, Span span) {
    if (++nodes_ > max_nodes_) throw NodeLimit{span};
    values_.push_back(std::make_unique<Expr>());
    values_.back()->kind = kind;
    values_.back()->span = span;
    return *values_.back();
  }

  void MakeInfix(Kind kind) {
    Pending op = PopPending();
    ExprPtr rhs = PopValue();
    ExprPtr lhs = PopValue();
    Expr& e = New(kind, Span{lhs->span.begin, rhs->span.end});
    if (kind == Kind::kBinary) e.binary = BinaryOpOf(op.token->kind);
    e.op_span = op.token->span;
    e.args.push_back(std::move(lhs));
    e.args.push_back(std::move(rhs));
  }

  Pending PopPending() {
    Pending p = pending_.back();
    pending_.pop_back();
    return p;
  }
  ExprPtr PopValue() {
    ExprPtr e = std::move(values_.back());
    values_.pop_back();
    return e;
  }
  std::vector<ExprPtr> TakeValues(size_t from) {
    std::vector<ExprPtr> taken(std::make_move_iterator(values_.begin() + from),
                               std::make_move_iterator(values_.end()));
    values_.resize(from);
    return taken;
  }

  std::string_view text_;
  const ScanResult& scan_;
  size_t max_nodes_;
  size_t nodes_ = 0;
  std::vector<ExprPtr> values_;
  std::vector<Pending> pending_;
};

struct BuilderTag;

// A semantic action calling a Builder method with the last token matched. (In X3 1.74
// _where(ctx) starts where the match ended.)
template <void (Builder::*kMethod)(const Token&)>
struct Act {
  template <typename Context>
  void operator()(const Context& ctx) const {
    (x3::get<BuilderTag>(ctx).*kMethod)(*(x3::_where(ctx).begin() - 1));
  }
};
const Act<&Builder::Leaf> leaf;
const Act<&Builder::Key> key;
const Act<&Builder::Mark> mark;
const Act<&Builder::MakeUnary> make_unary;
const Act<&Builder::MakeBinary> make_binary;
const Act<&Builder::MakeIn> make_in;
const Act<&Builder::MakeIf> make_if;
const Act<&Builder::MakeCall> make_call;
const Act<&Builder::MakeMember> make_member;
const Act<&Builder::CloseParen> close_paren;
const Act<&Builder::MakeList> make_list;
const Act<&Builder::MakeMap> make_map;

const TokenSet t_if(Tok::kIf), t_then(Tok::kThen), t_else(Tok::kElse), t_or(Tok::kOr),
    t_and(Tok::kAnd), t_not(Tok::kNot), t_in(Tok::kIn), t_minus(Tok::kMinus), t_caret(Tok::kCaret),
    t_name(Tok::kName), t_lparen(Tok::kLParen), t_rparen(Tok::kRParen), t_lbracket(Tok::kLBracket),
    t_rbracket(Tok::kRBracket), t_lbrace(Tok::kLBrace), t_rbrace(Tok::kRBrace),
    t_comma(Tok::kComma), t_colon(Tok::kColon), t_dot(Tok::kDot);
const TokenSet t_compare("comparison",
                         {Tok::kEq, Tok::kNe, Tok::kLt, Tok::kLe, Tok::kGt, Tok::kGe});
const TokenSet t_compare_or_in("comparison", {Tok::kEq, Tok::kNe, Tok::kLt, Tok::kLe, Tok::kGt,
                                              Tok::kGe, Tok::kIn});
const TokenSet t_add("`+` or `-`", {Tok::kPlus, Tok::kMinus});
const TokenSet t_mul("`*` or `/`", {Tok::kStar, Tok::kSlash});
const TokenSet t_literal("literal",
                         {Tok::kNumber, Tok::kText, Tok::kTrue, Tok::kFalse, Tok::kNull});
const TokenSet t_key(kExpectKey, {Tok::kText, Tok::kName});
const TokenSet t_member(kExpectMember,
                        {Tok::kName, Tok::kIf, Tok::kThen, Tok::kElse, Tok::kAnd, Tok::kOr,
                         Tok::kNot, Tok::kIn, Tok::kTrue, Tok::kFalse, Tok::kNull});

// Every operand rule is named kExpectExpression: an expectation failure on any of them
// reads "expected an expression after ...".
const x3::rule<class TopRule> top = "top";
const x3::rule<class EndRule> end = kExpectEnd;
const x3::rule<class ExprRule> expr = kExpectExpression;
const x3::rule<class IfRule> if_expr = kExpectExpression;
const x3::rule<class OrRule> or_expr = kExpectExpression;
const x3::rule<class AndRule> and_expr = kExpectExpression;
const x3::rule<class NotRule> not_expr = kExpectExpression;
const x3::rule<class CompareRule> compare_expr = kExpectExpression;
const x3::rule<class NoChainRule> no_chain = kExpectNoChain;
const x3::rule<class InRule> in_operand = kExpectInOperand;
const x3::rule<class AddRule> add_expr = kExpectExpression;
const x3::rule<class MulRule> mul_expr = kExpectExpression;
const x3::rule<class NegRule> neg_expr = kExpectExpression;
const x3::rule<class PowRule> pow_expr = kExpectExpression;
const x3::rule<class PrimaryRule> primary = kExpectExpression;
const x3::rule<class ListRule> list = kExpectExpression;
const x3::rule<class EntryRule> entry = kExpectKey;

// top -> expr end
const auto top_def = x3::eps > expr > end;
const auto end_def = x3::eoi;
// expr -> if_expr | or_expr                    (`if` only here: the lowest level)
const auto expr_def = if_expr | or_expr;
// if_expr -> "if" expr "then" expr "else" expr
const auto if_expr_def = (t_if[mark] > expr > t_then > expr > t_else > expr)[make_if];
// or_expr -> and_expr {"or" and_expr}
const auto or_expr_def = and_expr >> *((t_or[mark] > and_expr)[make_binary]);
// and_expr -> not_expr {"and" not_expr}
const auto and_expr_def = not_expr >> *((t_and[mark] > not_expr)[make_binary]);
// not_expr -> "not" not_expr | compare_expr
const auto not_expr_def = (t_not[mark] > not_expr)[make_unary] | compare_expr;
// compare_expr -> add_expr [(cmp add_expr | "in" in_operand) no_chain]
const auto compare_expr_def = add_expr >> -(((t_compare[mark] > add_expr)[make_binary] |
                                             (t_in[mark] > in_operand)[make_in]) > no_chain);
// no_chain -> !(cmp | "in")                    (`a < b < c` is an error)
const auto no_chain_def = !t_compare_or_in;
// in_operand -> list | name
const auto in_operand_def = list | t_name[leaf];
// add_expr -> mul_expr {("+" | "-") mul_expr}
const auto add_expr_def = mul_expr >> *((t_add[mark] > mul_expr)[make_binary]);
// mul_expr -> neg_expr {("*" | "/") neg_expr}
const auto mul_expr_def = neg_expr >> *((t_mul[mark] > neg_expr)[make_binary]);
// neg_expr -> "-" neg_expr | pow_expr
const auto neg_expr_def = (t_minus[mark] > neg_expr)[make_unary] | pow_expr;
// pow_expr -> primary ["^" neg_expr]           (right-associative; `2^-1` allowed)
const auto pow_expr_def = primary >> -((t_caret[mark] > neg_expr)[make_binary]);
// primary -> literal | name [call | member] | paren | list | map
// call    -> "(" [expr {"," expr}] ")"
// member  -> "." word
// paren   -> "(" expr ")"
// map     -> "{" [entry {"," entry}] "}"
const auto call = (t_lparen[mark] > -(expr >> *(t_comma > expr)) > t_rparen)[make_call];
const auto member = (t_dot > t_member)[make_member];
const auto paren = (t_lparen[mark] > expr > t_rparen)[close_paren];
const auto map = (t_lbrace[mark] > -(entry >> *(t_comma > entry)) > t_rbrace)[make_map];
const auto primary_def = t_literal[leaf] | t_name[leaf] >> -(call | member) | paren | list | map;
// list -> "[" [expr {"," expr}] "]"
const auto list_def = (t_lbracket[mark] > -(expr >> *(t_comma > expr)) > t_rbracket)[make_list];
// entry -> (text | name) ":" expr
const auto entry_def = t_key[key] > t_colon > expr;

BOOST_SPIRIT_DEFINE(top, end, expr, if_expr, or_expr, and_expr, not_expr, compare_expr, no_chain,
                    in_operand, add_expr, mul_expr, neg_expr, pow_expr, primary, list, entry)

}  // namespace

ParseResult Parse(std::string_view text, const ParseLimits& limits) {
  ParseResult result;
  ScanResult scan = Scan(text, limits);
  if (scan.error) {
    result.error = std::move(scan.error);
    return result;
  }
  Builder builder(text, scan, limits.max_nodes);
  TokenIt first = scan.tokens.cbegin();
  try {
    // `top` is expectations throughout: it either matches all tokens or throws.
    x3::parse(first, scan.tokens.cend(), x3::with<BuilderTag>(builder)[top]);
    result.root = builder.Finish();
  } catch (const x3::expectation_failure<TokenIt>& failure) {
    result.error = DescribeSyntaxError(text, scan.tokens,
                                       static_cast<size_t>(failure.where() - scan.tokens.cbegin()),
                                       failure.which());
  } catch (const NodeLimit& limit) {
    result.error = ParseError{limit.span, "expression too large: more than " +
                                              std::to_string(limits.max_nodes) + " parts"};
  }
  return result;
}

}  // namespace assess::expr
