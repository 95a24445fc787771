// This file's external interface is RoundEach (round_each.h).
#include "eval/round_each.h"

#include <cmath>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

#include "core/cpu_has_avx2.h"

namespace assess::eval {
namespace {

// Whether a * p > h exactly, for s = fl(a * p) near the half h (|s - h| <= s * 2^-50 +
// 2^-1000, so s - h is exact by Sterbenz's lemma): Dekker's product (Veltkamp's split, no
// fused multiply-add in the build's baseline) gives the e with s + e = a * p exactly, and
// the rounded (s - h) + e keeps the exact sum's sign. For a * p below 2^31: no overflow,
// and a near-tie's partial products are far above the subnormals.
[[gnu::always_inline]] inline bool ProductAbove(double a, double p, double s, double h) {
  constexpr double kSplit = 134217729.0;  // 2^27 + 1
  const double ta = kSplit * a, ah = ta - (ta - a), al = a - ah;
  const double tp = kSplit * p, ph = tp - (tp - p), pl = p - ph;
  const double e = ((ah * ph - s) + ah * pl + al * ph) + al * pl;
  return (s - h) + e > 0;
}

// The loop for the build's baseline; LoopAvx2 below does the same in AVX2 registers. The
// copy is picked once, at the first call, by a plain function pointer rather than GCC's
// target_clones: its ifunc resolver would be exported from libassess.so whatever its
// visibility (GCC 12), and, made local, it runs while the dynamic loader relocates the
// program, before a sanitizer's runtime is ready (ThreadSanitizer crashes there; see
// CpuHasAvx2).
//
// A lane is decided when s = |x| * p is below 2^31 - 2, as FastRoundScaled decides it: by
// s's fraction when that is clearly away from a half, and otherwise (a near-tie: decimal
// halves such as 0.015 at 2 decimals, common in scores) by the decimal half (n + 0.5) / p,
// which reads back as x or tells by an exact product on which side of it x lies.
[[gnu::always_inline]] inline RoundEachSummary Loop(const double* v, double lo, double hi, double p,
                                                    int n, double* out, int32_t* codes,
                                                    int16_t* codes16) {
  int undecided = 0;
  int32_t code_lo = 0, code_hi = 0;
  for (int i = 0; i < n; ++i) {
    // `&` rather than `&&`, and selects: no branch, so that the loop vectorizes.
    const double c = v[i] < lo ? lo : v[i];
    const double x = c > hi ? hi : c;
    const double a = std::fabs(x);
    const double s = a * p;
    const double whole = std::floor(s);
    const double f = s - whole;  // exact below 2^52
    const double bound = s * 0x1p-50 + 0x1p-1000;
    const double half = whole + 0.5;
    const bool far = std::fabs(f - 0.5) > bound;
    const bool tie_up = (half / p == a) | ProductAbove(a, p, s, half);
    const bool decided = s < 2147483646.0;
    const bool up = far ? f > 0.5 : tie_up;
    const double k = decided ? (up ? whole + 1 : whole) : 0.0;
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

RoundEachSummary LoopBaseline(const double* v, double lo, double hi, double p, int n, double* out,
                              int32_t* codes, int16_t* codes16) {
  return Loop(v, lo, hi, p, n, out, codes, codes16);
}

#if defined(__x86_64__) && defined(__GNUC__)
// The same loop written for AVX2 (and FMA) by hand, four lanes at a time: left to the
// compiler, the loop spent most of its instructions turning 64-bit lane masks into 32- and
// 16-bit ones (20 instructions a score). Here the sign and the undecided lanes ride in the
// doubles instead: k takes x's sign before the conversion (a -0 converts to 0), and an
// undecided lane is NaN, which the conversion turns into INT32_MIN, kUndecidedCode itself;
// the rounded value is k / p + 0 (a -0 becomes +0: never "-0.00"), as Loop's `negative`
// does. The near-tie test (a division, a fused multiply-add: exact, as ProductAbove) runs
// only for the fours that hold a near-tie. The lanes after the last multiple of four take
// Loop.
__attribute__((target("avx2,fma"))) RoundEachSummary LoopAvx2(const double* v, double lo, double hi,
                                                              double p, int n, double* out,
                                                              int32_t* codes, int16_t* codes16) {
  const __m256d vlo = _mm256_set1_pd(lo), vhi = _mm256_set1_pd(hi), vp = _mm256_set1_pd(p);
  const __m256d sign = _mm256_set1_pd(-0.0), half = _mm256_set1_pd(0.5);
  const __m256d one = _mm256_set1_pd(1.0), zero = _mm256_setzero_pd();
  const __m256d tiny = _mm256_set1_pd(0x1p-1000), rel = _mm256_set1_pd(0x1p-50);
  const __m256d limit = _mm256_set1_pd(2147483646.0), nan = _mm256_set1_pd(__builtin_nan(""));
  // The low two bytes of each 32-bit lane, packed into the low 8 bytes.
  const __m128i low16 = _mm_setr_epi8(0, 1, 4, 5, 8, 9, 12, 13, -1, -1, -1, -1, -1, -1, -1, -1);
  const __m128i undecided_code = _mm_set1_epi32(kUndecidedCode);
  __m128i code_lo = _mm_setzero_si128(), code_hi = _mm_setzero_si128();
  __m256d all_decided = _mm256_castsi256_pd(_mm256_set1_epi64x(-1));
  int i = 0;
  for (; i + 4 <= n; i += 4) {
    const __m256d raw = _mm256_loadu_pd(v + i);
    // v < lo ? lo : v, then c > hi ? hi : c, as in Loop: max_pd(a, b) is a > b ? a : b and
    // min_pd(a, b) a < b ? a : b, so a NaN (b) stays NaN, and v = -0 at lo = 0 stays -0.
    const __m256d x = _mm256_min_pd(vhi, _mm256_max_pd(vlo, raw));
    const __m256d a = _mm256_andnot_pd(sign, x);
    const __m256d s = _mm256_mul_pd(a, vp);
    const __m256d whole = _mm256_round_pd(s, _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC);
    const __m256d f = _mm256_sub_pd(s, whole);
    const __m256d bound = _mm256_fmadd_pd(s, rel, tiny);  // exact: a power of two times s
    const __m256d off_half = _mm256_andnot_pd(sign, _mm256_sub_pd(f, half));
    const __m256d far = _mm256_cmp_pd(off_half, bound, _CMP_GT_OQ);
    const __m256d decided = _mm256_cmp_pd(s, limit, _CMP_LT_OQ);
    __m256d up_bit = _mm256_cmp_pd(f, half, _CMP_GT_OQ);
    if (_mm256_movemask_pd(_mm256_andnot_pd(far, decided)) != 0) {
      const __m256d h = _mm256_add_pd(whole, half);
      const __m256d tie_up =
          _mm256_or_pd(_mm256_cmp_pd(_mm256_div_pd(h, vp), a, _CMP_EQ_OQ),
                       _mm256_cmp_pd(_mm256_fmsub_pd(a, vp, h), zero, _CMP_GT_OQ));
      up_bit = _mm256_blendv_pd(tie_up, up_bit, far);
    }
    const __m256d up = _mm256_add_pd(whole, _mm256_and_pd(up_bit, one));
    const __m256d k = _mm256_or_pd(up, _mm256_and_pd(x, sign));  // +-up, x's sign
    const __m256d rounded = _mm256_add_pd(_mm256_div_pd(k, vp), zero);
    _mm256_storeu_pd(out + i, _mm256_blendv_pd(x, rounded, decided));
    const __m128i code = _mm256_cvttpd_epi32(_mm256_blendv_pd(nan, k, decided));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(codes + i), code);
    _mm_storel_epi64(reinterpret_cast<__m128i*>(codes16 + i), _mm_shuffle_epi8(code, low16));
    // An undecided lane's INT32_MIN counts as 0 for the least code, as in Loop (it never
    // raises the greatest).
    code_lo = _mm_min_epi32(code_lo, _mm_andnot_si128(_mm_cmpeq_epi32(code, undecided_code), code));
    code_hi = _mm_max_epi32(code_hi, code);
    all_decided = _mm256_and_pd(all_decided, decided);
  }
  RoundEachSummary sum = Loop(v + i, lo, hi, p, n - i, out + i, codes + i, codes16 + i);
  sum.undecided |= _mm256_movemask_pd(all_decided) != 0xF;
  alignas(16) int32_t lows[4], highs[4];
  _mm_store_si128(reinterpret_cast<__m128i*>(lows), code_lo);
  _mm_store_si128(reinterpret_cast<__m128i*>(highs), code_hi);
  for (int j = 0; j < 4; ++j) {
    sum.lo = lows[j] < sum.lo ? lows[j] : sum.lo;
    sum.hi = highs[j] > sum.hi ? highs[j] : sum.hi;
  }
  return sum;
}
#endif

RoundEachFn PickLoop() {
#if defined(__x86_64__) && defined(__GNUC__)
  if (CpuHasAvx2Fma()) return LoopAvx2;
#endif
  return LoopBaseline;
}

}  // namespace

RoundEachSummary RoundEach(const double* v, double lo, double hi, double p, int n, double* out,
                           int32_t* codes, int16_t* codes16) {
  static const RoundEachFn loop = PickLoop();
  return loop(v, lo, hi, p, n, out, codes, codes16);
}

RoundEachFn RoundEachBaseline() { return LoopBaseline; }

RoundEachFn RoundEachAvx2() {
  const RoundEachFn picked = PickLoop();
  return picked == LoopBaseline ? nullptr : picked;
}

}  // namespace assess::eval
