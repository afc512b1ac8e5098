#include "depthwise.h"

#include <algorithm>
#include <cstring>

#include "elementwise.h"
#include "thread_pool.h"

namespace gb {

void depthwise_conv2d(const ConvParams& p, const float* x, const float* w, float* y, const float* bias, int act, float alpha) {
  const long C = p.inC, M = p.outC / std::max<long>(1, p.inC), OC = p.outC;
  const long rows = p.batch * p.outH;
  size_t grain = std::max<long>(1, 8192 / std::max<long>(1, p.outW * OC * p.fH * p.fW));
  parallel_for(rows, grain, [&](size_t r0, size_t r1) {
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
  });
}

void depthwise_backprop_input(const ConvParams& p, const float* dy, const float* w, float* dx) {
  const long C = p.inC, M = p.outC / std::max<long>(1, p.inC), OC = p.outC;
  const long rows = p.batch * p.inH;
  size_t grain = std::max<long>(1, 8192 / std::max<long>(1, p.inW * OC * p.fH * p.fW));
  parallel_for(rows, grain, [&](size_t r0, size_t r1) {
    for (size_t r = r0; r < r1; ++r) {
      const long b = static_cast<long>(r) / p.inH, h = static_cast<long>(r) % p.inH;
      float* dxrow = dx + r * p.inW * C;
      std::memset(dxrow, 0, sizeof(float) * p.inW * C);
      const float* dyb = dy + b * p.outH * p.outW * OC;
      for (long kh = 0; kh < p.fH; ++kh) {
        const long t = h + p.padT - kh * p.dH;
        if (t < 0 || t % p.sH != 0) continue;
        const long oh = t / p.sH;
        if (oh >= p.outH) continue;
        for (long wi = 0; wi < p.inW; ++wi) {
          float* __restrict__ d = dxrow + wi * C;
          for (long kw = 0; kw < p.fW; ++kw) {
            const long u = wi + p.padL - kw * p.dW;
            if (u < 0 || u % p.sW != 0) continue;
            const long ow = u / p.sW;
            if (ow >= p.outW) continue;
            const float* __restrict__ g = dyb + (oh * p.outW + ow) * OC;
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
  });
}

}  // namespace gb
