#include "gemm_kernels.h"

#include <cstring>
#if GB_X86
#include <immintrin.h>
#endif

namespace gb {

// Portable kernel (vectorised by the compiler for the x86-64-v2 baseline, or any target).
template <int MR, int NR>
static void ukr_portable(int kc, const float* a, const float* b, float* c, long ldc, int m, int n, bool acc) {
  float r[MR][NR] = {};
  for (int k = 0; k < kc; ++k) {
    const float* bk = b + k * NR;
    for (int i = 0; i < MR; ++i) {
      float ai = a[k * MR + i];
      for (int j = 0; j < NR; ++j) r[i][j] += ai * bk[j];
    }
  }
  for (int i = 0; i < m; ++i)
    for (int j = 0; j < n; ++j) c[i * ldc + j] = acc ? c[i * ldc + j] + r[i][j] : r[i][j];
}

#if GB_X86
template <int MR, int NV>
GB_AVX512 static void ukr_avx512(int kc, const float* a, const float* b, float* c, long ldc, int m, int n, bool acc) {
  __m512 r[MR][NV];
#pragma GCC unroll 32
  for (int i = 0; i < MR; ++i)
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) r[i][v] = _mm512_setzero_ps();
  for (int k = 0; k < kc; ++k) {
    __m512 bv[NV];
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) bv[v] = _mm512_load_ps(b + (k * NV + v) * 16);
#pragma GCC unroll 32
    for (int i = 0; i < MR; ++i) {
      __m512 ai = _mm512_set1_ps(a[k * MR + i]);
#pragma GCC unroll 4
      for (int v = 0; v < NV; ++v) r[i][v] = _mm512_fmadd_ps(ai, bv[v], r[i][v]);
    }
  }
  __mmask16 mask[NV];
#pragma GCC unroll 4
  for (int v = 0; v < NV; ++v) {
    int left = n - v * 16;
    mask[v] = left >= 16 ? (__mmask16)0xFFFF : left > 0 ? (__mmask16)((1u << left) - 1) : (__mmask16)0;
  }
#pragma GCC unroll 32
  for (int i = 0; i < MR; ++i) {
    if (i >= m) break;
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) {
      float* cp = c + i * ldc + v * 16;
      __m512 x = r[i][v];
      if (acc) x = _mm512_add_ps(x, _mm512_maskz_loadu_ps(mask[v], cp));
      _mm512_mask_storeu_ps(cp, mask[v], x);
    }
  }
}

template <int MR, int NV>
GB_AVX512 static void ukr_avx512_direct(int kc, const float* a, long lda, const float* b, float* c, long ldc, int m,
                                        int n, bool acc) {
  const float* ar[MR];
#pragma GCC unroll 32
  for (int i = 0; i < MR; ++i) ar[i] = a + (i < m ? i : m - 1) * lda;
  __m512 r[MR][NV];
#pragma GCC unroll 32
  for (int i = 0; i < MR; ++i)
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) r[i][v] = _mm512_setzero_ps();
  for (int k = 0; k < kc; ++k) {
    __m512 bv[NV];
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) bv[v] = _mm512_load_ps(b + (k * NV + v) * 16);
#pragma GCC unroll 32
    for (int i = 0; i < MR; ++i) {
      __m512 ai = _mm512_set1_ps(ar[i][k]);
#pragma GCC unroll 4
      for (int v = 0; v < NV; ++v) r[i][v] = _mm512_fmadd_ps(ai, bv[v], r[i][v]);
    }
  }
  __mmask16 mask[NV];
#pragma GCC unroll 4
  for (int v = 0; v < NV; ++v) {
    int left = n - v * 16;
    mask[v] = left >= 16 ? (__mmask16)0xFFFF : left > 0 ? (__mmask16)((1u << left) - 1) : (__mmask16)0;
  }
#pragma GCC unroll 32
  for (int i = 0; i < MR; ++i) {
    if (i >= m) break;
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) {
      float* cp = c + i * ldc + v * 16;
      __m512 x = r[i][v];
      if (acc) x = _mm512_add_ps(x, _mm512_maskz_loadu_ps(mask[v], cp));
      _mm512_mask_storeu_ps(cp, mask[v], x);
    }
  }
}

template <int MR>
GB_AVX2 static void ukr_avx2(int kc, const float* a, const float* b, float* c, long ldc, int m, int n, bool acc) {
  __m256 r[MR][2];
#pragma GCC unroll 16
  for (int i = 0; i < MR; ++i) r[i][0] = r[i][1] = _mm256_setzero_ps();
  for (int k = 0; k < kc; ++k) {
    __m256 b0 = _mm256_load_ps(b + k * 16), b1 = _mm256_load_ps(b + k * 16 + 8);
#pragma GCC unroll 16
    for (int i = 0; i < MR; ++i) {
      __m256 ai = _mm256_broadcast_ss(a + k * MR + i);
      r[i][0] = _mm256_fmadd_ps(ai, b0, r[i][0]);
      r[i][1] = _mm256_fmadd_ps(ai, b1, r[i][1]);
    }
  }
  if (m == MR && n == 16) {
#pragma GCC unroll 16
    for (int i = 0; i < MR; ++i) {
      float* cp = c + i * ldc;
      __m256 x0 = r[i][0], x1 = r[i][1];
      if (acc) {
        x0 = _mm256_add_ps(x0, _mm256_loadu_ps(cp));
        x1 = _mm256_add_ps(x1, _mm256_loadu_ps(cp + 8));
      }
      _mm256_storeu_ps(cp, x0);
      _mm256_storeu_ps(cp + 8, x1);
    }
    return;
  }
  alignas(32) float tmp[MR][16];
#pragma GCC unroll 16
  for (int i = 0; i < MR; ++i) {
    _mm256_store_ps(tmp[i], r[i][0]);
    _mm256_store_ps(tmp[i] + 8, r[i][1]);
  }
  for (int i = 0; i < m; ++i)
    for (int j = 0; j < n; ++j) c[i * ldc + j] = acc ? c[i * ldc + j] + tmp[i][j] : tmp[i][j];
}
#endif

KernelShape pick_kernel(bool narrow) {
#if GB_X86
  switch (active_isa()) {
    case Isa::Avx512:
      return narrow ? KernelShape{14, 16, ukr_avx512<14, 1>, ukr_avx512_direct<14, 1>}
                    : KernelShape{12, 32, ukr_avx512<12, 2>, ukr_avx512_direct<12, 2>};
    case Isa::Avx2:
      return KernelShape{6, 16, ukr_avx2<6>, nullptr};
    default:
      break;
  }
#endif
  (void)narrow;
  return KernelShape{4, 16, ukr_portable<4, 16>, nullptr};
}

}  // namespace gb
