// Max and average pooling (channels last) and their gradients, matching tfjs's cpu kernels:
// max-pool takes the first maximum in row-major window order; avg-pool divides by the number of
// in-bounds pixels, its gradient (as in tfjs) by the full window size.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

#include "common.h"
#include "conv.h"
#include "thread_pool.h"

namespace gb {
namespace {

struct Window {
  long h0, h1, w0, w1;
};

inline Window window(const ConvParams& p, long oh, long ow) {
  long hc = oh * p.sH - p.padT, wc = ow * p.sW - p.padL;
  return {std::max<long>(0, hc), std::min(p.inH, hc + p.fH), std::max<long>(0, wc), std::min(p.inW, wc + p.fW)};
}

// Runs fn(b, oh) for every output row, in parallel.
template <class F>
void for_rows(const ConvParams& p, F&& fn) {
  const long rows = p.batch * p.outH;
  size_t grain = std::max<long>(1, 4096 / std::max<long>(1, p.outW * p.inC * p.fH * p.fW));
  parallel_for(rows, grain, [&](size_t r0, size_t r1) {
    for (size_t r = r0; r < r1; ++r) fn(static_cast<long>(r) / p.outH, static_cast<long>(r) % p.outH);
  });
}

// Runs fn(b0, b1) over whole images, in parallel (for gradients that scatter within an image).
template <class F>
void for_images(const ConvParams& p, F&& fn) {
  size_t grain = std::max<long>(1, 16384 / std::max<long>(1, p.inH * p.inW * p.inC));
  parallel_for(p.batch, grain, [&](size_t b0, size_t b1) { fn(static_cast<long>(b0), static_cast<long>(b1)); });
}

}  // namespace

void max_pool(const ConvParams& p, const float* x, float* y) {
  const long C = p.inC;
  for_rows(p, [&](long b, long oh) {
    const float* xb = x + b * p.inH * p.inW * C;
    for (long ow = 0; ow < p.outW; ++ow) {
      Window win = window(p, oh, ow);
      float* out = y + ((b * p.outH + oh) * p.outW + ow) * C;
      for (long c = 0; c < C; ++c) out[c] = -__builtin_inff();
      for (long h = win.h0; h < win.h1; ++h)
        for (long w = win.w0; w < win.w1; ++w) {
          const float* s = xb + (h * p.inW + w) * C;
          for (long c = 0; c < C; ++c) out[c] = s[c] > out[c] ? s[c] : out[c];
        }
    }
  });
}

typedef float v8f __attribute__((vector_size(32)));
typedef int32_t v8i __attribute__((vector_size(32)));

GB_INLINE v8f load8(const float* p) {
  v8f v;
  __builtin_memcpy(&v, p, sizeof v);
  return v;
}

// Windows that tile the input without overlap (stride = window, no padding): every input pixel is
// written once, the maximum's position gets dy and the rest 0, with no scatter. C % 8 == 0.
GB_INLINE void max_pool_grad_tiled_images(const ConvParams& p, const float* dy, const float* x, float* dx, long b0,
                                          long b1) {
  const long C = p.inC, imgSize = p.inH * p.inW * C;
  for (long b = b0; b < b1; ++b) {
    const float* xb = x + b * imgSize;
    float* dxb = dx + b * imgSize;
    for (long h = p.outH * p.fH; h < p.inH; ++h) std::memset(dxb + h * p.inW * C, 0, sizeof(float) * p.inW * C);
    for (long oh = 0; oh < p.outH; ++oh) {
      for (long h = oh * p.fH; h < (oh + 1) * p.fH; ++h) {
        long w0 = p.outW * p.fW;
        if (w0 < p.inW) std::memset(dxb + (h * p.inW + w0) * C, 0, sizeof(float) * (p.inW - w0) * C);
      }
      for (long ow = 0; ow < p.outW; ++ow) {
        const float* g = dy + ((b * p.outH + oh) * p.outW + ow) * C;
        for (long c = 0; c < C; c += 8) {
          v8f best = v8f{} - __builtin_inff();
          v8i arg = v8i{} - 1;
          int32_t idx = 0;
          for (long kh = 0; kh < p.fH; ++kh)
            for (long kw = 0; kw < p.fW; ++kw, ++idx) {
              v8f s = load8(xb + ((oh * p.fH + kh) * p.inW + ow * p.fW + kw) * C + c);
              v8i take = s > best;
              best = take ? s : best;
              arg = take ? (v8i{} + idx) : arg;
            }
          const v8f gv = load8(g + c);
          idx = 0;
          for (long kh = 0; kh < p.fH; ++kh)
            for (long kw = 0; kw < p.fW; ++kw, ++idx) {
              v8f d = arg == idx ? gv : v8f{};
              __builtin_memcpy(dxb + ((oh * p.fH + kh) * p.inW + ow * p.fW + kw) * C + c, &d, sizeof d);
            }
        }
      }
    }
  }
}

#if GB_X86
GB_AVX2 void max_pool_grad_tiled_avx2(const ConvParams& p, const float* dy, const float* x, float* dx, long b0, long b1) {
  max_pool_grad_tiled_images(p, dy, x, dx, b0, b1);
}
#endif
void max_pool_grad_tiled_portable(const ConvParams& p, const float* dy, const float* x, float* dx, long b0, long b1) {
  max_pool_grad_tiled_images(p, dy, x, dx, b0, b1);
}

void max_pool_grad_tiled(const ConvParams& p, const float* dy, const float* x, float* dx) {
  for_images(p, [&](long b0, long b1) {
#if GB_X86
    if (active_isa() != Isa::Portable) {
      max_pool_grad_tiled_avx2(p, dy, x, dx, b0, b1);
      return;
    }
#endif
    max_pool_grad_tiled_portable(p, dy, x, dx, b0, b1);
  });
}

void max_pool_grad(const ConvParams& p, const float* dy, const float* x, float* dx) {
  const long C = p.inC, imgSize = p.inH * p.inW * C;
  if (C % 8 == 0 && p.sH == p.fH && p.sW == p.fW && p.padT == 0 && p.padL == 0 && p.outH * p.fH <= p.inH &&
      p.outW * p.fW <= p.inW) {
    max_pool_grad_tiled(p, dy, x, dx);
    return;
  }
  for_images(p, [&](long b0, long b1) {
    std::vector<float> best(C);
    std::vector<long> pos(C);
    std::memset(dx + b0 * imgSize, 0, sizeof(float) * (b1 - b0) * imgSize);
    for (long b = b0; b < b1; ++b) {
      const float* xb = x + b * imgSize;
      float* dxb = dx + b * imgSize;
      for (long oh = 0; oh < p.outH; ++oh)
        for (long ow = 0; ow < p.outW; ++ow) {
          Window win = window(p, oh, ow);
          for (long c = 0; c < C; ++c) {
            best[c] = -__builtin_inff();
            pos[c] = -1;
          }
          for (long h = win.h0; h < win.h1; ++h)
            for (long w = win.w0; w < win.w1; ++w) {
              long off = (h * p.inW + w) * C;
              const float* s = xb + off;
              for (long c = 0; c < C; ++c) {
                bool take = s[c] > best[c];
                best[c] = take ? s[c] : best[c];
                pos[c] = take ? off + c : pos[c];
              }
            }
          const float* g = dy + ((b * p.outH + oh) * p.outW + ow) * C;
          for (long c = 0; c < C; ++c)
            if (pos[c] >= 0) dxb[pos[c]] += g[c];
        }
    }
  });
}

void avg_pool(const ConvParams& p, const float* x, float* y) {
  const long C = p.inC;
  for_rows(p, [&](long b, long oh) {
    const float* xb = x + b * p.inH * p.inW * C;
    for (long ow = 0; ow < p.outW; ++ow) {
      Window win = window(p, oh, ow);
      float* out = y + ((b * p.outH + oh) * p.outW + ow) * C;
      for (long c = 0; c < C; ++c) out[c] = 0.f;
      for (long h = win.h0; h < win.h1; ++h)
        for (long w = win.w0; w < win.w1; ++w) {
          const float* s = xb + (h * p.inW + w) * C;
          for (long c = 0; c < C; ++c) out[c] += s[c];
        }
      long count = (win.h1 - win.h0) * (win.w1 - win.w0);
      float inv = count > 0 ? 1.0f / static_cast<float>(count) : __builtin_nanf("");
      for (long c = 0; c < C; ++c) out[c] = count > 0 ? out[c] * inv : out[c] / 0.f;
    }
  });
}

void avg_pool_grad(const ConvParams& p, const float* dy, float* dx) {
  const long C = p.inC, imgSize = p.inH * p.inW * C;
  const float scale = 1.0f / static_cast<float>(p.fH * p.fW);
  for_images(p, [&](long b0, long b1) {
    std::memset(dx + b0 * imgSize, 0, sizeof(float) * (b1 - b0) * imgSize);
    for (long b = b0; b < b1; ++b) {
      float* dxb = dx + b * imgSize;
      for (long oh = 0; oh < p.outH; ++oh)
        for (long ow = 0; ow < p.outW; ++ow) {
          Window win = window(p, oh, ow);
          const float* g = dy + ((b * p.outH + oh) * p.outW + ow) * C;
          for (long h = win.h0; h < win.h1; ++h)
            for (long w = win.w0; w < win.w1; ++w) {
              float* d = dxb + (h * p.inW + w) * C;
              for (long c = 0; c < C; ++c) d[c] += g[c] * scale;
            }
        }
    }
  });
}

}  // namespace gb
