// Runtime CPU dispatch: the binary is compiled for x86-64-v2 and picks AVX-512 or AVX2 kernels here.
#include "common.h"
#include <cstdlib>
#include <cstring>

namespace gb {

Isa detect_isa() {
#if GB_X86
  __builtin_cpu_init();
  // libgcc checks OS support (XGETBV) before reporting these features.
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") &&
      __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("fma"))
    return Isa::Avx512;
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return Isa::Avx2;
#endif
  return Isa::Portable;
}

static Isa initial_isa() {
  Isa best = detect_isa();
  const char* env = std::getenv("GLASSBOX_NATIVE_ISA");
  if (env) {
    Isa want = best;
    if (!std::strcmp(env, "portable")) want = Isa::Portable;
    else if (!std::strcmp(env, "avx2")) want = Isa::Avx2;
    else if (!std::strcmp(env, "avx512")) want = Isa::Avx512;
    if (static_cast<int>(want) < static_cast<int>(best)) best = want;
  }
  return best;
}

static Isa g_isa = initial_isa();

Isa active_isa() { return g_isa; }

Isa set_isa(Isa want) {
  Isa best = detect_isa();
  g_isa = static_cast<int>(want) < static_cast<int>(best) ? want : best;
  return g_isa;
}

const char* isa_name(Isa isa) {
  switch (isa) {
    case Isa::Avx512: return "avx512";
    case Isa::Avx2: return "avx2";
    default: return "portable";
  }
}

}  // namespace gb
