// N-API entry points. Every kernel works in place on the typed arrays' memory (no copies) and
// checks their lengths first, so a wrong call from JavaScript throws instead of corrupting memory.
#include <napi.h>

#include <cerrno>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <vector>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#endif

#include "common.h"
#include "conv.h"
#include "depthwise.h"
#include "layout.h"
#include "elementwise.h"
#include "gemm.h"
#include "reduce.h"
#include "thread_pool.h"

namespace {

using Napi::CallbackInfo;
using Napi::Value;

bool g_malloc_tuned = false;  // see tune_malloc()
uintptr_t g_advised_top = 0;  // heap end already marked for huge pages (0: not marking)
bool g_huge_pages = false;      // the 1 GiB pad was marked for huge pages
std::mutex g_advise_mutex;

[[noreturn]] void fail(Napi::Env env, const std::string& msg) { throw Napi::TypeError::New(env, "glassbox_native: " + msg); }

float* f32(const CallbackInfo& info, size_t i, size_t need, const char* what) {
  Value v = info[i];
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_float32_array)
    fail(info.Env(), std::string(what) + " must be a Float32Array");
  auto arr = v.As<Napi::Float32Array>();
  if (arr.ElementLength() < need)
    fail(info.Env(), std::string(what) + " has " + std::to_string(arr.ElementLength()) + " elements, needs " +
                         std::to_string(need));
  return arr.Data();
}

const float* opt_f32(const CallbackInfo& info, size_t i, size_t need, const char* what) {
  if (info[i].IsNull() || info[i].IsUndefined()) return nullptr;
  return f32(info, i, need, what);
}

long num(const CallbackInfo& info, size_t i, const char* what) {
  if (!info[i].IsNumber()) fail(info.Env(), std::string(what) + " must be a number");
  double d = info[i].As<Napi::Number>().DoubleValue();
  if (!(d >= 0 && d < 9.0e15) || std::floor(d) != d) fail(info.Env(), std::string(what) + " must be a non-negative integer");
  return static_cast<long>(d);
}

float fnum(const CallbackInfo& info, size_t i) { return info[i].IsNumber() ? info[i].As<Napi::Number>().FloatValue() : 0.f; }

std::vector<int> ints(const CallbackInfo& info, size_t i, const char* what) {
  Value v = info[i];
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_int32_array)
    fail(info.Env(), std::string(what) + " must be an Int32Array");
  auto arr = v.As<Napi::Int32Array>();
  std::vector<int> out(arr.Data(), arr.Data() + arr.ElementLength());
  for (int x : out)
    if (x < 0) fail(info.Env(), std::string(what) + " has a negative entry");
  return out;
}

std::vector<int> shape_arg(const CallbackInfo& info, size_t i, const char* what) {
  auto out = ints(info, i, what);
  if (out.size() > 12) fail(info.Env(), std::string(what) + " has rank above 12");
  return out;
}

size_t prod(const std::vector<int>& s) {
  size_t n = 1;
  for (int x : s) n *= static_cast<size_t>(x);
  return n;
}

Value Info(const CallbackInfo& info) {
  auto o = Napi::Object::New(info.Env());
  o.Set("isa", gb::isa_name(gb::active_isa()));
  o.Set("detectedIsa", gb::isa_name(gb::detect_isa()));
  o.Set("threads", gb::num_threads());
  o.Set("mallocTuned", g_malloc_tuned);
  o.Set("hugePageHeap", g_huge_pages);
  return o;
}

Value SetThreads(const CallbackInfo& info) {
  gb::set_threads(static_cast<int>(num(info, 0, "threads")));
  return Napi::Number::New(info.Env(), gb::num_threads());
}

Value SetIsa(const CallbackInfo& info) {
  std::string s = info[0].ToString();
  gb::Isa want = s == "portable" ? gb::Isa::Portable : s == "avx2" ? gb::Isa::Avx2 : gb::Isa::Avx512;
  return Napi::String::New(info.Env(), gb::isa_name(gb::set_isa(want)));
}

// gemm(a, b, c, batch, batchA, batchB, M, N, K, transA, transB, bias, biasScalar, act, alpha)
Value Gemm(const CallbackInfo& info) {
  long batch = num(info, 3, "batch"), bA = num(info, 4, "batchA"), bB = num(info, 5, "batchB");
  long M = num(info, 6, "M"), N = num(info, 7, "N"), K = num(info, 8, "K");
  bool tA = info[9].ToBoolean(), tB = info[10].ToBoolean();
  if (batch > 0 && (bA == 0 || bB == 0)) fail(info.Env(), "batchA and batchB must be positive");
  const float* a = f32(info, 0, bA * M * K, "a");
  const float* b = f32(info, 1, bB * K * N, "b");
  float* c = f32(info, 2, batch * M * N, "c");
  bool biasScalar = info[12].ToBoolean();
  const float* bias = opt_f32(info, 11, biasScalar ? 1 : N, "bias");
  gb::Epilogue ep;
  ep.bias = bias;
  ep.biasScalar = biasScalar;
  ep.act = static_cast<int>(num(info, 13, "activation"));
  ep.alpha = fnum(info, 14);
  gb::Gemm g{M, N, K, a, tA ? 1 : K, tA ? M : 1, b, tB ? 1 : N, tB ? K : 1, c, N, false};
  gb::gemm_batched(g, batch, bA, M * K, bB, K * N, M * N, &ep);
  return info.Env().Undefined();
}

// binary(op, a, aShape, b, bShape, out, outShape)
Value Binary(const CallbackInfo& info) {
  int op = static_cast<int>(num(info, 0, "op"));
  if (op >= gb::B_COUNT) fail(info.Env(), "unknown binary op");
  auto as = shape_arg(info, 2, "aShape"), bs = shape_arg(info, 4, "bShape"), os = shape_arg(info, 6, "outShape");
  if (as.size() != os.size() || bs.size() != os.size()) fail(info.Env(), "shapes must have the output's rank");
  for (size_t d = 0; d < os.size(); ++d)
    if ((as[d] != os[d] && as[d] != 1) || (bs[d] != os[d] && bs[d] != 1)) fail(info.Env(), "shapes do not broadcast");
  const float* a = f32(info, 1, prod(as), "a");
  const float* b = f32(info, 3, prod(bs), "b");
  float* out = f32(info, 5, prod(os), "out");
  gb::binary(op, a, as.data(), b, bs.data(), out, os.data(), static_cast<int>(os.size()));
  return info.Env().Undefined();
}

// unary(op, x, out, alpha)
Value Unary(const CallbackInfo& info) {
  int op = static_cast<int>(num(info, 0, "op"));
  if (op >= gb::U_COUNT) fail(info.Env(), "unknown unary op");
  auto x = info[1].As<Napi::Float32Array>();
  const float* xp = f32(info, 1, 0, "x");
  float* out = f32(info, 2, x.ElementLength(), "out");
  gb::unary(op, xp, out, x.ElementLength(), fnum(info, 3));
  return info.Env().Undefined();
}

// addN(xs[], out)
Value AddN(const CallbackInfo& info) {
  if (!info[0].IsArray()) fail(info.Env(), "xs must be an array");
  auto arr = info[0].As<Napi::Array>();
  const float* o0 = f32(info, 1, 0, "out");
  size_t n = info[1].As<Napi::Float32Array>().ElementLength();
  std::vector<const float*> xs;
  for (uint32_t i = 0; i < arr.Length(); ++i) {
    Value v = arr.Get(i);
    if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_float32_array ||
        v.As<Napi::Float32Array>().ElementLength() < n)
      fail(info.Env(), "xs must be Float32Arrays as long as out");
    xs.push_back(v.As<Napi::Float32Array>().Data());
  }
  gb::add_n(xs.data(), static_cast<int>(xs.size()), const_cast<float*>(o0), n);
  return info.Env().Undefined();
}

// reduce(op, x, out, outer, r, inner)
Value Reduce(const CallbackInfo& info) {
  int op = static_cast<int>(num(info, 0, "op"));
  long outer = num(info, 3, "outer"), r = num(info, 4, "r"), inner = num(info, 5, "inner");
  const float* x = f32(info, 1, outer * r * inner, "x");
  float* out = f32(info, 2, outer * inner, "out");
  gb::reduce(op, x, out, outer, r, inner);
  return info.Env().Undefined();
}

// softmax(x, out, rows, cols)
Value Softmax(const CallbackInfo& info) {
  long rows = num(info, 2, "rows"), cols = num(info, 3, "cols");
  gb::softmax(f32(info, 0, rows * cols, "x"), f32(info, 1, rows * cols, "out"), rows, cols);
  return info.Env().Undefined();
}

// transpose(x, shape, perm, out)
Value Transpose(const CallbackInfo& info) {
  auto shape = shape_arg(info, 1, "shape"), perm = shape_arg(info, 2, "perm");
  if (perm.size() != shape.size()) fail(info.Env(), "perm must have the shape's rank");
  std::vector<bool> seen(shape.size(), false);
  for (int p : perm) {
    if (p >= static_cast<int>(shape.size()) || seen[p]) fail(info.Env(), "perm is not a permutation");
    seen[p] = true;
  }
  size_t n = prod(shape);
  gb::transpose(f32(info, 0, n, "x"), shape.data(), perm.data(), static_cast<int>(shape.size()), f32(info, 3, n, "out"));
  return info.Env().Undefined();
}

gb::ConvParams conv_params(const CallbackInfo& info, size_t i) {
  auto v = ints(info, i, "params");
  if (v.size() != 15) fail(info.Env(), "params must have 15 entries");
  gb::ConvParams p{v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13], v[14]};
  if (p.sH < 1 || p.sW < 1 || p.dH < 1 || p.dW < 1) fail(info.Env(), "strides and dilations must be >= 1");
  return p;
}

size_t in_size(const gb::ConvParams& p) { return p.batch * p.inH * p.inW * p.inC; }
size_t out_size(const gb::ConvParams& p) { return p.batch * p.outH * p.outW * p.outC; }
size_t filter_size(const gb::ConvParams& p) { return p.fH * p.fW * p.inC * p.outC; }

// conv2d(x, w, y, params, bias, act, alpha)
Value Conv2d(const CallbackInfo& info) {
  auto p = conv_params(info, 3);
  gb::conv2d(p, f32(info, 0, in_size(p), "x"), f32(info, 1, filter_size(p), "filter"), f32(info, 2, out_size(p), "y"),
             opt_f32(info, 4, p.outC, "bias"), static_cast<int>(num(info, 5, "activation")), fnum(info, 6));
  return info.Env().Undefined();
}

// Optional (y, act) at info[i], info[i + 1]: the fused activation's gradient mask (see conv.h's GradMask).
gb::GradMask grad_mask(const CallbackInfo& info, size_t i, size_t need) {
  const float* y = opt_f32(info, i, need, "y");
  if (!y) return {};
  long act = num(info, i + 1, "activation");
  if (act != gb::U_RELU && act != gb::U_RELU6) fail(info.Env(), "the gradient mask's activation must be relu or relu6");
  return {y, static_cast<int>(act)};
}

// conv2dBackpropInput(dy, w, dx, params, y?, act?)
Value Conv2dBackpropInput(const CallbackInfo& info) {
  auto p = conv_params(info, 3);
  gb::conv2d_backprop_input(p, f32(info, 0, out_size(p), "dy"), f32(info, 1, filter_size(p), "filter"),
                            f32(info, 2, in_size(p), "dx"), grad_mask(info, 4, out_size(p)));
  return info.Env().Undefined();
}

// conv2dBackpropFilter(x, dy, dw, params)
Value Conv2dBackpropFilter(const CallbackInfo& info) {
  auto p = conv_params(info, 3);
  gb::conv2d_backprop_filter(p, f32(info, 0, in_size(p), "x"), f32(info, 1, out_size(p), "dy"),
                             f32(info, 2, filter_size(p), "dw"));
  return info.Env().Undefined();
}

size_t pool_out(const gb::ConvParams& p) { return p.batch * p.outH * p.outW * p.inC; }

gb::ConvParams pool_params(const CallbackInfo& info, size_t i) {
  auto p = conv_params(info, i);
  if (p.outC != p.inC) fail(info.Env(), "pooling keeps the channel count");
  return p;
}

Value MaxPool(const CallbackInfo& info) {
  auto p = pool_params(info, 2);
  gb::max_pool(p, f32(info, 0, in_size(p), "x"), f32(info, 1, pool_out(p), "y"));
  return info.Env().Undefined();
}

Value MaxPoolGrad(const CallbackInfo& info) {
  auto p = pool_params(info, 3);
  gb::max_pool_grad(p, f32(info, 0, pool_out(p), "dy"), f32(info, 1, in_size(p), "x"), f32(info, 2, in_size(p), "dx"));
  return info.Env().Undefined();
}

Value AvgPool(const CallbackInfo& info) {
  auto p = pool_params(info, 2);
  gb::avg_pool(p, f32(info, 0, in_size(p), "x"), f32(info, 1, pool_out(p), "y"));
  return info.Env().Undefined();
}

Value AvgPoolGrad(const CallbackInfo& info) {
  auto p = pool_params(info, 2);
  gb::avg_pool_grad(p, f32(info, 0, pool_out(p), "dy"), f32(info, 1, in_size(p), "dx"));
  return info.Env().Undefined();
}

size_t dw_filter_size(const gb::ConvParams& p) { return p.fH * p.fW * p.outC; }

// depthwiseConv2d(x, w, y, params, bias, act, alpha); params.outC = inC * multiplier
Value DepthwiseConv2d(const CallbackInfo& info) {
  auto p = conv_params(info, 3);
  if (p.inC <= 0 || p.outC % p.inC != 0) fail(info.Env(), "depthwise: outC must be a multiple of inC");
  gb::depthwise_conv2d(p, f32(info, 0, in_size(p), "x"), f32(info, 1, dw_filter_size(p), "filter"), f32(info, 2, out_size(p), "y"),
                       opt_f32(info, 4, p.outC, "bias"), static_cast<int>(num(info, 5, "activation")), fnum(info, 6));
  return info.Env().Undefined();
}

// depthwiseBackpropInput(dy, w, dx, params, y?, act?)
Value DepthwiseBackpropInput(const CallbackInfo& info) {
  auto p = conv_params(info, 3);
  if (p.inC <= 0 || p.outC % p.inC != 0) fail(info.Env(), "depthwise: outC must be a multiple of inC");
  gb::depthwise_backprop_input(p, f32(info, 0, out_size(p), "dy"), f32(info, 1, dw_filter_size(p), "filter"),
                               f32(info, 2, in_size(p), "dx"), grad_mask(info, 4, out_size(p)));
  return info.Env().Undefined();
}

// ---- data movement and logic (native/layout.h) ----

uint8_t* bytes(const CallbackInfo& info, size_t i, size_t need, const char* what) {
  Value v = info[i];
  if (!v.IsTypedArray()) fail(info.Env(), std::string(what) + " must be a typed array");
  auto arr = v.As<Napi::TypedArray>();
  if (arr.ByteLength() < need) fail(info.Env(), std::string(what) + " is too short");
  return static_cast<uint8_t*>(arr.ArrayBuffer().Data()) + arr.ByteOffset();
}

size_t elem_size(const CallbackInfo& info, size_t i) {
  long es = num(info, i, "elementSize");
  if (es != 1 && es != 2 && es != 4 && es != 8) fail(info.Env(), "elementSize must be 1, 2, 4 or 8");
  return static_cast<size_t>(es);
}

// slice(x, xShape, begin, outShape, out, elementSize)
Value Slice(const CallbackInfo& info) {
  auto xs = shape_arg(info, 1, "xShape"), b = shape_arg(info, 2, "begin"), os = shape_arg(info, 3, "outShape");
  if (b.size() != xs.size() || os.size() != xs.size()) fail(info.Env(), "slice: ranks differ");
  for (size_t d = 0; d < xs.size(); ++d)
    if (b[d] + os[d] > xs[d]) fail(info.Env(), "slice: out of bounds");
  size_t es = elem_size(info, 5);
  gb::slice(bytes(info, 0, prod(xs) * es, "x"), xs.data(), b.data(), os.data(), static_cast<int>(xs.size()), es, bytes(info, 4, prod(os) * es, "out"));
  return info.Env().Undefined();
}

// pad(x, xShape, before, outShape, out, elementSize, value)  (value: a typed array holding one element)
Value Pad(const CallbackInfo& info) {
  auto xs = shape_arg(info, 1, "xShape"), b = shape_arg(info, 2, "before"), os = shape_arg(info, 3, "outShape");
  if (b.size() != xs.size() || os.size() != xs.size()) fail(info.Env(), "pad: ranks differ");
  for (size_t d = 0; d < xs.size(); ++d)
    if (b[d] + xs[d] > os[d]) fail(info.Env(), "pad: out of bounds");
  size_t es = elem_size(info, 5);
  gb::pad(bytes(info, 0, prod(xs) * es, "x"), xs.data(), b.data(), os.data(), static_cast<int>(xs.size()), es, bytes(info, 6, es, "value"),
          bytes(info, 4, prod(os) * es, "out"));
  return info.Env().Undefined();
}

// tile(x, xShape, outShape, out, elementSize)  (outShape[d] a multiple of xShape[d])
Value Tile(const CallbackInfo& info) {
  auto xs = shape_arg(info, 1, "xShape"), os = shape_arg(info, 2, "outShape");
  if (os.size() != xs.size()) fail(info.Env(), "tile: ranks differ");
  for (size_t d = 0; d < xs.size(); ++d)
    if (xs[d] == 0 ? os[d] != 0 : os[d] % xs[d] != 0) fail(info.Env(), "tile: bad shape");
  size_t es = elem_size(info, 4);
  if (prod(os) == 0) return info.Env().Undefined();
  gb::tile(bytes(info, 0, prod(xs) * es, "x"), xs.data(), os.data(), static_cast<int>(xs.size()), es, bytes(info, 3, prod(os) * es, "out"));
  return info.Env().Undefined();
}

// castValues(x, out): int32/bool → float32, bool → int32, float32 → int32 (JavaScript's ToInt32)
Value CastValues(const CallbackInfo& info) {
  if (!info[0].IsTypedArray() || !info[1].IsTypedArray()) fail(info.Env(), "castValues: x and out must be typed arrays");
  auto x = info[0].As<Napi::TypedArray>(), out = info[1].As<Napi::TypedArray>();
  const size_t n = x.ElementLength();
  if (out.ElementLength() < n) fail(info.Env(), "castValues: out is too short");
  auto from = x.TypedArrayType(), to = out.TypedArrayType();
  const uint8_t* xp = static_cast<const uint8_t*>(x.ArrayBuffer().Data()) + x.ByteOffset();
  uint8_t* op = static_cast<uint8_t*>(out.ArrayBuffer().Data()) + out.ByteOffset();
  if (from == napi_int32_array && to == napi_float32_array) gb::cast_i32_f32(reinterpret_cast<const int32_t*>(xp), reinterpret_cast<float*>(op), n);
  else if (from == napi_uint8_array && to == napi_float32_array) gb::cast_u8_f32(xp, reinterpret_cast<float*>(op), n);
  else if (from == napi_uint8_array && to == napi_int32_array) gb::cast_u8_i32(xp, reinterpret_cast<int32_t*>(op), n);
  else if (from == napi_float32_array && to == napi_int32_array) gb::cast_f32_i32(reinterpret_cast<const float*>(xp), reinterpret_cast<int32_t*>(op), n);
  else fail(info.Env(), "castValues: converts Int32Array or Uint8Array to Float32Array, Uint8Array to Int32Array, or Float32Array to Int32Array");
  return info.Env().Undefined();
}

// fill(out(Float32Array), value)
Value Fill(const CallbackInfo& info) {
  if (!info[0].IsTypedArray() || info[0].As<Napi::TypedArray>().TypedArrayType() != napi_float32_array) fail(info.Env(), "fill: out must be a Float32Array");
  auto out = info[0].As<Napi::Float32Array>();
  gb::fill_f32(out.Data(), out.ElementLength(), fnum(info, 1));
  return info.Env().Undefined();
}

// gather(x, outer, axisSize, inner, indices(Int32Array), out, elementSize): out[o, j, :] = x[o, indices[j], :]
Value Gather(const CallbackInfo& info) {
  size_t outer = num(info, 1, "outer"), axisSize = num(info, 2, "axisSize"), inner = num(info, 3, "inner");
  Value v = info[4];
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_int32_array) fail(info.Env(), "gather: indices must be an Int32Array");
  auto idx = v.As<Napi::Int32Array>();
  const size_t n = idx.ElementLength();
  for (size_t j = 0; j < n; ++j)
    if (idx[j] < 0 || static_cast<size_t>(idx[j]) >= axisSize) fail(info.Env(), "gather: index out of range");
  size_t es = elem_size(info, 6);
  if (outer * n * inner == 0) return info.Env().Undefined();
  gb::gather(bytes(info, 0, outer * axisSize * inner * es, "x"), outer, axisSize, inner, idx.Data(), n, es, bytes(info, 5, outer * n * inner * es, "out"));
  return info.Env().Undefined();
}

// compare(op, a, b, bScalar, out(Uint8Array), n)
Value Compare(const CallbackInfo& info) {
  int op = static_cast<int>(num(info, 0, "op"));
  if (op >= gb::C_COUNT) fail(info.Env(), "unknown compare op");
  size_t n = num(info, 5, "n");
  bool bScalar = info[3].ToBoolean();
  gb::compare(op, f32(info, 1, n, "a"), f32(info, 2, bScalar ? 1 : n, "b"), bScalar, bytes(info, 4, n, "out"), n);
  return info.Env().Undefined();
}

// select(cond(Uint8Array), a, b, out, n)  (4-byte elements)
Value Select(const CallbackInfo& info) {
  size_t n = num(info, 4, "n");
  gb::select(bytes(info, 0, n, "condition"), reinterpret_cast<const uint32_t*>(bytes(info, 1, 4 * n, "a")),
             reinterpret_cast<const uint32_t*>(bytes(info, 2, 4 * n, "b")), reinterpret_cast<uint32_t*>(bytes(info, 3, 4 * n, "out")), n);
  return info.Env().Undefined();
}

// logicalAnd(a, b, out, n)  (Uint8Array)
Value LogicalAnd(const CallbackInfo& info) {
  size_t n = num(info, 3, "n");
  gb::logical_and(bytes(info, 0, n, "a"), bytes(info, 1, n, "b"), bytes(info, 2, n, "out"), n);
  return info.Env().Undefined();
}

// batchNorm(x, mean, variance, offset|null, scale|null, epsilon, y, channels)
Value BatchNorm(const CallbackInfo& info) {
  auto x = info[0].As<Napi::Float32Array>();
  size_t n = x.ElementLength();
  long channels = num(info, 7, "channels");
  if (channels < 1 || n % channels != 0) fail(info.Env(), "batchNorm: channels must divide the size");
  auto len = [&](size_t i) -> long {
    if (info[i].IsNull() || info[i].IsUndefined()) return 1;
    long l = static_cast<long>(info[i].As<Napi::Float32Array>().ElementLength());
    if (l != 1 && l != channels) fail(info.Env(), "batchNorm: parameters need 1 or `channels` entries");
    return l;
  };
  long nm = len(1), nv = len(2), no = len(3), ns = len(4);
  double eps = info[5].As<Napi::Number>().DoubleValue();
  gb::batch_norm(f32(info, 0, n, "x"), n, channels, f32(info, 1, nm, "mean"), nm, f32(info, 2, nv, "variance"), nv,
                 opt_f32(info, 3, no, "offset"), no, opt_f32(info, 4, ns, "scale"), ns, eps, f32(info, 6, n, "y"));
  return info.Env().Undefined();
}

// clip(x, lo, hi, y)
Value Clip(const CallbackInfo& info) {
  auto x = info[0].As<Napi::Float32Array>();
  size_t n = x.ElementLength();
  gb::clip(f32(info, 0, n, "x"), fnum(info, 1), fnum(info, 2), f32(info, 3, n, "y"), n);
  return info.Env().Undefined();
}

// Marks heap memory grown since the last call for transparent huge pages, before anything touches
// it: one 2 MiB page faults in where 512 small ones fault one by one (~20x faster in this VM).
void advise_heap() {
#if defined(__GLIBC__) && defined(MADV_HUGEPAGE)
  std::lock_guard<std::mutex> lock(g_advise_mutex);  // worker threads load the addon too
  if (!g_malloc_tuned || !g_advised_top) return;
  const uintptr_t top = reinterpret_cast<uintptr_t>(sbrk(0)), page = 4096;
  if (top > g_advised_top) {
    const uintptr_t from = (g_advised_top + page - 1) & ~(page - 1);
    if (top > from) madvise(reinterpret_cast<void*>(from), top - from, MADV_HUGEPAGE);
    g_advised_top = top;
  }
#endif
}

Value AdviseHeap(const CallbackInfo& info) {
  advise_heap();
  return info.Env().Undefined();
}

// Tensor buffers are large; glibc serves them with mmap and returns them to the OS on free, so every
// new buffer is first-touched page by page (very slow in some VMs: ~1 s for 64 MiB here). Serving them
// from the heap and keeping freed memory lets buffers be reused without faults, for every kernel in
// the process. GLASSBOX_NATIVE_MALLOC=default keeps glibc's defaults.
void tune_malloc() {
#if defined(__GLIBC__)
  const char* e = std::getenv("GLASSBOX_NATIVE_MALLOC");
  if (e && !std::strcmp(e, "default")) return;
  mallopt(M_MMAP_MAX, 0);
  mallopt(M_TRIM_THRESHOLD, INT_MAX);
  g_malloc_tuned = true;
#if defined(MADV_HUGEPAGE) && __GLIBC_PREREQ(2, 33)
  // Grow the heap now by a large pad (address space only: nothing is touched yet) and mark it for
  // transparent huge pages, so that tensors, model weights and inputs allocated later fault in
  // 2 MiB at a time. A request larger than all free memory forces the growth.
  constexpr size_t pad = size_t{1} << 30, page = 4096;
  const uintptr_t before = reinterpret_cast<uintptr_t>(sbrk(0));
  mallopt(M_TOP_PAD, static_cast<int>(pad));
  const size_t request = mallinfo2().fordblks + (1 << 20);
  void* volatile grow = std::malloc(request);  // volatile: not optimised away
  std::free(grow);
  mallopt(M_TOP_PAD, 64 << 20);
  const uintptr_t after = reinterpret_cast<uintptr_t>(sbrk(0));
  if (after >= before + pad) {
    g_advised_top = before;
    advise_heap();
    g_huge_pages = true;
  } else if (grow) {
    // The heap could not grow in place (a mapping right after it): glibc mapped the pad elsewhere,
    // starting at the block it returned. Later growth is not marked.
    const uintptr_t from = reinterpret_cast<uintptr_t>(static_cast<void*>(grow)) & ~(page - 1);
    const int rc = madvise(reinterpret_cast<void*>(from), request + pad, MADV_HUGEPAGE);
    g_huge_pages = rc == 0 || errno == ENOMEM;  // ENOMEM: past the mapping's end, the mapped part is marked
  }
#endif
#endif
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  static std::once_flag tuned;  // once per process, whichever thread loads the addon first
  std::call_once(tuned, tune_malloc);
  exports.Set("info", Napi::Function::New(env, Info));
  exports.Set("adviseHeap", Napi::Function::New(env, AdviseHeap));
  exports.Set("setThreads", Napi::Function::New(env, SetThreads));
  exports.Set("setIsa", Napi::Function::New(env, SetIsa));
  exports.Set("gemm", Napi::Function::New(env, Gemm));
  exports.Set("binary", Napi::Function::New(env, Binary));
  exports.Set("unary", Napi::Function::New(env, Unary));
  exports.Set("addN", Napi::Function::New(env, AddN));
  exports.Set("reduce", Napi::Function::New(env, Reduce));
  exports.Set("softmax", Napi::Function::New(env, Softmax));
  exports.Set("transpose", Napi::Function::New(env, Transpose));
  exports.Set("conv2d", Napi::Function::New(env, Conv2d));
  exports.Set("conv2dBackpropInput", Napi::Function::New(env, Conv2dBackpropInput));
  exports.Set("conv2dBackpropFilter", Napi::Function::New(env, Conv2dBackpropFilter));
  exports.Set("depthwiseConv2d", Napi::Function::New(env, DepthwiseConv2d));
  exports.Set("depthwiseBackpropInput", Napi::Function::New(env, DepthwiseBackpropInput));
  exports.Set("slice", Napi::Function::New(env, Slice));
  exports.Set("pad", Napi::Function::New(env, Pad));
  exports.Set("tile", Napi::Function::New(env, Tile));
  exports.Set("gather", Napi::Function::New(env, Gather));
  exports.Set("castValues", Napi::Function::New(env, CastValues));
  exports.Set("fill", Napi::Function::New(env, Fill));
  exports.Set("compare", Napi::Function::New(env, Compare));
  exports.Set("select", Napi::Function::New(env, Select));
  exports.Set("logicalAnd", Napi::Function::New(env, LogicalAnd));
  exports.Set("batchNorm", Napi::Function::New(env, BatchNorm));
  exports.Set("clip", Napi::Function::New(env, Clip));
  exports.Set("maxPool", Napi::Function::New(env, MaxPool));
  exports.Set("maxPoolGrad", Napi::Function::New(env, MaxPoolGrad));
  exports.Set("avgPool", Napi::Function::New(env, AvgPool));
  exports.Set("avgPoolGrad", Napi::Function::New(env, AvgPoolGrad));
  return exports;
}

}  // namespace

NODE_API_MODULE(glassbox_native, Init)
