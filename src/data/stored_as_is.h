// StoredAsIs: whether a column of doubles is one a table would store exactly as it is, so
// that it can read the column where it is (NumberVector::Share) instead of storing a copy.
// BatchBuilder asks it of every column shared with it (a DataFrame's float64 columns),
// before the batch is built. Internal to the library.
#ifndef ASSESS_DATA_STORED_AS_IS_H_
#define ASSESS_DATA_STORED_AS_IS_H_

#include <cstddef>

#include "core/cpu_has_avx2.h"

namespace assess::data {

struct AsIsRule {
  double lo = -__builtin_inf();  // the input's min, or -inf
  double hi = __builtin_inf();   // the input's max, or inf
  bool integer = false;          // an integer input: every value whole
  bool missing_ok = false;       // NaN (a missing value) allowed: neither required nor defaulted
};

// True when each of x[0], ..., x[n - 1] is a finite number within [lo, hi] (whole when
// `integer`), not -0.0, or, where `missing_ok`, the missing NaN (quiet_NaN(), no other NaN);
// `any_missing` then tells whether some is NaN. Compiled for the build's baseline and for
// AVX2, picked at the first call.
bool StoredAsIs(const double* x, std::size_t n, const AsIsRule& rule, bool& any_missing);

// The same by one copy of the loop, for tests that hold each against the others (only a
// copy the CPU runs, CpuRuns in core/cpu_has_avx2.h).
bool StoredAsIsBy(SimdCopy copy, const double* x, std::size_t n, const AsIsRule& rule,
                  bool& any_missing);

}  // namespace assess::data

#endif  // ASSESS_DATA_STORED_AS_IS_H_
