// What a change of scheme does to a year's results: both schemes evaluated on the same
// data, unit by unit.
#ifndef ASSESS_AUTHORING_RESULTS_DIFF_H_
#define ASSESS_AUTHORING_RESULTS_DIFF_H_

#include <optional>
#include <string>
#include <vector>

#include "assess/results.h"

namespace assess::authoring {

struct UnitMove {
  std::string unit;
  std::optional<double> old_total, new_total;  // nullopt: in error
  std::optional<int> old_rank, new_rank;
  std::optional<std::string> old_grade, new_grade;
  std::string old_error, new_error;
  double Move() const;  // |new total - old total|; a unit that enters or leaves error first
};

struct GradeCount {
  std::string level;
  int old_count = 0, new_count = 0;
  int gained = 0, lost = 0;  // units that got it now and not before, and the reverse
};

struct ResultsDiff {
  std::vector<UnitMove> moves;     // units whose total, rank, grade or error changed,
                                   // largest moves first
  std::vector<GradeCount> grades;  // per level (the new scheme's order, then old-only ones)
  int units = 0;                   // units compared
  int grade_changes = 0;
};

// Units are matched by id (the order of the old results); totals are compared as published.
ResultsDiff DiffResults(const Results& old_results, const Results& new_results,
                        const std::vector<std::string>& old_levels,
                        const std::vector<std::string>& new_levels);

}  // namespace assess::authoring

#endif  // ASSESS_AUTHORING_RESULTS_DIFF_H_
