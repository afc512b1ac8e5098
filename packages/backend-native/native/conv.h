// 2-D convolution (NHWC, filter [fh, fw, in, out]) by im2col + GEMM, its two backprops, and pooling.
#pragma once

namespace gb {

struct ConvParams {
  long batch, inH, inW, inC, outH, outW, outC, fH, fW, sH, sW, dH, dW, padT, padL;
};

/** y = conv2d(x, w) (+ bias per out channel, then activation `act`). */
void conv2d(const ConvParams& p, const float* x, const float* w, float* y, const float* bias, int act, float alpha);
/** dx = conv2d backprop wrt input. */
void conv2d_backprop_input(const ConvParams& p, const float* dy, const float* w, float* dx);
/** dw = conv2d backprop wrt filter. */
void conv2d_backprop_filter(const ConvParams& p, const float* x, const float* dy, float* dw);

/** Pooling with channels last; p.outC == p.inC, p.fH/fW window, dilation 1. */
void max_pool(const ConvParams& p, const float* x, float* y);
void max_pool_grad(const ConvParams& p, const float* dy, const float* x, float* dx);
void avg_pool(const ConvParams& p, const float* x, float* y);
void avg_pool_grad(const ConvParams& p, const float* dy, float* dx);

}  // namespace gb
