// PeerHook: lets a caller take over the peer reductions and the ranking of an evaluation,
// for a batch evaluated in parts (src/eval/partials.h): the aggregates then come from every
// part's units, not just this batch's. Internal to eval/.
#ifndef ASSESS_EVAL_PEER_HOOK_H_
#define ASSESS_EVAL_PEER_HOOK_H_

#include <vector>

#include "check/model.h"
#include "data/unit_table.h"

namespace assess::eval {

struct EvalShared;
struct PeerGroups;
struct ResultTable;

class PeerHook {
 public:
  virtual ~PeerHook() = default;
  // Called after phase `phase` ran, instead of reducing `sites` from this batch alone: fills
  // their results (true), or ends the evaluation here (false; the table is then unfinished).
  virtual bool AfterPhase(int phase, const std::vector<int>& sites, EvalShared& shared,
                          const PeerGroups& groups) = 0;
  // Instead of RankAndGrade: res.rank and res.grade for every unit.
  virtual void Rank(const check::Model& model, const data::UnitTable& units,
                    const PeerGroups& groups, ResultTable& res) = 0;
};

}  // namespace assess::eval

#endif  // ASSESS_EVAL_PEER_HOOK_H_
