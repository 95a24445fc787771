// CpuHasAvx2: whether the CPU running the library has AVX2, for the kernels that carry a
// copy written for it beside the build's baseline (x86-64-v2). Internal to the library.
#ifndef ASSESS_CORE_CPU_HAS_AVX2_H_
#define ASSESS_CORE_CPU_HAS_AVX2_H_

namespace assess {

// Asked once, at the first call, rather than through an ifunc resolver: a resolver runs
// while the dynamic loader relocates the program, before a sanitizer's runtime is ready.
inline bool CpuHasAvx2() {
#if defined(__x86_64__) && defined(__GNUC__)
  static const bool has = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") != 0;
  }();
  return has;
#else
  return false;
#endif
}

// Whether the CPU also has FMA, for the AVX2 copies that use fused multiply-adds: every
// CPU with AVX2 has it so far, but a virtual machine may hide one of the two.
inline bool CpuHasAvx2Fma() {
#if defined(__x86_64__) && defined(__GNUC__)
  static const bool has = [] {
    __builtin_cpu_init();
    return CpuHasAvx2() && __builtin_cpu_supports("fma") != 0;
  }();
  return has;
#else
  return false;
#endif
}

// The copies of a loop a kernel may carry, for the ones that keep each beside the others
// (data/scan_scaled.cc, data/stored_as_is.cc): plain C++, SSE4.1, AVX2.
enum class SimdCopy { kScalar, kSse41, kAvx2 };

// Whether the CPU running the library can run `copy`.
inline bool CpuRuns(SimdCopy copy) {
#if defined(__x86_64__) && defined(__GNUC__)
  if (copy == SimdCopy::kAvx2) return CpuHasAvx2();
  if (copy == SimdCopy::kSse41) {
    static const bool has = [] {
      __builtin_cpu_init();
      return __builtin_cpu_supports("sse4.1") != 0;
    }();
    return has;
  }
  return true;
#else
  return copy == SimdCopy::kScalar;
#endif
}

// The widest copy the CPU runs.
inline SimdCopy WidestSimdCopy() {
  if (CpuRuns(SimdCopy::kAvx2)) return SimdCopy::kAvx2;
  return CpuRuns(SimdCopy::kSse41) ? SimdCopy::kSse41 : SimdCopy::kScalar;
}

}  // namespace assess

#endif  // ASSESS_CORE_CPU_HAS_AVX2_H_
