// This file's external interface is RunArithmetic: + - * / ^, unary minus, min, max.
// The loops are plain and branch-free where they can be, so the compiler vectorizes them;
// failures (division by zero, overflow) are looked for only after the loop, over a flag.
#include <cmath>
#include <limits>
#include <vector>

#include "eval/chunk_state.h"

namespace assess::eval {
namespace {

using compile::ErrorKind;
using compile::MakePoison;
using compile::Op;

// out[i] = f(a[i], b[i]) with each operand a register or a constant; the four cases are
// separate loops so that each vectorizes.
template <class F>
void Loop2(const In& a, const In& b, double* out, int n, F f) {
  if (!a.konst && !b.konst) {
    for (int i = 0; i < n; ++i) out[i] = f(a.p[i], b.p[i]);
  } else if (a.konst && !b.konst) {
    const double k = a.k;
    for (int i = 0; i < n; ++i) out[i] = f(k, b.p[i]);
  } else if (!a.konst) {
    const double k = b.k;
    for (int i = 0; i < n; ++i) out[i] = f(a.p[i], k);
  } else {
    const double r = f(a.k, b.k);
    for (int i = 0; i < n; ++i) out[i] = r;
  }
}

// x ^ y with a negative x and a y that is a number but not a whole one (SPEC §12).
bool FractionalPowerOfNegative(double x, double y) { return x < 0 && y == y && y != std::floor(y); }

bool AnyInfinite(const double* out, int n) {
  if (!AnyNonFinite(out, n)) return false;  // the common case, vectorized
  bool any = false;
  for (int i = 0; i < n; ++i) any |= std::isinf(out[i]);
  return any;
}

void RaiseInfinite(ChunkState& st, const compile::Inst& in, const double* out) {
  const uint32_t poison = MakePoison(in.site, ErrorKind::kNotFinite);
  for (int i = 0; i < st.n; ++i) {
    if (std::isinf(out[i])) st.Raise(in.dst, i, poison);
  }
}

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
  // Division by zero and 0 ^ negative are told apart from overflow before `out` (which may
  // be an operand) is written. A null operand gives null, never one of these errors
  // (`(-8) ^ null` is null: NaN != floor(NaN) must not read as a fraction).
  bool zero_divisor = false;
  if (in.op == Op::kDiv || in.op == Op::kPow) {
    for (int i = 0; i < n; ++i) {
      const double x = a[i], y = b[i];
      const bool bad = in.op == Op::kDiv ? (y == 0 && x == x)
                                         : ((x == 0 && y < 0) || FractionalPowerOfNegative(x, y));
      zero_divisor |= bad;
    }
  }
  std::vector<uint32_t> failures;
  if (zero_divisor) {
    failures.assign(n, 0);
    for (int i = 0; i < n; ++i) {
      const double x = a[i], y = b[i];
      if (in.op == Op::kDiv) {
        if (y == 0 && x == x) failures[i] = MakePoison(in.site, ErrorKind::kDivisionByZero);
      } else if (x == 0 && y < 0) {
        failures[i] = MakePoison(in.site, ErrorKind::kDivisionByZero);
      } else if (FractionalPowerOfNegative(x, y)) {
        failures[i] = MakePoison(in.site, ErrorKind::kPowNegativeBase);
      }
    }
  }
  switch (in.op) {
    case Op::kAdd:
      Loop2(a, b, out, n, [](double x, double y) { return x + y; });
      break;
    case Op::kSub:
      Loop2(a, b, out, n, [](double x, double y) { return x - y; });
      break;
    case Op::kMul:
      Loop2(a, b, out, n, [](double x, double y) { return x * y; });
      break;
    case Op::kDiv:
      Loop2(a, b, out, n, [](double x, double y) { return x / y; });
      break;
    case Op::kPow:
      // std::pow(NaN, 0) and std::pow(1, NaN) are 1; a null operand must give null.
      Loop2(a, b, out, n, [](double x, double y) {
        return (x != x || y != y) ? std::numeric_limits<double>::quiet_NaN() : std::pow(x, y);
      });
      break;
    case Op::kMin:
      Loop2(a, b, out, n, [](double x, double y) {
        return (x != x || y != y) ? std::numeric_limits<double>::quiet_NaN() : (y < x ? y : x);
      });
      break;
    case Op::kMax:
      Loop2(a, b, out, n, [](double x, double y) {
        return (x != x || y != y) ? std::numeric_limits<double>::quiet_NaN() : (y > x ? y : x);
      });
      break;
    default:
      break;
  }
  st.MergePoison(in.dst, in.a, in.b);
  if (zero_divisor) {
    for (int i = 0; i < n; ++i) {
      if (failures[i]) st.Raise(in.dst, i, failures[i]);
    }
  }
  if (in.op != Op::kMin && in.op != Op::kMax && AnyInfinite(out, n)) RaiseInfinite(st, in, out);
}

}  // namespace assess::eval
