// SchemeDecl: a rule file as written (rule-language §3-§9), read by the YAML loader with the place
// of everything in it. Shapes are checked here (known keys, numbers where numbers go,
// enumerations); names, ids, points and types are checked later, in check/.
#ifndef ASSESS_LOAD_SCHEME_DECL_H_
#define ASSESS_LOAD_SCHEME_DECL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/source_pos.h"
#include "core/types.h"
#include "num/decimal.h"

namespace assess::load {

// An expression as written in one YAML scalar, with the file position of each of its bytes,
// so that a diagnostic inside the expression points at the offending token.
struct ExprSource {
  std::string text;
  SourcePos pos;                    // the first character of the text
  std::vector<SourcePos> byte_pos;  // position of each byte of `text`, plus one past the end

  // The position of byte `offset` of `text` (clamped to the end).
  SourcePos PosAt(uint32_t offset) const;
};

// A number written in the rule file, kept exactly (points are compared as decimals).
struct NumberDecl {
  std::string text;  // as written: "40", "12.5%", "0.1"
  Decimal decimal;   // exact value ("12.5%" -> 0.125)
  double value = 0;  // the double nearest to `decimal`
  bool percent = false;
  SourcePos pos;
};

struct LiteralEntry;

// A YAML value that is data rather than structure: param values, input defaults, the
// fields of embedded test units and expectations.
struct LiteralValue {
  enum class Kind { kNull, kScalar, kSequence, kMap };
  Kind kind = Kind::kNull;
  std::string scalar;   // kScalar: the text
  bool quoted = false;  // kScalar: written in quotes (then never a number, bool or null)
  std::vector<LiteralValue> items;    // kSequence
  std::vector<LiteralEntry> entries;  // kMap, in file order
  SourcePos pos;
};

// A key and its value in a LiteralValue map. (A named struct rather than std::pair: a pair
// of the still incomplete LiteralValue inside LiteralValue trips clang with libstdc++.)
struct LiteralEntry {
  std::string first;
  LiteralValue second;
};

struct InputDecl {
  std::string name;
  SourcePos pos;  // the input's name
  InputType type = InputType::kNumber;
  std::string title;
  std::optional<NumberDecl> min;
  std::optional<NumberDecl> max;
  std::optional<std::vector<std::string>> values;  // allowed texts
  SourcePos values_pos;
  std::string column;  // the column / field name in data; the input's name when not given
  std::optional<bool> required;
  std::optional<LiteralValue> default_value;
};

struct ParamDecl {
  enum class Kind { kNumber, kText, kBool, kList, kTable };
  std::string name;
  SourcePos pos;  // the param's name
  Kind kind = Kind::kNumber;
  NumberDecl number;                                      // kNumber (a plain scalar that parses)
  std::string text;                                       // kText
  bool bool_value = false;                                // kBool (plain true / false)
  std::vector<NumberDecl> list;                           // kList
  std::vector<std::pair<std::string, NumberDecl>> table;  // kTable: text key -> number
  SourcePos value_pos;
};

struct RuleDecl {
  SourcePos pos;  // the rule's start
  std::optional<ExprSource> when;
  std::optional<ExprSource> points;
  std::optional<std::string> reason;
  std::optional<NumberDecl> cap;
};

struct NodeDecl {
  std::string id;
  SourcePos pos;                    // the node's start (its `-` item)
  SourcePos id_pos;                 // the id's value
  NodeKind kind = NodeKind::kLeaf;  // from `kind:`, else leaf / group by `score` / `children`
  SourcePos kind_pos;
  std::string title;
  std::string description;
  std::optional<NumberDecl> points;
  std::optional<NumberDecl> weight;
  std::optional<NumberDecl> floor;
  std::optional<NumberDecl> cap;
  bool cap_none = false;  // `cap: none` removes a default cap
  SourcePos cap_pos;
  std::optional<ExprSource> value;
  std::optional<ExprSource> score;
  std::optional<ExprSource> when;
  std::optional<OnMissing> on_missing;
  std::vector<NodeDecl> children;
  std::vector<RuleDecl> rules;
  bool has_children = false;  // `children:` present (even if empty)
  bool has_rules = false;     // `rules:` present (even if empty)
};

struct VetoDecl {
  std::string id;
  SourcePos pos;
  std::optional<ExprSource> when;
  std::optional<std::string> reason;
  std::optional<std::string> grade;
  SourcePos grade_pos;
  std::optional<std::string> max_grade;
  SourcePos max_grade_pos;
  std::optional<NumberDecl> cap;
};

struct LevelDecl {
  std::string name;
  SourcePos pos;
  std::optional<NumberDecl> min;
  std::optional<NumberDecl> quota;  // "20%" or 0.2
};

struct GradesDecl {
  SourcePos pos;
  std::vector<LevelDecl> levels;
  std::vector<std::pair<std::string, SourcePos>> tie_break;
  bool ties_admit = false;     // `ties: admit`; default demote
  bool quota_nearest = false;  // `quota_rounding: nearest`; default floor
};

struct RoundingDecl {
  int digits = 2;
  bool stage_each = true;  // `stage: each` (default) or `output`
  SourcePos pos;
};

struct TotalDecl {
  std::optional<NumberDecl> points;
  std::optional<NumberDecl> cap;
  bool cap_none = false;
  std::optional<NumberDecl> floor;
  SourcePos pos;
};

// One embedded test (rule-language §12). Unit fields are named by column or by input name.
struct TestDecl {
  std::string name;
  SourcePos pos;
  struct Unit {
    SourcePos pos;
    std::vector<std::pair<std::string, LiteralValue>> fields;  // in file order
  };
  struct Expect {
    std::string unit;
    SourcePos pos;
    std::vector<std::pair<std::string, LiteralValue>> fields;  // total, grade, rank, error, ids
  };
  std::vector<Unit> units;
  std::vector<Expect> expect;
};

struct SchemeDecl {
  std::string id;  // `scheme:`
  SourcePos pos;
  std::string title;
  std::string version;
  std::string description;
  std::string unit_column = "unit";
  std::optional<std::string> peers;
  SourcePos peers_pos;
  std::vector<InputDecl> inputs;  // in file order
  std::vector<ParamDecl> params;  // in file order
  TotalDecl total;
  std::vector<NodeDecl> indicators;
  std::vector<VetoDecl> vetoes;
  std::optional<GradesDecl> grades;
  RoundingDecl rounding;
  std::vector<TestDecl> tests;
};

}  // namespace assess::load

#endif  // ASSESS_LOAD_SCHEME_DECL_H_
