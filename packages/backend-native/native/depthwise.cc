#include "depthwise.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "common.h"
#include "elementwise.h"
#include "thread_pool.h"

// No fused multiply-adds here: same rounding on every ISA.
#pragma GCC optimize("fp-contract=off")

namespace gb {

namespace {

// y rows [r0, r1) (row r = image r / outH, row r % outH), then bias and activation.
GB_INLINE void depthwise_forward_rows(const ConvParams& p, const float* x, const float* w, float* y, const float* bias, int act,
                                      float alpha, size_t r0, size_t r1) {
  const long C = p.inC, M = p.outC / std::max<long>(1, p.inC), OC = p.outC;
  for (size_t r = r0; r < r1; ++r) {
    const long b = static_cast<long>(r) / p.outH, oh = static_cast<long>(r) % p.outH;
    float* yrow = y + r * p.outW * OC;
    std::memset(yrow, 0, sizeof(float) * p.outW * OC);
    const float* xb = x + b * p.inH * p.inW * C;
    for (long kh = 0; kh < p.fH; ++kh) {
      const long h = oh * p.sH - p.padT + kh * p.dH;
      if (h < 0 || h >= p.inH) continue;
      for (long ow = 0; ow < p.outW; ++ow) {
        float* __restrict__ out = yrow + ow * OC;
        for (long kw = 0; kw < p.fW; ++kw) {
          const long wi = ow * p.sW - p.padL + kw * p.dW;
          if (wi < 0 || wi >= p.inW) continue;
          const float* __restrict__ xs = xb + (h * p.inW + wi) * C;
          const float* __restrict__ ws = w + (kh * p.fW + kw) * OC;
          if (M == 1) {
            for (long c = 0; c < C; ++c) out[c] += xs[c] * ws[c];
          } else {
            for (long c = 0; c < C; ++c)
              for (long m = 0; m < M; ++m) out[c * M + m] += xs[c] * ws[c * M + m];
          }
        }
      }
    }
    if (bias || act != 0) bias_act_rows(yrow, p.outW, OC, OC, bias, false, act, alpha);
  }
}

#define GB_DEPTHWISE_FORWARD_ISA(ATTR, SUF)                                                                      \
  ATTR void forward_##SUF(const ConvParams& p, const float* x, const float* w, float* y, const float* bias, int act, \
                          float alpha, size_t r0, size_t r1) {                                                     \
    depthwise_forward_rows(p, x, w, y, bias, act, alpha, r0, r1);                                                  \
  }

GB_FOR_EACH_ISA(GB_DEPTHWISE_FORWARD_ISA)

}  // namespace

void depthwise_conv2d(const ConvParams& p, const float* x, const float* w, float* y, const float* bias, int act, float alpha) {
  const long rows = p.batch * p.outH;
  size_t grain = std::max<long>(1, 8192 / std::max<long>(1, p.outW * p.outC * p.fH * p.fW));
  parallel_for(rows, grain, [&](size_t r0, size_t r1) { GB_DISPATCH(forward, p, x, w, y, bias, act, alpha, r0, r1); });
}

namespace {

// dx rows [r0, r1) (row r = image r / inH, row r % inH). dy holds output rows from `dyRow` on
// (counted over the batch, b * outH + oh): the whole dy, or the masked rows of one image.
GB_INLINE void depthwise_backprop_input_rows(const ConvParams& p, const float* dy, long dyRow, const float* w, float* dx,
                                             size_t r0, size_t r1) {
  const long C = p.inC, M = p.outC / std::max<long>(1, p.inC), OC = p.outC;
  for (size_t r = r0; r < r1; ++r) {
    const long b = static_cast<long>(r) / p.inH, h = static_cast<long>(r) % p.inH;
    float* dxrow = dx + r * p.inW * C;
    std::memset(dxrow, 0, sizeof(float) * p.inW * C);
    for (long kh = 0; kh < p.fH; ++kh) {
      const long t = h + p.padT - kh * p.dH;
      if (t < 0 || t % p.sH != 0) continue;
      const long oh = t / p.sH;
      if (oh >= p.outH) continue;
      const float* dyrow = dy + (b * p.outH + oh - dyRow) * p.outW * OC;
      for (long wi = 0; wi < p.inW; ++wi) {
        float* __restrict__ d = dxrow + wi * C;
        for (long kw = 0; kw < p.fW; ++kw) {
          const long u = wi + p.padL - kw * p.dW;
          if (u < 0 || u % p.sW != 0) continue;
          const long ow = u / p.sW;
          if (ow >= p.outW) continue;
          const float* __restrict__ g = dyrow + ow * OC;
          const float* __restrict__ ws = w + (kh * p.fW + kw) * OC;
          if (M == 1) {
            for (long c = 0; c < C; ++c) d[c] += g[c] * ws[c];
          } else {
            for (long c = 0; c < C; ++c) {
              float s = 0.f;
              for (long m = 0; m < M; ++m) s += g[c * M + m] * ws[c * M + m];
              d[c] += s;
            }
          }
        }
      }
    }
  }
}

#define GB_DEPTHWISE_ISA(ATTR, SUF)                                                                              \
  ATTR void backprop_##SUF(const ConvParams& p, const float* dy, long dyRow, const float* w, float* dx, size_t r0, \
                           size_t r1) {                                                                            \
    depthwise_backprop_input_rows(p, dy, dyRow, w, dx, r0, r1);                                                    \
  }

GB_FOR_EACH_ISA(GB_DEPTHWISE_ISA)

thread_local std::vector<float> t_masked;

// Masked: each task masks the output rows its input rows read (its rows' receptive field, per
// image) into a buffer that stays in cache, then runs the plain loop on it.
void masked_rows(const ConvParams& p, const float* dy, const float* w, float* dx, const GradMask& m, size_t r0, size_t r1) {
  const long rowLen = p.outW * p.outC;
  for (size_t s0 = r0; s0 < r1;) {
    const long b = static_cast<long>(s0) / p.inH;
    const size_t s1 = std::min<size_t>(r1, static_cast<size_t>((b + 1) * p.inH));
    const long h0 = static_cast<long>(s0) % p.inH, h1 = static_cast<long>(s1 - 1) % p.inH;
    // Output rows oh with oh * sH = h + padT - kh * dH for some h in [h0, h1], kh in [0, fH).
    const long lo = std::max<long>(0, (h0 + p.padT - (p.fH - 1) * p.dH + p.sH - 1) / p.sH);
    const long hi = std::min<long>(p.outH - 1, (h1 + p.padT) / p.sH);
    if (hi >= lo) {
      const size_t n = static_cast<size_t>((hi - lo + 1) * rowLen), at = static_cast<size_t>((b * p.outH + lo) * rowLen);
      t_masked.resize(n);
      apply_grad_mask_serial({m.y + at, m.act}, dy + at, t_masked.data(), n);
      GB_DISPATCH(backprop, p, t_masked.data(), b * p.outH + lo, w, dx, s0, s1);
    } else {
      GB_DISPATCH(backprop, p, dy, 0, w, dx, s0, s1);  // no output row reaches these rows: zeros
    }
    s0 = s1;
  }
}

}  // namespace

void depthwise_backprop_input(const ConvParams& p, const float* dy, const float* w, float* dx, const GradMask& mask) {
  const long rows = p.batch * p.inH;
  size_t grain = std::max<long>(1, 8192 / std::max<long>(1, p.inW * p.outC * p.fH * p.fW));
  parallel_for(rows, grain, [&](size_t r0, size_t r1) {
    if (mask.y) masked_rows(p, dy, w, dx, mask, r0, r1);
    else GB_DISPATCH(backprop, p, dy, 0, w, dx, r0, r1);
  });
}

}  // namespace gb
