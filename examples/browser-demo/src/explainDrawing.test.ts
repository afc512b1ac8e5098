import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@glassbox/core';
import { loadModel } from '@glassbox/core/node';
import { createTinyMlp } from '@glassbox/core/testing';
import { describeDigitModel, type DigitModel } from './digitModel';
import { explainDrawing, IG_STEPS } from './explainDrawing';
import { preprocessDigit } from './preprocessDigit';
import { MODELS_SOURCE } from '../scripts/copyModels';

const mnist = createRequire(import.meta.url)('mnist') as { length: number; get(i: number): number[] }[];

/** The first `n` held-out samples of digit `d` (examples/mnist trains on the first 80% of each digit). */
const heldOut = (d: number, n: number) => Array.from({ length: n }, (_, k) => mnist[d]!.get(Math.floor(mnist[d]!.length * 0.8) + k));

describe('explainDrawing with the committed MNIST MLP (cpu backend, held-out digits)', () => {
  let dm: DigitModel;
  beforeAll(async () => {
    await useBackend('cpu');
    dm = describeDigitModel(await loadModel(join(MODELS_SOURCE, 'mlp', 'model.json')));
  });
  afterAll(() => dm?.model.dispose?.());

  it('reads the model as the binary "is it a 3?" classifier', () => {
    expect(dm).toMatchObject({ kind: 'binary', positive: '3' });
  });

  it('answers like the model, explains P(3) with saliency and complete IG, and leaks no tensors', async () => {
    const before = tf.memory().numTensors;
    let right = 0, total = 0, worstDelta = 0;
    for (let d = 0; d < 10; d++) {
      for (const digit of heldOut(d, 2)) {
        // As in the page: the digit drawn 10× larger goes through preprocessDigit first.
        const big = new Float32Array(280 * 280);
        for (let p = 0; p < big.length; p++) big[p] = digit[Math.floor(Math.floor(p / 280) / 10) * 28 + Math.floor((p % 280) / 10)]!;
        const r = await explainDrawing(dm, preprocessDigit(big, 280, 280)!);
        total++;
        if (r.answer === (d === 3 ? 'a 3' : 'not a 3')) right++;
        expect(r.target).toBe(0);
        expect(r.probabilities).toHaveLength(1);
        expect(r.saliency).toMatchObject({ method: 'saliency', backend: 'cpu', attributionShape: [1, 784] });
        expect(Math.min(...r.saliency.attributions)).toBeGreaterThanOrEqual(0);
        const ig = r.integratedGradients;
        expect(ig).toMatchObject({ method: 'integrated-gradients', options: expect.objectContaining({ steps: IG_STEPS }), targets: [0] });
        expect(ig.timing.durationMs).toBeGreaterThan(0);
        // Completeness: the attributions add up to P(3 | digit) − P(3 | black image), up to the reported delta.
        const sum = ig.attributions.reduce((s, v) => s + v, 0);
        const fBlack = (ig.diagnostics.fBaselines as number[])[0]!;
        expect(sum).toBeCloseTo(r.probabilities[0]! - fBlack + ig.convergenceDelta![0]!, 4);
        worstDelta = Math.max(worstDelta, Math.abs(ig.convergenceDelta![0]!));
      }
    }
    console.log(`explainDrawing: ${right}/${total} held-out digits answered right; worst |IG convergence delta| ${worstDelta.toExponential(2)}`);
    expect(right).toBeGreaterThanOrEqual(18);
    expect(worstDelta).toBeLessThan(0.05);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses a model that is not an MNIST model, saying what it needs', () => {
    const tiny = createTinyMlp({ inputs: 6, outputs: 3 });
    expect(() => describeDigitModel(tiny)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringMatching(/784 inputs.*1 or 10 outputs/) }));
    tiny.dispose?.();
  });
});
