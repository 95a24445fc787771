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

}  // namespace assess

#endif  // ASSESS_CORE_CPU_HAS_AVX2_H_
