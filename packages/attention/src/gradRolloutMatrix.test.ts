import { describe, expect, it } from 'vitest';
import { createRandom } from '@glassbox/core';
import { gradRolloutMatrix } from './gradRolloutMatrix';

type M = number[][];
const eye = (n: number): M => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
const matmul = (a: M, b: M): M => a.map((row) => b[0]!.map((_, j) => row.reduce((s, x, k) => s + x * b[k]![j]!, 0)));
const add = (a: M, b: M): M => a.map((row, i) => row.map((x, j) => x + b[i]![j]!));

/** The formula written out on nested arrays: Ā = fuse_h (∇A ⊙ A)⁺, R ← R + Ā·R from R = I. */
function direct(att: M[][], grad: M[][], heads: number[], fusion: 'mean' | 'max' | 'min'): M {
  const n = att[0]![0]!.length;
  let r = eye(n);
  att.forEach((layer, l) => {
    const pos = heads.map((h) => layer[h]!.map((row, i) => row.map((a, j) => Math.max(0, a * grad[l]![h]![i]![j]!))));
    const abar = eye(n).map((row, i) =>
      row.map((_, j) => {
        const v = pos.map((p) => p[i]![j]!);
        return fusion === 'mean' ? v.reduce((s, x) => s + x, 0) / v.length : fusion === 'max' ? Math.max(...v) : Math.min(...v);
      }),
    );
    r = add(r, matmul(abar, r));
  });
  return r;
}

describe('gradRolloutMatrix', () => {
  it('matches the direct formula on random attention and gradients', () => {
    const rng = createRandom(42);
    for (const [layers, heads, tokens] of [
      [1, 1, 3],
      [3, 2, 4],
      [4, 3, 6],
    ] as [number, number, number][]) {
      const att = Array.from({ length: layers }, () =>
        Array.from({ length: heads }, () =>
          Array.from({ length: tokens }, () => {
            const row = Array.from({ length: tokens }, () => rng.next());
            const s = row.reduce((a, b) => a + b, 0);
            return row.map((x) => x / s);
          }),
        ),
      );
      const grad = att.map((l) => l.map((h) => h.map((row) => row.map(() => rng.normal()))));
      const flat = (m: M[][], l: number) => Float32Array.from(m[l]!.flat(2));
      const stack = att.map((_, l) => ({ attention: flat(att, l), gradient: flat(grad, l) }));
      for (const fusion of ['mean', 'max', 'min'] as const) {
        const allHeads = Array.from({ length: heads }, (_, h) => h);
        for (const sel of [allHeads, [heads - 1]]) {
          const got = gradRolloutMatrix(stack, heads, tokens, { heads: sel, headFusion: fusion });
          const want = direct(att, grad, sel, fusion).flat();
          want.forEach((w, i) => expect(got[i]).toBeCloseTo(w, 4));
        }
      }
    }
  });

  it('is the identity when every gradient is zero or negative-aligned', () => {
    const a = Float32Array.of(0.5, 0.5, 0.5, 0.5);
    const g = Float32Array.of(-1, -2, -3, -4);
    expect(Array.from(gradRolloutMatrix([{ attention: a, gradient: g }], 1, 2))).toEqual([1, 0, 0, 1]);
  });

  it('refuses mismatched sizes', () => {
    expect(() => gradRolloutMatrix([{ attention: new Float32Array(4), gradient: new Float32Array(3) }], 1, 2)).toThrow(/1×2×2/);
  });
});
