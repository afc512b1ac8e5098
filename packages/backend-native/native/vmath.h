// Scalar float math written so that GCC vectorises loops over it (no calls, no branches):
// Cephes-style polynomials, accurate to a few ulps over the float range.
#pragma once
#include <cstdint>
#include <cstring>

#include "common.h"

namespace gb {

GB_INLINE float as_float(int32_t i) {
  float f;
  std::memcpy(&f, &i, 4);
  return f;
}
GB_INLINE int32_t as_int(float f) {
  int32_t i;
  std::memcpy(&i, &f, 4);
  return i;
}

GB_INLINE float v_exp(float x) {
  float xc = x > 88.7228f ? 88.7228f : (x < -87.3365f ? -87.3365f : x);
  // n = round(x / ln2) via the 1.5 * 2^23 trick (exact for |n| < 2^22).
  float t = xc * 1.44269504088896341f + 12582912.f;
  float fx = t - 12582912.f;
  int32_t n = as_int(t) - 0x4B400000;
  float r = xc - fx * 0.693359375f;
  r = r - fx * -2.12194440e-4f;
  float y = 1.9875691500E-4f;
  y = y * r + 1.3981999507E-3f;
  y = y * r + 8.3334519073E-3f;
  y = y * r + 4.1665795894E-2f;
  y = y * r + 1.6666665459E-1f;
  y = y * r + 5.0000001201E-1f;
  y = y * r * r + r + 1.0f;
  int32_t n1 = n >> 1;
  float p1 = as_float((n1 + 127) << 23), p2 = as_float((n - n1 + 127) << 23);
  float res = y * p1 * p2;
  res = x > 88.7228f ? __builtin_inff() : res;
  return x < -87.3365f ? 0.f : res;
}

GB_INLINE float v_log(float x) {
  // Denormals: scale into the normal range first.
  bool tiny = x < 1.17549435e-38f;
  float xs = tiny ? x * 8388608.f : x;
  int32_t bits = as_int(xs);
  int32_t e = ((bits >> 23) & 0xff) - 126 - (tiny ? 23 : 0);
  float m = as_float((bits & 0x007fffff) | 0x3f000000);  // [0.5, 1)
  bool small = m < 0.707106781186547524f;
  float fe = static_cast<float>(small ? e - 1 : e);
  m = small ? m + m - 1.0f : m - 1.0f;
  float z = m * m;
  float y = 7.0376836292E-2f;
  y = y * m - 1.1514610310E-1f;
  y = y * m + 1.1676998740E-1f;
  y = y * m - 1.2420140846E-1f;
  y = y * m + 1.4249322787E-1f;
  y = y * m - 1.6668057665E-1f;
  y = y * m + 2.0000714765E-1f;
  y = y * m - 2.4999993993E-1f;
  y = y * m + 3.3333331174E-1f;
  y = y * m * z;
  y += -2.12194440e-4f * fe;
  y += -0.5f * z;
  float r = m + y + 0.693359375f * fe;
  r = x == __builtin_inff() ? x : r;
  r = x == 0.f ? -__builtin_inff() : r;
  return (x < 0.f || x != x) ? __builtin_nanf("") : r;
}

GB_INLINE float v_expm1(float x) {
  float u = v_exp(x);
  float um1 = u - 1.0f;
  float lu = v_log(u);
  float r = um1 * (x / lu);  // Kahan's trick: exact enough near 0
  r = u == 1.0f ? x : r;
  r = um1 == -1.0f ? -1.0f : r;
  return u == __builtin_inff() ? u : r;
}

GB_INLINE float v_log1p(float x) {
  float u = 1.0f + x;
  float d = u - 1.0f;
  float r = v_log(u) * (x / d);
  r = d == 0.f ? x : r;
  return u == __builtin_inff() ? u : r;
}

GB_INLINE float v_sigmoid(float x) { return 1.0f / (1.0f + v_exp(-x)); }

GB_INLINE float v_tanh(float x) {
  float ax = x < 0.f ? -x : x;
  float z = x * x;
  float p = -5.70498872745E-3f;
  p = p * z + 2.06390887954E-2f;
  p = p * z - 5.37397155531E-2f;
  p = p * z + 1.33314422036E-1f;
  p = p * z - 3.33332819422E-1f;
  float small = p * z * x + x;
  float e = v_exp(ax + ax);
  float big = 1.0f - 2.0f / (e + 1.0f);
  big = x < 0.f ? -big : big;
  float r = ax < 0.625f ? small : big;
  return x != x ? x : r;
}

}  // namespace gb
