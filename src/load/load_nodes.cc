// This file's external interface is LoadIndicators, LoadVetoes and ReadCap: indicator
// nodes (rule-language §6), their rules, and vetoes (§5).
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "load/sections.h"

namespace assess::load {
namespace {

using std::string_view_literals::operator""sv;

constexpr std::array kNodeExprKeys = {"value"sv, "score"sv, "when"sv};
constexpr std::array kRuleExprKeys = {"when"sv, "points"sv};
constexpr std::array kVetoExprKeys = {"when"sv};
constexpr std::array kKindNames = {"bonus"sv, "deduction"sv};
constexpr std::array kOnMissingNames = {"error"sv, "zero"sv, "full"sv, "exclude"sv};
constexpr std::array kOnMissingValues = {OnMissing::kError, OnMissing::kZero, OnMissing::kFull,
                                         OnMissing::kExclude};

// "indicator `gdp`", or "the indicator at line 7" before its id is known.
std::string NodeLabel(const NodeDecl& d) {
  if (!d.id.empty()) return "indicator " + Quoted(d.id);
  return fmt::format("the indicator at line {}", d.pos.line);
}

// The value of `kind:`, read ahead of the other keys because it decides which are allowed.
std::string PeekKind(const YamlNode& n) {
  if (!n.IsMap()) return {};
  for (std::size_t i = 0; i < n.size(); ++i) {
    const YamlNode key = n.Key(i);
    if (key.IsScalar() && key.Scalar() == "kind" && n.Value(i).IsScalar()) {
      return std::string(n.Value(i).Scalar());
    }
  }
  return {};
}

std::string PlainNodeHint(std::string_view key) {
  if (key == "rules") {
    return "unknown key `rules`: only a `kind: bonus` or `kind: deduction` indicator has "
           "`rules`";
  }
  return {};
}

std::optional<RuleDecl> LoadRule(Walker& w, const YamlNode& n) {
  RuleDecl r;
  r.pos = w.ItemPos(n);
  auto entries = w.Mapping(n, r.pos, "a rule", KeyContext::kRule, {}, kRuleExprKeys);
  if (!entries) return std::nullopt;
  for (const Entry& e : *entries) {
    if (e.key == "when") {
      r.when = w.Expr(e);
    } else if (e.key == "points") {
      r.points = w.Expr(e);
    } else if (e.key == "reason") {
      if (!e.value.IsNull()) r.reason = w.Text(e);
    } else if (e.key == "cap") {
      r.cap = w.Number(e, false);
    }
  }
  return r;
}

std::optional<NodeDecl> LoadNode(Walker& w, const YamlNode& n) {
  NodeDecl d;
  d.pos = w.ItemPos(n);
  d.kind_pos = d.pos;
  Walker::Nest nest(w, d.pos);
  if (!nest.ok()) return std::nullopt;

  std::string kind = PeekKind(n);
  bool special = kind == "bonus" || kind == "deduction";
  KeyHint hint = PlainNodeHint;
  if (special) {
    hint = [&kind](std::string_view key) -> std::string {
      if (key == "points") {
        return fmt::format(
            "a `{}` indicator takes no `points`: it counts in no full marks "
            "(limit its amount with `cap`)",
            kind);
      }
      if (IsAllowedKey(KeyContext::kNode, key)) {
        return fmt::format("a `{}` indicator takes no `{}`: its amount comes from its `rules`",
                           kind, key);
      }
      return {};
    };
  }
  auto entries =
      w.Mapping(n, d.pos, "an indicator", special ? KeyContext::kBonusNode : KeyContext::kNode,
                hint, kNodeExprKeys);
  if (!entries) return std::nullopt;

  const Entry* score_key = nullptr;
  const Entry* children_key = nullptr;
  for (const Entry& e : *entries) {
    if (w.stopped()) return std::nullopt;
    if (e.key == "id") {
      if (auto id = w.Text(e)) {
        d.id = *id;
        d.id_pos = w.ValuePos(e);
      }
    } else if (e.key == "title") {
      d.title = w.Text(e, true).value_or("");
    } else if (e.key == "description") {
      d.description = w.Text(e, true).value_or("");
    } else if (e.key == "meta") {
      // Free metadata: not walked, whatever it holds.
      if (!e.value.IsMap() && !e.value.IsNull()) {
        w.Error(w.ValuePos(e), "`meta` must be a mapping (free notes), got " + w.Describe(e.value));
      }
    } else if (e.key == "kind") {
      if (auto c = w.Choice(e, kKindNames)) {
        d.kind = *c == 0 ? NodeKind::kBonus : NodeKind::kDeduction;
        d.kind_pos = w.ValuePos(e);
      }
    } else if (e.key == "points") {
      d.points = w.Number(e, false);
    } else if (e.key == "weight") {
      d.weight = w.Number(e, true);
    } else if (e.key == "floor") {
      d.floor = w.Number(e, false);
    } else if (e.key == "cap") {
      d.cap_pos = w.ValuePos(e);
      ReadCap(w, e, d.cap, d.cap_none);
    } else if (e.key == "value") {
      d.value = w.Expr(e);
    } else if (e.key == "score") {
      score_key = &e;
      d.score = w.Expr(e);
    } else if (e.key == "when") {
      d.when = w.Expr(e);
    } else if (e.key == "on_missing") {
      if (auto c = w.Choice(e, kOnMissingNames)) d.on_missing = kOnMissingValues[*c];
    } else if (e.key == "children") {
      children_key = &e;
      d.has_children = true;
      if (auto items = w.Sequence(e)) {
        d.children.reserve(items->size());
        for (const YamlNode& item : *items) {
          if (auto child = LoadNode(w, item)) d.children.push_back(std::move(*child));
          if (w.stopped()) return std::nullopt;
        }
      }
    } else if (e.key == "rules") {
      d.has_rules = true;
      if (auto items = w.Sequence(e)) {
        for (const YamlNode& item : *items) {
          if (auto rule = LoadRule(w, item)) d.rules.push_back(std::move(*rule));
          if (w.stopped()) return std::nullopt;
        }
      }
    }
  }
  if (w.stopped()) return std::nullopt;

  if (d.id.empty() && std::none_of(entries->begin(), entries->end(),
                                   [](const Entry& e) { return e.key == "id"; })) {
    w.Error(d.pos, "an indicator needs an `id`");
  }
  if (special) {
    if (!d.has_rules)
      w.Error(d.pos, fmt::format("{} (`kind: {}`) needs `rules`", NodeLabel(d), kind));
  } else if (score_key && children_key) {
    const Entry* later = score_key->key_pos.line > children_key->key_pos.line ||
                                 (score_key->key_pos.line == children_key->key_pos.line &&
                                  score_key->key_pos.column > children_key->key_pos.column)
                             ? score_key
                             : children_key;
    w.Error(later->key_pos, fmt::format("{} has both `score` and `children`: a leaf has `score`, "
                                        "a group has `children`",
                                        NodeLabel(d)));
    d.kind = NodeKind::kGroup;
  } else if (children_key) {
    d.kind = NodeKind::kGroup;
  } else if (score_key) {
    d.kind = NodeKind::kLeaf;
  } else if (d.kind == NodeKind::kLeaf) {
    w.Error(d.pos, fmt::format("{} needs a `score` or `children`", NodeLabel(d)));
  }
  return d;
}

std::optional<VetoDecl> LoadVeto(Walker& w, const YamlNode& n) {
  VetoDecl v;
  v.pos = w.ItemPos(n);
  auto entries = w.Mapping(n, v.pos, "a veto", KeyContext::kVeto, {}, kVetoExprKeys);
  if (!entries) return std::nullopt;
  bool has_id = false;
  bool has_when = false;
  for (const Entry& e : *entries) {
    if (e.key == "id") {
      has_id = true;
      v.id = w.Text(e).value_or("");
    } else if (e.key == "when") {
      has_when = true;
      v.when = w.Expr(e);
    } else if (e.key == "reason") {
      if (!e.value.IsNull()) v.reason = w.Text(e);
    } else if (e.key == "grade") {
      v.grade = w.Text(e);
      v.grade_pos = w.ValuePos(e);
    } else if (e.key == "max_grade") {
      v.max_grade = w.Text(e);
      v.max_grade_pos = w.ValuePos(e);
    } else if (e.key == "cap") {
      v.cap = w.Number(e, false);
    }
  }
  if (!has_id) w.Error(v.pos, "a veto needs an `id`");
  if (!has_when) {
    w.Error(v.pos, v.id.empty() ? std::string("a veto needs a `when`")
                                : fmt::format("veto {} needs a `when`", Quoted(v.id)));
  }
  return v;
}

}  // namespace

void ReadCap(Walker& walker, const Entry& entry, std::optional<NumberDecl>& cap, bool& cap_none) {
  if (IsPlain(entry.value) && entry.value.Scalar() == "none") {
    cap_none = true;
    return;
  }
  cap = walker.Number(entry, false);
}

void LoadIndicators(Walker& walker, const Entry& entry, SchemeDecl& decl) {
  auto items = walker.Sequence(entry);
  if (!items) return;
  if (items->empty()) {
    walker.Error(entry.key_pos, "`indicators` needs at least one indicator");
    return;
  }
  decl.indicators.reserve(items->size());
  for (const YamlNode& item : *items) {
    if (auto node = LoadNode(walker, item)) decl.indicators.push_back(std::move(*node));
    if (walker.stopped()) return;
  }
}

void LoadVetoes(Walker& walker, const Entry& entry, SchemeDecl& decl) {
  auto items = walker.Sequence(entry);
  if (!items) return;
  for (const YamlNode& item : *items) {
    if (auto veto = LoadVeto(walker, item)) decl.vetoes.push_back(std::move(*veto));
    if (walker.stopped()) return;
  }
}

}  // namespace assess::load
