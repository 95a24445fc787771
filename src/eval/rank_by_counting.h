// Ranks and grades of one peer group by counting its rounded totals, the way the units'
// places follow from a tally: no sort. Internal to eval/ (ranking.cc).
#ifndef ASSESS_EVAL_RANK_BY_COUNTING_H_
#define ASSESS_EVAL_RANK_BY_COUNTING_H_

#include <cstddef>
#include <cstdint>

#include "check/model.h"
#include "eval/peers.h"
#include "eval/result_table.h"

namespace assess::eval {

// A group of this many units or more is counted in parts, one per thread.
inline constexpr std::size_t kCountInPartsFrom = 16384;

// Sets res.rank and res.grade of the group's `members` (units in error excepted) exactly
// as sorting them would (ranking.cc), and returns true; or returns false, leaving the
// members with no rank (0) and no grade (-1), when counting does not fit: tie_break scores
// order tied totals, a total is too large for its whole number of 10^-digits to be exact,
// or the totals are so spread that the tally would be much larger than the group.
// Why: ranks are a count of the units with a higher rounded total, and a tally gives every
// unit its count in three passes over the members in input order (the keys' range, the
// tally, the ranks), on every thread, where a sort moves them about on one.
bool RankByCounting(const check::Model& model, const GroupMembers& members, ResultTable& res,
                    int threads);

}  // namespace assess::eval

#endif  // ASSESS_EVAL_RANK_BY_COUNTING_H_
