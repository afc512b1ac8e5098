#include "elementwise.h"

#include <algorithm>
#include <cmath>

#include "common.h"
#include "thread_pool.h"
#include "vmath.h"

namespace gb {
namespace {

// ---- unary ops (semantics follow tfjs's cpu kernels, NaN included) ----
#define GB_U(NAME, EXPR) \
  struct NAME {          \
    static GB_INLINE float f(float x, float alpha) { (void)alpha; return EXPR; } \
  };
GB_U(URelu, x < 0.f ? 0.f : x)
GB_U(URelu6, x < 0.f ? 0.f : (x > 6.f ? 6.f : x))
GB_U(ULeaky, x < 0.f ? alpha * x : x)
GB_U(UElu, x >= 0.f ? x : v_expm1(x))
GB_U(USigmoid, v_sigmoid(x))
GB_U(UTanh, v_tanh(x))
GB_U(UExp, v_exp(x))
GB_U(ULog, v_log(x))
GB_U(UNeg, -x)
GB_U(UAbs, x < 0.f ? -x : x)
GB_U(USqrt, __builtin_sqrtf(x))
GB_U(URsqrt, 1.0f / __builtin_sqrtf(x))
GB_U(USquare, x * x)
GB_U(URecip, 1.0f / x)
GB_U(UStep, x != x ? x : (x > 0.f ? 1.0f : alpha))
// tfjs: threshold = log(FLT_EPSILON) + 2 = -13.9424...; exp(x) below it, x above -it.
GB_U(USoftplus, x < -13.942385152878742f ? v_exp(x) : (x > 13.942385152878742f ? x : v_log1p(v_exp(x))))
GB_U(UExpm1, v_expm1(x))
GB_U(ULog1p, v_log1p(x))
#undef GB_U

#define GB_UNARY_LIST(X)                                                                               \
  X(U_RELU, URelu) X(U_RELU6, URelu6) X(U_LEAKYRELU, ULeaky) X(U_ELU, UElu) X(U_SIGMOID, USigmoid)     \
  X(U_TANH, UTanh) X(U_EXP, UExp) X(U_LOG, ULog) X(U_NEG, UNeg) X(U_ABS, UAbs) X(U_SQRT, USqrt)        \
  X(U_RSQRT, URsqrt) X(U_SQUARE, USquare) X(U_RECIPROCAL, URecip) X(U_STEP, UStep)                     \
  X(U_SOFTPLUS, USoftplus) X(U_EXPM1, UExpm1) X(U_LOG1P, ULog1p)

// ---- binary ops ----
#define GB_B(NAME, EXPR) \
  struct NAME {          \
    static GB_INLINE float f(float a, float b) { return EXPR; } \
  };
GB_B(BAdd, a + b)
GB_B(BSub, a - b)
GB_B(BMul, a * b)
GB_B(BDiv, a / b)
GB_B(BMax, a != a ? a : (b != b ? b : (a > b ? a : b)))
GB_B(BMin, a != a ? a : (b != b ? b : (a < b ? a : b)))
GB_B(BSqDiff, (a - b) * (a - b))
GB_B(BEluGrad, b >= 0.f ? a : a * (b + 1.0f))  // a = dy, b = y
GB_B(BReluGrad, b > 0.f ? a : 0.f)                 // a = dy, b = y = relu(x)
GB_B(BRelu6Grad, (b > 0.f && b < 6.f) ? a : 0.f)  // a = dy, b = y = relu6(x)
GB_B(BPow, static_cast<float>(std::pow(static_cast<double>(a), static_cast<double>(b))))  // as Math.pow, rounded once
#undef GB_B

#define GB_BINARY_LIST(X)                                                                           \
  X(B_ADD, BAdd) X(B_SUB, BSub) X(B_MUL, BMul) X(B_DIV, BDiv) X(B_MAX, BMax) X(B_MIN, BMin)         \
  X(B_SQDIFF, BSqDiff) X(B_ELUGRAD, BEluGrad) X(B_RELUGRAD, BReluGrad) X(B_RELU6GRAD, BRelu6Grad) X(B_POW, BPow)

constexpr int MAXR = 12;

struct BCtx {
  int r;  // collapsed rank (>= 1); the last dim is the inner loop
  long dims[MAXR], sa[MAXR], sb[MAXR];
  long inner, ia, ib;  // inner length and strides (0 or 1)
  long nblk, blk;      // inner dim split into nblk blocks of blk
  const float* a;
  const float* b;
  float* o;
};

template <class Op>
GB_INLINE void unary_loop(const float* x, float* y, size_t n, float alpha) {
  for (size_t i = 0; i < n; ++i) y[i] = Op::f(x[i], alpha);
}

template <class Op>
GB_INLINE void bin_inner(const float* a, long ia, const float* b, long ib, float* o, long n) {
  if (ia && ib) {
    for (long j = 0; j < n; ++j) o[j] = Op::f(a[j], b[j]);
  } else if (ia) {
    const float bv = *b;
    for (long j = 0; j < n; ++j) o[j] = Op::f(a[j], bv);
  } else if (ib) {
    const float av = *a;
    for (long j = 0; j < n; ++j) o[j] = Op::f(av, b[j]);
  } else {
    const float v = Op::f(*a, *b);
    for (long j = 0; j < n; ++j) o[j] = v;
  }
}

template <class Op>
GB_INLINE void bin_range(const BCtx& c, size_t i0, size_t i1) {
  long row = static_cast<long>(i0 / c.nblk), blk = static_cast<long>(i0 % c.nblk);
  long idx[MAXR] = {0}, aoff = 0, boff = 0, rem = row;
  for (int d = c.r - 2; d >= 0; --d) {
    idx[d] = rem % c.dims[d];
    rem /= c.dims[d];
    aoff += idx[d] * c.sa[d];
    boff += idx[d] * c.sb[d];
  }
  for (size_t it = i0; it < i1; ++it) {
    long j0 = blk * c.blk, j1 = std::min(c.inner, j0 + c.blk);
    bin_inner<Op>(c.a + aoff + j0 * c.ia, c.ia, c.b + boff + j0 * c.ib, c.ib, c.o + row * c.inner + j0, j1 - j0);
    if (++blk == c.nblk) {
      blk = 0;
      ++row;
      for (int d = c.r - 2; d >= 0; --d) {
        ++idx[d];
        aoff += c.sa[d];
        boff += c.sb[d];
        if (idx[d] < c.dims[d]) break;
        aoff -= c.sa[d] * c.dims[d];
        boff -= c.sb[d] * c.dims[d];
        idx[d] = 0;
      }
    }
  }
}

template <class Op>
GB_INLINE void bias_act_loop(float* c, long rows, long n, long ldc, const float* bias, bool biasScalar, float alpha) {
  for (long i = 0; i < rows; ++i) {
    float* row = c + i * ldc;
    if (bias) {
      if (biasScalar) {
        const float bv = *bias;
        for (long j = 0; j < n; ++j) row[j] += bv;
      } else {
        for (long j = 0; j < n; ++j) row[j] += bias[j];
      }
    }
    for (long j = 0; j < n; ++j) row[j] = Op::f(row[j], alpha);
  }
}

struct UNone {
  static GB_INLINE float f(float x, float) { return x; }
};

// One copy of every loop per ISA: the always-inline templates take the target of the caller.
#define GB_DEFINE_ISA(ATTR, SUF)                                                                        \
  ATTR void unary_##SUF(int op, const float* x, float* y, size_t n, float alpha) {                      \
    switch (op) {                                                                                       \
      GB_UNARY_LIST(GB_UCASE)                                                                           \
      default: unary_loop<UNone>(x, y, n, alpha);                                                       \
    }                                                                                                   \
  }                                                                                                     \
  ATTR void binary_##SUF(int op, const BCtx& c, size_t i0, size_t i1) {                                 \
    switch (op) { GB_BINARY_LIST(GB_BCASE) }                                                            \
  }                                                                                                     \
  ATTR void bias_act_##SUF(float* c, long rows, long n, long ldc, const float* bias, bool bs, int op,  \
                           float alpha) {                                                               \
    switch (op) {                                                                                       \
      GB_UNARY_LIST(GB_ACASE)                                                                           \
      default: bias_act_loop<UNone>(c, rows, n, ldc, bias, bs, alpha);                                  \
    }                                                                                                   \
  }                                                                                                     \
  ATTR void add_n_##SUF(const float* const* xs, int count, float* out, size_t b, size_t e) {            \
    const float* x0 = xs[0];                                                                            \
    const float* x1 = count > 1 ? xs[1] : nullptr;                                                      \
    if (x1) for (size_t i = b; i < e; ++i) out[i] = x0[i] + x1[i];                                      \
    else for (size_t i = b; i < e; ++i) out[i] = x0[i];                                                 \
    for (int k = 2; k < count; ++k) {                                                                   \
      const float* xk = xs[k];                                                                          \
      for (size_t i = b; i < e; ++i) out[i] += xk[i];                                                   \
    }                                                                                                   \
  }

#define GB_UCASE(ID, OP) case ID: unary_loop<OP>(x, y, n, alpha); break;
#define GB_BCASE(ID, OP) case ID: bin_range<OP>(c, i0, i1); break;
#define GB_ACASE(ID, OP) case ID: bias_act_loop<OP>(c, rows, n, ldc, bias, bs, alpha); break;

GB_FOR_EACH_ISA(GB_DEFINE_ISA)

constexpr size_t kGrain = 1 << 14;

}  // namespace

void unary_serial(int op, const float* x, float* y, size_t n, float alpha) { GB_DISPATCH(unary, op, x, y, n, alpha); }

void unary(int op, const float* x, float* y, size_t n, float alpha) {
  parallel_for(n, kGrain, [&](size_t b, size_t e) { unary_serial(op, x + b, y + b, e - b, alpha); });
}

void bias_act_rows(float* c, long rows, long n, long ldc, const float* bias, bool biasScalar, int act, float alpha) {
  GB_DISPATCH(bias_act, c, rows, n, ldc, bias, biasScalar, act, alpha);
}

void add_n(const float* const* xs, int count, float* out, size_t n) {
  if (count <= 0) return;
  parallel_for(n, kGrain, [&](size_t b, size_t e) { GB_DISPATCH(add_n, xs, count, out, b, e); });
}

void binary(int op, const float* a, const int* aShape, const float* b, const int* bShape, float* out,
            const int* outShape, int rank) {
  BCtx c;
  c.a = a;
  c.b = b;
  c.o = out;
  c.r = 0;
  int fa[MAXR], fb[MAXR];
  long total = 1;
  for (int d = 0; d < rank; ++d) {
    long n = outShape[d];
    total *= n;
    if (n == 1) continue;
    int va = aShape[d] != 1, vb = bShape[d] != 1;
    if (c.r > 0 && fa[c.r - 1] == va && fb[c.r - 1] == vb) {
      c.dims[c.r - 1] *= n;
    } else {
      c.dims[c.r] = n;
      fa[c.r] = va;
      fb[c.r] = vb;
      ++c.r;
    }
  }
  if (total == 0) return;
  if (c.r == 0) {
    c.dims[0] = 1;
    fa[0] = fb[0] = 1;
    c.r = 1;
  }
  long accA = 1, accB = 1;
  for (int d = c.r - 1; d >= 0; --d) {
    c.sa[d] = fa[d] ? accA : 0;
    c.sb[d] = fb[d] ? accB : 0;
    if (fa[d]) accA *= c.dims[d];
    if (fb[d]) accB *= c.dims[d];
  }
  c.inner = c.dims[c.r - 1];
  c.ia = fa[c.r - 1];
  c.ib = fb[c.r - 1];
  long rows = total / c.inner;
  // Split long rows into blocks so that few rows still spread over the threads.
  c.blk = c.inner;
  if (rows < 4L * num_threads() && c.inner > (long)kGrain) c.blk = kGrain;
  c.nblk = (c.inner + c.blk - 1) / c.blk;
  size_t items = static_cast<size_t>(rows * c.nblk);
  size_t grain = std::max<size_t>(1, kGrain / static_cast<size_t>(std::min(c.blk, c.inner)));
  parallel_for(items, grain, [&](size_t i0, size_t i1) { GB_DISPATCH(binary, op, c, i0, i1); });
}

}  // namespace gb
