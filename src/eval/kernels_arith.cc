// This file's external interface is RunArithmetic: + - * / ^, unary minus, min, max.
// The loops are plain and branch-free where they can be, so the compiler vectorizes them;
// failures (division by zero, overflow) are looked for only after the loop, over a flag
// the loop itself gathers.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#include "core/cpu_has_avx2.h"
#include "eval/chunk_state.h"

namespace assess::eval {
namespace {

using compile::ErrorKind;
using compile::MakePoison;
using compile::Op;

// The sign bit of the result is set when x is not finite (its exponent is all ones).
inline uint64_t NonFiniteBit(double x) {
  uint64_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  return (bits & 0x7FF0000000000000ull) + 0x0010000000000000ull;
}

// out[i] = f(a[i], b[i]) with each operand a register or a constant; the four cases are
// separate loops so that each vectorizes. Returns whether some out[i] is not finite
// (AnyNonFinite's answer), found in the same pass rather than in a second one.
template <class F>
[[gnu::always_inline]] inline bool Loop2(const In& a, const In& b, double* out, int n, F f) {
  uint64_t acc = 0;
  if (!a.konst && !b.konst) {
    for (int i = 0; i < n; ++i) {
      const double r = f(a.p[i], b.p[i]);
      out[i] = r;
      acc |= NonFiniteBit(r);
    }
  } else if (a.konst && !b.konst) {
    const double k = a.k;
    for (int i = 0; i < n; ++i) {
      const double r = f(k, b.p[i]);
      out[i] = r;
      acc |= NonFiniteBit(r);
    }
  } else if (!a.konst) {
    const double k = b.k;
    for (int i = 0; i < n; ++i) {
      const double r = f(a.p[i], k);
      out[i] = r;
      acc |= NonFiniteBit(r);
    }
  } else {
    const double r = f(a.k, b.k);
    for (int i = 0; i < n; ++i) out[i] = r;
    acc = n > 0 ? NonFiniteBit(r) : 0;
  }
  return (acc >> 63) != 0;
}

// out[i] = a[i] op b[i] over the chunk; whether some result is not finite (Loop2). The
// loops are compiled twice, for the build's baseline (two lanes) and for AVX2 (four),
// picked at run time: the same operations, so the same bits.
[[gnu::always_inline]] inline bool ComputeLoops(Op op, const In& a, const In& b, double* out,
                                                int n) {
  switch (op) {
    case Op::kAdd:
      return Loop2(a, b, out, n, [](double x, double y) { return x + y; });
    case Op::kSub:
      return Loop2(a, b, out, n, [](double x, double y) { return x - y; });
    case Op::kMul:
      return Loop2(a, b, out, n, [](double x, double y) { return x * y; });
    case Op::kDiv:
      return Loop2(a, b, out, n, [](double x, double y) { return x / y; });
    case Op::kPow:
      // std::pow(NaN, 0) and std::pow(1, NaN) are 1; a null operand must give null.
      return Loop2(a, b, out, n, [](double x, double y) {
        return (x != x || y != y) ? std::numeric_limits<double>::quiet_NaN() : std::pow(x, y);
      });
    case Op::kMin:
      return Loop2(a, b, out, n, [](double x, double y) {
        return (x != x || y != y) ? std::numeric_limits<double>::quiet_NaN() : (y < x ? y : x);
      });
    case Op::kMax:
      return Loop2(a, b, out, n, [](double x, double y) {
        return (x != x || y != y) ? std::numeric_limits<double>::quiet_NaN() : (y > x ? y : x);
      });
    default:
      return false;
  }
}

bool ComputeBaseline(Op op, const In& a, const In& b, double* out, int n) {
  return ComputeLoops(op, a, b, out, n);
}

#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target("avx2"))) bool ComputeAvx2(Op op, const In& a, const In& b, double* out,
                                                 int n) {
  return ComputeLoops(op, a, b, out, n);
}
#endif

bool Compute(Op op, const In& a, const In& b, double* out, int n) {
#if defined(__x86_64__) && defined(__GNUC__)
  if (CpuHasAvx2()) return ComputeAvx2(op, a, b, out, n);
#endif
  return ComputeBaseline(op, a, b, out, n);
}

// x ^ y with a negative x and a y that is a number but not a whole one (rule-language §16).
bool FractionalPowerOfNegative(double x, double y) { return x < 0 && y == y && y != std::floor(y); }

}  // namespace

void RunArithmetic(ChunkState& st, const compile::Inst& in) {
  const In a = st.Operand(in.a);
  const int n = st.n;
  double* out = st.Out(in.dst);
  if (in.op == Op::kNeg) {
    if (a.konst) {
      for (int i = 0; i < n; ++i) out[i] = -a.k;
    } else {
      for (int i = 0; i < n; ++i) out[i] = -a.p[i];
    }
    st.MergePoison(in.dst, in.a);
    return;
  }
  const In b = st.Operand(in.b);
  // Division by zero, 0 ^ negative and a negative base to a fractional power all give a
  // result that is not finite (inf or NaN), as overflow does: the loop runs first, and only
  // a chunk with such a result looks at its operands to tell them apart. When the
  // destination is an operand, the result is made beside it and copied at the end; the
  // common chunk pays one extra pass over the result (vectorized).
  const bool may_fail = in.op != Op::kMin && in.op != Op::kMax;
  double* const dst = out;
  double separate[kChunk];
  if (may_fail && (out == a.p || out == b.p)) out = separate;  // copied to dst at the end
  const bool non_finite = Compute(in.op, a, b, out, n);
  st.MergePoison(in.dst, in.a, in.b);
  const bool check = may_fail && non_finite;
  // Operand failures first (a division by zero is not an overflow), each unit once. A null
  // operand gives null, never one of these errors (`(-8) ^ null` is null: NaN != floor(NaN)
  // must not read as a fraction). The operands are intact: out is not one of them.
  for (int i = 0; check && i < n; ++i) {
    const double x = a[i], y = b[i];
    if (in.op == Op::kDiv && y == 0 && x == x) {
      st.Raise(in.dst, i, MakePoison(in.site, ErrorKind::kDivisionByZero));
    } else if (in.op == Op::kPow && x == 0 && y < 0) {
      st.Raise(in.dst, i, MakePoison(in.site, ErrorKind::kDivisionByZero));
    } else if (in.op == Op::kPow && FractionalPowerOfNegative(x, y)) {
      st.Raise(in.dst, i, MakePoison(in.site, ErrorKind::kPowNegativeBase));
    } else if (std::isinf(out[i])) {
      st.Raise(in.dst, i, MakePoison(in.site, ErrorKind::kNotFinite));
    }
  }
  if (out != dst) std::copy(out, out + n, dst);
}

}  // namespace assess::eval
