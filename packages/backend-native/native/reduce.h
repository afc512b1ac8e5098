// Reductions over the middle axis of [outer, r, inner], softmax over rows, and transposes.
#pragma once
#include <cstddef>

namespace gb {

enum ReduceOp : int { R_SUM = 0, R_MEAN = 1, R_MAX = 2, R_MIN = 3, R_PROD = 4 };

/** out[o, i] = reduce_{k < r} x[o, k, i]. Sums accumulate in double, as tfjs's cpu kernels do. */
void reduce(int op, const float* x, float* out, long outer, long r, long inner);

/** Softmax over each of `rows` rows of `cols` values. */
void softmax(const float* x, float* out, long rows, long cols);

/** out = transpose(x, perm), x of shape `shape` (rank <= 12). */
void transpose(const float* x, const int* shape, const int* perm, int rank, float* out);

}  // namespace gb
