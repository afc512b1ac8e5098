import { describe, expect, it } from 'vitest';
import { trackTensors } from '@glassbox/core/testing';
import { deletion } from './deletion';
import { insertion } from './insertion';
import { gradientTimesInput, linearModel } from './testFixtures';

// f(x) = w · x + 1 at x = 1: gradient × input = w, so features are flipped in the order of w.
const w = [3, -1, 5, 0.5, 2, -4];
const ones = [[1, 1, 1, 1, 1, 1]];

describe('deletion and insertion curves on a linear model (computed by hand)', () => {
  it('deletion removes the largest attributions first', async () => {
    const m = linearModel(w, 1);
    const e = await gradientTimesInput().explain(m, ones, { target: 0 });
    const r = await deletion(e, m, { steps: 6 });
    // Σw + 1 = 6.5; removing 5, 3, 2, 0.5, −1, −4 in turn.
    expect(r.curves[0]).toEqual([6.5, 1.5, -1.5, -3.5, -4, -3, 1]);
    expect(r.fractions).toEqual([0, 1 / 6, 2 / 6, 3 / 6, 4 / 6, 5 / 6, 1]);
    // Trapezoids of width 1/6: (4 + 0 − 2.5 − 3.75 − 3.5 − 1) / 6
    expect(r.auc[0]).toBeCloseTo(-6.75 / 6, 6);
    expect(r.score).toBe(r.auc[0]);
    expect(r.better).toBe('lower');
    m.dispose?.();
  });

  it('insertion restores the largest attributions first', async () => {
    const m = linearModel(w, 1);
    const e = await gradientTimesInput().explain(m, ones, { target: 0 });
    const r = await insertion(e, m, { steps: 6 });
    expect(r.curves[0]).toEqual([1, 6, 9, 11, 11.5, 10.5, 6.5]);
    expect(r.auc[0]).toBeCloseTo(51.75 / 6, 6);
    expect(r.better).toBe('higher');
    m.dispose?.();
  });

  it('a faithful ranking beats its reverse: lower deletion area, higher insertion area', async () => {
    const m = linearModel(w, 1);
    const e = await gradientTimesInput().explain(m, ones, { target: 0 });
    const reversed = { ...e, attributions: e.attributions.map((v) => -v) };
    expect((await deletion(e, m)).score).toBeLessThan((await deletion(reversed, m)).score);
    expect((await insertion(e, m)).score).toBeGreaterThan((await insertion(reversed, m)).score);
    m.dispose?.();
  });

  it('orders by magnitude, uses the baseline value, and coarser steps', async () => {
    const m = linearModel(w, 1);
    const x = [[2, 2, 2, 2, 2, 2]];
    const e = await gradientTimesInput().explain(m, x, { target: 0 }); // attributions 2w
    // |w| order: 5, −4, 3, 2, −1, 0.5; deleting to baseline 1 lowers f by w_j each (x_j − 1 = 1).
    const r = await deletion(e, m, { by: 'absolute', baseline: 1, steps: 6 });
    expect(r.curves[0]).toEqual([12, 7, 11, 8, 6, 7, 6.5]);
    // steps 3 on 6 features: points after 0, 2, 4, 6 features.
    const coarse = await deletion(e, m, { by: 'absolute', baseline: 1, steps: 3 });
    expect(coarse.curves[0]).toEqual([12, 11, 6, 6.5]);
    expect(coarse.fractions).toEqual([0, 1 / 3, 2 / 3, 1]);
    m.dispose?.();
  });

  it('pixel flipping moves whole pixels, ranked by their summed attribution', async () => {
    // 2×2 image with 2 channels; weights per (pixel, channel).
    const m = linearModel([1, 1, -3, 0, 2, 2, 0.5, 0.5], 0, [2, 2, 2]);
    const img = [[[[1, 1], [1, 1]], [[1, 1], [1, 1]]]];
    const e = await gradientTimesInput().explain(m, img, { target: 0 });
    // Pixel sums: 2, −3, 4, 1 → order pixels 2, 0, 3, 1.
    const r = await deletion(e, m, { unit: 'pixel', steps: 4 });
    expect(r.curves[0]).toEqual([4, 0, -2, -3, 0]);
    await expect(deletion({ ...e, inputShape: [1, 8], attributionShape: [1, 8] }, linearModel(new Array(8).fill(1)), { unit: 'pixel' })).rejects.toMatchObject({
      code: 'INVALID_OPTION',
    });
    m.dispose?.();
  });

  it('gives the same curves in small batches and leaks no tensors', async () => {
    const m = linearModel(w, 1);
    const e = await gradientTimesInput().explain(m, [[1, 2, 3, 4, 5, 6], [-1, 0, 1, 0, -1, 2]], { target: 0 });
    const whole = await deletion(e, m, { steps: 6 });
    const r = await trackTensors(() => deletion(e, m, { steps: 6, maxBatch: 3, memoryBudgetBytes: 6 * 4 * 8 * 2 }));
    expect(r.leaked).toBe(0);
    expect(r.value!.curves).toEqual(whole.curves);
    m.dispose?.();
  });

  it('stops with ABORTED between batches, without leaks', async () => {
    const m = linearModel(w, 1);
    const e = await gradientTimesInput().explain(m, ones, { target: 0 });
    const ctl = new AbortController();
    const r = await trackTensors(() => deletion(e, m, { steps: 6, maxBatch: 2, signal: ctl.signal, onProgress: () => ctl.abort() }));
    expect(r.error).toMatchObject({ code: 'ABORTED' });
    expect(r.leaked).toBe(0);
    m.dispose?.();
  });

  it('refuses attributions not shaped like the inputs', async () => {
    const m = linearModel(w, 1);
    const e = await gradientTimesInput().explain(m, ones, { target: 0 });
    const layer = { ...e, kind: 'attribution' as const, attributionShape: [1, 3], attributions: new Float32Array(3) };
    await expect(deletion(layer, m)).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('shaped like the inputs') });
    await expect(deletion({ ...e, kind: 'surrogate' } as never, m)).rejects.toThrow(/accepts explanations of kind attribution; got surrogate/);
    m.dispose?.();
  });
});
