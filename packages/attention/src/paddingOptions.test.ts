import { describe, it, expect, afterAll } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { attentionFlow } from './attentionFlow';
import { attentionRollout } from './attentionRollout';
import { discardWeakest } from './rolloutMatrix';
import { tinyAttentionModel } from './testModels';

// Issue 18 item 9: options that quietly meant nothing on padded sequences.
const model = tinyAttentionModel({ numLayers: 2, seed: 5, tokens: 16 });
afterAll(() => model.dispose?.());
// 4 real tokens padded to 16: 192 of the 256 links of a layer are padding's masked zeros.
const padded = [[1, 4, 7, 2, ...Array(12).fill(0)]];

describe('attention options on padded inputs', () => {
  it('attention-flow refuses a query at a padding position (it returned all zeros)', async () => {
    const before = tf.memory().numTensors;
    const err = await attentionFlow({ query: 9 }).explain(model, padded).catch((e) => e);
    expect(err.code).toBe('INVALID_OPTION');
    expect(err.message).toMatch(/token 9 of example 0 is padding.*4 real tokens/);
    expect(tf.memory().numTensors).toBe(before);
    const ok = await attentionFlow({ query: 2 }).explain(model, padded);
    expect(Math.max(...ok.attributions)).toBeGreaterThan(0);
  });

  it('--discard-ratio counts only links between real tokens: 0, 0.5 and 0.85 give different rollouts', async () => {
    const rows = await Promise.all([0, 0.5, 0.85].map(async (discardRatio) => Array.from((await attentionRollout({ discardRatio }).explain(model, padded)).attributions.subarray(0, 16))));
    expect(rows[1]).not.toEqual(rows[0]);
    expect(rows[2]).not.toEqual(rows[1]);
  });

  it('discardWeakest with active tokens drops the fraction of real links only', () => {
    // 2 real tokens of 3: 4 real links (0.1, 0.4, 0.2, 0.3), 5 padding zeros.
    const a = Float32Array.of(0.1, 0.4, 0, 0.2, 0.3, 0, 0, 0, 0);
    const out = discardWeakest(Float32Array.from(a), 0.5, [true, true, false]);
    expect(Array.from(out)).toEqual([0, 0.4, 0, 0, 0.3, 0, 0, 0, 0].map(Math.fround));
    // Without `active` the zeros fill the fraction and nothing real is dropped (the old behaviour).
    expect(Array.from(discardWeakest(Float32Array.from(a), 0.5))).toEqual(Array.from(a));
  });
});
