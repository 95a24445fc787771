// This file's external interface is CheckTree: the indicator tree (rule-language §6) becomes the
// model's flat node list (root `total` first, then pre-order), with ids checked, full
// marks computed from points or weights (rule-language §16: P x w / sum w, sums compared as
// decimals), and floors, caps and rules set.
#include <fmt/format.h>

#include <algorithm>

#include "check/check_context.h"
#include "num/number_text.h"

namespace assess::check {
namespace {

class TreeBuilder {
 public:
  explicit TreeBuilder(CheckContext& ctx) : ctx_(ctx), m_(ctx.model) {}

  void Build(load::SchemeDecl& decl) {
    load::NodeDecl root;
    root.id = "total";
    root.kind = NodeKind::kGroup;
    root.points = decl.total.points;
    root.floor = decl.total.floor;
    root.cap = decl.total.cap;
    root.cap_none = decl.total.cap_none;
    root.pos = decl.total.pos;
    root.children = std::move(decl.indicators);
    root.has_children = true;
    Add(root, -1, 0);
    ComputePoints(0, std::nullopt);
  }

 private:
  struct Extra {
    const load::NodeDecl* decl;
    std::optional<Decimal> points;  // exact full marks, for the sum check
  };

  // Adds `d` and its subtree in pre-order; returns its index.
  int Add(load::NodeDecl& d, int parent, int depth) {
    if (parent >= 0 && OverLimit(d.pos)) return -1;  // the implicit root is not counted
    const int index = static_cast<int>(m_.nodes.size());
    m_.nodes.emplace_back();
    if (parent >= 0) m_.node_index.emplace(d.id, index);  // the root is not a name
    extra_.push_back({&d, std::nullopt});
    Node& n = m_.nodes.back();
    n.id = d.id;
    n.title = d.title;
    n.description = d.description;
    n.kind = d.kind;
    n.parent = parent;
    n.depth = depth;
    n.pos = d.pos;
    n.on_missing = d.on_missing.value_or(OnMissing::kError);
    n.counts_points = d.kind == NodeKind::kLeaf || d.kind == NodeKind::kGroup;
    if (parent >= 0) CheckId(d);
    ParseInto(d.value, m_.nodes[index].value);
    ParseInto(d.score, m_.nodes[index].score);
    ParseInto(d.when, m_.nodes[index].when);
    if (d.kind == NodeKind::kBonus || d.kind == NodeKind::kDeduction) AddRules(d, index);
    for (load::NodeDecl& child : d.children) {
      const int c = Add(child, index, depth + 1);
      if (c >= 0) m_.nodes[index].children.push_back(c);
    }
    return index;
  }

  // Counts one more indicator or rule; true (reported once, at the first one too many)
  // beyond CheckOptions::max_nodes.
  bool OverLimit(SourcePos pos) {
    if (++count_ <= ctx_.options.max_nodes) return false;
    if (count_ == ctx_.options.max_nodes + 1) {
      ctx_.sink.Error(pos, fmt::format("the scheme has more than {} nodes and rules (a limit of "
                                       "the loader's options)",
                                       ctx_.options.max_nodes));
    }
    return true;
  }

  void CheckId(const load::NodeDecl& d) {
    if (!IsValidId(d.id)) {
      ctx_.sink.Error(d.id_pos, fmt::format("`{}` is not a valid id: use letters, digits and `_`, "
                                            "not starting with a digit, and no reserved word",
                                            d.id));
      return;
    }
    // Results have a column per indicator beside these (rule-language §13): an indicator of the
    // same name makes two columns of one name. The rule language allows the id: a warning.
    for (std::string_view field : {"unit", "rank", "grade", "vetoes", "error"}) {
      if (d.id == field) {
        ctx_.sink.Warning(d.id_pos, fmt::format("`{}` is also the name of a result column: "
                                                "results will have two `{}` columns",
                                                d.id, d.id));
      }
    }
    auto [it, inserted] = ids_.emplace(d.id, d.id_pos);
    if (!inserted) {
      ctx_.sink.Error(d.id_pos,
                      fmt::format("repeated id `{}` (first at line {})", d.id, it->second.line));
      return;
    }
    if (m_.FindInput(d.id) >= 0) {
      ctx_.sink.Error(d.id_pos, fmt::format("`{}` is both an indicator id and an input", d.id));
    } else if (m_.FindParam(d.id) >= 0) {
      ctx_.sink.Error(d.id_pos, fmt::format("`{}` is both an indicator id and a param", d.id));
    } else {
      ctx_.known_names.push_back(d.id);
    }
    ctx_.node_ids.push_back(d.id);
  }

  void ParseInto(std::optional<load::ExprSource>& src, std::optional<Expression>& out) {
    if (!src) return;
    Expression e;
    if (ParseExpression(std::move(*src), ctx_, e)) out = std::move(e);
  }

  void AddRules(load::NodeDecl& d, int index) {
    for (load::RuleDecl& r : d.rules) {
      if (OverLimit(r.pos)) return;
      Rule rule;
      rule.reason = r.reason ? *r.reason : r.when ? r.when->text : "true";
      if (r.cap) {
        if (r.cap->value < 0) ctx_.sink.Error(r.cap->pos, "a rule's `cap` must be 0 or more");
        rule.cap = r.cap->value;
      }
      ParseInto(r.when, rule.when);
      ParseInto(r.points, rule.points);
      m_.nodes[index].rules.push_back(std::move(rule));
    }
  }

  static std::optional<Decimal> DecimalOf(double x) { return Decimal::Parse(ShortestText(x)); }

  // Sets the full marks of node `i` and its subtree. `given` is what the parent's weights
  // give it, if they do.
  void ComputePoints(int i, std::optional<double> given) {
    Node& n = m_.nodes[i];
    const load::NodeDecl& d = *extra_[i].decl;
    if (!n.counts_points) {
      if (d.points)
        ctx_.sink.Error(d.points->pos,
                        fmt::format("a {} node has no `points`", NodeKindName(n.kind)));
      if (d.weight)
        ctx_.sink.Error(d.weight->pos,
                        fmt::format("a {} node has no `weight`", NodeKindName(n.kind)));
      n.points = 0;
      n.floor = 0;
      n.cap = d.cap && !d.cap_none ? d.cap->value : kNoCap;
      if (d.cap && d.cap->value < 0) ctx_.sink.Error(d.cap->pos, "`cap` must be 0 or more");
      return;
    }
    if (d.points && d.points->value < 0) {
      ctx_.sink.Error(d.points->pos, "`points` must be 0 or more");
    }
    if (given) {
      n.points = *given;
      extra_[i].points = DecimalOf(*given);
    } else if (d.points) {
      n.points = d.points->value;
      extra_[i].points = d.points->decimal;
    }
    if (n.kind == NodeKind::kGroup) ComputeChildren(i);
    if (n.kind == NodeKind::kLeaf && !given && !d.points) {
      ctx_.sink.Error(d.id_pos, fmt::format("`{}` needs `points` (its full marks), or a `weight` "
                                            "under a group that has `points`",
                                            n.id));
    }
    SetFloorAndCap(i);
  }

  void ComputeChildren(int g) {
    const load::NodeDecl& gd = *extra_[g].decl;
    std::vector<int> scored;
    int with_points = 0, with_weight = 0;
    SourcePos first_weight;
    for (int c : m_.nodes[g].children) {
      if (!m_.nodes[c].counts_points) {
        ComputePoints(c, std::nullopt);
        continue;
      }
      scored.push_back(c);
      const load::NodeDecl& cd = *extra_[c].decl;
      if (cd.points && cd.weight) {
        ctx_.sink.Error(cd.weight->pos, fmt::format("`{}` has both `points` and `weight`: give "
                                                    "one of them",
                                                    cd.id));
      }
      // A child with both is reported once, above, and counts as one with points.
      with_points += cd.points ? 1 : 0;
      with_weight += cd.weight && !cd.points ? 1 : 0;
      if (cd.weight && !cd.points && !first_weight.known()) first_weight = cd.weight->pos;
    }
    const std::string& gid = m_.nodes[g].id;
    if (with_weight > 0 && with_points > 0) {
      ctx_.sink.Error(GroupPos(gd, first_weight),
                      fmt::format("the children of `{}` mix `points` and `weight`: give all of "
                                  "them `points` or all of them `weight`",
                                  gid));
      // Children with a weight only get 0 points: their missing `points` is the same error.
      for (int c : scored) {
        ComputePoints(c, extra_[c].decl->points ? std::nullopt : std::optional<double>(0.0));
      }
      return;
    }
    if (with_weight > 0) {
      WeightChildren(g, scored, first_weight);
      return;
    }
    std::optional<Decimal> sum = Decimal::FromInt(0);
    double sum_double = 0;
    for (int c : scored) {
      ComputePoints(c, std::nullopt);
      if (sum && extra_[c].points) {
        sum = sum->Add(*extra_[c].points);
      } else {
        sum.reset();
      }
      sum_double += m_.nodes[c].points;
    }
    if (!extra_[g].points) {
      // A group without points gets the sum of its score children's points.
      m_.nodes[g].points = sum ? sum->ToDouble() : sum_double;
      extra_[g].points = sum;
      return;
    }
    if (!scored.empty() && sum && *sum != *extra_[g].points) {
      SourcePos where = gd.points ? gd.points->pos : gd.id_pos;
      ctx_.sink.Error(where, fmt::format("the points of `{}` ({}) do not match the sum of its "
                                         "children's points ({})",
                                         gid, extra_[g].points->ToString(), sum->ToString()));
    }
  }

  // Where an error about group `gd` points: its id, or for `total` its section; when the
  // file has no `total:` section, at `fallback` (a child's `weight`).
  static SourcePos GroupPos(const load::NodeDecl& gd, SourcePos fallback) {
    if (gd.id_pos.known()) return gd.id_pos;
    return gd.pos.known() ? gd.pos : fallback;
  }

  void WeightChildren(int g, const std::vector<int>& scored, SourcePos first_weight) {
    const load::NodeDecl& gd = *extra_[g].decl;
    const std::string& gid = m_.nodes[g].id;
    if (!extra_[g].points) {
      ctx_.sink.Error(GroupPos(gd, first_weight),
                      fmt::format("`{}` gives its children `weight`, so it needs `points` (for "
                                  "`total`: `total: {{points: 100}}`)",
                                  gid));
      for (int c : scored) ComputePoints(c, 0.0);
      return;
    }
    double sum_w = 0;  // added in the order written (rule-language §16)
    for (int c : scored) {
      const load::NodeDecl& cd = *extra_[c].decl;
      if (!cd.weight) {
        ctx_.sink.Error(cd.id_pos,
                        fmt::format("`{}` needs a `weight`, as its siblings have", cd.id));
        continue;
      }
      if (cd.weight->value < 0) ctx_.sink.Error(cd.weight->pos, "`weight` must be 0 or more");
      sum_w += std::max(cd.weight->value, 0.0);
    }
    if (sum_w <= 0) {
      ctx_.sink.Error(GroupPos(gd, first_weight),
                      fmt::format("the weights of the children of `{}` add up to 0", gid));
      sum_w = 1;
    }
    const double p = m_.nodes[g].points;
    for (int c : scored) {
      const load::NodeDecl& cd = *extra_[c].decl;
      const double w = cd.weight ? std::max(cd.weight->value, 0.0) : 0;
      ComputePoints(c, p * w / sum_w);
    }
  }

  void SetFloorAndCap(int i) {
    Node& n = m_.nodes[i];
    const load::NodeDecl& d = *extra_[i].decl;
    n.floor = d.floor ? d.floor->value : 0;
    if (d.cap_none) {
      n.cap = kNoCap;
    } else if (d.cap) {
      n.cap = d.cap->value;
    } else {
      n.cap = n.kind == NodeKind::kLeaf ? n.points : kNoCap;
    }
    // A default cap below the default floor comes from negative points, reported already.
    if (n.floor > n.cap && (d.floor || d.cap)) {
      ctx_.sink.Error(d.floor ? d.floor->pos : d.cap->pos,
                      fmt::format("the `floor` of `{}` ({}) is above its cap ({})", n.id,
                                  ShortestText(n.floor), ShortestText(n.cap)));
    }
  }

  CheckContext& ctx_;
  Model& m_;
  std::vector<Extra> extra_;
  std::unordered_map<std::string, SourcePos> ids_;
  std::size_t count_ = 0;
};

}  // namespace

void CheckTree(load::SchemeDecl& decl, CheckContext& ctx) { TreeBuilder(ctx).Build(decl); }

}  // namespace assess::check
