// This file's external interface is kPow10 and FastRoundScaled, internal to src/num: the
// fast path of rounding at `digits` decimals, shared by RoundDecimal and AppendFixed.
#ifndef ASSESS_NUM_FAST_ROUND_H_
#define ASSESS_NUM_FAST_ROUND_H_

#include <cmath>

namespace assess::num_internal {

// The powers of ten a double holds exactly.
inline constexpr int kMaxExactPow10 = 22;
inline constexpr double kPow10[kMaxExactPow10 + 1] = {
    1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

// For a = |x| (finite) and p = 10^digits: when the rounding of x's shortest text T at
// `digits` decimals can be decided without T, stores the rounded decimal times 10^digits,
// an integer below 2^52, in *k and returns true.
//
// T is within half an ulp of x, and s = fl(a * p) within half an ulp of a * p, so
// |T * p - s| <= s * 2^-52 (plus a subnormal's absolute error). When s is farther than
// that from the half between two integers, T * p rounds (half away from zero) as s does.
inline bool FastRoundScaled(double a, double p, double* k) {
  const double s = a * p;
  if (!(s < 0x1p52)) return false;
  const double n = static_cast<double>(static_cast<long long>(s));  // floor, as s >= 0
  const double f = s - n;                                           // exact below 2^52
  const double bound = s * 0x1p-50 + 0x1p-1000;
  if (!(std::fabs(f - 0.5) > bound)) return false;
  *k = f > 0.5 ? n + 1 : n;
  return true;
}

}  // namespace assess::num_internal

#endif  // ASSESS_NUM_FAST_ROUND_H_
