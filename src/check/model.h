// Model: a scheme after checking. Names are resolved, every expression is typed, points are
// computed, defaults are applied. It is what the dependency graph and the compiler read,
// and it stays with the compiled scheme for reports (titles, reasons, positions).
#ifndef ASSESS_CHECK_MODEL_H_
#define ASSESS_CHECK_MODEL_H_

#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/source_pos.h"
#include "core/text_pool.h"
#include "core/types.h"
#include "data/unit_table.h"
#include "expr/ast.h"
#include "load/scheme_decl.h"
#include "num/decimal.h"

namespace assess::check {

inline constexpr double kNoCap = std::numeric_limits<double>::infinity();

// A checked expression: the AST (typed, names resolved) with the text it came from.
struct Expression {
  expr::ExprPtr root;
  load::ExprSource source;
  SourcePos PosOf(const expr::Expr& e) const { return source.PosAt(e.span.begin); }
};

struct Param {
  std::string name;
  load::ParamDecl::Kind kind = load::ParamDecl::Kind::kNumber;
  double number = 0;         // kNumber; kBool as 0 / 1; kText as a TextPool id
  std::vector<double> list;  // kList
  std::vector<std::pair<uint32_t, double>> table;  // kTable: text id -> number, file order
  SourcePos pos;
};

struct Rule {
  std::optional<Expression> when;    // absent: always fires
  std::optional<Expression> points;  // absent: 0
  std::string reason;                // default: the `when` text, "true" without one
  double cap = kNoCap;
};

struct Node {
  std::string id;  // "total" for the root
  std::string title;
  std::string description;
  NodeKind kind = NodeKind::kLeaf;
  int parent = -1;            // node index; -1 for the root
  std::vector<int> children;  // in the order written, score children and bonus / deduction
  int depth = 0;              // the root is 0, top-level indicators 1
  // Full marks: given, from weights (P x w / sum w) or the sum of the score children.
  // Bonus / deduction nodes have none (0, and `counts_points` false).
  double points = 0;
  bool counts_points = true;  // false for bonus / deduction nodes
  double floor = 0;
  double cap = kNoCap;  // leaves default to `points`; `cap: none` removes it
  OnMissing on_missing = OnMissing::kError;
  std::optional<Expression> value;
  std::optional<Expression> score;  // leaves
  std::optional<Expression> when;
  std::vector<Rule> rules;  // bonus / deduction
  SourcePos pos;
};

struct Veto {
  std::string id;
  Expression when;
  std::string reason;    // default: the `when` text
  int force_level = -1;  // index into Grades::levels; -1: none (see `forces`)
  int max_level = -1;    // `max_grade`; -1: none
  bool forces = true;    // grade forced (the default, with the lowest level) vs max_grade only
  double cap = kNoCap;
  SourcePos pos;
};

struct Level {
  std::string name;
  std::optional<double> min;
  std::optional<Decimal> quota;  // a fraction of the peer group, exactly
  SourcePos pos;
};

struct Grades {
  std::vector<Level> levels;   // best first
  std::vector<int> tie_break;  // node indices
  bool ties_admit = false;
  bool quota_nearest = false;
};

struct Model {
  std::string id;
  std::string title;
  std::string version;
  std::string description;
  data::DataSpec data;  // inputs as data readers check them, the unit column, the texts
  std::vector<std::string> input_titles;  // parallel to data.inputs
  std::vector<SourcePos> input_pos;       // parallel to data.inputs
  int peers_input = -1;                   // index into data.inputs; -1: one group
  std::vector<Param> params;
  // nodes[0] is the root `total`; then every indicator in pre-order (file order).
  std::vector<Node> nodes;
  std::vector<Veto> vetoes;
  std::optional<Grades> grades;
  int digits = 2;
  bool stage_each = true;
  std::vector<load::TestDecl> tests;

  // Name -> index of data.inputs, params and nodes (the first node of an id), filled as
  // the checker adds them, so that resolving a name costs the same for 10 or 100,000 nodes.
  struct NameHash {
    using is_transparent = void;  // find() by string_view, without a copy
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using NameIndex = std::unordered_map<std::string, int, NameHash, std::equal_to<>>;
  NameIndex input_index, param_index, node_index;

  TextPool& texts() { return data.texts; }
  const TextPool& texts() const { return data.texts; }
  int FindNode(std::string_view id) const;
  // The value of a constant number expression: a literal, a negated literal, or a number
  // param (as loaded, with its overrides). nullopt for anything else.
  std::optional<double> ConstantNumber(const expr::Expr& e) const;
  int FindInput(std::string_view name) const;
  int FindParam(std::string_view name) const;
};

}  // namespace assess::check

#endif  // ASSESS_CHECK_MODEL_H_
