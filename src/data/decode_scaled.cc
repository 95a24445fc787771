// This file's external interface is DecodeScaled (decode_scaled.h).
#include "data/decode_scaled.h"

#include <limits>

#include "core/cpu_has_avx2.h"

namespace assess::data {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Plain loops the compiler vectorizes: the values, then, where some are missing, NaN over
// the sentinels (a select it vectorizes too, where one fused loop would not be).
template <class T>
[[gnu::always_inline]] inline void Loop(const T* __restrict v, std::size_t n, T missing,
                                        bool any_missing, double divisor, double* __restrict out) {
  if (divisor == 1) {
    for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<double>(v[i]);
  } else {
    for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<double>(v[i]) / divisor;
  }
  if (any_missing) {
    for (std::size_t i = 0; i < n; ++i) out[i] = v[i] == missing ? kNaN : out[i];
  }
}

template <class T>
void Baseline(const T* v, std::size_t n, T missing, bool any_missing, double divisor, double* out) {
  Loop(v, n, missing, any_missing, divisor, out);
}

#if defined(__x86_64__) && defined(__GNUC__)
// Four lanes a conversion and a division where the baseline (x86-64-v2) has two.
template <class T>
__attribute__((target("avx2"))) void Avx2(const T* v, std::size_t n, T missing, bool any_missing,
                                          double divisor, double* out) {
  Loop(v, n, missing, any_missing, divisor, out);
}
#endif

template <class T>
void Decode(const T* v, std::size_t n, T missing, bool any_missing, double divisor, double* out) {
#if defined(__x86_64__) && defined(__GNUC__)
  if (CpuHasAvx2()) {
    Avx2(v, n, missing, any_missing, divisor, out);
    return;
  }
#endif
  Baseline(v, n, missing, any_missing, divisor, out);
}

}  // namespace

void DecodeScaled(const int8_t* v, std::size_t n, int8_t missing, bool any_missing, double divisor,
                  double* out) {
  Decode(v, n, missing, any_missing, divisor, out);
}

void DecodeScaled(const int16_t* v, std::size_t n, int16_t missing, bool any_missing,
                  double divisor, double* out) {
  Decode(v, n, missing, any_missing, divisor, out);
}

void DecodeScaled(const int32_t* v, std::size_t n, int32_t missing, bool any_missing,
                  double divisor, double* out) {
  Decode(v, n, missing, any_missing, divisor, out);
}

}  // namespace assess::data
