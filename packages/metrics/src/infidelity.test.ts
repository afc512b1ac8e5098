import { describe, expect, it } from 'vitest';
import { trackTensors } from '@glassbox/core/testing';
import { infidelity } from './infidelity';
import { gradientExplainer, gradientTimesInput, linearModel } from './testFixtures';

const w = [0.5, -1, 2, 1.5, -0.25];
const x = [[1, 2, -1, 0.5, 3], [-2, 0, 1, 1, -1]];

describe('infidelity on a linear model (computed by hand)', () => {
  it('is zero for the gradient: Σ w ⊙ I equals f(x) − f(x − I) exactly', async () => {
    const m = linearModel(w, 0.3);
    const e = await gradientExplainer().explain(m, x, { target: 0 });
    const r = await infidelity(e, m, { samples: 50, noiseStd: 0.5, seed: 1 });
    for (const v of r.perExample) expect(v).toBeLessThan(1e-9);
    m.dispose?.();
  });

  it('for attributions a is σ² Σ (a_j − w_j)² in expectation (Gaussian I ~ N(0, σ²))', async () => {
    const m = linearModel(w, 0.3);
    const e = await gradientTimesInput().explain(m, x, { target: 0 }); // a = w ⊙ x
    const sigma = 0.2;
    const r = await infidelity(e, m, { samples: 4000, noiseStd: sigma, seed: 2 });
    x.forEach((row, i) => {
      const expected = sigma ** 2 * row.reduce((s, xj, j) => s + (w[j]! * xj - w[j]!) ** 2, 0);
      // (Σ δ_j I_j)² is σ²‖δ‖² χ²₁: over 4000 samples the mean is within ±10 % with overwhelming probability.
      expect(Math.abs(r.perExample[i]! - expected) / expected).toBeLessThan(0.1);
    });
    expect(r.score).toBeCloseTo((r.perExample[0]! + r.perExample[1]!) / 2, 12);
    m.dispose?.();
  });

  it('normalize removes the scale: 2 × gradient has β = ½ and zero infidelity', async () => {
    const m = linearModel(w, 0.3);
    const e = await gradientExplainer().explain(m, x, { target: 0 });
    const doubled = { ...e, attributions: e.attributions.map((v) => 2 * v) };
    const raw = await infidelity(doubled, m, { samples: 200, noiseStd: 0.2, seed: 3 });
    // Without normalize, 2w − w = w: σ² ‖w‖² = 0.04 × 7.5625 = 0.3025 in expectation.
    expect(raw.score).toBeGreaterThan(0.2);
    const norm = await infidelity(doubled, m, { samples: 200, noiseStd: 0.2, seed: 3, normalize: true });
    norm.beta!.forEach((b) => expect(b).toBeCloseTo(0.5, 5));
    for (const v of norm.perExample) expect(v).toBeLessThan(1e-9);
    m.dispose?.();
  });

  it('is deterministic under a seed, independent of batching, and leaks nothing', async () => {
    const m = linearModel(w, 0.3);
    const e = await gradientTimesInput().explain(m, x, { target: 0 });
    const a = await infidelity(e, m, { samples: 30, seed: 5 });
    const r = await trackTensors(() => infidelity(e, m, { samples: 30, seed: 5, maxBatch: 7 }));
    expect(r.leaked).toBe(0);
    expect(r.value!.perExample).toEqual(a.perExample);
    const other = await infidelity(e, m, { samples: 30, seed: 6 });
    expect(other.perExample).not.toEqual(a.perExample);
    m.dispose?.();
  });
});
