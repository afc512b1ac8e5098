#include "conv.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <vector>

#include "common.h"
#include "conv_direct.h"
#include "elementwise.h"
#include "gemm.h"
#include "thread_pool.h"

namespace gb {
namespace {

thread_local std::vector<float> t_cols, t_masked_rows;

long kdim(const ConvParams& p) { return p.fH * p.fW * p.inC; }

// cols[(q - q0) * K + (kh * fW + kw) * inC + c] for output pixels q in [q0, q1).
void im2col(const ConvParams& p, const float* x, long q0, long q1, float* cols) {
  const long K = kdim(p), C = p.inC, perImg = p.outH * p.outW;
  for (long q = q0; q < q1; ++q) {
    long b = q / perImg, rem = q % perImg, oh = rem / p.outW, ow = rem % p.outW;
    float* dst = cols + (q - q0) * K;
    const float* xb = x + b * p.inH * p.inW * C;
    for (long kh = 0; kh < p.fH; ++kh) {
      long h = oh * p.sH - p.padT + kh * p.dH;
      if (h < 0 || h >= p.inH) {
        std::memset(dst + kh * p.fW * C, 0, sizeof(float) * p.fW * C);
        continue;
      }
      for (long kw = 0; kw < p.fW; ++kw) {
        long w = ow * p.sW - p.padL + kw * p.dW;
        float* d = dst + (kh * p.fW + kw) * C;
        if (w < 0 || w >= p.inW) {
          std::memset(d, 0, sizeof(float) * C);
        } else {
          const float* s = xb + (h * p.inW + w) * C;
          if (C == 1) *d = *s;
          else std::memcpy(d, s, sizeof(float) * C);
        }
      }
    }
  }
}

// dx[image of q] += cols row q, scattered back (inverse of im2col).
void col2im_add(const ConvParams& p, const float* cols, long q0, long q1, float* dx) {
  const long K = kdim(p), C = p.inC, perImg = p.outH * p.outW;
  for (long q = q0; q < q1; ++q) {
    long b = q / perImg, rem = q % perImg, oh = rem / p.outW, ow = rem % p.outW;
    const float* src = cols + (q - q0) * K;
    float* xb = dx + b * p.inH * p.inW * C;
    for (long kh = 0; kh < p.fH; ++kh) {
      long h = oh * p.sH - p.padT + kh * p.dH;
      if (h < 0 || h >= p.inH) continue;
      for (long kw = 0; kw < p.fW; ++kw) {
        long w = ow * p.sW - p.padL + kw * p.dW;
        if (w < 0 || w >= p.inW) continue;
        const float* s = src + (kh * p.fW + kw) * C;
        float* d = xb + (h * p.inW + w) * C;
        for (long c = 0; c < C; ++c) d[c] += s[c];
      }
    }
  }
}

bool is_pointwise(const ConvParams& p) {
  return p.fH == 1 && p.fW == 1 && p.sH == 1 && p.sW == 1 && p.padT == 0 && p.padL == 0 && p.inH == p.outH &&
         p.inW == p.outW;
}

// Output pixels per im2col block: about 128 KiB of columns.
long rows_per_block(long K) { return std::max<long>(16, (32768 / std::max<long>(1, K)) / 16 * 16); }

}  // namespace

void conv2d(const ConvParams& p, const float* x, const float* w, float* y, const float* bias, int act, float alpha) {
  const long K = kdim(p), M = p.batch * p.outH * p.outW;
  if (M == 0 || p.outC == 0) return;
  Epilogue ep;
  ep.bias = bias;
  ep.act = act;
  ep.alpha = alpha;
  if (is_pointwise(p)) {
    gemm(Gemm{M, p.outC, K, x, K, 1, w, p.outC, 1, y, p.outC, false}, &ep);
    return;
  }
  if (conv_direct_suits(p)) {
    conv2d_direct(p, x, w, y, bias, act, alpha);
    return;
  }
  const long rb = rows_per_block(K);
  parallel_for((M + rb - 1) / rb, 1, [&](size_t b0, size_t b1) {
    for (size_t blk = b0; blk < b1; ++blk) {
      long q0 = blk * rb, q1 = std::min(M, q0 + rb);
      t_cols.resize(static_cast<size_t>(rb * K));
      im2col(p, x, q0, q1, t_cols.data());
      Gemm g{q1 - q0, p.outC, K, t_cols.data(), K, 1, w, p.outC, 1, y + q0 * p.outC, p.outC, false};
      gemm_serial(g);
      if (bias || act) bias_act_rows(g.C, g.M, g.N, g.ldc, bias, false, act, alpha);
    }
  });
}

namespace {

// masked = dy where the activation passed the gradient (the select keeps a NaN in a masked-out dy out).
// (`&`, not `&&`: one branch-free select the compiler vectorises.)
template <int ACT>
GB_INLINE void mask_range(const float* __restrict__ dy, const float* __restrict__ y, float* __restrict__ out, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    const float v = y[i];
    out[i] = (ACT == U_RELU6 ? ((v > 0.f) & (v < 6.f)) : v > 0.f) ? dy[i] : 0.f;
  }
}

#define GB_MASK_ISA(ATTR, SUF)                                                        \
  ATTR void mask_##SUF(const GradMask& m, const float* dy, float* out, size_t n) {    \
    if (m.act == U_RELU6) mask_range<U_RELU6>(dy, m.y, out, n);                       \
    else mask_range<U_RELU>(dy, m.y, out, n);                                         \
  }

GB_FOR_EACH_ISA(GB_MASK_ISA)

// Rows [q0, q1) of dy (OC wide), masked into this thread's buffer, which stays in cache.
const float* masked_rows(const GradMask& m, const float* dy, long q0, long q1, long OC) {
  t_masked_rows.resize(static_cast<size_t>((q1 - q0) * OC));
  apply_grad_mask_serial({m.y + q0 * OC, m.act}, dy + q0 * OC, t_masked_rows.data(), static_cast<size_t>((q1 - q0) * OC));
  return t_masked_rows.data();
}

// Pointwise backprop input of a masked dy: row blocks of dy are masked in cache and multiplied
// from there, so the masked dy never goes to memory.
void pointwise_backprop_input_masked(const ConvParams& p, const float* dy, const float* w, float* dx, const GradMask& m) {
  const long M = p.batch * p.outH * p.outW, K = kdim(p), OC = p.outC;
  // About 1 MiB of masked rows; at least 96 rows, so that packing w once per block stays small.
  const long rows = std::max<long>(96, std::min<long>(2048, 262144 / std::max<long>(1, OC))) / 48 * 48;
  const long nblk = (M + rows - 1) / rows;
  parallel_for(nblk, 1, [&](size_t b0, size_t b1) {
    for (size_t blk = b0; blk < b1; ++blk) {
      const long r0 = blk * rows, r1 = std::min(M, r0 + rows);
      gemm_serial(Gemm{r1 - r0, K, OC, masked_rows(m, dy, r0, r1, OC), OC, 1, w, 1, OC, dx + r0 * K, K, false});
    }
  });
}

}  // namespace

void apply_grad_mask_serial(const GradMask& mask, const float* dy, float* out, size_t n) { GB_DISPATCH(mask, mask, dy, out, n); }

void apply_grad_mask(const GradMask& mask, const float* dy, float* out, size_t n) {
  parallel_for(n, 1 << 15, [&](size_t i0, size_t i1) { apply_grad_mask_serial({mask.y + i0, mask.act}, dy + i0, out + i0, i1 - i0); });
}

void conv2d_backprop_input(const ConvParams& p, const float* dy, const float* w, float* dx, const GradMask& mask) {
  const long K = kdim(p), perImg = p.outH * p.outW;
  const long imgSize = p.inH * p.inW * p.inC;
  if (p.batch * imgSize == 0) return;
  if (mask.y && is_pointwise(p)) {
    pointwise_backprop_input_masked(p, dy, w, dx, mask);
    return;
  }
  std::unique_ptr<float[]> masked;
  if (mask.y && conv_direct_suits(p)) {
    // The direct kernel gathers dy from several rows: mask it once (not zero-filled first).
    const size_t n = static_cast<size_t>(p.batch * perImg * p.outC);
    masked.reset(new float[n]);
    apply_grad_mask(mask, dy, masked.get(), n);
    dy = masked.get();
  }
  if (is_pointwise(p)) {
    // dx = dy * w^T
    gemm(Gemm{p.batch * perImg, K, p.outC, dy, p.outC, 1, w, 1, p.outC, dx, K, false});
    return;
  }
  if (conv_direct_suits(p)) {
    conv2d_backprop_input_direct(p, dy, w, dx);
    return;
  }
  const long imgsPerBlock = std::max<long>(1, rows_per_block(K) / std::max<long>(1, perImg));
  const long nblk = (p.batch + imgsPerBlock - 1) / imgsPerBlock;
  parallel_for(nblk, 1, [&](size_t b0, size_t b1) {
    for (size_t blk = b0; blk < b1; ++blk) {
      long i0 = blk * imgsPerBlock, i1 = std::min(p.batch, i0 + imgsPerBlock);
      long q0 = i0 * perImg, q1 = i1 * perImg;
      std::memset(dx + i0 * imgSize, 0, sizeof(float) * (i1 - i0) * imgSize);
      if (q1 == q0) continue;
      t_cols.resize(static_cast<size_t>((q1 - q0) * K));
      const float* dyq = mask.y ? masked_rows(mask, dy, q0, q1, p.outC) : dy + q0 * p.outC;
      // cols[q, k] = sum_co dy[q, co] * w[k, co]
      gemm_serial(Gemm{q1 - q0, K, p.outC, dyq, p.outC, 1, w, 1, p.outC, t_cols.data(), K, false});
      col2im_add(p, t_cols.data(), q0, q1, dx);
    }
  });
}

void conv2d_backprop_filter(const ConvParams& p, const float* x, const float* dy, float* dw) {
  const long K = kdim(p), M = p.batch * p.outH * p.outW, N = p.outC;
  std::memset(dw, 0, sizeof(float) * K * N);
  if (M == 0 || K * N == 0) return;
  if (is_pointwise(p)) {
    gemm(Gemm{K, N, M, x, 1, K, dy, N, 1, dw, N, false});
    return;
  }
  const long rb = rows_per_block(K);
  const long nblk = (M + rb - 1) / rb;
  const long parts = std::min<long>(nblk, 2L * num_threads());
  std::vector<float> partial(static_cast<size_t>(parts * K * N), 0.f);
  parallel_for(parts, 1, [&](size_t p0, size_t p1) {
    for (size_t part = p0; part < p1; ++part) {
      float* acc = partial.data() + part * K * N;
      for (long blk = part; blk < nblk; blk += parts) {
        long q0 = blk * rb, q1 = std::min(M, q0 + rb);
        t_cols.resize(static_cast<size_t>(rb * K));
        im2col(p, x, q0, q1, t_cols.data());
        // acc[k, co] += sum_q cols[q, k] * dy[q, co]
        gemm_serial(Gemm{K, N, q1 - q0, t_cols.data(), 1, K, dy + q0 * N, N, 1, acc, N, true});
      }
    }
  });
  for (long part = 0; part < parts; ++part) {
    const float* acc = partial.data() + part * K * N;
    for (long i = 0; i < K * N; ++i) dw[i] += acc[i];
  }
}

}  // namespace gb
