// Direct (im2col-free) convolution for few input channels and 8 or 16 output channels.
#pragma once
#include "conv.h"

namespace gb {

/** Whether the direct kernels handle this shape (inC <= 4, outC 8 or 16). */
bool conv_direct_suits(const ConvParams& p);
void conv2d_direct(const ConvParams& p, const float* x, const float* w, float* y, const float* bias, int act, float alpha);
void conv2d_backprop_input_direct(const ConvParams& p, const float* dy, const float* w, float* dx);

}  // namespace gb
