#include <algorithm>
#include <cstring>

#include "reduce.h"
#include "thread_pool.h"

namespace gb {

void transpose(const float* x, const int* shape, const int* perm, int rank, float* out) {
  constexpr int MAXR = 12;
  long total = 1;
  for (int d = 0; d < rank; ++d) total *= shape[d];
  if (total == 0) return;
  // Input strides, then output dims with their input strides, dropping size-1 dims and merging
  // output dims that are also adjacent (in order) in the input.
  long istr[MAXR];
  long acc = 1;
  for (int d = rank - 1; d >= 0; --d) {
    istr[d] = acc;
    acc *= shape[d];
  }
  long dims[MAXR], strd[MAXR];
  int r = 0;
  for (int d = 0; d < rank; ++d) {
    int p = perm[d];
    long n = shape[p];
    if (n == 1) continue;
    if (r > 0 && strd[r - 1] == istr[p] * n) {
      dims[r - 1] *= n;
      strd[r - 1] = istr[p];
    } else {
      dims[r] = n;
      strd[r] = istr[p];
      ++r;
    }
  }
  if (r == 0) {
    out[0] = x[0];
    return;
  }
  const long inner = dims[r - 1], istep = strd[r - 1];
  if (istep == 1) {
    // Contiguous rows: copy row by row.
    long rows = total / inner;
    parallel_for(rows, std::max<long>(1, 8192 / inner), [&](size_t r0, size_t r1) {
      long idx[MAXR] = {0}, off = 0, rem = r0;
      for (int d = r - 2; d >= 0; --d) {
        idx[d] = rem % dims[d];
        rem /= dims[d];
        off += idx[d] * strd[d];
      }
      for (size_t row = r0; row < r1; ++row) {
        std::memcpy(out + row * inner, x + off, sizeof(float) * inner);
        for (int d = r - 2; d >= 0; --d) {
          off += strd[d];
          if (++idx[d] < dims[d]) break;
          off -= strd[d] * dims[d];
          idx[d] = 0;
        }
      }
    });
    return;
  }
  // Find the output dim read contiguously (input stride 1): tile it against the inner dim.
  int q = -1;
  for (int d = 0; d < r - 1; ++d)
    if (strd[d] == 1) q = d;
  if (q < 0) {
    // No unit stride (cannot happen for a permutation, kept for safety): plain gather.
    for (long i = 0; i < total; ++i) {
      long rem = i, off = 0;
      for (int d = r - 1; d >= 0; --d) {
        off += (rem % dims[d]) * strd[d];
        rem /= dims[d];
      }
      out[i] = x[off];
    }
    return;
  }
  long ostr[MAXR];
  acc = 1;
  for (int d = r - 1; d >= 0; --d) {
    ostr[d] = acc;
    acc *= dims[d];
  }
  // Outer index space: all dims except q and r-1, times tiles of (q, r-1).
  constexpr long TB = 32;
  const long nq = dims[q], tq = (nq + TB - 1) / TB, ti = (inner + TB - 1) / TB;
  long outerCount = total / (nq * inner);
  size_t tasks = static_cast<size_t>(outerCount * tq * ti);
  parallel_for(tasks, 4, [&](size_t t0, size_t t1) {
    for (size_t t = t0; t < t1; ++t) {
      long o = t / (tq * ti), tile = t % (tq * ti);
      long q0 = (tile / ti) * TB, i0 = (tile % ti) * TB;
      long q1 = std::min(nq, q0 + TB), i1 = std::min(inner, i0 + TB);
      long ioff = 0, ooff = 0, rem = o;
      for (int d = r - 2; d >= 0; --d) {
        if (d == q) continue;
        long id = rem % dims[d];
        rem /= dims[d];
        ioff += id * strd[d];
        ooff += id * ostr[d];
      }
      for (long a = q0; a < q1; ++a) {
        const float* src = x + ioff + a;
        float* dst = out + ooff + a * ostr[q];
        for (long i = i0; i < i1; ++i) dst[i] = src[i * istep];
      }
    }
  });
}

}  // namespace gb
