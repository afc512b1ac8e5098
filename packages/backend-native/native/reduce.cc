#include "reduce.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "common.h"
#include "thread_pool.h"
#include "vmath.h"

namespace gb {
namespace {

constexpr long L = 16;  // independent accumulators (vectorisable)

// Reduces n contiguous values (double accumulation for sums).
template <int OP>
GB_INLINE double reduce_row(const float* x, long n) {
  if (OP == R_SUM || OP == R_MEAN) {
    double acc[L] = {0};
    long k = 0;
    for (; k + L <= n; k += L)
      for (long j = 0; j < L; ++j) acc[j] += x[k + j];
    double s = 0;
    for (long j = 0; j < L; ++j) s += acc[j];
    for (; k < n; ++k) s += x[k];
    return s;
  } else if (OP == R_PROD) {
    double p = 1;
    for (long k = 0; k < n; ++k) p *= x[k];
    return p;
  } else {
    float acc[L];
    for (long j = 0; j < L; ++j) acc[j] = OP == R_MAX ? -__builtin_inff() : __builtin_inff();
    long k = 0;
    for (; k + L <= n; k += L)
      for (long j = 0; j < L; ++j) {
        float v = x[k + j];
        bool take = OP == R_MAX ? v > acc[j] : v < acc[j];
        acc[j] = (take || v != v) ? v : acc[j];
      }
    float m = acc[0];
    for (long j = 1; j < L; ++j) m = (OP == R_MAX ? acc[j] > m : acc[j] < m) || acc[j] != acc[j] ? acc[j] : m;
    for (; k < n; ++k) {
      float v = x[k];
      m = ((OP == R_MAX ? v > m : v < m) || v != v) ? v : m;
    }
    return m;
  }
}

// out[i] = reduce over k of x[k * inner + i], for i in [i0, i1).
template <int OP>
GB_INLINE void reduce_cols(const float* x, float* out, long r, long inner, long i0, long i1, double scale) {
  constexpr long B = 256;
  double acc[B];
  float facc[B];
  for (long b0 = i0; b0 < i1; b0 += B) {
    long n = std::min(B, i1 - b0);
    if (OP == R_SUM || OP == R_MEAN || OP == R_PROD) {
      for (long j = 0; j < n; ++j) acc[j] = OP == R_PROD ? 1.0 : 0.0;
      for (long k = 0; k < r; ++k) {
        const float* row = x + k * inner + b0;
        if (OP == R_PROD)
          for (long j = 0; j < n; ++j) acc[j] *= row[j];
        else
          for (long j = 0; j < n; ++j) acc[j] += row[j];
      }
      for (long j = 0; j < n; ++j) out[b0 + j] = static_cast<float>(acc[j] * scale);
    } else {
      for (long j = 0; j < n; ++j) facc[j] = OP == R_MAX ? -__builtin_inff() : __builtin_inff();
      for (long k = 0; k < r; ++k) {
        const float* row = x + k * inner + b0;
        for (long j = 0; j < n; ++j) {
          float v = row[j];
          bool take = OP == R_MAX ? v > facc[j] : v < facc[j];
          facc[j] = (take || v != v) ? v : facc[j];
        }
      }
      std::memcpy(out + b0, facc, sizeof(float) * n);
    }
  }
}

template <int OP>
GB_INLINE void reduce_task(const float* x, float* out, long outer, long r, long inner, size_t t0, size_t t1,
                           long iblk) {
  double scale = OP == R_MEAN ? 1.0 / static_cast<double>(r) : 1.0;
  long nblk = (inner + iblk - 1) / iblk;
  for (size_t t = t0; t < t1; ++t) {
    long o = static_cast<long>(t) / nblk, b = static_cast<long>(t) % nblk;
    const float* xo = x + o * r * inner;
    if (inner == 1) {
      out[o] = static_cast<float>(reduce_row<OP>(xo, r) * scale);
    } else {
      long i0 = b * iblk;
      reduce_cols<OP>(xo, out + o * inner, r, inner, i0, std::min(inner, i0 + iblk), scale);
    }
  }
  (void)outer;
}

#define GB_REDUCE_ISA(ATTR, SUF)                                                                          \
  ATTR void reduce_##SUF(int op, const float* x, float* out, long outer, long r, long inner, size_t t0,  \
                         size_t t1, long iblk) {                                                          \
    switch (op) {                                                                                         \
      case R_SUM: reduce_task<R_SUM>(x, out, outer, r, inner, t0, t1, iblk); break;                       \
      case R_MEAN: reduce_task<R_MEAN>(x, out, outer, r, inner, t0, t1, iblk); break;                     \
      case R_MAX: reduce_task<R_MAX>(x, out, outer, r, inner, t0, t1, iblk); break;                       \
      case R_MIN: reduce_task<R_MIN>(x, out, outer, r, inner, t0, t1, iblk); break;                       \
      default: reduce_task<R_PROD>(x, out, outer, r, inner, t0, t1, iblk); break;                         \
    }                                                                                                     \
  }                                                                                                       \
  ATTR void softmax_##SUF(const float* x, float* out, long cols, size_t r0, size_t r1) {                  \
    for (size_t i = r0; i < r1; ++i) {                                                                    \
      const float* xi = x + i * cols;                                                                     \
      float* yi = out + i * cols;                                                                         \
      float m = static_cast<float>(reduce_row<R_MAX>(xi, cols));                                          \
      for (long j = 0; j < cols; ++j) yi[j] = v_exp(xi[j] - m);                                           \
      float s = static_cast<float>(reduce_row<R_SUM>(yi, cols));                                          \
      for (long j = 0; j < cols; ++j) yi[j] = yi[j] / s;                                                  \
    }                                                                                                     \
  }

GB_FOR_EACH_ISA(GB_REDUCE_ISA)

}  // namespace

void reduce(int op, const float* x, float* out, long outer, long r, long inner) {
  if (outer * inner == 0) return;
  if (r == 0) {
    float v = (op == R_SUM) ? 0.f : op == R_PROD ? 1.f : op == R_MAX ? -__builtin_inff() : op == R_MIN ? __builtin_inff() : __builtin_nanf("");
    for (long i = 0; i < outer * inner; ++i) out[i] = v;
    return;
  }
  const int T = num_threads();
  if (outer * inner < T && r * outer * inner > (1L << 16) && op != R_PROD) {
    // Few outputs, long reductions: split r, reduce the partial results.
    long parts = std::min<long>(r, 4L * T);
    long rb = (r + parts - 1) / parts;
    parts = (r + rb - 1) / rb;
    std::vector<float> partial(static_cast<size_t>(parts) * outer * inner);
    int pop = op == R_MEAN ? R_SUM : op;
    parallel_for(parts * outer, 1, [&](size_t t0, size_t t1) {
      for (size_t t = t0; t < t1; ++t) {
        long p = t / outer, o = t % outer;
        long k0 = p * rb, k1 = std::min(r, k0 + rb);
        const float* xs = x + (o * r + k0) * inner;
        float* ps = partial.data() + (p * outer + o) * inner;
        GB_DISPATCH(reduce, pop, xs, ps, 1, k1 - k0, inner, 0, 1, inner);
      }
    });
    // Combine: partial is [parts, outer*inner]; reduce over parts (sums in double).
    GB_DISPATCH(reduce, pop, partial.data(), out, 1, parts, outer * inner, 0, 1, outer * inner);
    if (op == R_MEAN)
      for (long i = 0; i < outer * inner; ++i) out[i] = static_cast<float>(out[i] / static_cast<double>(r));
    return;
  }
  long iblk = inner <= 1024 ? inner : 1024;
  long nblk = (inner + iblk - 1) / iblk;
  size_t tasks = static_cast<size_t>(outer * nblk);
  size_t per = static_cast<size_t>(r * std::min(inner, iblk));
  size_t grain = std::max<size_t>(1, (1 << 15) / std::max<size_t>(1, per));
  parallel_for(tasks, grain, [&](size_t t0, size_t t1) { GB_DISPATCH(reduce, op, x, out, outer, r, inner, t0, t1, iblk); });
}

void softmax(const float* x, float* out, long rows, long cols) {
  if (rows * cols == 0) return;
  size_t grain = std::max<long>(1, (1 << 13) / std::max<long>(1, cols));
  parallel_for(rows, grain, [&](size_t r0, size_t r1) { GB_DISPATCH(softmax, x, out, cols, r0, r1); });
}

}  // namespace gb
