// Peer aggregates of a batch evaluated in parts (rule-language §16 "Peers"): what each part gives
// (per peer group, partial aggregates of its units), how partials of consecutive parts merge
// (associatively, sums exactly), and the PeerHook that feeds the merged aggregates back
// into a part's evaluation. Rounds: one per phase that ends with peer reductions, then one
// for ranks (per group, how many units rank where), then the final evaluation. Internal to
// eval/; the public face is include/assess/partition.h.
#ifndef ASSESS_EVAL_PARTIALS_H_
#define ASSESS_EVAL_PARTIALS_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "check/model.h"
#include "compile/program.h"
#include "data/unit_table.h"
#include "eval/peer_hook.h"
#include "num/exact_sum.h"

namespace assess::eval {

// A peer group's name in every part: the peers value's text, or the group of units
// without one, or the one group of a scheme without `peers`.
using GroupKey = std::string;

// An aggregate's partial state over some units of a group.
struct PeerAggregate {
  uint64_t count = 0;
  double max = 0, min = 0;  // valid when count > 0; of equal values, the first unit's
  ExactSum sum;
  void Add(double x);
  void Merge(const PeerAggregate& later);  // `later`'s units come after these
  double Result(check::Fn fn) const;       // NaN when count == 0
};

// A per-unit function's (peer_rank, peer_percentile) values: value -> how many units, in
// increasing order (0 and -0 count as one value, as they compare equal).
using ValueCounts = std::vector<std::pair<double, uint64_t>>;

// A group's units by rank: the ranking key (forced: 1 / 0, -total, -tie_break scores, all
// rounded, so that ascending order is rank order), then by most restrictive max_grade
// (-1: none), how many units.
using RankCounts = std::map<std::vector<double>, std::map<int, uint64_t>>;

struct PeerPartials {
  int round = 0;
  std::map<int, std::map<GroupKey, PeerAggregate>> aggregates;  // per site, per group
  std::map<int, std::map<GroupKey, ValueCounts>> values;        // per site, per group
  std::map<GroupKey, RankCounts> ranks;                         // the rank round's

  // `later` holds the units of the parts after these (merging is associative; the order
  // of parts only decides which of equal maxima is kept, as in one evaluation).
  void Merge(const PeerPartials& later);
  std::string Serialize() const;
  // nullopt (and `error`) when `bytes` are not partials.
  static std::optional<PeerPartials> Parse(std::string_view bytes, std::string* error);
};

// The phases whose reductions need a round, in order.
std::vector<int> PeerRoundPhases(const compile::Program& program);

// Evaluates a part for round `merged.size()`: merged[r] are the merged partials of the
// rounds before. With fewer than rounds + 1 of them it gathers that round's partials
// (`gathered`); with all of them it gives the part's final results.
class PartialsHook : public PeerHook {
 public:
  PartialsHook(const compile::Program& program, const std::vector<PeerPartials>& merged);
  bool AfterPhase(int phase, const std::vector<int>& sites, EvalShared& shared,
                  const PeerGroups& groups) override;
  void Rank(const check::Model& model, const data::UnitTable& units, const PeerGroups& groups,
            ResultTable& res) override;

  bool final() const { return round_ == static_cast<int>(phases_.size()) + 1; }
  PeerPartials gathered;

 private:
  const compile::Program& program_;
  std::vector<int> phases_;
  const std::vector<PeerPartials>& merged_;
  int round_;
};

}  // namespace assess::eval

#endif  // ASSESS_EVAL_PARTIALS_H_
