// This file's external interface is RunLogic: comparisons, three-valued not / and / or,
// if, coalesce, is_missing. Null is NaN; bools are 0 / 1. Poison follows what a
// left-to-right, short-circuit evaluation would have evaluated (rule-language §16): `false and X`
// ignores X's failure, `if` takes the failure of the branch taken, `coalesce` stops at the
// first value present.
#include <cmath>
#include <limits>

#include "eval/chunk_state.h"

namespace assess::eval {
namespace {

using compile::Op;

constexpr double kNull = std::numeric_limits<double>::quiet_NaN();

template <class F>
void Compare(const In& a, const In& b, double* out, int n, F f) {
  for (int i = 0; i < n; ++i) {
    const double x = a[i], y = b[i];
    out[i] = (x != x || y != y) ? kNull : (f(x, y) ? 1.0 : 0.0);
  }
}

// Poison of a two-operand form whose right side counts only where `right_counts(i)`.
template <class F>
void ConditionalPoison(ChunkState& st, const compile::Inst& in, F right_counts) {
  const bool pa = st.Poisoned(in.a), pb = st.Poisoned(in.b);
  if (!pa && !pb) {
    st.SetUnpoisoned(in.dst);
    return;
  }
  uint32_t tmp[kChunk];
  for (int i = 0; i < st.n; ++i) {
    uint32_t p = pa ? st.PoisonOf(in.a)[i] : 0;
    if (!p && pb && right_counts(i)) p = st.PoisonOf(in.b)[i];
    tmp[i] = p;
  }
  uint32_t* dst = st.ClearPoison(in.dst);
  for (int i = 0; i < st.n; ++i) dst[i] = tmp[i];
}

}  // namespace

void RunLogic(ChunkState& st, const compile::Inst& in) {
  const int n = st.n;
  const In a = st.Operand(in.a);
  double* out = st.Out(in.dst);
  switch (in.op) {
    case Op::kEq:
      Compare(a, st.Operand(in.b), out, n, [](double x, double y) { return x == y; });
      break;
    case Op::kNe:
      Compare(a, st.Operand(in.b), out, n, [](double x, double y) { return x != y; });
      break;
    case Op::kLt:
      Compare(a, st.Operand(in.b), out, n, [](double x, double y) { return x < y; });
      break;
    case Op::kLe:
      Compare(a, st.Operand(in.b), out, n, [](double x, double y) { return x <= y; });
      break;
    case Op::kGt:
      Compare(a, st.Operand(in.b), out, n, [](double x, double y) { return x > y; });
      break;
    case Op::kGe:
      Compare(a, st.Operand(in.b), out, n, [](double x, double y) { return x >= y; });
      break;
    case Op::kNot:
      for (int i = 0; i < n; ++i) {
        const double x = a[i];
        out[i] = x != x ? kNull : (x == 0 ? 1.0 : 0.0);
      }
      st.MergePoison(in.dst, in.a);
      return;
    case Op::kIsMissing:
      for (int i = 0; i < n; ++i) out[i] = a[i] != a[i] ? 1.0 : 0.0;
      st.MergePoison(in.dst, in.a);
      return;
    case Op::kCopy:
      for (int i = 0; i < n; ++i) out[i] = a[i];
      st.MergePoison(in.dst, in.a);
      return;
    case Op::kAnd:
    case Op::kOr: {
      const In b = st.Operand(in.b);
      const double stop = in.op == Op::kAnd ? 0.0 : 1.0;  // the value that decides alone
      // The right side counts unless the left side decided: computed before `out` is
      // written, since out may be the left operand.
      bool decided[kChunk];
      for (int i = 0; i < n; ++i) decided[i] = a[i] == stop;
      for (int i = 0; i < n; ++i) {
        const double x = a[i], y = b[i];
        out[i] = (x == stop || y == stop) ? stop : ((x != x || y != y) ? kNull : 1.0 - stop);
      }
      ConditionalPoison(st, in, [&](int i) { return !decided[i]; });
      return;
    }
    case Op::kCoalesce: {
      const In b = st.Operand(in.b);
      bool present[kChunk];
      for (int i = 0; i < n; ++i) present[i] = a[i] == a[i];
      for (int i = 0; i < n; ++i) out[i] = present[i] ? a[i] : b[i];
      ConditionalPoison(st, in, [&](int i) { return !present[i]; });
      return;
    }
    case Op::kIf: {
      const In t = st.Operand(in.b), e = st.Operand(in.c);
      const bool pc = st.Poisoned(in.a), pt = st.Poisoned(in.b), pe = st.Poisoned(in.c);
      uint32_t tmp[kChunk];
      if (pc || pt || pe) {
        for (int i = 0; i < n; ++i) {
          const double c = a[i];
          uint32_t p = pc ? st.PoisonOf(in.a)[i] : 0;
          if (!p && c == c) {
            if (c != 0) {
              p = pt ? st.PoisonOf(in.b)[i] : 0;
            } else {
              p = pe ? st.PoisonOf(in.c)[i] : 0;
            }
          }
          tmp[i] = p;
        }
      }
      for (int i = 0; i < n; ++i) {
        const double c = a[i];
        out[i] = c != c ? kNull : (c != 0 ? t[i] : e[i]);
      }
      if (pc || pt || pe) {
        uint32_t* dst = st.ClearPoison(in.dst);
        for (int i = 0; i < n; ++i) dst[i] = tmp[i];
      } else {
        st.SetUnpoisoned(in.dst);
      }
      return;
    }
    default:
      return;
  }
  st.MergePoison(in.dst, in.a, in.b);
}

}  // namespace assess::eval
