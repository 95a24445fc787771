// The functions of the expression language (rule-language §8), by name.
#ifndef ASSESS_CHECK_FUNCTIONS_H_
#define ASSESS_CHECK_FUNCTIONS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace assess::check {

enum class Fn : uint8_t {
  kMin,
  kMax,
  kAbs,
  kFloor,
  kCeil,
  kSqrt,
  kLn,
  kExp,
  kRound,
  kClamp,
  kRamp,
  kInterp,
  kStep,
  kLookup,
  kIsMissing,
  kCoalesce,
  kSafeDiv,
  kSum,
  kCount,
  kMean,
  kMedian,
  kTrimmedMean,
  kPeerMax,
  kPeerMin,
  kPeerMean,
  kPeerSum,
  kPeerCount,
  kPeerRank,
  kPeerRankAsc,
  kPeerPercentile,
};

std::optional<Fn> FindFunction(std::string_view name);
std::string_view FunctionName(Fn f);
const std::vector<std::string>& FunctionNames();

// peer_*: evaluated over the unit's peer group; a phase barrier for the evaluator.
inline bool IsPeerFunction(Fn f) { return f >= Fn::kPeerMax; }
// peer_rank, peer_rank_asc, peer_percentile: one result per unit, not per group.
inline bool IsPeerPerUnit(Fn f) { return f >= Fn::kPeerRank; }

}  // namespace assess::check

#endif  // ASSESS_CHECK_FUNCTIONS_H_
