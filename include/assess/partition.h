// A batch evaluated in parts (on other threads, processes or machines) with the same
// results, bit for bit, as one Evaluate of the whole batch: peer functions, peer groups,
// ranks, tie-breaks, quotas, vetoes, repeated unit ids and the places in messages.
//
// No part ever sees another's units. Peer functions need every unit of a group, so the
// parts are evaluated in rounds, and between rounds a driver merges what each part gave:
//
//   PeerState state = *PeerState::Start(scheme, options);
//   while (!state.complete()) {
//     Partials merged;                       // parts in the whole batch's order
//     for (const Batch& part : parts) merged.Merge(*EvaluatePartials(scheme, part, state));
//     state.Advance(merged);
//   }
//   for (const Batch& part : parts) Results r = *EvaluatePart(scheme, part, state);
//
// A round per phase of the scheme that ends in peer functions (`peer_max(x -
// peer_mean(x))` has two: the mean is needed before the max's arguments exist), then one
// for ranks. Partials are small: per peer group, an aggregate (exact sums travel exactly,
// not rounded), or for peer_rank / peer_percentile the distinct values and their counts,
// and for ranks the distinct rounded totals (and tie-break scores) and their counts.
// Partials and PeerState are bytes (Serialize), to send them between processes.
//
// Repeated unit ids across parts (the first row of an id is the unit, every other row is
// a data error and no peer): RepeatedUnits of every part's RepeatableIds, then MarkRepeated. Places
// in messages: each part is read with the rows before it (ReadPartText,
// BatchBuilder::SetUnitsBefore).
#ifndef ASSESS_PARTITION_H_
#define ASSESS_PARTITION_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "assess/api.h"
#include "assess/batch.h"
#include "assess/evaluate.h"
#include "assess/expected.h"
#include "assess/results.h"
#include "assess/scheme.h"

namespace assess {

namespace internal {
struct PartialsImpl;
struct PeerStateImpl;
}  // namespace internal

// What one part (or several consecutive parts, merged) gives for one round.
class ASSESS_API Partials {
 public:
  Partials();  // nothing yet: merging into it gives the other
  ~Partials();
  Partials(const Partials& other);
  Partials& operator=(const Partials& other);
  Partials(Partials&&) noexcept;
  Partials& operator=(Partials&&) noexcept;

  // The round these are for (-1: empty).
  int round() const;
  // Adds the partials of parts that come after these in the whole batch (merging is
  // associative: merge neighbours in any tree, but keep their order). An error when
  // `later` is of another round.
  Status Merge(const Partials& later);

  std::string Serialize() const;
  static Expected<Partials> Deserialize(std::string_view bytes);

  const internal::PartialsImpl& impl() const { return *impl_; }
  internal::PartialsImpl& impl() { return *impl_; }

 private:
  std::unique_ptr<internal::PartialsImpl> impl_;
};

// What the driver knows after each round: the merged partials of the rounds so far.
class ASSESS_API PeerState {
 public:
  // Before the first round, for `scheme` with `options.params`.
  static Expected<PeerState> Start(const Scheme& scheme, const EvalOptions& options = {});
  ~PeerState();
  PeerState(const PeerState& other);
  PeerState& operator=(const PeerState& other);
  PeerState(PeerState&&) noexcept;
  PeerState& operator=(PeerState&&) noexcept;

  int round() const;   // the next round: 0 first
  int rounds() const;  // rounds before the final evaluation (peer phases + 1 for ranks)
  bool complete() const { return round() == rounds(); }
  // Takes the merged partials of every part for round round().
  Status Advance(const Partials& merged);

  std::string Serialize() const;
  static Expected<PeerState> Deserialize(std::string_view bytes);

  const internal::PeerStateImpl& impl() const { return *impl_; }

 private:
  explicit PeerState(std::unique_ptr<internal::PeerStateImpl> impl);
  std::unique_ptr<internal::PeerStateImpl> impl_;
};

// The part's partials for round state.round(). An error when the state is complete or the
// evaluation cannot start (a bad param), as Evaluate.
ASSESS_API Expected<Partials> EvaluatePartials(const Scheme& scheme, const Batch& part,
                                               const PeerState& state,
                                               const EvalOptions& options = {});

// The part's results, once the state is complete: every unit's as one Evaluate of the whole
// batch gives it. Explanations (Results::Explain, JSON with explain) use the merged
// aggregates too.
ASSESS_API Expected<Results> EvaluatePart(const Scheme& scheme, const Batch& part,
                                          const PeerState& state, const EvalOptions& options = {});

// The part's ids as repeats are found by: each unit's id, or "" for a unit whose id cannot
// repeat another (it has none, or it is not UTF-8: that row is already a data error).
ASSESS_API std::vector<std::string> RepeatableIds(const Batch& part);

// For parts given by their RepeatableIds in order: per part, the units whose id an earlier
// part holds (in one batch, those rows would be repeats). "" never repeats.
ASSESS_API std::vector<std::vector<std::size_t>> RepeatedUnits(
    const std::vector<std::vector<std::string>>& ids_of_parts);

// The part with `units` made repeats: the data error "duplicate unit id", as one batch
// reports it, whatever else was wrong with them.
ASSESS_API Batch MarkRepeated(const Batch& part, const std::vector<std::size_t>& units);

// Reads a part of a data file given as text: for CSV the header line and then the part's
// records, for JSON Lines the part's lines. `rows_before`: the records (CSV, blank ones too;
// the header is not counted) or lines (JSON Lines) of the whole file before the part's
// first one, so that messages name the places of the whole file (the readers are given
// them as blank lines: a byte each). JSON arrays cannot be read in parts this way (an error
// when rows_before > 0): split them into JSON Lines.
ASSESS_API Expected<Batch> ReadPartText(const Scheme& scheme, std::string_view text,
                                        DataFormat format, std::uint64_t rows_before,
                                        std::string_view name = "<text>");

// The whole protocol on this machine: every round over `parts`, in order, merged; then
// each part's results. For embedders that split a batch themselves, and as the reference
// of what a distributed driver does.
ASSESS_API Expected<std::vector<Results>> EvaluateInParts(const Scheme& scheme,
                                                          const std::vector<Batch>& parts,
                                                          const EvalOptions& options = {});

}  // namespace assess

#endif  // ASSESS_PARTITION_H_
