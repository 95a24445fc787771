// This file's external interface is RoundDecimalExact (round.h).
//
// The rounding is defined on the shortest decimal text of x (what a person sees), so
// 2.675 rounds to 2.68 although the double 2.675 is slightly below 2.675. Producing that
// text costs a std::to_chars call; the fast path avoids it whenever the scaled value is
// clearly away from a half, where the text and the double round the same way.
#include "num/round.h"

#include <cassert>
#include <charconv>
#include <cmath>

#include "num/fast_round.h"
#include "num/shortest_digits.h"

namespace assess {
namespace {

using num_internal::kMaxExactPow10;
using num_internal::kPow10;

// Rounds the shortest text of x (finite, nonzero) and reads the result back.
double ExactRound(double x, int digits) {
  num_internal::DecimalDigits d = num_internal::ShortestDigits(x);
  if (d.exponent >= -digits) return x;  // no more decimals than asked for
  num_internal::RoundHalfAwayAt(d, digits);
  if (d.count == 0) return 0.0;
  // "-DDDDe-NNN": at most 1 + 18 + 1 + 12 characters.
  char buf[48];
  char* p = buf;
  if (d.negative) *p++ = '-';
  for (int i = 0; i < d.count; ++i) *p++ = d.digits[i];
  *p++ = 'e';
  p = std::to_chars(p, buf + sizeof buf, d.exponent).ptr;
  double r = 0;
  auto res = std::from_chars(buf, p, r);
  assert(res.ec == std::errc() && res.ptr == p);
  (void)res;
  return r;
}

}  // namespace

double RoundDecimalExact(double x, int digits) {
  assert(digits >= 0);
  if (digits < 0) digits = 0;
  if (!std::isfinite(x)) return x;  // NaN (missing) and infinities are unchanged
  if (x == 0) return 0.0;           // also turns -0.0 into +0.0
  if (digits <= kMaxExactPow10 && std::fabs(x) * kPow10[digits] >= 0x1p54) {
    // ulp(x) > 2 x 10^-digits, so the shortest text of x has at most `digits` decimals.
    return x;
  }
  return ExactRound(x, digits);
}

}  // namespace assess
