// Cache-blocked single-precision GEMM with packed AVX-512 / AVX2 / portable micro-kernels.
#pragma once
#include <cstddef>

namespace gb {

/** C(i,j) (+)= sum_k A(i,k) B(k,j), with A(i,k) = A[i*rsA + k*csA], B(k,j) = B[k*rsB + j*csB]. */
struct Gemm {
  long M, N, K;
  const float* A;
  long rsA, csA;
  const float* B;
  long rsB, csB;
  float* C;
  long ldc;
  bool accumulate;
};

/** Bias and activation applied to C after the product (see elementwise.h for the codes). */
struct Epilogue {
  const float* bias = nullptr;  // length N (per column), or 1 when biasScalar
  bool biasScalar = false;
  int act = 0;  // 0 = none
  float alpha = 0.f;
};

/** Single-threaded GEMM (used inside parallel tasks). */
void gemm_serial(const Gemm& g);
/** Multi-threaded GEMM; splits M, N or K over the pool. */
void gemm(const Gemm& g, const Epilogue* ep = nullptr);
/**
 * Batched GEMM: problem b uses A + (b % batchA) * strideA, B + (b % batchB) * strideB,
 * C + b * strideC. Parallel across problems when they are small and many.
 */
void gemm_batched(const Gemm& g, long batch, long batchA, long strideA, long batchB, long strideB, long strideC,
                  const Epilogue* ep = nullptr);

}  // namespace gb
