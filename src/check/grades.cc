// This file's external interface is CheckGrades: grade levels, tie_break and vetoes
// (rule-language §9, §6, §12 "Ranks and grades", "Vetoes").
#include <fmt/format.h>

#include "check/check_context.h"

namespace assess::check {
namespace {

int FindLevel(const std::optional<Grades>& g, std::string_view name) {
  if (!g) return -1;
  for (size_t i = 0; i < g->levels.size(); ++i) {
    if (g->levels[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

std::vector<std::string> LevelNames(const std::optional<Grades>& g) {
  std::vector<std::string> names;
  if (g)
    for (const Level& l : g->levels) names.push_back(l.name);
  return names;
}

void CheckLevels(load::GradesDecl& gd, CheckContext& ctx) {
  Model& m = ctx.model;
  Grades g;
  g.ties_admit = gd.ties_admit;
  g.quota_nearest = gd.quota_nearest;
  if (gd.levels.empty()) ctx.sink.Error(gd.pos, "`grades` needs at least one level");
  for (size_t i = 0; i < gd.levels.size(); ++i) {
    const load::LevelDecl& ld = gd.levels[i];
    const bool last = i + 1 == gd.levels.size();
    if (FindLevel(g, ld.name) >= 0) {
      ctx.sink.Error(ld.pos, fmt::format("repeated level `{}`", ld.name));
    }
    Level level;
    level.name = ld.name;
    level.pos = ld.pos;
    if (ld.min) {
      if (last)
        ctx.sink.Error(ld.min->pos, fmt::format("the last level (`{}`) has no `min`: "
                                                "it takes every unit left",
                                                ld.name));
      level.min = ld.min->value;
      if (i > 0 && g.levels.back().min && *level.min > *g.levels.back().min) {
        ctx.sink.Error(ld.min->pos, fmt::format("levels go best first, but the `min` of `{}` is "
                                                "above that of `{}`",
                                                ld.name, g.levels.back().name));
      }
    } else if (!last) {
      ctx.sink.Error(
          ld.pos, fmt::format("level `{}` needs a `min` (only the last level has none)", ld.name));
    }
    if (ld.quota) {
      if (ld.quota->decimal.is_negative() || ld.quota->decimal > Decimal::FromInt(1)) {
        ctx.sink.Error(ld.quota->pos, "a `quota` is a share between 0% and 100%");
      }
      level.quota = ld.quota->decimal;
    }
    g.levels.push_back(std::move(level));
  }
  for (const auto& [id, pos] : gd.tie_break) {
    const int n = m.FindNode(id);
    if (n <= 0) {
      ctx.sink.Error(pos, fmt::format("`tie_break` names `{}`, which is not an indicator{}", id,
                                      ctx.suggester.DidYouMean(id, {&ctx.node_ids})));
      continue;
    }
    g.tie_break.push_back(n);
  }
  m.grades = std::move(g);
}

}  // namespace

void CheckGrades(load::SchemeDecl& decl, CheckContext& ctx) {
  Model& m = ctx.model;
  if (decl.grades) CheckLevels(*decl.grades, ctx);
  std::unordered_map<std::string, int> ids;
  for (load::VetoDecl& vd : decl.vetoes) {
    Veto v;
    v.id = vd.id;
    v.pos = vd.pos;
    if (!vd.id.empty()) {
      if (!IsValidId(vd.id))
        ctx.sink.Error(vd.pos, fmt::format("`{}` is not a valid veto id", vd.id));
      if (!ids.emplace(vd.id, vd.pos.line).second) {
        ctx.sink.Error(vd.pos, fmt::format("repeated veto id `{}`", vd.id));
      }
    }
    if (!vd.when) {
      ctx.sink.Error(vd.pos, "a veto needs `when`");
      continue;
    }
    v.reason = vd.reason ? *vd.reason : vd.when->text;
    if (!ParseExpression(std::move(*vd.when), ctx, v.when)) continue;
    if (vd.cap) {
      if (vd.cap->value < 0) ctx.sink.Error(vd.cap->pos, "a veto's `cap` must be 0 or more");
      v.cap = vd.cap->value;
    }
    const std::vector<std::string> level_names = LevelNames(m.grades);
    auto level = [&](const std::optional<std::string>& name, SourcePos pos, const char* key) {
      if (!name) return -1;
      if (!m.grades) {
        ctx.sink.Error(pos, fmt::format("a veto's `{}` needs a `grades` section", key));
        return -1;
      }
      const int l = FindLevel(m.grades, *name);
      if (l < 0) {
        ctx.sink.Error(pos, fmt::format("`{}: {}` must name a level{}", key, *name,
                                        ctx.suggester.DidYouMean(*name, {&level_names})));
      }
      return l;
    };
    if (vd.grade && vd.max_grade) {
      ctx.sink.Error(vd.max_grade_pos, "a veto has `grade` (forced) or `max_grade`, not both");
    }
    v.force_level = level(vd.grade, vd.grade_pos, "grade");
    v.max_level = level(vd.max_grade, vd.max_grade_pos, "max_grade");
    v.forces = !vd.max_grade || vd.grade;
    if (v.forces && v.force_level < 0 && m.grades && !m.grades->levels.empty()) {
      v.force_level = static_cast<int>(m.grades->levels.size()) - 1;  // the lowest level
    }
    m.vetoes.push_back(std::move(v));
  }
}

}  // namespace assess::check
