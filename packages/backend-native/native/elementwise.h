// Elementwise kernels: unary maps and activations, broadcasting binary ops, AddN, bias + activation.
#pragma once
#include <cstddef>

namespace gb {

enum UnaryOp : int {
  U_NONE = 0, U_RELU = 1, U_RELU6 = 2, U_LEAKYRELU = 3, U_ELU = 4, U_SIGMOID = 5, U_TANH = 6, U_EXP = 7,
  U_LOG = 8, U_NEG = 9, U_ABS = 10, U_SQRT = 11, U_RSQRT = 12, U_SQUARE = 13, U_RECIPROCAL = 14,
  U_STEP = 15, U_SOFTPLUS = 16, U_EXPM1 = 17, U_LOG1P = 18,
  U_COUNT = 19
};

enum BinaryOp : int {
  B_ADD = 0, B_SUB = 1, B_MUL = 2, B_DIV = 3, B_MAX = 4, B_MIN = 5, B_SQDIFF = 6, B_ELUGRAD = 7,
  B_RELUGRAD = 8, B_RELU6GRAD = 9, B_POW = 10,
  B_COUNT = 11
};

/** y = op(x) over n elements (in place allowed), multi-threaded. `alpha` for LeakyRelu and Step. */
void unary(int op, const float* x, float* y, size_t n, float alpha);
/** Single-threaded unary. */
void unary_serial(int op, const float* x, float* y, size_t n, float alpha);

/**
 * out = a op b with numpy broadcasting. Shapes are given at the output's rank (leading 1s added).
 */
void binary(int op, const float* a, const int* aShape, const float* b, const int* bShape, float* out,
            const int* outShape, int rank);

/** out = sum of `count` arrays of n elements. */
void add_n(const float* const* xs, int count, float* out, size_t n);

/** Rows of C (ldc apart, n wide): add bias (per column, or a scalar), then apply activation `act`. */
void bias_act_rows(float* c, long rows, long n, long ldc, const float* bias, bool biasScalar, int act, float alpha);

}  // namespace gb
