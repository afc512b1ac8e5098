import { describe, expect, it } from 'vitest';
import { captumReference } from './captumReference';
import { peerAgreement } from './peerAgreement';

describe('peerAgreement', () => {
  it('reports the worst per-example ratio of the difference to rtol · max|ref| + atol', () => {
    const ref = [[1, -2], [100, 0]];
    expect(peerAgreement([1, -2, 100, 0], ref).ratio).toBe(0);
    // Example 1 allows 1e-4 · 100 + 1e-7 ≈ 0.01; a difference of 0.005 is half of that.
    const r = peerAgreement([1, -2, 100.005, 0], ref);
    expect(r.example).toBe(1);
    expect(r.ratio).toBeCloseTo(0.5, 3);
    expect(peerAgreement([1.001, -2, 100, 0], ref).ratio).toBeGreaterThan(1);
    expect(peerAgreement([Number.NaN, -2, 100, 0], ref).ratio).toBe(Infinity);
    expect(peerAgreement([1, -2, 100, 0.5], ref, { rtol: 0, atol: 0, scale: () => 1 }).ratio).toBe(Infinity);
    expect(() => peerAgreement([1], ref)).toThrow(/got 1 values; the reference has 4/);
  });

  it('loads the shared Captum reference: model, inputs, targets and outputs that agree with it', async () => {
    const ref = await captumReference();
    expect(ref.inputs.length).toBe(5);
    expect(ref.targets.length).toBe(5);
    const model = await ref.model();
    const y = await model.predict((await import('@tensorflow/tfjs-core')).tensor2d(ref.inputs));
    const agreement = peerAgreement((await y.data()) as Float32Array, ref.outputs, { rtol: 1e-5, atol: 1e-6 });
    y.dispose();
    model.dispose?.();
    expect(agreement.ratio).toBeLessThanOrEqual(1);
  });
});
