// This file's external interface is RoundEach (round_each.h).
#include "eval/round_each.h"

#include <cmath>

namespace assess::eval {
namespace {

// The loop lives in a function local to this file because GCC 12 gives the resolver of a
// target_clones function default visibility whatever the attributes say: an external one
// would put two internal symbols into libassess.so's dynamic table. The extra call is one
// per chunk.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && defined(__linux__)
__attribute__((target_clones("avx2", "default")))
#endif
RoundEachSummary
RoundEachLoop(const double* v, double lo, double hi, double p, int n, double* out, int32_t* codes,
              int16_t* codes16) {
  int undecided = 0;
  int32_t code_lo = 0, code_hi = 0;
  for (int i = 0; i < n; ++i) {
    // `&` rather than `&&`, and selects: no branch, so that the loop vectorizes.
    const double c = v[i] < lo ? lo : v[i];
    const double x = c > hi ? hi : c;
    const double s = std::fabs(x) * p;
    const double whole = std::floor(s);
    const double f = s - whole;  // exact below 2^52
    const double bound = s * 0x1p-50 + 0x1p-1000;
    const bool decided = (std::fabs(f - 0.5) > bound) & (s < 2147483646.0);
    const double up = f > 0.5 ? whole + 1 : whole;
    const double k = decided ? up : 0.0;
    const double r = k / p;
    const bool negative = (x < 0) & (k != 0);
    const double rounded = negative ? -r : r;
    out[i] = decided ? rounded : x;
    const int32_t magnitude = static_cast<int32_t>(k);  // 0 on an undecided lane
    const int32_t code = negative ? -magnitude : magnitude;
    codes[i] = decided ? code : kUndecidedCode;
    codes16[i] = static_cast<int16_t>(code);
    code_lo = code < code_lo ? code : code_lo;
    code_hi = code > code_hi ? code : code_hi;
    undecided |= !decided;
  }
  return RoundEachSummary{undecided != 0, code_lo, code_hi};
}

}  // namespace

RoundEachSummary RoundEach(const double* v, double lo, double hi, double p, int n, double* out,
                           int32_t* codes, int16_t* codes16) {
  return RoundEachLoop(v, lo, hi, p, n, out, codes, codes16);
}

}  // namespace assess::eval
