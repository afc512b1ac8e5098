#include "gemm.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "elementwise.h"
#include "gemm_kernels.h"
#include "thread_pool.h"

namespace gb {
namespace {

constexpr long KC = 256;   // depth of a packed panel (A and B micro-panels stay in L1)
constexpr long MC_ROWS = 168;  // rows of A packed at once (L2)
constexpr long NC = 2048;  // columns of B packed at once

struct AlignedBuf {
  float* p = nullptr;
  size_t cap = 0;
  float* get(size_t n) {
    if (n > cap) {
      std::free(p);
      size_t bytes = ((n * sizeof(float)) + 63) / 64 * 64;
      p = static_cast<float*>(std::aligned_alloc(64, bytes));
      cap = n;
    }
    return p;
  }
  ~AlignedBuf() { std::free(p); }
};
thread_local AlignedBuf t_apack, t_bpack;

// Packs A rows [0, mc) x depth [0, kc) into MR-row panels: panel[k * MR + i].
void pack_a(int MR, long mc, long kc, const float* A, long rs, long cs, float* dst) {
  for (long i0 = 0; i0 < mc; i0 += MR) {
    long m = std::min<long>(MR, mc - i0);
    const float* src = A + i0 * rs;
    if (cs == 1 && m == MR) {
      for (long i = 0; i < MR; ++i) {
        const float* row = src + i * rs;
        for (long k = 0; k < kc; ++k) dst[k * MR + i] = row[k];
      }
    } else if (rs == 1) {
      for (long k = 0; k < kc; ++k) {
        const float* col = src + k * cs;
        long i = 0;
        for (; i < m; ++i) dst[k * MR + i] = col[i];
        for (; i < MR; ++i) dst[k * MR + i] = 0.f;
      }
    } else {
      for (long k = 0; k < kc; ++k) {
        long i = 0;
        for (; i < m; ++i) dst[k * MR + i] = src[i * rs + k * cs];
        for (; i < MR; ++i) dst[k * MR + i] = 0.f;
      }
    }
    dst += MR * kc;
  }
}

// Packs B depth [0, kc) x columns [0, nc) into NR-column panels: panel[k * NR + j].
void pack_b(int NR, long kc, long nc, const float* B, long rs, long cs, float* dst) {
  for (long j0 = 0; j0 < nc; j0 += NR) {
    long n = std::min<long>(NR, nc - j0);
    const float* src = B + j0 * cs;
    if (cs == 1) {
      for (long k = 0; k < kc; ++k) {
        const float* row = src + k * rs;
        float* d = dst + k * NR;
        long j = 0;
        for (; j < n; ++j) d[j] = row[j];
        for (; j < NR; ++j) d[j] = 0.f;
      }
    } else if (rs == 1 && n == NR) {
      for (long j = 0; j < NR; ++j) {
        const float* col = src + j * cs;
        for (long k = 0; k < kc; ++k) dst[k * NR + j] = col[k];
      }
    } else {
      for (long k = 0; k < kc; ++k) {
        float* d = dst + k * NR;
        long j = 0;
        for (; j < n; ++j) d[j] = src[k * rs + j * cs];
        for (; j < NR; ++j) d[j] = 0.f;
      }
    }
    dst += NR * kc;
  }
}

void zero_c(const Gemm& g) {
  for (long i = 0; i < g.M; ++i) std::memset(g.C + i * g.ldc, 0, sizeof(float) * g.N);
}

void apply_epilogue(const Gemm& g, const Epilogue* ep) {
  if (!ep || (!ep->bias && ep->act == 0)) return;
  bias_act_rows(g.C, g.M, g.N, g.ldc, ep->bias, ep->biasScalar, ep->act, ep->alpha);
}

Gemm sub_rows(const Gemm& g, long r0, long r1) {
  Gemm s = g;
  s.M = r1 - r0;
  s.A = g.A + r0 * g.rsA;
  s.C = g.C + r0 * g.ldc;
  return s;
}

Gemm sub_cols(const Gemm& g, long c0, long c1) {
  Gemm s = g;
  s.N = c1 - c0;
  s.B = g.B + c0 * g.csB;
  s.C = g.C + c0;
  return s;
}

}  // namespace

void gemm_serial(const Gemm& g) {
  if (g.M <= 0 || g.N <= 0) return;
  if (g.K <= 0) {
    if (!g.accumulate) zero_c(g);
    return;
  }
  KernelShape ks = pick_kernel(g.N <= 16);
  const long MR = ks.mr, NR = ks.nr;
  const long MC = std::max(MR, MC_ROWS / MR * MR);
  const long kcMax = std::min(KC, g.K);
  float* bp = t_bpack.get(static_cast<size_t>(kcMax) * ((std::min(NC, g.N) + NR - 1) / NR * NR));
  float* ap = t_apack.get(static_cast<size_t>(kcMax) * ((std::min(MC, g.M) + MR - 1) / MR * MR));
  for (long jc = 0; jc < g.N; jc += NC) {
    long nc = std::min(NC, g.N - jc);
    for (long pc = 0; pc < g.K; pc += KC) {
      long kc = std::min(KC, g.K - pc);
      pack_b(NR, kc, nc, g.B + pc * g.rsB + jc * g.csB, g.rsB, g.csB, bp);
      bool acc = g.accumulate || pc > 0;
      for (long ic = 0; ic < g.M; ic += MC) {
        long mc = std::min(MC, g.M - ic);
        // Row-major A is read in place when N is small: packing it would cost as much as the product.
        const bool direct = ks.direct && g.csA == 1 && g.N <= 128;
        if (!direct) pack_a(MR, mc, kc, g.A + ic * g.rsA + pc * g.csA, g.rsA, g.csA, ap);
        for (long jr = 0; jr < nc; jr += NR) {
          const float* bpanel = bp + jr * kc;
          float* cbase = g.C + ic * g.ldc + jc + jr;
          int n = static_cast<int>(std::min(NR, nc - jr));
          for (long ir = 0; ir < mc; ir += MR) {
            int m = static_cast<int>(std::min(MR, mc - ir));
            if (direct)
              ks.direct(static_cast<int>(kc), g.A + (ic + ir) * g.rsA + pc, g.rsA, bpanel, cbase + ir * g.ldc, g.ldc, m, n, acc);
            else
              ks.ukr(static_cast<int>(kc), ap + ir * kc, bpanel, cbase + ir * g.ldc, g.ldc, m, n, acc);
          }
        }
      }
    }
  }
}

void gemm(const Gemm& g, const Epilogue* ep) {
  if (g.M <= 0 || g.N <= 0) return;
  const int T = num_threads();
  const double flops = 2.0 * g.M * g.N * std::max<long>(g.K, 1);
  if (T == 1 || flops < 4e5) {
    gemm_serial(g);
    apply_epilogue(g, ep);
    return;
  }
  if (g.M >= 64 * T || (g.M >= 16 * T && g.M >= g.N)) {
    // Split rows; each task packs its own copy of B (cost N*K per task, small next to its product).
    long block = std::max<long>(48, (g.M + 4 * T - 1) / (4 * T));
    block = (block + 47) / 48 * 48;
    long nb = (g.M + block - 1) / block;
    parallel_for(nb, 1, [&](size_t b0, size_t b1) {
      for (size_t b = b0; b < b1; ++b) {
        Gemm s = sub_rows(g, b * block, std::min(g.M, (long)(b + 1) * block));
        gemm_serial(s);
        apply_epilogue(s, ep);
      }
    });
    return;
  }
  if (g.N >= 64 * T) {
    long block = std::max<long>(64, (g.N + 2 * T - 1) / (2 * T));
    block = (block + 31) / 32 * 32;
    long nb = (g.N + block - 1) / block;
    parallel_for(nb, 1, [&](size_t b0, size_t b1) {
      for (size_t b = b0; b < b1; ++b) {
        Gemm s = sub_cols(g, b * block, std::min(g.N, (long)(b + 1) * block));
        gemm_serial(s);
        if (ep && (ep->bias || ep->act)) {
          Epilogue e = *ep;
          if (e.bias && !e.biasScalar) e.bias += b * block;
          apply_epilogue(s, &e);
        }
      }
    });
    return;
  }
  if (g.K >= 512 * T) {
    // Small output, long depth: split K, each part into its own buffer, then sum.
    long parts = T;
    long kblock = (g.K + parts - 1) / parts;
    std::vector<float> partial(static_cast<size_t>(parts) * g.M * g.N);
    parallel_for(parts, 1, [&](size_t p0, size_t p1) {
      for (size_t p = p0; p < p1; ++p) {
        long k0 = p * kblock, k1 = std::min(g.K, k0 + kblock);
        Gemm s = g;
        s.A = g.A + k0 * g.csA;
        s.B = g.B + k0 * g.rsB;
        s.K = std::max<long>(0, k1 - k0);
        s.C = partial.data() + p * g.M * g.N;
        s.ldc = g.N;
        s.accumulate = false;
        gemm_serial(s);
      }
    });
    for (long i = 0; i < g.M; ++i) {
      float* c = g.C + i * g.ldc;
      for (long j = 0; j < g.N; ++j) {
        float s = g.accumulate ? c[j] : 0.f;
        for (long p = 0; p < parts; ++p) s += partial[(p * g.M + i) * g.N + j];
        c[j] = s;
      }
    }
    apply_epilogue(g, ep);
    return;
  }
  gemm_serial(g);
  apply_epilogue(g, ep);
}

void gemm_batched(const Gemm& g, long batch, long batchA, long strideA, long batchB, long strideB, long strideC,
                  const Epilogue* ep) {
  if (batch <= 0) return;
  auto problem = [&](long b) {
    Gemm s = g;
    s.A = g.A + (b % batchA) * strideA;
    s.B = g.B + (b % batchB) * strideB;
    s.C = g.C + b * strideC;
    return s;
  };
  const int T = num_threads();
  const double flops = 2.0 * g.M * g.N * std::max<long>(g.K, 1);
  if (batch == 1) {
    gemm(problem(0), ep);
  } else if (T > 1 && batch >= T && flops < 8e6) {
    parallel_for(batch, 1, [&](size_t b0, size_t b1) {
      for (size_t b = b0; b < b1; ++b) {
        Gemm s = problem(b);
        gemm_serial(s);
        apply_epilogue(s, ep);
      }
    });
  } else {
    for (long b = 0; b < batch; ++b) gemm(problem(b), ep);
  }
}

}  // namespace gb
