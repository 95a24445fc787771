// The expression AST (rule-language §8): what the Spirit X3 parser (expr/parser.cc) produces and
// the checker (check/) annotates with types and resolved names. Every node carries the
// span of its text, so diagnostics point at the offending token.
#ifndef ASSESS_EXPR_AST_H_
#define ASSESS_EXPR_AST_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace assess::expr {

// Byte offsets [begin, end) into the expression's text.
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
};

enum class Kind : uint8_t {
  kNumber,  // a number literal; `number` holds it (a percentage already divided by 100)
  kText,    // a text literal "A" or 'A'; `text` holds it (quotes removed, escapes applied)
  kBool,    // true / false; `bool_value`
  kNull,    // null
  kName,    // a bare name: input, param, indicator id, `points`, `value`, `total`; `name`
  kMember,  // `name.member`, e.g. `gdp.value`; `name` and `text` (= member)
  kUnary,   // `unary` applied to args[0]
  kBinary,  // args[0] `binary` args[1]
  kIn,      // args[0] in args[1] (a kList literal, or a name of a list input / param)
  kIf,      // if args[0] then args[1] else args[2]
  kCall,    // `name`(args...)
  kList,    // [args...]
  kMap,     // {keys[i]: args[i], ...}
};

enum class UnaryOp : uint8_t { kNeg, kNot };

enum class BinaryOp : uint8_t {
  kOr,
  kAnd,  // three-valued, short-circuit
  kEq,
  kNe,
  kLt,
  kLe,
  kGt,
  kGe,  // comparisons (never chained)
  kAdd,
  kSub,
  kMul,
  kDiv,
  kPow,  // right-associative
};

// The static type of an expression, set by the checker.
enum class Type : uint8_t { kUnknown, kNumber, kBool, kText, kList, kMap, kNull };

// What a name refers to, set by the checker.
enum class Ref : uint8_t {
  kNone,
  kInput,      // ref_index: input index
  kParam,      // ref_index: param index
  kNodeScore,  // ref_index: node index (its final score)
  kNodeValue,  // ref_index: node index (its `value`)
  kOwnPoints,  // `points` inside a node's score / value
  kOwnValue,   // `value` inside a node's score
  kTotal,      // `total`, in vetoes only
};

struct Expr {
  Kind kind = Kind::kNull;
  Span span;     // the whole expression
  Span op_span;  // the operator token (unary, binary, in, if) or the callee name (call)

  double number = 0;        // kNumber
  bool bool_value = false;  // kBool
  std::string name;         // kName, kMember (the base), kCall (the function)
  std::string text;         // kText (the value), kMember (the member)
  UnaryOp unary = UnaryOp::kNeg;
  BinaryOp binary = BinaryOp::kAdd;

  std::vector<std::unique_ptr<Expr>> args;  // operands, call arguments, list / map elements
  std::vector<std::string> keys;            // kMap keys, parallel to args
  std::vector<Span> key_spans;              // kMap key spans, parallel to keys

  // Filled by the checker.
  Type type = Type::kUnknown;
  Ref ref = Ref::kNone;
  uint32_t ref_index = 0;

  Expr() = default;
  Expr(Expr&&) = default;
  Expr& operator=(Expr&&) = default;
  // Frees the subtree with a loop, not by recursion: a chain `a + b + ...` is as deep as it
  // is long (up to the parser's node limit), too deep for nested destructors on a small
  // thread stack.
  ~Expr();
};

using ExprPtr = std::unique_ptr<Expr>;

}  // namespace assess::expr

#endif  // ASSESS_EXPR_AST_H_
