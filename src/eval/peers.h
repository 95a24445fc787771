// Peer groups and peer aggregates (rule-language §8 "Peer functions", §12 "Peers"). Internal to
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

using GroupMembers = LargeVector<uint32_t>;  // a group's units, in input order

// Units by peer group. Units whose peers value is missing form a group of their own;
// units with a data error are in none (-1).
struct PeerGroups {
  data::UninitializedColumnVector<int32_t> group_of;  // per unit
  std::vector<GroupMembers> units;                    // per group
};

// Without `peers`, from this many units the one group is made on every thread.
inline constexpr std::size_t kGroupInPartsFrom = 65536;

// The peer groups of the units not in data error, numbered by first appearance; on up to
// `threads` threads when there is one group.
// group_of comes from `from` (the evaluation's arena).
PeerGroups GroupUnits(const check::Model& model, const data::UnitTable& units, int threads = 1,
                      const data::UninitializedArenaAllocator<int32_t>& from = {});

// A peer function's argument for every unit: a column a kPeerArg step computed (NaN: null,
// ErrorNaN: failed), or, for a bare input such as `peer_max(x)`, the input column itself.
struct PeerArgument {
  const ResultColumn* computed = nullptr;
  const data::Column* input = nullptr;
  double operator()(std::size_t u) const { return computed ? (*computed)[u] : input->At(u); }
};

// Computes `fn` over `arg` in each peer group. Units whose argument is null or an error are
// left out; with none left the result is null. An aggregate (peer_max, peer_min, peer_sum,
// peer_mean, peer_count) goes to `per_group` (one value per group). peer_rank,
// peer_rank_asc and peer_percentile go to `per_unit`: null for a unit whose own argument is
// null, its argument's error for a unit whose own argument failed. Sums are exactly
// rounded, and nothing depends on the order of units.
void ReducePeers(check::Fn fn, const PeerGroups& groups, const PeerArgument& arg,
                 std::vector<double>* per_group, ResultColumn* per_unit);

// peer_rank / peer_rank_asc / peer_percentile of a unit, from the peers with a smaller and
// with a larger argument than its own, of `peers` in all (rule-language §8.8). One place for
// the formulas, whether the counts come from one batch or from merged parts.
inline double PerUnitPeerResult(check::Fn fn, double smaller, double larger, double peers) {
  switch (fn) {
    case check::Fn::kPeerRank:
      return 1 + larger;
    case check::Fn::kPeerRankAsc:
      return 1 + smaller;
    default:
      return peers <= 1 ? 1.0 : smaller / (peers - 1);
  }
}

}  // namespace assess::eval

#endif  // ASSESS_EVAL_PEERS_H_
