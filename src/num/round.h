// Decimal rounding as a person does it (SPEC §7): half away from zero at `digits`
// decimals, applied to the shortest decimal text that reads back as the same double.
// round(2.675, 2) = 2.68, round(1.005, 2) = 1.01, round(-0.125, 2) = -0.13.
#ifndef ASSESS_NUM_ROUND_H_
#define ASSESS_NUM_ROUND_H_

namespace assess {

// digits >= 0. The result is the double nearest to the rounded decimal; it is never -0.0
// (a result of zero is +0.0). NaN is returned unchanged (it stands for a missing value).
// A fast path (scale, round, check that the scaled value was not within a few ulps of a
// tie) avoids the exact fallback (shortest text via std::to_chars) in nearly every call.
double RoundDecimal(double x, int digits);

}  // namespace assess

#endif  // ASSESS_NUM_ROUND_H_
