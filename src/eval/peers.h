// Peer groups and peer aggregates (SPEC §4 "Peer functions", §12 "Peers"). Internal to
// eval/.
#ifndef ASSESS_EVAL_PEERS_H_
#define ASSESS_EVAL_PEERS_H_

#include <cstdint>
#include <vector>

#include "check/functions.h"
#include "check/model.h"
#include "data/unit_table.h"
#include "eval/result_table.h"

namespace assess::eval {

// Units by peer group. Units whose peers value is missing form a group of their own;
// units with a data error are in none (-1).
struct PeerGroups {
  std::vector<int32_t> group_of;             // per unit
  std::vector<std::vector<uint32_t>> units;  // per group, in input order
};

PeerGroups GroupUnits(const check::Model& model, const data::UnitTable& units);

// Fills `result` (one entry per unit) with `fn` over `arg` in each unit's group. Units whose
// argument is null or an error (ErrorNaN) are left out; with none left the result is null.
// peer_rank / peer_rank_asc / peer_percentile: null for a unit whose own argument is null,
// its argument's error for a unit whose own argument failed. Sums are exactly rounded, and
// nothing depends on the order of units.
void ReducePeers(check::Fn fn, const PeerGroups& groups, const ResultColumn& arg,
                 ResultColumn& result);

}  // namespace assess::eval

#endif  // ASSESS_EVAL_PEERS_H_
