import { describe, expect, it } from 'vitest';
import { discardWeakest, rolloutMatrix, withResidual } from './rolloutMatrix';
import { fuseHeads, fuseMatrices } from './fuseMatrices';

const close = (got: ArrayLike<number>, want: number[], tol = 1e-6) => {
  expect(got.length).toBe(want.length);
  want.forEach((w, i) => expect(Math.abs(got[i]! - w), `element ${i}: ${got[i]} vs ${w}`).toBeLessThan(tol));
};
const identity = (n: number) => Float32Array.from({ length: n * n }, (_, i) => (i % (n + 1) === 0 ? 1 : 0));

describe('rolloutMatrix', () => {
  it('identity attention in every layer rolls out to the identity', () => {
    for (const n of [1, 3, 5]) close(rolloutMatrix([identity(n), identity(n), identity(n)], n), Array.from(identity(n)));
  });

  it('no layers is the identity', () => {
    close(rolloutMatrix([], 3), Array.from(identity(3)));
  });

  it('matches a hand-computed three-token, two-layer case', () => {
    // Â1 = (A1 + I)/2 = [[1, 0, 0], [.25, .75, 0], [0, .25, .75]]
    const a1 = Float32Array.of(1, 0, 0, 0.5, 0.5, 0, 0, 0.5, 0.5);
    // Â2 = (A2 + I)/2 = [[.5, .5, 0], [0, .5, .5], [.5, 0, .5]]
    const a2 = Float32Array.of(0, 1, 0, 0, 0, 1, 1, 0, 0);
    // R = Â2·Â1, worked by hand row by row:
    //   row 0 = .5·[1, 0, 0] + .5·[.25, .75, 0]     = [.625, .375, 0]
    //   row 1 = .5·[.25, .75, 0] + .5·[0, .25, .75] = [.125, .5, .375]
    //   row 2 = .5·[1, 0, 0] + .5·[0, .25, .75]     = [.5, .125, .375]
    close(rolloutMatrix([a1, a2], 3), [0.625, 0.375, 0, 0.125, 0.5, 0.375, 0.5, 0.125, 0.375]);
    // Order matters: the first matrix is the layer nearest the input.
    expect(rolloutMatrix([a2, a1], 3)[0]).not.toBeCloseTo(0.625, 3);
  });

  it('renormalises rows after the residual (head fusion by max leaves rows that do not sum to 1)', () => {
    close(withResidual(Float32Array.of(1, 1, 0, 0), 2), [2 / 3, 1 / 3, 0, 1]);
  });

  it('discards the weakest links before adding the residual', () => {
    const a = Float32Array.of(0.9, 0.1, 0.3, 0.7);
    close(rolloutMatrix([a], 2), [0.95, 0.05, 0.15, 0.85]);
    close(rolloutMatrix([a], 2, { discardRatio: 0.5 }), [1, 0, 0, 1]); // 0.1 and 0.3 dropped
    close(discardWeakest(Float32Array.of(0.2, 0.2, 0.2, 0.4), 0.5), [0, 0, 0.2, 0.4]); // ties by position
    close(discardWeakest(Float32Array.of(0.5, 0.2), 0.4), [0.5, 0.2]); // floor(0.8) = 0 links
  });

  it('refuses matrices of the wrong size', () => {
    expect(() => rolloutMatrix([new Float32Array(3)], 2)).toThrow(/expected 2×2/);
  });
});

describe('fuseMatrices / fuseHeads', () => {
  const m = [Float32Array.of(0, 4), Float32Array.of(2, 1), Float32Array.of(1, 1)];
  it('takes the mean, max or min elementwise', () => {
    close(fuseMatrices(m, 'mean'), [1, 2]);
    close(fuseMatrices(m, 'max'), [2, 4]);
    close(fuseMatrices(m, 'min'), [0, 1]);
  });
  it('fuses only the selected heads of a [heads, t, t] layer', () => {
    const layer = Float32Array.of(1, 0, 0, 1, /* head 1 */ 0, 1, 1, 0, /* head 2 */ 0.5, 0.5, 0.5, 0.5);
    close(fuseHeads(layer, 3, 2, [0, 2], 'mean'), [0.75, 0.25, 0.25, 0.75]);
    close(fuseHeads(layer, 3, 2, [1], 'max'), [0, 1, 1, 0]);
    expect(() => fuseHeads(layer, 2, 2, [0], 'mean')).toThrow(/expected 2×2×2/);
  });
});
