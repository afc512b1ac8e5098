// Micro-kernels: C[m x n] (+)= Apanel[kc x MR]^T * Bpanel[kc x NR]; panels packed and zero-padded.
#pragma once
#include "common.h"

namespace gb {

using Ukr = void (*)(int kc, const float* a, const float* b, float* c, long ldc, int m, int n, bool acc);

/** Same, reading A unpacked: A(i, k) = a[i * lda + k]; rows i >= m are never read. */
using UkrDirect = void (*)(int kc, const float* a, long lda, const float* b, float* c, long ldc, int m, int n, bool acc);

struct KernelShape {
  int mr, nr;
  Ukr ukr;
  UkrDirect direct;  // null when the ISA has none (then A is always packed)
};

/** The micro-kernel for the active ISA; `narrow` picks the one for n <= 16. */
KernelShape pick_kernel(bool narrow);

}  // namespace gb
