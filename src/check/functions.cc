// This file's external interface is FindFunction, FunctionName and FunctionNames.
#include "check/functions.h"

#include <array>

namespace assess::check {
namespace {

constexpr std::array<std::string_view, 30> kNames = {
    "min",       "max",      "abs",        "floor",        "ceil",          "sqrt",
    "ln",        "exp",      "round",      "clamp",        "ramp",          "interp",
    "step",      "lookup",   "is_missing", "coalesce",     "safe_div",      "sum",
    "count",     "mean",     "median",     "trimmed_mean", "peer_max",      "peer_min",
    "peer_mean", "peer_sum", "peer_count", "peer_rank",    "peer_rank_asc", "peer_percentile",
};

}  // namespace

std::optional<Fn> FindFunction(std::string_view name) {
  for (size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == name) return static_cast<Fn>(i);
  }
  return std::nullopt;
}

std::string_view FunctionName(Fn f) { return kNames[static_cast<size_t>(f)]; }

const std::vector<std::string>& FunctionNames() {
  static const std::vector<std::string> names(kNames.begin(), kNames.end());
  return names;
}

}  // namespace assess::check
