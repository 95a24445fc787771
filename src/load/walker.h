// Walker: the state and the shape checks shared by every part of the walk over a rule
// file's YAML tree (positions, known and repeated keys, numbers, enumerations,
// expressions, literal values, and the limits on hostile files).
#ifndef ASSESS_LOAD_WALKER_H_
#define ASSESS_LOAD_WALKER_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "load/keys.h"
#include "load/scheme_decl.h"
#include "load/source_map.h"
#include "load/yaml_loader.h"
#include "load/yaml_tree.h"

namespace assess::load {

// One entry of a mapping that passed the key checks.
struct Entry {
  std::string key;
  SourcePos key_pos;
  YamlNode value;
  // Set when a plain value in a flow mapping was cut at a comma (rule-language §8) and the cut was
  // reported: the whole text as written, up to the next real key, with the file offset of
  // each of its bytes (plus one past the end), so that the walk goes on with it.
  std::optional<std::string> uncut_text;
  std::vector<uint32_t> uncut_offsets;
};

// "`key`" quoted with backticks, for messages.
std::string Quoted(std::string_view name);

// A message for an unknown key that is better than the generic one ("only a bonus
// indicator has `rules`"), or "" for the generic one.
using KeyHint = std::function<std::string(std::string_view key)>;

class Walker {
 public:
  Walker(const SourceMap& map, const LoadLimits& limits, DiagnosticSink& sink)
      : map_(map), limits_(limits), sink_(sink) {}

  // True once a limit stopped the walk (too many YAML nodes, too deep, too many errors):
  // every part of the walk then returns at once, and the load gives nothing.
  bool stopped() const { return stopped_; }

  void Error(SourcePos pos, std::string message);

  // Counts a visited YAML node (a node reached twice through aliases counts twice);
  // false when the walk is stopped.
  bool Visit(const YamlNode& n);

  // Scopes a recursion of the walk (children, literal values), which aliases can make
  // endless: past max_yaml_depth the walk stops with an error.
  class Nest {
   public:
    Nest(Walker& walker, SourcePos pos);
    ~Nest() { --walker_.depth_; }
    Nest(const Nest&) = delete;
    Nest& operator=(const Nest&) = delete;
    bool ok() const { return ok_; }

   private:
    Walker& walker_;
    bool ok_;
  };

  // Positions. Offset() is the node's content (after its anchor or tag), npos when
  // yaml-cpp kept no mark (an empty value).
  std::size_t Offset(const YamlNode& n) const;
  SourcePos Pos(const YamlNode& n, SourcePos fallback = {}) const;
  SourcePos ItemPos(const YamlNode& n) const;  // its `-` when it is a block list item
  SourcePos ValuePos(const Entry& e) const;    // the value, or the key when it is empty

  // A mapping's entries in file order. Reports repeated keys, keys that are not texts, the
  // comma cut of a plain value in a flow mapping, and (with a context) unknown keys; those
  // entries are dropped. `what` names the mapping for an error when `n` is not a mapping
  // (an empty value counts as an empty mapping). `expr_keys` are the keys whose values are
  // expressions (for the wording of a comma cut).
  std::optional<std::vector<Entry>> Mapping(const YamlNode& n, SourcePos pos, std::string_view what,
                                            std::optional<KeyContext> context,
                                            const KeyHint& hint = {},
                                            std::span<const std::string_view> expr_keys = {});

  // The items of a list value (an empty value counts as an empty list).
  std::optional<std::vector<YamlNode>> Sequence(const Entry& e);

  // Scalar values. Each reports a wrong shape naming the key and what was expected.
  std::optional<std::string> Text(const Entry& e, bool empty_ok = false);
  std::optional<std::string> TextOf(const YamlNode& n, SourcePos pos, std::string_view what);
  std::optional<NumberDecl> Number(const Entry& e, bool percent_ok);
  std::optional<NumberDecl> NumberOf(const YamlNode& n, SourcePos pos, std::string_view what,
                                     bool percent_ok);
  std::optional<bool> Bool(const Entry& e);
  // The index of the value among `names`.
  std::optional<std::size_t> Choice(const Entry& e, std::span<const std::string_view> names);
  std::optional<ExprSource> Expr(const Entry& e);
  std::optional<LiteralValue> Literal(const YamlNode& n, SourcePos pos);

  // "`abc`", "a list", "a mapping", "nothing": what was found, for messages.
  std::string Describe(const YamlNode& n) const;

  const SourceMap& map() const { return map_; }
  const LoadLimits& limits() const { return limits_; }

 private:
  // What a message names: `text` as it is, or quoted as a key. Built only for a message.
  struct Subject {
    std::string_view text;
    bool key = false;
    std::string str() const { return key ? Quoted(text) : std::string(text); }
  };
  std::optional<std::string> ReadText(const YamlNode& n, SourcePos pos, Subject what);
  std::optional<NumberDecl> ReadNumber(const YamlNode& n, SourcePos pos, Subject what,
                                       bool percent_ok);

  // The comma cut of rule-language §8 for the value of raw entry `i`; returns how many of the
  // following entries were the pieces of the cut value (0: no cut).
  std::size_t FindCommaCut(const YamlNode& map, std::size_t i, KeyContext context,
                           std::span<const std::string_view> expr_keys, Entry& entry);

  const SourceMap& map_;
  const LoadLimits& limits_;
  DiagnosticSink& sink_;
  std::size_t visited_ = 0;
  int depth_ = 0;
  int errors_ = 0;
  bool stopped_ = false;
};

// True for a plain (unquoted, untagged) scalar.
inline bool IsPlain(const YamlNode& n) { return n.IsPlain(); }

// `true` or `false` written plain (YAML 1.2 core: also `True`, `TRUE`, ...), else nullopt.
std::optional<bool> PlainBool(const YamlNode& n);

}  // namespace assess::load

#endif  // ASSESS_LOAD_WALKER_H_
