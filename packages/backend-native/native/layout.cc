#include "layout.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include "thread_pool.h"

namespace gb {
namespace {

constexpr size_t kGrain = 1 << 14;

// Runs fn(row, idx) over every index of dims [0, rank-1) (the rows of the innermost dimension), in parallel.
template <class F>
void for_rows(const int* shape, int rank, size_t rowLen, F&& fn) {
  size_t rows = 1;
  for (int d = 0; d < rank - 1; ++d) rows *= static_cast<size_t>(shape[d]);
  size_t grain = std::max<size_t>(1, kGrain / std::max<size_t>(1, rowLen));
  parallel_for(rows, grain, [&](size_t r0, size_t r1) {
    std::vector<long> idx(std::max(rank - 1, 1), 0);
    size_t rem = r0;
    for (int d = rank - 2; d >= 0; --d) {
      idx[d] = static_cast<long>(rem % shape[d]);
      rem /= shape[d];
    }
    for (size_t r = r0; r < r1; ++r) {
      fn(r, idx.data());
      for (int d = rank - 2; d >= 0; --d) {
        if (++idx[d] < shape[d]) break;
        idx[d] = 0;
      }
    }
  });
}

std::vector<size_t> strides_of(const int* shape, int rank) {
  std::vector<size_t> s(std::max(rank, 1), 1);
  for (int d = rank - 2; d >= 0; --d) s[d] = s[d + 1] * static_cast<size_t>(shape[d + 1]);
  return s;
}

}  // namespace

void slice(const uint8_t* x, const int* xShape, const int* begin, const int* outShape, int rank, size_t es, uint8_t* out) {
  if (rank == 0) {
    std::memcpy(out, x, es);
    return;
  }
  auto xs = strides_of(xShape, rank);
  const size_t run = static_cast<size_t>(outShape[rank - 1]);
  for_rows(outShape, rank, run, [&](size_t r, const long* idx) {
    size_t off = static_cast<size_t>(begin[rank - 1]);
    for (int d = 0; d < rank - 1; ++d) off += (idx[d] + begin[d]) * xs[d];
    std::memcpy(out + r * run * es, x + off * es, run * es);
  });
}

void pad(const uint8_t* x, const int* xShape, const int* before, const int* outShape, int rank, size_t es, const uint8_t* value, uint8_t* out) {
  size_t n = 1;
  for (int d = 0; d < rank; ++d) n *= static_cast<size_t>(outShape[d]);
  bool zero = true;
  for (size_t b = 0; b < es; ++b) zero = zero && value[b] == 0;
  if (zero) std::memset(out, 0, n * es);
  else for (size_t i = 0; i < n; ++i) std::memcpy(out + i * es, value, es);
  if (rank == 0) {
    std::memcpy(out, x, es);
    return;
  }
  auto os = strides_of(outShape, rank);
  const size_t run = static_cast<size_t>(xShape[rank - 1]);
  for_rows(xShape, rank, run, [&](size_t r, const long* idx) {
    size_t off = static_cast<size_t>(before[rank - 1]);
    for (int d = 0; d < rank - 1; ++d) off += (idx[d] + before[d]) * os[d];
    std::memcpy(out + off * es, x + r * run * es, run * es);
  });
}

template <class A, class B>
static void convert(const A* x, B* out, size_t n) {
  parallel_for(n, kGrain, [&](size_t i0, size_t i1) {
    for (size_t i = i0; i < i1; ++i) out[i] = static_cast<B>(x[i]);
  });
}
void cast_i32_f32(const int32_t* x, float* out, size_t n) { convert(x, out, n); }
void cast_u8_f32(const uint8_t* x, float* out, size_t n) { convert(x, out, n); }
void cast_u8_i32(const uint8_t* x, int32_t* out, size_t n) { convert(x, out, n); }
void cast_f32_i32(const float* x, int32_t* out, size_t n) {
  parallel_for(n, kGrain, [&](size_t i0, size_t i1) {
    for (size_t i = i0; i < i1; ++i) {
      const double d = x[i];
      if (d > -2147483649.0 && d < 2147483648.0) {
        out[i] = static_cast<int32_t>(d);  // truncates toward zero, in range
      } else if (!std::isfinite(d)) {
        out[i] = 0;
      } else {
        double m = std::fmod(std::trunc(d), 4294967296.0);  // exact for float32 values
        if (m < 0) m += 4294967296.0;
        out[i] = static_cast<int32_t>(static_cast<uint32_t>(m));
      }
    }
  });
}

void fill_f32(float* out, size_t n, float value) {
  parallel_for(n, kGrain * 4, [&](size_t i0, size_t i1) { std::fill(out + i0, out + i1, value); });
}

void gather(const uint8_t* x, size_t outer, size_t axisSize, size_t inner, const int32_t* indices, size_t n, size_t es, uint8_t* out) {
  const size_t row = inner * es;
  parallel_for(outer * n, std::max<size_t>(1, kGrain / std::max<size_t>(1, inner)), [&](size_t r0, size_t r1) {
    for (size_t r = r0; r < r1; ++r) {
      const size_t o = r / n, j = r % n;
      std::memcpy(out + r * row, x + (o * axisSize + static_cast<size_t>(indices[j])) * row, row);
    }
  });
}

void tile(const uint8_t* x, const int* xShape, const int* outShape, int rank, size_t es, uint8_t* out) {
  if (rank == 0) {
    std::memcpy(out, x, es);
    return;
  }
  auto xs = strides_of(xShape, rank);
  const size_t run = static_cast<size_t>(outShape[rank - 1]), inRun = static_cast<size_t>(xShape[rank - 1]);
  for_rows(outShape, rank, run, [&](size_t r, const long* idx) {
    size_t off = 0;
    for (int d = 0; d < rank - 1; ++d) off += (idx[d] % xShape[d]) * xs[d];
    uint8_t* dst = out + r * run * es;
    for (size_t j = 0; j < run; j += inRun) std::memcpy(dst + j * es, x + off * es, std::min(inRun, run - j) * es);
  });
}

template <class Op>
static void compare_loop(const float* a, const float* b, bool bScalar, uint8_t* out, size_t n, Op op) {
  parallel_for(n, kGrain, [&](size_t i0, size_t i1) {
    if (bScalar) {
      const float bv = *b;
      for (size_t i = i0; i < i1; ++i) out[i] = op(a[i], bv) ? 1 : 0;
    } else {
      for (size_t i = i0; i < i1; ++i) out[i] = op(a[i], b[i]) ? 1 : 0;
    }
  });
}

void compare(int op, const float* a, const float* b, bool bScalar, uint8_t* out, size_t n) {
  switch (op) {
    case C_EQ: compare_loop(a, b, bScalar, out, n, [](float p, float q) { return p == q; }); break;
    case C_NE: compare_loop(a, b, bScalar, out, n, [](float p, float q) { return p != q; }); break;
    case C_LT: compare_loop(a, b, bScalar, out, n, [](float p, float q) { return p < q; }); break;
    case C_LE: compare_loop(a, b, bScalar, out, n, [](float p, float q) { return p <= q; }); break;
    case C_GT: compare_loop(a, b, bScalar, out, n, [](float p, float q) { return p > q; }); break;
    default: compare_loop(a, b, bScalar, out, n, [](float p, float q) { return p >= q; }); break;
  }
}

void select(const uint8_t* cond, const uint32_t* a, const uint32_t* b, uint32_t* out, size_t n) {
  parallel_for(n, kGrain, [&](size_t i0, size_t i1) {
    for (size_t i = i0; i < i1; ++i) out[i] = cond[i] ? a[i] : b[i];
  });
}

void logical_and(const uint8_t* a, const uint8_t* b, uint8_t* out, size_t n) {
  parallel_for(n, kGrain, [&](size_t i0, size_t i1) {
    for (size_t i = i0; i < i1; ++i) out[i] = (a[i] && b[i]) ? 1 : 0;
  });
}

void batch_norm(const float* x, size_t n, long channels, const float* mean, long nm, const float* var, long nv,
                const float* offset, long no, const float* scale, long ns, double eps, float* y) {
  // As tfjs's cpu kernel, in double: y = offset + (x − mean)·scale/√(var + ε), rounded once.
  std::vector<double> k(channels), m(channels), o(channels);
  for (long j = 0; j < channels; ++j) {
    double s = scale ? scale[ns == 1 ? 0 : j] : 1.0;
    k[j] = s / std::sqrt(static_cast<double>(var[nv == 1 ? 0 : j]) + eps);
    m[j] = mean[nm == 1 ? 0 : j];
    o[j] = offset ? offset[no == 1 ? 0 : j] : 0.0;
  }
  const size_t rows = n / static_cast<size_t>(channels);
  parallel_for(rows, std::max<size_t>(1, kGrain / channels), [&](size_t r0, size_t r1) {
    for (size_t r = r0; r < r1; ++r) {
      const float* xr = x + r * channels;
      float* yr = y + r * channels;
      for (long j = 0; j < channels; ++j) yr[j] = static_cast<float>(o[j] + (xr[j] - m[j]) * k[j]);
    }
  });
}

void clip(const float* x, float lo, float hi, float* y, size_t n) {
  parallel_for(n, kGrain, [&](size_t i0, size_t i1) {
    for (size_t i = i0; i < i1; ++i) {
      float v = x[i];
      y[i] = v != v ? v : (v > hi ? hi : (v < lo ? lo : v));
    }
  });
}

}  // namespace gb
