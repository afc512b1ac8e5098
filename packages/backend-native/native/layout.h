// Data movement kernels (row-major, any element size): slice, constant pad, tile; and small logic
// kernels on float32 / uint8 (bool) data: comparisons, select, logical and, batch norm, clip.
#pragma once
#include <cstddef>
#include <cstdint>

namespace gb {

void slice(const uint8_t* x, const int* xShape, const int* begin, const int* outShape, int rank, size_t es, uint8_t* out);
void pad(const uint8_t* x, const int* xShape, const int* before, const int* outShape, int rank, size_t es, const uint8_t* value, uint8_t* out);
void tile(const uint8_t* x, const int* xShape, const int* outShape, int rank, size_t es, uint8_t* out);
/** Value conversions: int32 → float32, bool (uint8) → float32, bool → int32, and float32 → int32 as
 * JavaScript's ToInt32 (`Int32Array.from`): truncated, modulo 2^32, NaN and ±Infinity to 0. */
void cast_f32_i32(const float* x, int32_t* out, size_t n);
void cast_i32_f32(const int32_t* x, float* out, size_t n);
void cast_u8_f32(const uint8_t* x, float* out, size_t n);
void cast_u8_i32(const uint8_t* x, int32_t* out, size_t n);
/** out[i] = value. */
void fill_f32(float* out, size_t n, float value);
/** out[o, j, :] = x[o, indices[j], :] for x `[outer, axisSize, inner]`; every index in [0, axisSize). */
void gather(const uint8_t* x, size_t outer, size_t axisSize, size_t inner, const int32_t* indices, size_t n, size_t es, uint8_t* out);

enum CompareOp : int { C_EQ = 0, C_NE = 1, C_LT = 2, C_LE = 3, C_GT = 4, C_GE = 5, C_COUNT = 6 };
/** out[i] = a[i] op b[i]; `bScalar`: b has one element (a with one element: swap and flip before). */
void compare(int op, const float* a, const float* b, bool bScalar, uint8_t* out, size_t n);
/** out[i] = cond[i] ? a[i] : b[i] (4-byte elements). */
void select(const uint8_t* cond, const uint32_t* a, const uint32_t* b, uint32_t* out, size_t n);
void logical_and(const uint8_t* a, const uint8_t* b, uint8_t* out, size_t n);
/** y = (x − mean)·scale/√(var + ε) + offset; each parameter has `channels` entries (innermost dim) or 1. */
void batch_norm(const float* x, size_t n, long channels, const float* mean, long nm, const float* var, long nv,
                const float* offset, long no, const float* scale, long ns, double eps, float* y);
void clip(const float* x, float lo, float hi, float* y, size_t n);

}  // namespace gb
