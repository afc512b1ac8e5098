import { describe, expect, it } from 'vitest';
import { trackTensors } from '@glassbox/core/testing';
import { maxSensitivity } from './maxSensitivity';
import { gradientExplainer, gradientTimesInput, linearModel } from './testFixtures';

const w = [0.5, -1, 2, 1.5, -0.25];
const x = [[1, 2, -1, 0.5, 3], [-2, 0.5, 1, 1, -1]];

describe('max-sensitivity (known answers on a linear model)', () => {
  it('is zero for the gradient of a linear model, which does not depend on x', async () => {
    const m = linearModel(w);
    const e = await gradientExplainer().explain(m, x, { target: 0 });
    const r = await maxSensitivity(e, m, { explainer: gradientExplainer(), samples: 5, radius: 0.1 });
    expect(r.perExample).toEqual([0, 0]);
    m.dispose?.();
  });

  it('for gradient × input approaches r · max|w| / max|w ⊙ x| in the L∞ norm', async () => {
    // φ(x + u) − φ(x) = w ⊙ u with u uniform in ±r: the worst case over many samples nears r · max_j |w_j|.
    const m = linearModel(w);
    const e = await gradientTimesInput().explain(m, x, { target: 0 });
    const radius = 0.05;
    const r = await maxSensitivity(e, m, { explainer: gradientTimesInput(), samples: 300, radius, norm: 'inf', seed: 1 });
    x.forEach((row, i) => {
      const bound = (radius * Math.max(...w.map(Math.abs))) / Math.max(...row.map((v, j) => Math.abs(v * w[j]!)));
      expect(r.perExample[i]).toBeLessThanOrEqual(bound * (1 + 1e-5));
      expect(r.perExample[i]).toBeGreaterThan(bound * 0.97);
    });
    m.dispose?.();
  });

  it('is seeded, chunks re-explanations without changing the answer, and leaks nothing', async () => {
    const m = linearModel(w);
    const e = await gradientTimesInput().explain(m, x, { target: 0 });
    const a = await maxSensitivity(e, m, { explainer: gradientTimesInput(), samples: 8, seed: 4 });
    const r = await trackTensors(() => maxSensitivity(e, m, { explainer: gradientTimesInput(), samples: 8, seed: 4, maxBatch: 3 }));
    expect(r.leaked).toBe(0);
    expect(r.value!.perExample).toEqual(a.perExample);
    m.dispose?.();
  });

  it('needs an explainer, and refuses post-processed attributions it cannot reproduce', async () => {
    const m = linearModel(w);
    const e = await gradientTimesInput().explain(m, x, { target: 0 });
    await expect(maxSensitivity(e, m)).rejects.toMatchObject({ code: 'INVALID_OPTION', message: expect.stringContaining('pass the explainer') });
    const post = { ...e, diagnostics: { postprocessing: [{ step: 'absolute' }] } };
    await expect(maxSensitivity(post, m, { explainer: gradientTimesInput() })).rejects.toThrow(/post-processed \(absolute\); run the metric as a pipeline step/);
    m.dispose?.();
  });
});
