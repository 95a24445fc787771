// ScanScaled: whether a block of doubles is held exactly by mantissas at one scale, with its
// greatest magnitude and whether any value is missing, in one pass. NumberVector::PushValues
// asks it of every block of a column handed over whole (a DataFrame's, through
// BatchBuilder), before storing the block as mantissas. Internal to the library.
#ifndef ASSESS_DATA_SCAN_SCALED_H_
#define ASSESS_DATA_SCAN_SCALED_H_

#include <cstddef>

#include "core/cpu_has_avx2.h"

namespace assess::data {

struct ScaledScan {
  // Some value that is not NaN is not nearbyint(x * p) / p (it needs more decimals than the
  // scale, or it is too large to tell), or is -0.0 (whose sign a mantissa loses).
  bool inexact = false;
  bool any_nan = false;
  double max_abs = 0;  // the greatest |x| of the values that are not NaN; 0 when none
};

// The scan of x[0], ..., x[n - 1] at the scale whose power of ten is p. Compiled for the
// build's baseline and for AVX2, picked at the first call: the same operations on every value
// (a rounding, a multiplication and a division), so the same answer.
ScaledScan ScanScaled(const double* x, std::size_t n, double p);

// The same by one copy of the loop, for tests that hold each against the others (only a
// copy the CPU runs, CpuRuns in core/cpu_has_avx2.h).
ScaledScan ScanScaledBy(SimdCopy copy, const double* x, std::size_t n, double p);

}  // namespace assess::data

#endif  // ASSESS_DATA_SCAN_SCALED_H_
