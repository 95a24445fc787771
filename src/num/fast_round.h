// This file's external interface is kPow10 and FastRoundScaled, internal to src/num and
// src/eval (which stores the integers it gives as compact score codes): the
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

// For a = |x| and p = 10^digits (exact): stores in *k the rounding, half away from zero, of
// the shortest decimal text T of x at `digits` decimals, times 10^digits (an integer below
// 2^51), and returns true; returns false when a * p >= 2^51 (or a is NaN or infinite) or a
// near-tie lies at or above 2^48, which the exact path handles.
//
// T is within half an ulp of x, and s = fl(a * p) within half an ulp of a * p, so
// |T * p - s| <= s * 2^-52 (plus a subnormal's absolute error). When s is farther than
// that from the half between two integers n and n + 1, T * p rounds as s does. Otherwise
// the decimal D = (n + 0.5) / p (with one decimal more, ending in 5) decides: if D reads
// back as x, T is D (the only decimal that short so close to x, see below) and rounds away
// from zero; if not, D lies outside the interval of decimals that read back as x, so T is
// above D exactly when x is, which one fused multiply-add tells exactly.
inline bool FastRoundScaled(double a, double p, double* k) {
  const double s = a * p;
  if (!(s < 0x1p51)) return false;
  const double n = static_cast<double>(static_cast<long long>(s));  // floor, as s >= 0
  const double f = s - n;                                           // exact below 2^52
  const double bound = s * 0x1p-50 + 0x1p-1000;
  if (std::fabs(f - 0.5) > bound) {
    *k = f > 0.5 ? n + 1 : n;
    return true;
  }
  // Below 2^48, x's interval of decimals that read back as x is narrower than a tenth of a
  // unit at `digits` decimals (ulp(x) * p <= s * 2^-52 < 1/10), so it holds at most one
  // decimal with one more decimal than `digits`, and none with fewer.
  if (!(s < 0x1p48)) return false;
  const double half = n + 0.5;  // exact
  *k = (half / p == a || std::fma(a, p, -half) > 0) ? n + 1 : n;
  return true;
}

}  // namespace assess::num_internal

#endif  // ASSESS_NUM_FAST_ROUND_H_
