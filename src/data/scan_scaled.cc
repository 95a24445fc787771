// This file's external interface is ScanScaled (scan_scaled.h).
#include "data/scan_scaled.h"

#include <cmath>
#include <cstdint>
#include <cstring>

#include "core/cpu_has_avx2.h"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define ASSESS_SCAN_SIMD 1
#endif

namespace assess::data {
namespace {

constexpr std::uint64_t kSignBit = 1ULL << 63;

// The values the vector loops leave, one at a time, as the loops treat them.
void Tail(const double* x, std::size_t from, std::size_t n, double p, ScaledScan& s) {
  for (std::size_t i = from; i < n; ++i) {
    const double v = x[i];
    std::uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    if (v != v) {
      s.any_nan = true;
      continue;
    }
    if (std::nearbyint(v * p) / p != v || bits == kSignBit) s.inexact = true;
    const double a = std::fabs(v);
    s.max_abs = a > s.max_abs ? a : s.max_abs;
  }
}

#if ASSESS_SCAN_SIMD
// nearbyint: the current rounding mode (round to nearest, ties to even), no exception.
constexpr int kNearby = _MM_FROUND_CUR_DIRECTION | _MM_FROUND_NO_EXC;

// Written with intrinsics (SSE4.1, in x86-64-v2): GCC leaves the plain loop scalar (its flags mix
// integer and floating-point lanes), a division and a rounding a value at a time.
__attribute__((target("sse4.1"))) ScaledScan Sse41(const double* x, std::size_t n, double p) {
  ScaledScan s;
  const __m128d vp = _mm_set1_pd(p);
  const __m128d magnitude = _mm_castsi128_pd(_mm_set1_epi64x(~kSignBit));
  const __m128i sign = _mm_set1_epi64x(static_cast<long long>(kSignBit));
  __m128d bad = _mm_setzero_pd(), nans = _mm_setzero_pd(), max = _mm_setzero_pd();
  std::size_t i = 0;
  for (; i + 2 <= n; i += 2) {
    const __m128d v = _mm_loadu_pd(x + i);
    const __m128d nan = _mm_cmpunord_pd(v, v);
    const __m128d q = _mm_div_pd(_mm_round_pd(_mm_mul_pd(v, vp), kNearby), vp);
    // q != v is true for a NaN too: a NaN is missing, not inexact.
    const __m128d inexact = _mm_andnot_pd(nan, _mm_cmpneq_pd(q, v));
    const __m128d negative_zero = _mm_castsi128_pd(_mm_cmpeq_epi64(_mm_castpd_si128(v), sign));
    bad = _mm_or_pd(bad, _mm_or_pd(inexact, negative_zero));
    nans = _mm_or_pd(nans, nan);
    // max_pd gives its second operand when either is NaN: a NaN leaves the maximum as it is.
    max = _mm_max_pd(_mm_and_pd(v, magnitude), max);
  }
  double lanes[2];
  _mm_storeu_pd(lanes, max);
  s.max_abs = lanes[0] > lanes[1] ? lanes[0] : lanes[1];
  s.inexact = _mm_movemask_pd(bad) != 0;
  s.any_nan = _mm_movemask_pd(nans) != 0;
  Tail(x, i, n, p, s);
  return s;
}

// Four lanes a division and a rounding where the baseline (x86-64-v2) has two.
__attribute__((target("avx2"))) ScaledScan Avx2(const double* x, std::size_t n, double p) {
  ScaledScan s;
  const __m256d vp = _mm256_set1_pd(p);
  const __m256d magnitude = _mm256_castsi256_pd(_mm256_set1_epi64x(~kSignBit));
  const __m256i sign = _mm256_set1_epi64x(static_cast<long long>(kSignBit));
  __m256d bad = _mm256_setzero_pd(), nans = _mm256_setzero_pd(), max = _mm256_setzero_pd();
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const __m256d v = _mm256_loadu_pd(x + i);
    const __m256d nan = _mm256_cmp_pd(v, v, _CMP_UNORD_Q);
    const __m256d q = _mm256_div_pd(_mm256_round_pd(_mm256_mul_pd(v, vp), kNearby), vp);
    const __m256d inexact = _mm256_andnot_pd(nan, _mm256_cmp_pd(q, v, _CMP_NEQ_UQ));
    const __m256d negative_zero =
        _mm256_castsi256_pd(_mm256_cmpeq_epi64(_mm256_castpd_si256(v), sign));
    bad = _mm256_or_pd(bad, _mm256_or_pd(inexact, negative_zero));
    nans = _mm256_or_pd(nans, nan);
    max = _mm256_max_pd(_mm256_and_pd(v, magnitude), max);
  }
  double lanes[4];
  _mm256_storeu_pd(lanes, max);
  for (const double l : lanes) s.max_abs = l > s.max_abs ? l : s.max_abs;
  s.inexact = _mm256_movemask_pd(bad) != 0;
  s.any_nan = _mm256_movemask_pd(nans) != 0;
  Tail(x, i, n, p, s);
  return s;
}
#endif

}  // namespace

ScaledScan ScanScaledBy(SimdCopy copy, const double* x, std::size_t n, double p) {
  switch (copy) {
#if ASSESS_SCAN_SIMD
    case SimdCopy::kAvx2:
      return Avx2(x, n, p);
    case SimdCopy::kSse41:
      return Sse41(x, n, p);
#endif
    default:
      break;
  }
  ScaledScan s;
  Tail(x, 0, n, p, s);
  return s;
}

ScaledScan ScanScaled(const double* x, std::size_t n, double p) {
  return ScanScaledBy(WidestSimdCopy(), x, n, p);
}

}  // namespace assess::data
