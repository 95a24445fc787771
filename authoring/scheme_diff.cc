// This file's external interface is DiffSchemes: two scheme outlines compared section by
// section.
#include "authoring/scheme_diff.h"

#include <fmt/format.h>

#include <map>
#include <optional>

namespace assess::authoring {
namespace {

std::string Cap(const std::optional<double>& cap) { return cap ? NumberText(*cap) : "none"; }

std::string Min(const std::optional<double>& x) { return x ? NumberText(*x) : ""; }

std::string Joined(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
  return out + "]";
}

// Collects changes of one subject's fields.
class Collector {
 public:
  explicit Collector(std::vector<Change>& out) : out_(out) {}

  void Field(const std::string& subject, const std::string& field, const std::string& a,
             const std::string& b, int line, bool affects = true) {
    if (a == b) return;
    out_.push_back({Change::Kind::kChanged, subject, field, a, b, affects, line});
  }
  // Expressions are equal when their canonical forms are; the change shows the text.
  void Expr(const std::string& subject, const std::string& field,
            const std::optional<ExpressionOutline>& a, const std::optional<ExpressionOutline>& b,
            int line) {
    const std::string ca = a ? a->canonical : "", cb = b ? b->canonical : "";
    if (ca == cb) return;
    out_.push_back({Change::Kind::kChanged, subject, field, a ? a->text : "", b ? b->text : "",
                    true, b ? b->place.line : line});
  }
  void Added(const std::string& subject, const std::string& what, int line) {
    out_.push_back({Change::Kind::kAdded, subject, "", "", what, true, line});
  }
  void Removed(const std::string& subject, const std::string& what) {
    out_.push_back({Change::Kind::kRemoved, subject, "", what, "", true, 0});
  }
  void Moved(const std::string& subject, const std::string& a, const std::string& b, int line,
             bool affects) {
    out_.push_back({Change::Kind::kMoved, subject, "", a, b, affects, line});
  }

 private:
  std::vector<Change>& out_;
};

template <class T, class Key>
std::map<std::string, size_t> IndexBy(const std::vector<T>& items, Key key) {
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < items.size(); ++i) index.emplace(key(items[i], i), i);
  return index;
}

void DiffTop(const SchemeOutline& a, const SchemeOutline& b, Collector& c) {
  const std::string s = "scheme";
  c.Field(s, "id", a.id, b.id, 0, false);
  c.Field(s, "title", a.title, b.title, 0, false);
  c.Field(s, "version", a.version, b.version, 0, false);
  c.Field(s, "description", a.description, b.description, 0, false);
  c.Field(s, "unit", a.unit_column, b.unit_column, 0);
  c.Field(s, "peers", a.peers, b.peers, 0);
  c.Field("total", "points", NumberText(a.total_points), NumberText(b.total_points), 0);
  c.Field("total", "floor", NumberText(a.total_floor), NumberText(b.total_floor), 0);
  c.Field("total", "cap", Cap(a.total_cap), Cap(b.total_cap), 0);
  c.Field("rounding", "digits", std::to_string(a.digits), std::to_string(b.digits), 0);
  c.Field("rounding", "stage", a.rounding_stage, b.rounding_stage, 0);
}

void DiffInputs(const SchemeOutline& a, const SchemeOutline& b, Collector& c) {
  auto by_name = [](const InputOutline& in, size_t) { return in.name; };
  const auto old_index = IndexBy(a.inputs, by_name), new_index = IndexBy(b.inputs, by_name);
  for (const InputOutline& n : b.inputs) {
    const std::string s = "input " + n.name;
    auto it = old_index.find(n.name);
    if (it == old_index.end()) {
      c.Added(s, n.type + (n.required ? "" : ", not required"), n.place.line);
      continue;
    }
    const InputOutline& o = a.inputs[it->second];
    const int line = n.place.line;
    c.Field(s, "title", o.title, n.title, line, false);
    c.Field(s, "type", o.type, n.type, line);
    c.Field(s, "column", o.column, n.column, line);
    c.Field(s, "required", o.required ? "true" : "false", n.required ? "true" : "false", line);
    c.Field(s, "default", o.default_value, n.default_value, line);
    c.Field(s, "min", Min(o.min), Min(n.min), line);
    c.Field(s, "max", Min(o.max), Min(n.max), line);
    c.Field(s, "values", Joined(o.values), Joined(n.values), line);
  }
  for (const InputOutline& o : a.inputs) {
    if (!new_index.count(o.name)) c.Removed("input " + o.name, o.type);
  }
}

void DiffParams(const SchemeOutline& a, const SchemeOutline& b, Collector& c) {
  auto by_name = [](const ParamOutline& p, size_t) { return p.name; };
  const auto old_index = IndexBy(a.params, by_name), new_index = IndexBy(b.params, by_name);
  for (const ParamOutline& n : b.params) {
    auto it = old_index.find(n.name);
    if (it == old_index.end()) {
      c.Added("param " + n.name, n.value, n.place.line);
      continue;
    }
    c.Field("param " + n.name, "value", a.params[it->second].value, n.value, n.place.line);
  }
  for (const ParamOutline& o : a.params) {
    if (!new_index.count(o.name)) c.Removed("param " + o.name, o.value);
  }
}

std::string RuleText(const RuleOutline& r) {
  std::string out = r.when ? "when " + r.when->text : "always";
  out += ": " + (r.points ? r.points->text : std::string("0"));
  if (r.cap) out += ", cap " + NumberText(*r.cap);
  return out;
}

void DiffRules(const std::string& s, const IndicatorOutline& o, const IndicatorOutline& n,
               Collector& c) {
  const size_t common = std::min(o.rules.size(), n.rules.size());
  for (size_t i = 0; i < common; ++i) {
    const RuleOutline &ro = o.rules[i], &rn = n.rules[i];
    const std::string rule = fmt::format("rule {}", i + 1);
    const int line = rn.when ? rn.when->place.line : rn.points ? rn.points->place.line : 0;
    c.Expr(s, rule + " when", ro.when, rn.when, line);
    c.Expr(s, rule + " points", ro.points, rn.points, line);
    c.Field(s, rule + " cap", Cap(ro.cap), Cap(rn.cap), line);
    c.Field(s, rule + " reason", ro.reason, rn.reason, line, false);
  }
  for (size_t i = common; i < n.rules.size(); ++i) {
    c.Added(s + fmt::format(" rule {}", i + 1), RuleText(n.rules[i]),
            n.rules[i].when ? n.rules[i].when->place.line : n.place.line);
  }
  for (size_t i = common; i < o.rules.size(); ++i) {
    c.Removed(s + fmt::format(" rule {}", i + 1), RuleText(o.rules[i]));
  }
}

// The index of each indicator among those of its siblings that both schemes have, so that
// an indicator added or removed before it does not count as a move.
std::vector<int> CommonSiblingIndex(const std::vector<IndicatorOutline>& nodes,
                                    const std::map<std::string, size_t>& other) {
  std::map<std::string, int> next;
  std::vector<int> out;
  for (const IndicatorOutline& n : nodes) {
    out.push_back(other.count(n.id) ? next[n.parent]++ : -1);
  }
  return out;
}

void DiffIndicators(const SchemeOutline& a, const SchemeOutline& b, Collector& c) {
  auto by_id = [](const IndicatorOutline& n, size_t) { return n.id; };
  const auto old_index = IndexBy(a.indicators, by_id), new_index = IndexBy(b.indicators, by_id);
  const std::vector<int> old_sibling = CommonSiblingIndex(a.indicators, new_index);
  const std::vector<int> new_sibling = CommonSiblingIndex(b.indicators, old_index);
  for (size_t k = 0; k < b.indicators.size(); ++k) {
    const IndicatorOutline& n = b.indicators[k];
    const std::string s = "indicator " + n.id;
    const int line = n.place.line;
    auto it = old_index.find(n.id);
    if (it == old_index.end()) {
      c.Added(s,
              fmt::format("{}{}, {} points", n.title.empty() ? "" : n.title + ", ", n.kind,
                          NumberText(n.points)),
              line);
      continue;
    }
    const IndicatorOutline& o = a.indicators[it->second];
    const auto parent = [](const IndicatorOutline& x) {
      return x.parent.empty() ? std::string("the top level") : x.parent;
    };
    if (o.parent != n.parent) {
      c.Moved(s, "under " + parent(o), "under " + parent(n), line, true);
    } else if (old_sibling[it->second] != new_sibling[k]) {
      // The order of siblings changes the columns' order, not a number.
      c.Moved(s, fmt::format("position {}", old_sibling[it->second] + 1),
              fmt::format("position {}", new_sibling[k] + 1), line, false);
    }
    c.Field(s, "title", o.title, n.title, line, false);
    c.Field(s, "description", o.description, n.description, line, false);
    c.Field(s, "kind", o.kind, n.kind, line);
    c.Field(s, "points", NumberText(o.points), NumberText(n.points), line);
    c.Field(s, "floor", NumberText(o.floor), NumberText(n.floor), line);
    // A leaf's cap is its points unless it says otherwise: a cap that follows its points is
    // no change of its own.
    const bool default_caps =
        o.kind == "leaf" && n.kind == "leaf" && o.cap == o.points && n.cap == n.points;
    if (!default_caps) c.Field(s, "cap", Cap(o.cap), Cap(n.cap), line);
    c.Field(s, "on_missing", o.on_missing, n.on_missing, line);
    c.Expr(s, "when", o.when, n.when, line);
    c.Expr(s, "value", o.value, n.value, line);
    c.Expr(s, "score", o.score, n.score, line);
    DiffRules(s, o, n, c);
  }
  for (const IndicatorOutline& o : a.indicators) {
    if (!new_index.count(o.id)) {
      c.Removed("indicator " + o.id,
                fmt::format("{}{}, {} points", o.title.empty() ? "" : o.title + ", ", o.kind,
                            NumberText(o.points)));
    }
  }
}

void DiffVetoes(const SchemeOutline& a, const SchemeOutline& b, Collector& c) {
  auto key = [](const VetoOutline& v, size_t i) {
    return v.id.empty() ? fmt::format("#{}", i + 1) : v.id;
  };
  const auto old_index = IndexBy(a.vetoes, key), new_index = IndexBy(b.vetoes, key);
  for (size_t k = 0; k < b.vetoes.size(); ++k) {
    const VetoOutline& n = b.vetoes[k];
    const std::string s = "veto " + key(n, k);
    const int line = n.place.line;
    auto it = old_index.find(key(n, k));
    if (it == old_index.end()) {
      c.Added(s, "when " + n.when.text, line);
      continue;
    }
    const VetoOutline& o = a.vetoes[it->second];
    // Fired vetoes' reasons are listed in the order written: the order is a result.
    if (it->second != k) {
      c.Moved(s, fmt::format("position {}", it->second + 1), fmt::format("position {}", k + 1),
              line, true);
    }
    c.Expr(s, "when", o.when, n.when, line);
    c.Field(s, "reason", o.reason, n.reason, line);
    c.Field(s, "grade", o.grade, n.grade, line);
    c.Field(s, "max_grade", o.max_grade, n.max_grade, line);
    c.Field(s, "cap", Cap(o.cap), Cap(n.cap), line);
  }
  for (size_t k = 0; k < a.vetoes.size(); ++k) {
    if (!new_index.count(key(a.vetoes[k], k))) {
      c.Removed("veto " + key(a.vetoes[k], k), "when " + a.vetoes[k].when.text);
    }
  }
}

void DiffGrades(const SchemeOutline& a, const SchemeOutline& b, Collector& c) {
  if (a.has_grades != b.has_grades) {
    if (b.has_grades) {
      c.Added("grades", fmt::format("{} levels", b.levels.size()),
              b.levels.empty() ? 0 : b.levels[0].place.line);
    } else {
      c.Removed("grades", fmt::format("{} levels", a.levels.size()));
    }
    return;
  }
  if (!b.has_grades) return;
  std::vector<std::string> old_names, new_names;
  for (const LevelOutline& l : a.levels) old_names.push_back(l.name);
  for (const LevelOutline& l : b.levels) new_names.push_back(l.name);
  c.Field("grades", "levels", Joined(old_names), Joined(new_names),
          b.levels.empty() ? 0 : b.levels[0].place.line);
  auto by_name = [](const LevelOutline& l, size_t) { return l.name; };
  const auto old_index = IndexBy(a.levels, by_name);
  for (const LevelOutline& n : b.levels) {
    auto it = old_index.find(n.name);
    if (it == old_index.end()) continue;  // listed in `levels` above
    const LevelOutline& o = a.levels[it->second];
    c.Field("level " + n.name, "min", Min(o.min), Min(n.min), n.place.line);
    c.Field("level " + n.name, "quota", o.quota, n.quota, n.place.line);
  }
  c.Field("grades", "tie_break", Joined(a.tie_break), Joined(b.tie_break), 0);
  c.Field("grades", "ties", a.ties, b.ties, 0);
  c.Field("grades", "quota_rounding", a.quota_rounding, b.quota_rounding, 0);
}

}  // namespace

std::string NumberText(double x) {
  // 12 significant digits: points worked out from weights (70 x 60% / 100%) show as the
  // decimal the author means (5.4, not 5.3999999999999995), and differ only when they do.
  return fmt::format("{:.12g}", x);
}

std::string_view KindName(Change::Kind kind) {
  switch (kind) {
    case Change::Kind::kAdded:
      return "added";
    case Change::Kind::kRemoved:
      return "removed";
    case Change::Kind::kChanged:
      return "changed";
    case Change::Kind::kMoved:
      return "moved";
  }
  return "changed";
}

std::vector<Change> DiffSchemes(const SchemeOutline& old_scheme, const SchemeOutline& new_scheme) {
  std::vector<Change> out;
  Collector c(out);
  DiffTop(old_scheme, new_scheme, c);
  DiffInputs(old_scheme, new_scheme, c);
  DiffParams(old_scheme, new_scheme, c);
  DiffIndicators(old_scheme, new_scheme, c);
  DiffVetoes(old_scheme, new_scheme, c);
  DiffGrades(old_scheme, new_scheme, c);
  return out;
}

}  // namespace assess::authoring
