// Decimal rounding as a person does it (rule-language §11): half away from zero at `digits`
// decimals, applied to the shortest decimal text that reads back as the same double.
// round(2.675, 2) = 2.68, round(1.005, 2) = 1.01, round(-0.125, 2) = -0.13.
#ifndef ASSESS_NUM_ROUND_H_
#define ASSESS_NUM_ROUND_H_

#include <cmath>

#include "num/fast_round.h"

namespace assess {

// The exact path: rounds the shortest text of x (std::to_chars) and reads it back.
double RoundDecimalExact(double x, int digits);

// digits >= 0. The result is the double nearest to the rounded decimal; it is never -0.0
// (a result of zero is +0.0). NaN is returned unchanged (it stands for a missing value).
// Inline, so that the loops of the evaluator keep their values in registers: the fast path
// (FastRoundScaled) settles every value below 2^51 after scaling, ties included; larger ones
// take the exact path.
inline double RoundDecimal(double x, int digits) {
  if (digits >= 0 && digits <= num_internal::kMaxExactPow10) {
    const double p = num_internal::kPow10[digits];
    double k;
    if (num_internal::FastRoundScaled(std::fabs(x), p, &k)) {
      if (k == 0) return 0.0;
      // k and p are exact, so the division is the double nearest to k / 10^digits.
      const double r = k / p;
      return x < 0 ? -r : r;
    }
  }
  return RoundDecimalExact(x, digits);
}

}  // namespace assess

#endif  // ASSESS_NUM_ROUND_H_
