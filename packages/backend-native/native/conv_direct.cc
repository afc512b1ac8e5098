// Direct convolution for layers with few input channels (e.g. the first layer on images), where
// im2col + GEMM is dominated by copying: outputs are accumulated in registers, 8 or 16 output
// channels wide, four pixels at a time.
#include <algorithm>

#include "common.h"
#include "conv_direct.h"
#include "elementwise.h"
#include "thread_pool.h"
#include "vmath.h"

namespace gb {
namespace {

// Activation codes as in elementwise.h (U_RELU ...).
GB_INLINE float activate(float v, int act, float alpha) {
  switch (act) {
    case U_RELU: return v < 0.f ? 0.f : v;
    case U_RELU6: return v < 0.f ? 0.f : (v > 6.f ? 6.f : v);
    case U_LEAKYRELU: return v < 0.f ? alpha * v : v;
    case U_ELU: return v >= 0.f ? v : v_expm1(v);
    case U_SIGMOID: return v_sigmoid(v);
    default: return v;
  }
}

// 8 floats as one vector (a ymm register with AVX2 / AVX-512, two xmm otherwise).
typedef float v8 __attribute__((vector_size(32)));

GB_INLINE v8 load8(const float* p) {
  v8 v;
  __builtin_memcpy(&v, p, sizeof v);
  return v;
}
GB_INLINE void store8(float* p, v8 v) { __builtin_memcpy(p, &v, sizeof v); }

// y[q, 0:OC] for output pixels q in [q0, q1), four pixels of a row at a time.
template <int OC>
GB_INLINE void forward_rows(const ConvParams& p, const float* x, const float* w, float* y, const float* bias, int act,
                            float alpha, long q0, long q1) {
  constexpr int V = OC / 8;
  const long C = p.inC, perImg = p.outH * p.outW;
  v8 b0[V];
  for (int k = 0; k < V; ++k) b0[k] = bias ? load8(bias + 8 * k) : v8{};
  for (long q = q0; q < q1;) {
    const long b = q / perImg, rem = q % perImg, oh = rem / p.outW, ow0 = rem % p.outW;
    const long n = std::min<long>(4, std::min(q1 - q, p.outW - ow0));  // pixels of this row
    v8 acc[4][V];
    for (int i = 0; i < 4; ++i)
      for (int k = 0; k < V; ++k) acc[i][k] = b0[k];
    const float* xb = x + b * p.inH * p.inW * C;
    for (long kh = 0; kh < p.fH; ++kh) {
      const long h = oh * p.sH - p.padT + kh * p.dH;
      if (h < 0 || h >= p.inH) continue;
      const float* xrow = xb + h * p.inW * C;
      for (long kw = 0; kw < p.fW; ++kw) {
        const float* wk = w + (kh * p.fW + kw) * C * OC;
        const float* xp[4];
        for (int i = 0; i < 4; ++i) {
          long wc = (ow0 + i) * p.sW - p.padL + kw * p.dW;
          xp[i] = (i < n && wc >= 0 && wc < p.inW) ? xrow + wc * C : nullptr;
        }
        for (long c = 0; c < C; ++c) {
          v8 wv[V];
          for (int k = 0; k < V; ++k) wv[k] = load8(wk + c * OC + 8 * k);
          for (int i = 0; i < 4; ++i) {
            const float xv = xp[i] ? xp[i][c] : 0.f;
            for (int k = 0; k < V; ++k) acc[i][k] += xv * wv[k];
          }
        }
      }
    }
    float* out = y + q * OC;
    for (long i = 0; i < n; ++i)
      for (int k = 0; k < V; ++k) {
        v8 r = acc[i][k];
        if (act == U_RELU) {
          r = r < 0.f ? v8{} : r;
        } else if (act) {
          for (int j = 0; j < 8; ++j) r[j] = activate(r[j], act, alpha);
        }
        store8(out + i * OC + 8 * k, r);
      }
    q += n;
  }
}

// dx[b, h, w, 0:C] for input pixels r in [r0, r1): gathers dy over the taps that read (h, w).
template <int OC>
GB_INLINE void backprop_input_rows(const ConvParams& p, const float* dy, const float* w, float* dx, long r0, long r1) {
  constexpr int V = OC / 8;
  const long C = p.inC, perImg = p.inH * p.inW;
  const bool unit = p.sH == 1 && p.sW == 1;
  long b = r0 / perImg, h = (r0 % perImg) / p.inW, x = r0 % p.inW;
  for (long r = r0; r < r1; ++r, ++x) {
    if (x == p.inW) {
      x = 0;
      if (++h == p.inH) {
        h = 0;
        ++b;
      }
    }
    const float* dyb = dy + b * p.outH * p.outW * OC;
    float* out = dx + r * C;
    for (long c = 0; c < C; ++c) {
      v8 acc{};
      for (long kh = 0; kh < p.fH; ++kh) {
        const long t = h + p.padT - kh * p.dH;
        if (t < 0 || (unit ? false : t % p.sH != 0)) continue;
        const long oh = unit ? t : t / p.sH;
        if (oh >= p.outH) continue;
        for (long kw = 0; kw < p.fW; ++kw) {
          const long u = x + p.padL - kw * p.dW;
          if (u < 0 || (unit ? false : u % p.sW != 0)) continue;
          const long ow = unit ? u : u / p.sW;
          if (ow >= p.outW) continue;
          const float* g = dyb + (oh * p.outW + ow) * OC;
          const float* wv = w + ((kh * p.fW + kw) * C + c) * OC;
          for (int k = 0; k < V; ++k) acc += load8(g + 8 * k) * load8(wv + 8 * k);
        }
      }
      out[c] = ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7]));
    }
  }
}

#define GB_DIRECT_ISA(ATTR, SUF)                                                                             \
  ATTR void forward_##SUF(const ConvParams& p, const float* x, const float* w, float* y, const float* bias,  \
                          int act, float alpha, long q0, long q1) {                                        \
    if (p.outC == 8) forward_rows<8>(p, x, w, y, bias, act, alpha, q0, q1);                                 \
    else forward_rows<16>(p, x, w, y, bias, act, alpha, q0, q1);                                            \
  }                                                                                                         \
  ATTR void backprop_##SUF(const ConvParams& p, const float* dy, const float* w, float* dx, long r0, long r1) { \
    if (p.outC == 8) backprop_input_rows<8>(p, dy, w, dx, r0, r1);                                          \
    else backprop_input_rows<16>(p, dy, w, dx, r0, r1);                                                     \
  }

GB_FOR_EACH_ISA(GB_DIRECT_ISA)

}  // namespace

bool conv_direct_suits(const ConvParams& p) { return p.inC <= 4 && (p.outC == 8 || p.outC == 16); }

void conv2d_direct(const ConvParams& p, const float* x, const float* w, float* y, const float* bias, int act,
                   float alpha) {
  const long M = p.batch * p.outH * p.outW;
  parallel_for(M, 2048, [&](size_t q0, size_t q1) { GB_DISPATCH(forward, p, x, w, y, bias, act, alpha, q0, q1); });
}

void conv2d_backprop_input_direct(const ConvParams& p, const float* dy, const float* w, float* dx) {
  const long R = p.batch * p.inH * p.inW;
  parallel_for(R, 2048, [&](size_t r0, size_t r1) { GB_DISPATCH(backprop, p, dy, w, dx, r0, r1); });
}

}  // namespace gb
