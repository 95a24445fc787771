// This file's external interface is DiffResults: the units whose total, rank or grade a
// change of scheme moves, and the count of each grade before and after.
#include "authoring/results_diff.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace assess::authoring {

double UnitMove::Move() const {
  if (old_total.has_value() != new_total.has_value()) return INFINITY;
  if (!old_total) return 0;
  return std::fabs(*new_total - *old_total);
}

ResultsDiff DiffResults(const Results& old_results, const Results& new_results,
                        const std::vector<std::string>& old_levels,
                        const std::vector<std::string>& new_levels) {
  ResultsDiff diff;
  std::map<std::string, GradeCount> counts;
  std::vector<std::string> order = new_levels;
  for (const std::string& l : old_levels) {
    if (std::find(order.begin(), order.end(), l) == order.end()) order.push_back(l);
  }
  for (const std::string& l : order) counts[l].level = l;
  for (size_t u = 0; u < old_results.size(); ++u) {
    const std::string& id = old_results.unit_id(u);
    const std::optional<size_t> v = new_results.Find(id);
    if (!v) continue;
    ++diff.units;
    UnitMove m;
    m.unit = id;
    m.old_total = old_results.total(u);
    m.new_total = new_results.total(*v);
    m.old_rank = old_results.rank(u);
    m.new_rank = new_results.rank(*v);
    m.old_grade = old_results.grade(u);
    m.new_grade = new_results.grade(*v);
    m.old_error = old_results.error(u);
    m.new_error = new_results.error(*v);
    if (m.old_grade) ++counts[*m.old_grade].old_count;
    if (m.new_grade) ++counts[*m.new_grade].new_count;
    if (m.old_grade != m.new_grade) {
      ++diff.grade_changes;
      if (m.old_grade) ++counts[*m.old_grade].lost;
      if (m.new_grade) ++counts[*m.new_grade].gained;
    }
    if (m.old_total != m.new_total || m.old_rank != m.new_rank || m.old_grade != m.new_grade ||
        m.old_error.empty() != m.new_error.empty()) {
      diff.moves.push_back(std::move(m));
    }
  }
  // Largest moves first; then the larger rank move; ties keep the data's order.
  std::stable_sort(diff.moves.begin(), diff.moves.end(), [](const UnitMove& a, const UnitMove& b) {
    if (a.Move() != b.Move()) return a.Move() > b.Move();
    const auto rank_move = [](const UnitMove& m) {
      return m.old_rank && m.new_rank ? std::abs(*m.new_rank - *m.old_rank) : 0;
    };
    return rank_move(a) > rank_move(b);
  });
  for (const std::string& l : order) diff.grades.push_back(counts[l]);
  return diff;
}

}  // namespace assess::authoring
