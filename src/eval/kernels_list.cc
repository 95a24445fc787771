// This file's external interface is RunList: list literals and the list functions of
// rule-language §8 (`in`, sum, count, mean, median, min, max, trimmed_mean). Sums are exactly
// rounded (rule-language §16), so they do not depend on the order of the elements.
#include <algorithm>
#include <cmath>
#include <limits>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

#include "core/cpu_has_avx2.h"
#include "eval/chunk_state.h"
#include "num/exact_sum.h"

namespace assess::eval {
namespace {

using compile::ErrorKind;
using compile::MakePoison;
using compile::Op;

constexpr double kNull = std::numeric_limits<double>::quiet_NaN();

void Make(ChunkState& st, const compile::Inst& in) {
  const std::vector<uint32_t>& ops = st.program.operand_lists[in.aux];
  ListReg& l = st.List(in.dst);
  const size_t m = ops.size();
  l.arena.resize(static_cast<size_t>(st.n) * m);
  l.base = l.arena.data();
  bool any_poison = false;
  for (uint32_t op : ops) any_poison |= st.Poisoned(op);
  l.poisoned = any_poison;
  if (any_poison) l.poison.assign(kChunk, 0);
  for (size_t k = 0; k < m; ++k) {
    const In x = st.Operand(ops[k]);
    for (int i = 0; i < st.n; ++i) l.arena[static_cast<size_t>(i) * m + k] = x[i];
    if (st.Poisoned(ops[k])) {
      for (int i = 0; i < st.n; ++i) {
        if (!l.poison[i]) l.poison[i] = st.PoisonOf(ops[k])[i];
      }
    }
  }
  for (int i = 0; i < st.n; ++i) {
    l.begin[i] = static_cast<uint64_t>(i) * m;
    bool null = false;
    for (size_t k = 0; k < m; ++k) null |= std::isnan(l.arena[static_cast<size_t>(i) * m + k]);
    l.len[i] = null ? kNullList : static_cast<uint32_t>(m);  // a null element: a null list
  }
}

// Poison of a result computed from list `l` (and register b).
void ListPoison(ChunkState& st, const compile::Inst& in, const ListReg& l) {
  st.MergePoison(in.dst, in.b);
  if (!l.poisoned) return;
  for (int i = 0; i < st.n; ++i) {
    if (l.poison[i]) st.Raise(in.dst, i, l.poison[i]);
  }
}

// A sorted copy of e[0..len): in `small` (kSmallList doubles) by insertion sort for the
// short lists of raters that schemes have, in `big` otherwise.
constexpr uint32_t kSmallList = 32;
const double* SortedCopy(const double* e, uint32_t len, double* small, std::vector<double>& big) {
  if (len <= kSmallList) {
    for (uint32_t j = 0; j < len; ++j) {
      const double x = e[j];
      uint32_t k = j;
      for (; k > 0 && small[k - 1] > x; --k) small[k] = small[k - 1];
      small[k] = x;
    }
    return small;
  }
  big.assign(e, e + len);
  std::sort(big.begin(), big.end());
  return big.data();
}

// trimmed_mean(e, 1), the usual "drop the highest and the lowest" of raters, in one pass
// and without a sort: the plain sum of every element, less the lowest, less the highest,
// with each addition checked by Knuth's TwoSum. When none rounded, that is the exact sum of
// the kept elements (so the exactly rounded one, as ExactSumOf would give). Otherwise the
// kept elements are summed by ExactSumSlow.
//
// Raters' marks are mostly whole numbers, or halves: when every element times kSteps (256)
// is a whole number below 2^32 in magnitude, every partial sum of fewer than 2^20 elements
// is a multiple of 1/256 below 2^44, which a double holds exactly, so the plain sum is exact
// without TwoSum's four extra operations per element.
constexpr double kSteps = 256.0;
inline bool FewStepsOne(double x) {
  const double steps = x * kSteps;  // exact: a power of two
  return steps == std::floor(steps) && std::fabs(steps) < 0x1p32;
}
double MeanWithoutLowestAndHighest(const double* e, uint32_t len) {
  if (len < (1u << 20)) {
    double lo = e[0], hi = e[0], s = 0.0;
    bool whole = true;
    for (uint32_t j = 0; j < len; ++j) {
      const double x = e[j];
      lo = std::min(lo, x);
      hi = std::max(hi, x);
      whole &= FewStepsOne(x);
      s += x;
    }
    if (whole) return (s - lo - hi) / static_cast<double>(len - 2);
  }
  double lo = e[0], hi = e[0], s = 0.0;
  bool exact = true;
  auto add = [&](double x) {
    const double t = s + x;
    const double xp = t - s;
    exact &= ((s - (t - xp)) + (x - xp)) == 0.0;  // NaN after an overflow is not 0 either
    s = t;
  };
  for (uint32_t j = 0; j < len; ++j) {
    const double x = e[j];
    lo = std::min(lo, x);
    hi = std::max(hi, x);
    add(x);
  }
  add(-lo);
  add(-hi);
  const double kept = static_cast<double>(len - 2);
  if (exact && s - s == 0.0) return (s + 0.0) / kept;
  // The kept elements: on the stack for raters' lists (no allocation per unit).
  double small[kSmallList];
  std::vector<double> big;
  double* terms = small;
  if (len > kSmallList) {
    big.assign(e, e + len);
    terms = big.data();
  } else {
    std::copy(e, e + len, small);
  }
  double* end = terms + len;
  auto erase = [&](double* p) { end = std::copy(p + 1, end, p); };
  erase(std::min_element(terms, end));
  erase(std::max_element(terms, end));
  return ExactSumSlow(terms, static_cast<std::size_t>(end - terms)) / kept;
}

// trimmed_mean(e, k) for 2 <= k <= kFewTrim and len > 2k, as the plain formula above does it
// for k = 1: one pass for the sum, the k lowest and the k highest (small insertion lists),
// no sort. When every mark is a multiple of 1/256 below 2^24 in magnitude (and the list is
// shorter than 2^20), the sum and each difference are exact, so the result is the exact sum
// of the kept marks, as the sorted path's ExactSumOf gives it: the same bits. False, with
// nothing written, for any other list: the caller sorts. (The district's
// trimmed_mean(public_ratings, 2) of twenty-odd marks: an insertion sort a unit was a sixth
// of its evaluation.)
constexpr uint32_t kFewTrim = 4;
bool MeanWithoutFewLowestAndHighest(const double* e, uint32_t len, uint32_t k, double* out) {
  if (len >= (1u << 20)) return false;
  constexpr double kInf = std::numeric_limits<double>::infinity();
  double lows[kFewTrim], highs[kFewTrim];  // the k lowest rising, the k highest falling
  std::fill_n(lows, k, kInf);
  std::fill_n(highs, k, -kInf);
  double s = 0.0;
  bool whole = true;
  for (uint32_t j = 0; j < len; ++j) {
    const double x = e[j];
    whole &= FewStepsOne(x);
    s += x;
    if (x < lows[k - 1]) {
      uint32_t p = k - 1;
      for (; p > 0 && lows[p - 1] > x; --p) lows[p] = lows[p - 1];
      lows[p] = x;
    }
    if (x > highs[k - 1]) {
      uint32_t p = k - 1;
      for (; p > 0 && highs[p - 1] < x; --p) highs[p] = highs[p - 1];
      highs[p] = x;
    }
  }
  if (!whole) return false;
  for (uint32_t p = 0; p < k; ++p) s = s - lows[p] - highs[p];
  *out = (s + 0.0) / static_cast<double>(len - 2 * k);
  return true;
}

// TrimmedMeanOfOne's loop over a chunk of lists of one length m >= 4, four units at a time
// in AVX2 registers: the four units' lists are loaded four elements at a time (a row each)
// and transposed, so that a register holds element j of the four (the last block starts at
// m - 4 and skips the elements it repeats); plain loads and shuffles cost less than gathers.
// Four units whose marks are all multiples of 1/256 below 2^24 (whole numbers and halves
// among them) get the plain formula, by the same operations in the same order as the scalar
// loop below (min and max keep the old value on equality, as its selects do), so the same
// bits; any other four are left to MeanWithoutLowestAndHighest, which gives the same value
// for such marks and the exact one otherwise. The check rides in the loop, rather than a
// pass of its own over the chunk. Returns how many units it did (a multiple of four; none
// for m < 4, whose last row a block would read past).
#if defined(__x86_64__) && defined(__GNUC__)
// Per lane, all ones when x is a multiple of 1/kSteps below 2^32 / kSteps in magnitude.
__attribute__((target("avx2"))) inline __m256d FewSteps(__m256d value) {
  const __m256d x = _mm256_mul_pd(value, _mm256_set1_pd(kSteps));
  const __m256d integral =
      _mm256_cmp_pd(x, _mm256_round_pd(x, _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC), _CMP_EQ_OQ);
  const __m256d magnitude = _mm256_andnot_pd(_mm256_set1_pd(-0.0), x);
  return _mm256_and_pd(integral, _mm256_cmp_pd(magnitude, _mm256_set1_pd(0x1p32), _CMP_LT_OQ));
}

// Elements j..j+3 of the four rows r, r + m, r + 2m, r + 3m, as x[0..4): x[k] holds element
// j + k of each row.
__attribute__((target("avx2"))) inline void Transposed(const double* r, uint32_t m, uint32_t j,
                                                       __m256d x[4]) {
  const __m256d a = _mm256_loadu_pd(r + j), b = _mm256_loadu_pd(r + m + j);
  const __m256d c = _mm256_loadu_pd(r + 2 * m + j), d = _mm256_loadu_pd(r + 3 * m + j);
  // ab0 = a0 b0 a2 b2, ab1 = a1 b1 a3 b3; cd0 and cd1 alike; then the 128-bit halves.
  const __m256d ab0 = _mm256_unpacklo_pd(a, b), ab1 = _mm256_unpackhi_pd(a, b);
  const __m256d cd0 = _mm256_unpacklo_pd(c, d), cd1 = _mm256_unpackhi_pd(c, d);
  x[0] = _mm256_permute2f128_pd(ab0, cd0, 0x20);
  x[1] = _mm256_permute2f128_pd(ab1, cd1, 0x20);
  x[2] = _mm256_permute2f128_pd(ab0, cd0, 0x31);
  x[3] = _mm256_permute2f128_pd(ab1, cd1, 0x31);
}

// Four units' running sum, lowest, highest, and whether all their marks so far are few steps.
struct TrimmedLanes {
  __m256d s, lo, hi, ok;
};
__attribute__((target("avx2"))) inline void Take(TrimmedLanes& t, __m256d v) {
  t.s = _mm256_add_pd(t.s, v);
  t.lo = _mm256_min_pd(v, t.lo);  // v < lo ? v : lo
  t.hi = _mm256_max_pd(v, t.hi);  // v > hi ? v : hi
  t.ok = _mm256_and_pd(t.ok, FewSteps(v));
}

__attribute__((target("avx2"))) int TrimmedAvx2(const double* e, uint32_t m, int n, double* out) {
  if (m < 4) return 0;
  const __m256d kept = _mm256_set1_pd(static_cast<double>(m - 2));
  int i = 0;
  for (; i + 4 <= n; i += 4) {
    const double* r = e + static_cast<std::size_t>(i) * m;
    __m256d x[4];
    Transposed(r, m, 0, x);
    TrimmedLanes t{x[0], x[0], x[0], FewSteps(x[0])};
    for (int k = 1; k < 4; ++k) Take(t, x[k]);
    uint32_t j = 4;
    for (; j + 4 <= m; j += 4) {
      Transposed(r, m, j, x);
      for (int k = 0; k < 4; ++k) Take(t, x[k]);
    }
    if (j < m) {  // the last m - j elements: a block from m - 4, less what it repeats
      Transposed(r, m, m - 4, x);
      for (uint32_t k = 4 - (m - j); k < 4; ++k) Take(t, x[k]);
    }
    if (_mm256_movemask_pd(t.ok) == 0xF) {
      _mm256_storeu_pd(out + i, _mm256_div_pd(_mm256_sub_pd(_mm256_sub_pd(t.s, t.lo), t.hi), kept));
    } else {
      for (int k = i; k < i + 4; ++k) {
        out[k] = MeanWithoutLowestAndHighest(e + static_cast<std::size_t>(k) * m, m);
      }
    }
  }
  return i;
}
#endif

// trimmed_mean(l, 1) for a chunk whose lists are all there with 3 or more elements (raters'
// marks, as schemes have them): a loop over units without the general loop's cases.
// Returns false (having written nothing) for any other chunk.
//
// The usual chunk has lists of one length m, one after the other (an input column): then,
// on AVX2, TrimmedAvx2 takes four units at a time; otherwise one vectorized pass tells
// whether all its elements are multiples of 1/256 below 2^24 (whose plain sums are exact), and
// each unit is a plain loop over its m elements.
bool TrimmedMeanOfOne(const ListReg& l, int n, double* out) {
  const uint32_t m = n > 0 ? l.len[0] : 0;
  bool uniform = m != kNullList && m >= 3 && m < (1u << 20);
  for (int i = 0; i < n; ++i) {
    const uint32_t len = l.len[i];
    if (len == kNullList || len < 3) return false;
    uniform &= len == m && l.begin[i] == l.begin[0] + static_cast<uint64_t>(i) * m;
  }
  if (uniform) {
    const double* e = l.base + l.begin[0];
#if defined(__x86_64__) && defined(__GNUC__)
    if (CpuHasAvx2()) {
      const int done = TrimmedAvx2(e, m, n, out);
      for (int i = done; i < n; ++i) {
        out[i] = MeanWithoutLowestAndHighest(e + static_cast<std::size_t>(i) * m, m);
      }
      return true;
    }
#endif
    const std::size_t count = static_cast<std::size_t>(n) * m;
    int whole = 1;
    for (std::size_t j = 0; j < count; ++j) {
      whole &= FewStepsOne(e[j]);
    }
    if (whole) {
      const double kept = static_cast<double>(m - 2);
      for (int i = 0; i < n; ++i, e += m) {
        double s = e[0], lo = e[0], hi = e[0];
        for (uint32_t j = 1; j < m; ++j) {
          s += e[j];
          lo = e[j] < lo ? e[j] : lo;
          hi = e[j] > hi ? e[j] : hi;
        }
        out[i] = (s - lo - hi) / kept;  // exact sums: MeanWithoutLowestAndHighest's value
      }
      return true;
    }
  }
  for (int i = 0; i < n; ++i) out[i] = MeanWithoutLowestAndHighest(l.base + l.begin[i], l.len[i]);
  return true;
}

}  // namespace

void RunList(ChunkState& st, const compile::Inst& in) {
  if (in.op == Op::kListMake) {
    Make(st, in);
    return;
  }
  const uint32_t list_reg = in.op == Op::kIn ? in.b : in.a;
  const ListReg& l = st.List(list_reg);
  double* out = st.Out(in.dst);
  std::vector<double> scratch;
  double small[kSmallList];
  bool bad_k[kChunk] = {};
  if (in.op == Op::kIn) {
    const In x = st.Operand(in.a);
    bool any_poison = st.Poisoned(in.a) || l.poisoned;
    uint32_t tmp[kChunk];
    if (any_poison) {
      for (int i = 0; i < st.n; ++i) {
        uint32_t p = st.PoisonAt(in.a, i);
        if (!p && l.poisoned) p = l.poison[i];
        tmp[i] = p;
      }
    }
    for (int i = 0; i < st.n; ++i) {
      const double v = x[i];
      if (std::isnan(v) || l.len[i] == kNullList) {
        out[i] = kNull;
        continue;
      }
      const double* e = l.base + l.begin[i];
      bool found = false;
      for (uint32_t k = 0; k < l.len[i]; ++k) found |= e[k] == v;
      out[i] = found ? 1.0 : 0.0;
    }
    if (any_poison) {
      uint32_t* dst = st.ClearPoison(in.dst);
      for (int i = 0; i < st.n; ++i) dst[i] = tmp[i];
    } else {
      st.SetUnpoisoned(in.dst);
    }
    return;
  }
  const In kin = in.op == Op::kTrimmedMean ? st.Operand(in.b) : In{nullptr, 0, true};
  if (in.op == Op::kTrimmedMean && kin.konst && kin.k == 1 && TrimmedMeanOfOne(l, st.n, out)) {
    ListPoison(st, in, l);
    if (AnyNonFinite(out, st.n)) {
      const uint32_t inf = MakePoison(in.site, ErrorKind::kNotFinite);
      for (int i = 0; i < st.n; ++i) {
        if (std::isinf(out[i])) st.Raise(in.dst, i, inf);
      }
    }
    return;
  }
  for (int i = 0; i < st.n; ++i) {
    const uint32_t len = l.len[i];
    if (len == kNullList) {
      out[i] = kNull;
      continue;
    }
    const double* e = l.base + l.begin[i];
    switch (in.op) {
      case Op::kListSum:
        out[i] = ExactSumOf(e, len);
        break;
      case Op::kListCount:
        out[i] = len;
        break;
      case Op::kListMean:
        out[i] = len ? ExactSumOf(e, len) / len : kNull;
        break;
      case Op::kListMin:
        out[i] = len ? *std::min_element(e, e + len) : kNull;
        break;
      case Op::kListMax:
        out[i] = len ? *std::max_element(e, e + len) : kNull;
        break;
      case Op::kListMedian:
        if (!len) {
          out[i] = kNull;
        } else {
          const double* v = SortedCopy(e, len, small, scratch);
          out[i] = len % 2 ? v[len / 2] : (v[len / 2 - 1] + v[len / 2]) / 2;
        }
        break;
      case Op::kTrimmedMean: {
        const double k = kin[i];
        if (std::isnan(k)) {
          out[i] = kNull;
        } else if (k < 0 || k != std::floor(k)) {
          out[i] = kNull;
          bad_k[i] = true;
        } else if (len == 0) {
          out[i] = kNull;
        } else if (len <= 2 * k) {
          out[i] = ExactSumOf(e, len) / len;  // the plain mean when count <= 2k
        } else if (k == 1) {
          out[i] = MeanWithoutLowestAndHighest(e, len);
        } else if (k == 0 || k > kFewTrim ||
                   !MeanWithoutFewLowestAndHighest(e, len, static_cast<uint32_t>(k), &out[i])) {
          const double* v = SortedCopy(e, len, small, scratch);
          const size_t drop = static_cast<size_t>(k);
          const size_t keep = len - 2 * drop;
          out[i] = ExactSumOf(v + drop, keep) / static_cast<double>(keep);
        }
        break;
      }
      default:
        break;
    }
  }
  ListPoison(st, in, l);
  bool any_bad = false;
  for (int i = 0; i < st.n; ++i) any_bad |= bad_k[i];
  if (!any_bad && !AnyNonFinite(out, st.n)) return;
  const uint32_t bad = MakePoison(in.site, ErrorKind::kBadTrimCount);
  const uint32_t inf = MakePoison(in.site, ErrorKind::kNotFinite);
  for (int i = 0; i < st.n; ++i) {
    if (bad_k[i]) st.Raise(in.dst, i, bad);
    if (std::isinf(out[i])) st.Raise(in.dst, i, inf);
  }
}

}  // namespace assess::eval
