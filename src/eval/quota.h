// How many units a grade's quota admits (rule-language §10). Internal to eval/.
#ifndef ASSESS_EVAL_QUOTA_H_
#define ASSESS_EVAL_QUOTA_H_

#include <cstddef>

#include "num/decimal.h"

namespace assess::eval {

// The share `q` of `n` units, exactly in decimal: rounded down, or half up with
// quota_rounding: nearest. All n when the product does not fit.
inline long long QuotaCount(const Decimal& q, std::size_t n, bool nearest) {
  auto product = q.Multiply(Decimal::FromInt(static_cast<long long>(n)));
  if (!product) return static_cast<long long>(n);
  return nearest ? product->RoundHalfUp() : product->Floor();
}

}  // namespace assess::eval

#endif  // ASSESS_EVAL_QUOTA_H_
