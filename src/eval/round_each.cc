// This file's external interface is RoundEach (round_each.h).
#include "eval/round_each.h"

#include <cmath>

namespace assess::eval {
namespace {

// The loop, compiled twice: for the build's baseline and for AVX2 (the same operations in
// wider registers). The copy is picked once, at the first call, by a plain function
// pointer rather than GCC's target_clones: its ifunc resolver would be exported from
// libassess.so whatever its visibility (GCC 12), and, made local, it runs while the dynamic
// loader relocates the program, before a sanitizer's runtime is ready (ThreadSanitizer
// crashes there).
[[gnu::always_inline]] inline RoundEachSummary Loop(const double* v, double lo, double hi, double p,
                                                    int n, double* out, int32_t* codes,
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

using LoopFn = RoundEachSummary (*)(const double*, double, double, double, int, double*, int32_t*,
                                    int16_t*);

RoundEachSummary LoopBaseline(const double* v, double lo, double hi, double p, int n, double* out,
                              int32_t* codes, int16_t* codes16) {
  return Loop(v, lo, hi, p, n, out, codes, codes16);
}

#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target("avx2"))) RoundEachSummary LoopAvx2(const double* v, double lo, double hi,
                                                          double p, int n, double* out,
                                                          int32_t* codes, int16_t* codes16) {
  return Loop(v, lo, hi, p, n, out, codes, codes16);
}
#endif

LoopFn PickLoop() {
#if defined(__x86_64__) && defined(__GNUC__)
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx2")) return LoopAvx2;
#endif
  return LoopBaseline;
}

}  // namespace

RoundEachSummary RoundEach(const double* v, double lo, double hi, double p, int n, double* out,
                           int32_t* codes, int16_t* codes16) {
  static const LoopFn loop = PickLoop();
  return loop(v, lo, hi, p, n, out, codes, codes16);
}

}  // namespace assess::eval
