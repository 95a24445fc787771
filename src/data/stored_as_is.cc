// This file's external interface is StoredAsIs (stored_as_is.h).
#include "data/stored_as_is.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#include "core/cpu_has_avx2.h"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define ASSESS_AS_IS_SIMD 1
#endif

namespace assess::data {
namespace {

constexpr std::uint64_t kSignBit = 1ULL << 63;

std::uint64_t MissingBits() {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::uint64_t bits;
  std::memcpy(&bits, &nan, sizeof bits);
  return bits;
}

// One value at a time, as the vector loops treat each: false when x is not stored as is.
bool One(double x, const AsIsRule& r, bool& nan) {
  std::uint64_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  if (x != x) {
    nan = true;
    return r.missing_ok && bits == MissingBits();
  }
  return std::isfinite(x) && x >= r.lo && x <= r.hi && bits != kSignBit &&
         (!r.integer || std::trunc(x) == x);
}

bool Tail(const double* x, std::size_t from, std::size_t n, const AsIsRule& r, bool& nan) {
  for (std::size_t i = from; i < n; ++i) {
    if (!One(x[i], r, nan)) return false;
  }
  return true;
}

#if ASSESS_AS_IS_SIMD
// Each lane is bad when it is a NaN other than the missing one (or any NaN where missing is
// not allowed), -0.0, below lo, above hi, infinite, or, for an integer input, not whole.
// Ordered comparisons are false for NaN, so a NaN is judged by its bits alone.
__attribute__((target("sse4.1"))) bool Sse41(const double* x, std::size_t n, const AsIsRule& r,
                                             bool& any_nan) {
  const __m128d lo = _mm_set1_pd(r.lo), hi = _mm_set1_pd(r.hi);
  const __m128d max = _mm_set1_pd(std::numeric_limits<double>::max());
  const __m128d magnitude = _mm_castsi128_pd(_mm_set1_epi64x(~kSignBit));
  const __m128i sign = _mm_set1_epi64x(static_cast<long long>(kSignBit));
  const __m128i missing = _mm_set1_epi64x(static_cast<long long>(MissingBits()));
  const __m128d nan_ok = r.missing_ok ? _mm_castsi128_pd(_mm_set1_epi64x(-1)) : _mm_setzero_pd();
  const __m128d whole = r.integer ? _mm_castsi128_pd(_mm_set1_epi64x(-1)) : _mm_setzero_pd();
  __m128d bad = _mm_setzero_pd(), nans = _mm_setzero_pd();
  std::size_t i = 0;
  for (; i + 2 <= n; i += 2) {
    const __m128d v = _mm_loadu_pd(x + i);
    const __m128i bits = _mm_castpd_si128(v);
    const __m128d nan = _mm_cmpunord_pd(v, v);
    const __m128d fine_nan = _mm_and_pd(nan_ok, _mm_castsi128_pd(_mm_cmpeq_epi64(bits, missing)));
    __m128d b = _mm_andnot_pd(fine_nan, nan);
    b = _mm_or_pd(b, _mm_castsi128_pd(_mm_cmpeq_epi64(bits, sign)));
    b = _mm_or_pd(b, _mm_or_pd(_mm_cmplt_pd(v, lo), _mm_cmpgt_pd(v, hi)));
    b = _mm_or_pd(b, _mm_cmpgt_pd(_mm_and_pd(v, magnitude), max));
    const __m128d fraction =
        _mm_cmpneq_pd(_mm_round_pd(v, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC), v);
    b = _mm_or_pd(b, _mm_and_pd(whole, _mm_andnot_pd(nan, fraction)));
    bad = _mm_or_pd(bad, b);
    nans = _mm_or_pd(nans, nan);
  }
  if (_mm_movemask_pd(bad) != 0) return false;
  any_nan = _mm_movemask_pd(nans) != 0;
  return Tail(x, i, n, r, any_nan);
}

__attribute__((target("avx2"))) bool Avx2(const double* x, std::size_t n, const AsIsRule& r,
                                          bool& any_nan) {
  const __m256d lo = _mm256_set1_pd(r.lo), hi = _mm256_set1_pd(r.hi);
  const __m256d max = _mm256_set1_pd(std::numeric_limits<double>::max());
  const __m256d magnitude = _mm256_castsi256_pd(_mm256_set1_epi64x(~kSignBit));
  const __m256i sign = _mm256_set1_epi64x(static_cast<long long>(kSignBit));
  const __m256i missing = _mm256_set1_epi64x(static_cast<long long>(MissingBits()));
  const __m256d nan_ok =
      r.missing_ok ? _mm256_castsi256_pd(_mm256_set1_epi64x(-1)) : _mm256_setzero_pd();
  const __m256d whole =
      r.integer ? _mm256_castsi256_pd(_mm256_set1_epi64x(-1)) : _mm256_setzero_pd();
  __m256d bad = _mm256_setzero_pd(), nans = _mm256_setzero_pd();
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const __m256d v = _mm256_loadu_pd(x + i);
    const __m256i bits = _mm256_castpd_si256(v);
    const __m256d nan = _mm256_cmp_pd(v, v, _CMP_UNORD_Q);
    const __m256d fine_nan =
        _mm256_and_pd(nan_ok, _mm256_castsi256_pd(_mm256_cmpeq_epi64(bits, missing)));
    __m256d b = _mm256_andnot_pd(fine_nan, nan);
    b = _mm256_or_pd(b, _mm256_castsi256_pd(_mm256_cmpeq_epi64(bits, sign)));
    b = _mm256_or_pd(
        b, _mm256_or_pd(_mm256_cmp_pd(v, lo, _CMP_LT_OQ), _mm256_cmp_pd(v, hi, _CMP_GT_OQ)));
    b = _mm256_or_pd(b, _mm256_cmp_pd(_mm256_and_pd(v, magnitude), max, _CMP_GT_OQ));
    const __m256d fraction =
        _mm256_cmp_pd(_mm256_round_pd(v, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC), v, _CMP_NEQ_UQ);
    b = _mm256_or_pd(b, _mm256_and_pd(whole, _mm256_andnot_pd(nan, fraction)));
    bad = _mm256_or_pd(bad, b);
    nans = _mm256_or_pd(nans, nan);
  }
  if (_mm256_movemask_pd(bad) != 0) return false;
  any_nan = _mm256_movemask_pd(nans) != 0;
  return Tail(x, i, n, r, any_nan);
}
#endif

}  // namespace

bool StoredAsIsBy(SimdCopy copy, const double* x, std::size_t n, const AsIsRule& rule,
                  bool& any_missing) {
  bool nan = false;
  bool as_is = false;
  switch (copy) {
#if ASSESS_AS_IS_SIMD
    case SimdCopy::kAvx2:
      as_is = Avx2(x, n, rule, nan);
      break;
    case SimdCopy::kSse41:
      as_is = Sse41(x, n, rule, nan);
      break;
#endif
    default:
      as_is = Tail(x, 0, n, rule, nan);
      break;
  }
  if (as_is) any_missing = nan;
  return as_is;
}

bool StoredAsIs(const double* x, std::size_t n, const AsIsRule& rule, bool& any_missing) {
  return StoredAsIsBy(WidestSimdCopy(), x, n, rule, any_missing);
}

}  // namespace assess::data
