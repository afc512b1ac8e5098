// Shared definitions for the Glassbox native kernels: ISA selection and target attributes.
#pragma once
#include <cstddef>
#include <cstdint>

#define GB_INLINE inline __attribute__((always_inline))

#if defined(__x86_64__) || defined(_M_X64)
#define GB_X86 1
#define GB_AVX512 __attribute__((target("avx512f,avx512vl,avx512bw,avx512dq,avx2,fma,bmi2,prefer-vector-width=512")))
#define GB_AVX2 __attribute__((target("avx2,fma,bmi2")))
#else
#define GB_X86 0
#define GB_AVX512
#define GB_AVX2
#endif

// GB_FOR_EACH_ISA(DEFINE) expands DEFINE(target attribute, suffix) once per ISA this build can run
// (portable, and on x86 also avx2 and avx512); GB_DISPATCH(FN, args...) calls FN_<suffix>(args...)
// for the ISA active now.
#if GB_X86
#define GB_FOR_EACH_ISA(DEFINE) DEFINE(, portable) DEFINE(GB_AVX2, avx2) DEFINE(GB_AVX512, avx512)
#define GB_DISPATCH(FN, ...)                                   \
  switch (::gb::active_isa()) {                                \
    case ::gb::Isa::Avx512: FN##_avx512(__VA_ARGS__); break;   \
    case ::gb::Isa::Avx2: FN##_avx2(__VA_ARGS__); break;       \
    default: FN##_portable(__VA_ARGS__);                       \
  }
#else
#define GB_FOR_EACH_ISA(DEFINE) DEFINE(, portable)
#define GB_DISPATCH(FN, ...) FN##_portable(__VA_ARGS__)
#endif

namespace gb {

enum class Isa : int { Portable = 0, Avx2 = 1, Avx512 = 2 };

/** The best ISA this CPU (and OS) supports. */
Isa detect_isa();
/** The ISA kernels dispatch to now (detected, or forced lower by set_isa / GLASSBOX_NATIVE_ISA). */
Isa active_isa();
/** Forces a lower ISA (never a higher one than detected); returns the one now active. */
Isa set_isa(Isa want);
const char* isa_name(Isa isa);

}  // namespace gb
