// 2-D convolution (NHWC, filter [fh, fw, in, out]) by im2col + GEMM, its two backprops, and pooling.
#pragma once
#include <cstddef>

namespace gb {

struct ConvParams {
  long batch, inH, inW, inC, outH, outW, outC, fH, fW, sH, sW, dH, dW, padT, padL;
};

/** y = conv2d(x, w) (+ bias per out channel, then activation `act`). */
void conv2d(const ConvParams& p, const float* x, const float* w, float* y, const float* bias, int act, float alpha);
/**
 * The gradient mask of a fused activation, applied to dy before a backprop: dy where the activation
 * passed the gradient, 0 elsewhere, read from the fused output y (act U_RELU: y > 0; U_RELU6:
 * 0 < y < 6, as elementwise's reluGrad / relu6Grad). No mask when y is null.
 */
struct GradMask {
  const float* y = nullptr;
  int act = 0;
};

/** masked[i] = dy[i] where mask.y[i] passes the gradient, else 0 (n elements, multi-threaded). */
void apply_grad_mask(const GradMask& mask, const float* dy, float* out, size_t n);
/** The same on the calling thread. */
void apply_grad_mask_serial(const GradMask& mask, const float* dy, float* out, size_t n);

/** dx = conv2d backprop wrt input (of dy masked by `mask`, when it has a y). */
void conv2d_backprop_input(const ConvParams& p, const float* dy, const float* w, float* dx, const GradMask& mask = {});
/** dw = conv2d backprop wrt filter. */
void conv2d_backprop_filter(const ConvParams& p, const float* x, const float* dy, float* dw);

/** Pooling with channels last; p.outC == p.inC, p.fH/fW window, dilation 1. */
void max_pool(const ConvParams& p, const float* x, float* y);
void max_pool_grad(const ConvParams& p, const float* dy, const float* x, float* dx);
void avg_pool(const ConvParams& p, const float* x, float* y);
void avg_pool_grad(const ConvParams& p, const float* dy, float* dx);

}  // namespace gb
