// How many units a grade's quota admits, and the levels' places as ties take them
// (rule-language §10). Internal to eval/ (ranking.cc, rank_by_counting.cc).
#ifndef ASSESS_EVAL_QUOTA_H_
#define ASSESS_EVAL_QUOTA_H_

#include <cstddef>
#include <vector>

#include "check/model.h"
#include "num/decimal.h"

namespace assess::eval {

// The share `q` of `n` units, exactly in decimal: rounded down, or half up with
// quota_rounding: nearest. All n when the product does not fit.
inline long long QuotaCount(const Decimal& q, std::size_t n, bool nearest) {
  auto product = q.Multiply(Decimal::FromInt(static_cast<long long>(n)));
  if (!product) return static_cast<long long>(n);
  return nearest ? product->RoundHalfUp() : product->Floor();
}

// The places of a group's grade levels, taken in rank order, a tie at a time: a level with
// a quota closes when it is full, or when tied units straddle its end (they take it then
// only with `ties: admit`); a level without one never closes.
class LevelQuotas {
 public:
  // `ranked`: the group's units not in error, forced ones too (what quotas are shares of).
  LevelQuotas(const check::Grades& grades, std::size_t ranked)
      : quota_(grades.levels.size(), -1),
        used_(grades.levels.size(), 0),
        closed_(grades.levels.size(), false),
        ties_admit_(grades.ties_admit) {
    for (std::size_t l = 0; l < grades.levels.size(); ++l) {
      if (grades.levels[l].quota) {
        quota_[l] = QuotaCount(*grades.levels[l].quota, ranked, grades.quota_nearest);
        closed_[l] = quota_[l] <= 0;
      }
    }
  }

  bool closed(std::size_t l) const { return closed_[l]; }

  // Whether `taking` tied units take level l, which is open; their places are counted if so.
  bool Admit(std::size_t l, long long taking) {
    if (quota_[l] < 0) return true;
    bool admit = true;
    if (taking > quota_[l] - used_[l]) {
      closed_[l] = true;  // the tied units straddle the quota's end: it closes either way
      admit = ties_admit_;
    }
    if (admit) {
      used_[l] += taking;
      if (used_[l] >= quota_[l]) closed_[l] = true;
    }
    return admit;
  }

 private:
  std::vector<long long> quota_, used_;  // quota_ -1: none
  std::vector<bool> closed_;
  bool ties_admit_;
};

}  // namespace assess::eval

#endif  // ASSESS_EVAL_QUOTA_H_
