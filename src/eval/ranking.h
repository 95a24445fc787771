// Ranks and grades of an evaluated batch (rule-language §10). Internal to eval/.
#ifndef ASSESS_EVAL_RANKING_H_
#define ASSESS_EVAL_RANKING_H_

#include "check/model.h"
#include "eval/peers.h"
#include "eval/result_table.h"

namespace assess::eval {

// Sets res.rank and res.grade for every unit not in error: by peer group, on totals and
// tie_break scores rounded to the scheme's digits, forcing vetoes last, quotas counted
// exactly in decimal with ties demoted or admitted. Groups are ranked on up to `threads`
// threads.
void RankAndGrade(const check::Model& model, const PeerGroups& groups, ResultTable& res,
                  int threads);

}  // namespace assess::eval

#endif  // ASSESS_EVAL_RANKING_H_
