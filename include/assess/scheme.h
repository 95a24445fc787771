// Scheme: a rule file, loaded, checked and compiled once. A Scheme is immutable; copies
// share it, and any number of threads may evaluate it at once.
#ifndef ASSESS_SCHEME_H_
#define ASSESS_SCHEME_H_

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "assess/api.h"
#include "assess/diagnostic.h"
#include "assess/expected.h"

namespace assess {

namespace internal {
struct SchemeImpl;
}

// Bounds that keep a hostile rule file from crashing or hanging the loader. Each limit
// exceeded is a load error naming it.
struct Limits {
  std::size_t max_file_bytes = 16u << 20;    // rule file size
  int max_yaml_depth = 64;                   // YAML nesting
  std::size_t max_yaml_nodes = 1000000;      // YAML nodes visited (aliases included)
  std::size_t max_expression_chars = 10000;  // one expression's length
  int max_expression_depth = 64;             // nesting inside one expression
  std::size_t max_expression_nodes = 5000;   // AST nodes of one expression
  std::size_t max_nodes = 100000;            // indicators and rules in the scheme
};

struct LoadOptions {
  Limits limits;
  // NAME=VALUE overrides of the scheme's params, read by each param's type: numbers (may be
  // `8%`), `true`/`false`, texts, lists `1;2;3`, tables as JSON `{"A": 1}`.
  std::vector<std::pair<std::string, std::string>> params;
};

struct IndicatorInfo {
  std::string id;
  std::string title;
  std::string kind;   // "leaf", "group", "bonus" or "deduction"
  int parent = -1;    // index into Scheme::indicators(); -1 at the top level
  int depth = 1;      // top level: 1
  double points = 0;  // full marks (0 for bonus / deduction)
};

struct GradeInfo {
  std::string name;
  std::optional<double> min;    // the total a unit needs; none for the last level
  std::optional<double> quota;  // at most this fraction of a peer group (0.2 for 20%)
  bool quota_nearest = false;   // quota_rounding: nearest (else floor)
};

struct InputInfo {
  std::string name;
  std::string column;  // name in data files
  std::string title;
  std::string type;  // "number", "integer", "boolean", "text" or "list"
  bool required = true;
};

// ---- A scheme's outline, for tools (`assess diff`, the language server) ----------------
// What a loaded scheme declares, by meaning (defaults applied, points worked out from
// weights, expressions in a canonical form) and where (line and column of each
// declaration).

// A place in the rule file: 1-based line and column (code points); 0 when not known.
struct Place {
  int line = 0;
  int column = 0;
};

// An expression as written and as parsed. `canonical` is the parsed expression printed in
// one form (fully parenthesised prefix form, numbers in their shortest text, `8%` as
// 0.08): two expressions have the same canonical text exactly when they parse to the same
// tree, whatever their spacing, parentheses or quoting.
struct ExpressionOutline {
  std::string text;
  std::string canonical;
  Place place;  // the expression's first character
};

struct InputOutline {
  std::string name;
  std::string column;  // in data files
  std::string title;
  std::string type;  // number, integer, boolean, text, list
  bool required = true;
  std::string default_value;  // as text ("" without a default)
  std::optional<double> min, max;
  std::vector<std::string> values;  // allowed texts; empty = any
  Place place;
};

struct ParamOutline {
  std::string name;
  std::string type;   // number, bool, text, list, table
  std::string value;  // canonical text: 0.08, true, "A", [1, 2], {A: 1, B: 0.85}
  Place place;
};

struct RuleOutline {
  std::optional<ExpressionOutline> when;    // absent: always fires
  std::optional<ExpressionOutline> points;  // absent: 0
  std::string reason;
  std::optional<double> cap;  // absent: none
};

struct IndicatorOutline {
  std::string id;
  std::string title;
  std::string description;
  std::string kind;    // leaf, group, bonus, deduction
  std::string parent;  // the parent's id; "" at the top level
  double points = 0;   // full marks, from points or weights (0 for bonus / deduction)
  double floor = 0;
  std::optional<double> cap;  // absent: no cap
  std::string on_missing;     // error, zero, full, exclude
  std::optional<ExpressionOutline> value, score, when;
  std::vector<RuleOutline> rules;  // bonus / deduction
  Place place;                     // its `id`
};

struct VetoOutline {
  std::string id;
  ExpressionOutline when;
  std::string reason;
  std::string grade;      // the level forced; "" when none (max_grade only, or no grades)
  std::string max_grade;  // "" when none
  std::optional<double> cap;
  Place place;
};

struct LevelOutline {
  std::string name;
  std::optional<double> min;
  std::string quota;  // exact decimal fraction ("0.2"); "" without a quota
  Place place;
};

struct SchemeOutline {
  std::string id, title, version, description;
  std::string unit_column;  // the unit-id column of data files
  std::string peers;        // the input that splits peer groups; "" = one group
  double total_points = 0;
  double total_floor = 0;
  std::optional<double> total_cap;
  int digits = 2;
  std::string rounding_stage;  // each, output
  std::vector<InputOutline> inputs;
  std::vector<ParamOutline> params;          // with their --param overrides applied
  std::vector<IndicatorOutline> indicators;  // pre-order, as written
  std::vector<VetoOutline> vetoes;
  bool has_grades = false;
  std::vector<LevelOutline> levels;  // best first
  std::vector<std::string> tie_break;
  std::string ties;            // demote, admit
  std::string quota_rounding;  // floor, nearest
};

// A function of the expression language: its name, how it is called and one line on what
// it gives (the rule-language guide's words).
struct FunctionInfo {
  std::string name;
  std::string signature;  // "ramp(x, a, b)"
  std::string doc;
};

class ASSESS_API Scheme {
 public:
  // Loads a rule file. On failure, the Error carries every diagnostic (file, line, column).
  static Expected<Scheme> LoadFile(const std::string& path, const LoadOptions& options = {});
  static Expected<Scheme> LoadText(std::string_view yaml, std::string_view file_name = "<text>",
                                   const LoadOptions& options = {});

  // The same scheme with other param values (loaded again from its text).
  Expected<Scheme> WithParams(const std::vector<std::pair<std::string, std::string>>& params) const;

  const std::string& id() const;
  const std::string& title() const;
  const std::string& version() const;
  const std::string& file_name() const;
  // The data column of unit ids (`unit:` in the rule file; "unit" by default).
  const std::string& unit_column() const;
  const std::vector<Diagnostic>& warnings() const;
  const std::vector<IndicatorInfo>& indicators() const;  // pre-order, as written
  const std::vector<InputInfo>& inputs() const;
  std::vector<std::string> grade_levels() const;  // best first; empty without grades
  std::vector<GradeInfo> grades() const;          // best first; empty without grades
  // The input whose text splits units into peer groups ("" when all are one group).
  std::string peers_input() const;
  const std::string& description() const;
  int digits() const;      // decimals of published numbers
  int test_count() const;  // embedded tests

  // The indicator tree and the dependencies between indicators, as Graphviz DOT.
  std::string ToDot() const;

  // Every declaration with its meaning and place (see SchemeOutline).
  SchemeOutline Outline() const;
  // The functions of the expression language.
  static const std::vector<FunctionInfo>& Functions();
  // The canonical text (see ExpressionOutline) of one expression, or its syntax error.
  static Expected<std::string> CanonicalExpression(const std::string& text);

  // Not part of the stable API: the library's own access to the compiled scheme.
  const internal::SchemeImpl& impl() const { return *impl_; }
  const std::shared_ptr<const internal::SchemeImpl>& shared_impl() const { return impl_; }
  static Scheme FromImpl(std::shared_ptr<const internal::SchemeImpl> impl) {
    return Scheme(std::move(impl));
  }

 private:
  explicit Scheme(std::shared_ptr<const internal::SchemeImpl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const internal::SchemeImpl> impl_;
};

}  // namespace assess

#endif  // ASSESS_SCHEME_H_
