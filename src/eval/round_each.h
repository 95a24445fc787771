// RoundEach: the hot loop of rounding stage `each`: a chunk of raw scores clamped and
// rounded to `digits` decimals, with their compact codes. Internal to eval/.
#ifndef ASSESS_EVAL_ROUND_EACH_H_
#define ASSESS_EVAL_ROUND_EACH_H_

#include <cstdint>

namespace assess::eval {

// The code of a lane that RoundEach could not decide (see below): never a score's code,
// whose magnitude is below 2^31 - 2.
inline constexpr int32_t kUndecidedCode = INT32_MIN;

struct RoundEachSummary {
  bool undecided = false;  // some lane was left undecided
  int32_t lo = 0, hi = 0;  // the smallest and largest code of the decided lanes (and 0)
};

// For each unit i < n: x = min(max(v[i], lo), hi); s = |x| * p (p = 10^digits). When s is
// below 2^31 - 2, the lane is decided: k = the rounding of x at `digits` decimals, half away
// from zero, times p, as FastRoundScaled tells it (near-ties included), out[i] = +-k / p
// (exactly what RoundDecimal returns), codes[i] = +-k and codes16[i] its low 16 bits.
// Otherwise (and for NaN) the lane is undecided: out[i] = x and codes[i] = kUndecidedCode,
// for the caller to round. An undecided lane's codes16[i] is 0. v may be out. Branch-free but
// for near-ties, with a copy written for AVX2 and FMA (picked at run time where the CPU has
// them) that gives the same bits.
RoundEachSummary RoundEach(const double* v, double lo, double hi, double p, int n, double* out,
                           int32_t* codes, int16_t* codes16);

// The copies RoundEach picks from, for tests that hold them to the same bits: the build's
// baseline, and the AVX2 one (nullptr when this CPU or compiler has none).
using RoundEachFn = RoundEachSummary (*)(const double*, double, double, double, int, double*,
                                         int32_t*, int16_t*);
RoundEachFn RoundEachBaseline();
RoundEachFn RoundEachAvx2();

}  // namespace assess::eval

#endif  // ASSESS_EVAL_ROUND_EACH_H_
