// ResultTable: everything an evaluation computes, in batch-wide columns (one entry per
// unit), for results, explanations and reports.
#ifndef ASSESS_EVAL_RESULT_TABLE_H_
#define ASSESS_EVAL_RESULT_TABLE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/large_alloc.h"
#include "data/column_arena.h"
#include "eval/score_column.h"
#include "eval/unit_messages.h"

namespace assess::eval {

// One value per unit, written whole by the step that computes it (so resize() leaves it
// uninitialized), carved with the evaluation's other columns from one arena.
using ResultColumn = std::vector<double, data::UninitializedArenaAllocator<double>>;

struct ResultTable {
  std::size_t units = 0;
  // Per node (0: the root, i.e. the total before vetoes): the score after clamping (and
  // rounding, stage each); NaN: not applicable; ErrorNaN: the node failed.
  std::vector<ScoreColumn> scores;
  std::vector<ResultColumn> values;  // per value column (Program::value_column_of)
  std::vector<ResultColumn> apps;    // per app column: AppState
  std::vector<ResultColumn> raw;     // per node, with tracing: before clamping
  // Per rule: points counted; NaN: not fired. A rule's points are capped but not rounded,
  // and mostly whole numbers of 10^-digits, which the column keeps in 8 or 16 bits.
  std::vector<ScoreColumn> rule_points;
  std::vector<ResultColumn> veto_fired;  // per veto: 1 fired, 0 not
  // Per peer site: the argument, when a kPeerArg step computes it (empty otherwise).
  std::vector<ResultColumn> peer_args;
  // Per peer site: peer_rank / peer_rank_asc / peer_percentile, one per unit (empty for
  // aggregates).
  std::vector<ResultColumn> peer_results;
  // Per peer site: an aggregate, one per peer group (empty for the per-unit functions).
  std::vector<std::vector<double>> peer_group_results;
  ResultColumn total;  // after vetoes; NaN for units in error
  // From the evaluation's arena too, as the columns above. Sized without being filled:
  // the ranking fills rank and grade, and the evaluation zeroes unit_error, each on every
  // thread (filling them when they are made was a pass over fresh memory on one). Rank and
  // grade take unit_error's room once the codes are read no more, and it is left empty.
  data::UninitializedColumnVector<int32_t> rank;         // 0: no rank (in error)
  data::UninitializedColumnVector<int32_t> grade;        // level index; -1: none
  data::UninitializedColumnVector<int32_t> peer_group;   // -1: none (data error)
  data::UninitializedColumnVector<uint64_t> unit_error;  // (order << 32) | poison; 0: fine
  // Per unit in error, its message (empty when no unit is: most batches). Read through
  // has_error(u) and error(u).
  UnitMessages errors;
  bool traced = false;

  bool has_error(std::size_t u) const { return errors.has(u); }
  const std::string& error(std::size_t u) const { return errors[u]; }
};

}  // namespace assess::eval

#endif  // ASSESS_EVAL_RESULT_TABLE_H_
