// This file's external interface is RunMath: the numeric functions of rule-language §8 (abs ...
// exp, round, clamp, ramp, safe_div, interp, step, lookup). A null argument gives null; a
// failure marks the unit (sqrt of a negative, ln of x <= 0, a lookup key with no entry and
// no default, a result that is not finite).
#include <cmath>
#include <limits>
#include <mutex>

#include "core/cpu_has_avx2.h"
#include "eval/chunk_state.h"
#include "num/round.h"

namespace assess::eval {
namespace {

using compile::ErrorKind;
using compile::MakePoison;
using compile::Op;

constexpr double kNull = std::numeric_limits<double>::quiet_NaN();

bool IsNull(double x) { return x != x; }

// (x - lo) / (hi - lo) for lo != hi. When hi - lo overflows (bounds near ±1e308) the
// plain quotient would be 0 or NaN: the halves of the operands are exact there and their
// differences finite.
double Fraction(double x, double lo, double hi) {
  const double span = hi - lo;
  if (std::isfinite(span)) return (x - lo) / span;
  return (x * 0.5 - lo * 0.5) / (hi * 0.5 - lo * 0.5);
}

// Raises `kind` on every unit where `bad(i)` holds.
template <class F>
void RaiseWhere(ChunkState& st, const compile::Inst& in, ErrorKind kind, F bad) {
  const uint32_t poison = MakePoison(in.site, kind);
  for (int i = 0; i < st.n; ++i) {
    if (bad(i)) st.Raise(in.dst, i, poison);
  }
}

void Unary(ChunkState& st, const compile::Inst& in) {
  const In a = st.Operand(in.a);
  double* out = st.Out(in.dst);
  const int n = st.n;
  // Failures are found before `out` (which may be `a`) is written.
  bool fail[kChunk];
  bool any = false;
  for (int i = 0; i < n; ++i) {
    const double x = a[i];
    fail[i] = (in.op == Op::kSqrt && x < 0) || (in.op == Op::kLn && x <= 0);
    any |= fail[i];
  }
  switch (in.op) {
    case Op::kAbs:
      for (int i = 0; i < n; ++i) out[i] = std::fabs(a[i]);
      break;
    case Op::kFloor:
      for (int i = 0; i < n; ++i) out[i] = std::floor(a[i]);
      break;
    case Op::kCeil:
      for (int i = 0; i < n; ++i) out[i] = std::ceil(a[i]);
      break;
    case Op::kSqrt:
      for (int i = 0; i < n; ++i) out[i] = a[i] < 0 ? kNull : std::sqrt(a[i]);
      break;
    case Op::kLn:
      for (int i = 0; i < n; ++i) out[i] = a[i] <= 0 ? kNull : std::log(a[i]);
      break;
    case Op::kExp:
      for (int i = 0; i < n; ++i) out[i] = std::exp(a[i]);
      break;
    default:
      break;
  }
  st.MergePoison(in.dst, in.a);
  if (any) {
    const ErrorKind kind =
        in.op == Op::kSqrt ? ErrorKind::kSqrtNegative : ErrorKind::kLnNotPositive;
    RaiseWhere(st, in, kind, [&](int i) { return fail[i]; });
  }
  if (in.op == Op::kExp && AnyNonFinite(out, st.n)) {
    RaiseWhere(st, in, ErrorKind::kNotFinite, [&](int i) { return std::isinf(out[i]); });
  }
}

void Round(ChunkState& st, const compile::Inst& in) {
  const In a = st.Operand(in.a), d = st.Operand(in.b);
  double* out = st.Out(in.dst);
  bool bad[kChunk];
  for (int i = 0; i < st.n; ++i) {
    const double x = a[i], digits = d[i];
    // A null operand gives null before digits are checked, as `null / 0` is null.
    bad[i] = !IsNull(x) && !IsNull(digits) && (digits < 0 || digits != std::floor(digits));
    if (IsNull(x) || IsNull(digits) || bad[i]) {
      out[i] = kNull;
    } else {
      // Beyond 30 decimals no double changes; the cap keeps the scale finite.
      out[i] = RoundDecimal(x, static_cast<int>(std::min(digits, 30.0)));
    }
  }
  st.MergePoison(in.dst, in.a, in.b);
  RaiseWhere(st, in, ErrorKind::kBadDigits, [&](int i) { return bad[i]; });
}

void Ternary(ChunkState& st, const compile::Inst& in) {
  const In a = st.Operand(in.a), b = st.Operand(in.b), c = st.Operand(in.c);
  double* out = st.Out(in.dst);
  const int n = st.n;
  switch (in.op) {
    case Op::kClamp:
      for (int i = 0; i < n; ++i) {
        const double x = a[i], lo = b[i], hi = c[i];
        out[i] = (IsNull(x) || IsNull(lo) || IsNull(hi)) ? kNull : std::min(std::max(x, lo), hi);
      }
      break;
    case Op::kRamp:
      if (!a.konst && b.konst && c.konst && b.k != c.k && std::isfinite(c.k - b.k)) {
        // Constant bounds, as schemes write them: one branch-free loop.
        const double lo = b.k, width = c.k - b.k;
        for (int i = 0; i < n; ++i) {
          const double t = (a.p[i] - lo) / width;
          out[i] = t < 0 ? 0.0 : (t > 1 ? 1.0 : t);  // NaN (null) stays NaN
        }
        break;
      }
      for (int i = 0; i < n; ++i) {
        const double x = a[i], lo = b[i], hi = c[i];
        if (IsNull(x) || IsNull(lo) || IsNull(hi)) {
          out[i] = kNull;
        } else if (lo == hi) {
          out[i] = x >= lo ? 1.0 : 0.0;
        } else {
          const double t = Fraction(x, lo, hi);
          out[i] = t < 0 ? 0.0 : (t > 1 ? 1.0 : t);
        }
      }
      break;
    case Op::kSafeDiv:
      for (int i = 0; i < n; ++i) {
        const double x = a[i], y = b[i];
        // A null default is null even when unused: every null argument propagates (§4).
        out[i] = (IsNull(x) || IsNull(y) || IsNull(c[i])) ? kNull : (y == 0 ? c[i] : x / y);
      }
      break;
    default:
      break;
  }
  st.MergePoison(in.dst, in.a, in.b, in.c);
  if (AnyNonFinite(out, st.n)) {
    RaiseWhere(st, in, ErrorKind::kNotFinite, [&](int i) { return std::isinf(out[i]); });
  }
}

// interp / step whose y's (and step's default) are all constants, as schemes write them:
// per unit, the count of points at or left of x picks the segment, without a loop over
// operands. Returns false (having written nothing) when some y is not a constant.
bool ConstantPoints(ChunkState& st, const compile::Inst& in) {
  const compile::PointTable& table = st.program.point_tables[in.aux];
  const size_t m = table.xs.size();
  constexpr size_t kMaxPoints = 16;
  if (m == 0 || m > kMaxPoints) return false;
  if (in.b != compile::kNone && !compile::Program::IsConst(in.b)) return false;
  double ys[kMaxPoints];
  for (size_t k = 0; k < m; ++k) {
    if (!compile::Program::IsConst(table.ys[k])) return false;
    ys[k] = st.program.Const(table.ys[k]);
    if (IsNull(ys[k])) return false;  // a null y makes every result null
  }
  const double fallback = in.b != compile::kNone ? st.program.Const(in.b) : 0.0;
  if (IsNull(fallback)) return false;
  // A segment whose run or rise overflows (bounds near +-1e308) takes the general path,
  // which computes it without overflowing.
  for (size_t k = 1; in.op == Op::kInterp && k < m; ++k) {
    if (!std::isfinite(table.xs[k] - table.xs[k - 1]) || !std::isfinite(ys[k] - ys[k - 1]))
      return false;
  }
  const double* xs = table.xs.data();
  const In x = st.Operand(in.a);
  double* out = st.Out(in.dst);
  const bool step = in.op == Op::kStep;
  // Per unit, the number of points with x <= v: counted a point at a time over the whole
  // chunk (a loop that vectorizes) rather than a unit at a time over the points.
  uint8_t count[kChunk] = {};
  for (size_t j = 0; j < m; ++j) {
    const double xj = xs[j];
    for (int i = 0; i < st.n; ++i) count[i] += x[i] >= xj ? 1 : 0;
  }
  if (step) {
    // By the count alone: the default below the first point, else the y of the last point
    // at or left of v.
    double by_count[kMaxPoints + 1];
    by_count[0] = fallback;
    for (size_t k = 0; k < m; ++k) by_count[k + 1] = ys[k];
    for (int i = 0; i < st.n; ++i) out[i] = IsNull(x[i]) ? kNull : by_count[count[i]];
  } else {
    for (int i = 0; i < st.n; ++i) {
      const double v = x[i];
      const size_t k = count[i];
      double r;
      if (k == 0) {
        r = ys[0];
      } else if (k == m) {
        r = ys[m - 1];
      } else {
        r = ys[k - 1] + (ys[k] - ys[k - 1]) * (v - xs[k - 1]) / (xs[k] - xs[k - 1]);
      }
      out[i] = IsNull(v) ? kNull : r;
    }
  }
  st.MergePoison(in.dst, in.a);
  if (AnyNonFinite(out, st.n)) {
    RaiseWhere(st, in, ErrorKind::kNotFinite, [&](int i) { return std::isinf(out[i]); });
  }
  return true;
}

// interp / step over the point table of the instruction; any null argument gives null.
void Points(ChunkState& st, const compile::Inst& in) {
  if (ConstantPoints(st, in)) return;
  const compile::PointTable& table = st.program.point_tables[in.aux];
  const In x = st.Operand(in.a);
  const size_t m = table.xs.size();
  std::vector<In> ys;
  ys.reserve(m);
  for (uint32_t y : table.ys) ys.push_back(st.Operand(y));
  const In fallback = in.b != compile::kNone ? st.Operand(in.b) : In{nullptr, 0, true};
  double* out = st.Out(in.dst);
  for (int i = 0; i < st.n; ++i) {
    const double v = x[i];
    bool null = IsNull(v) || IsNull(fallback[i]);
    for (size_t k = 0; k < m && !null; ++k) null = IsNull(ys[k][i]);
    if (null) {
      out[i] = kNull;
      continue;
    }
    // The segment [x_k, x_k+1) that holds v; below x_0 and from x_n on, the end values.
    size_t k = 0;
    while (k < m && table.xs[k] <= v) ++k;  // k = number of points with x <= v
    if (in.op == Op::kStep) {
      out[i] = k == 0 ? fallback[i] : ys[k - 1][i];
    } else if (k == 0) {
      out[i] = ys[0][i];
    } else if (k == m) {
      out[i] = ys[m - 1][i];
    } else {
      const double x0 = table.xs[k - 1], x1 = table.xs[k];
      const double y0 = ys[k - 1][i], y1 = ys[k][i];
      out[i] = y0 + (y1 - y0) * (v - x0) / (x1 - x0);
      if (!std::isfinite(x1 - x0) || !std::isfinite(out[i])) {
        // A difference or the product overflowed, the result may not: as a weighted mean
        // of y0 and y1 (0 <= t < 1) it stays between them.
        const double t = Fraction(v, x0, x1);
        out[i] = y0 * (1 - t) + y1 * t;
      }
    }
  }
  // Every argument was evaluated: any failure among them is the result's.
  std::vector<uint32_t> operands{in.a};
  if (in.b != compile::kNone) operands.push_back(in.b);
  operands.insert(operands.end(), table.ys.begin(), table.ys.end());
  bool any = false;
  for (uint32_t op : operands) any |= st.Poisoned(op);
  if (any) {
    uint32_t tmp[kChunk] = {};
    for (uint32_t op : operands) {
      if (!st.Poisoned(op)) continue;
      for (int i = 0; i < st.n; ++i) {
        if (!tmp[i]) tmp[i] = st.PoisonOf(op)[i];
      }
    }
    uint32_t* dst = st.ClearPoison(in.dst);
    for (int i = 0; i < st.n; ++i) dst[i] = tmp[i];
  } else {
    st.SetUnpoisoned(in.dst);
  }
  if (AnyNonFinite(out, st.n)) {
    RaiseWhere(st, in, ErrorKind::kNotFinite, [&](int i) { return std::isinf(out[i]); });
  }
}

void Lookup(ChunkState& st, const compile::Inst& in) {
  const std::vector<double>& table = st.program.lookup_tables[in.aux];
  const In key = st.Operand(in.a);
  const bool has_default = in.b != compile::kNone;
  const In fallback = has_default ? st.Operand(in.b) : In{nullptr, 0, true};
  double* out = st.Out(in.dst);
  bool missing[kChunk];
  double keys[kChunk];
  bool any = false;
  for (int i = 0; i < st.n; ++i) {
    const double k = key[i];
    keys[i] = k;
    missing[i] = false;
    // A null default is null even when the key is found: every null argument propagates
    // (rule-language §8), as an error in the default does.
    if (IsNull(k) || (has_default && IsNull(fallback[i]))) {
      out[i] = kNull;
      continue;
    }
    const size_t id = static_cast<size_t>(k);
    const double v = id < table.size() ? table[id] : kNull;
    if (!IsNull(v)) {
      out[i] = v;
    } else if (has_default) {
      out[i] = fallback[i];
    } else {
      out[i] = kNull;
      missing[i] = true;
      any = true;
    }
  }
  st.MergePoison(in.dst, in.a, has_default ? in.b : compile::kNone);
  if (any) {
    RaiseWhere(st, in, ErrorKind::kLookupMissing, [&](int i) { return missing[i]; });
    std::lock_guard<std::mutex> lock(st.shared.lookup_mutex);
    for (int i = 0; i < st.n; ++i) {
      if (missing[i]) st.shared.lookup_keys[{st.start + i, in.site}] = keys[i];
    }
  }
}

// RunMath's body, in two copies below: for the build's baseline (two lanes), and for AVX2
// (four), which inlines every kernel the body calls (flatten), so that their loops are
// compiled for AVX2 too. Picked at run time; the same operations, so the same bits.
[[gnu::always_inline]] inline void RunMathBody(ChunkState& st, const compile::Inst& in) {
  switch (in.op) {
    case Op::kRound:
      Round(st, in);
      break;
    case Op::kClamp:
    case Op::kRamp:
    case Op::kSafeDiv:
      Ternary(st, in);
      break;
    case Op::kInterp:
    case Op::kStep:
      Points(st, in);
      break;
    case Op::kLookup:
      Lookup(st, in);
      break;
    default:
      Unary(st, in);
      break;
  }
}

void RunMathBaseline(ChunkState& st, const compile::Inst& in) { RunMathBody(st, in); }

#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target("avx2"), flatten)) void RunMathAvx2(ChunkState& st, const compile::Inst& in) {
  RunMathBody(st, in);
}
#endif

}  // namespace

void RunMath(ChunkState& st, const compile::Inst& in) {
#if defined(__x86_64__) && defined(__GNUC__)
  if (CpuHasAvx2()) {
    RunMathAvx2(st, in);
    return;
  }
#endif
  RunMathBaseline(st, in);
}

}  // namespace assess::eval
