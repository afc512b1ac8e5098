// Depthwise 2-D convolution (NHWC, filter [fh, fw, in, multiplier]; output channel c * mult + m) and
// its input backprop. p.outC = p.inC * multiplier.
#pragma once
#include "conv.h"

namespace gb {

/** y = depthwise_conv2d(x, w) (+ bias per out channel, then activation `act`). */
void depthwise_conv2d(const ConvParams& p, const float* x, const float* w, float* y, const float* bias, int act, float alpha);
/** dx = depthwise conv2d backprop wrt input (gathered per input row: no write conflicts). */
void depthwise_backprop_input(const ConvParams& p, const float* dy, const float* w, float* dx, const GradMask& mask = {});

}  // namespace gb
