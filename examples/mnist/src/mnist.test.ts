// The committed models on held-out digits, and the main job's explainers on them.
import { describe, it, expect, afterAll } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@glassbox/core';
import { loadModel } from '@glassbox/core/node';
import { gradCam } from '@glassbox/gradient-saliency';
import { decodePng, encodePng } from '@glassbox/viz';
import { loadDigits } from './mnistData';
import { CNN_MODEL, MLP_MODEL } from './modelPaths';
import { explainDigits } from './explainDigits';
import { POSITIVE_DIGIT } from './buildModels';

await useBackend('cpu');
const mlp = await loadModel(MLP_MODEL);
const cnn = await loadModel(CNN_MODEL);
afterAll(() => {
  mlp.dispose?.();
  cnn.dispose?.();
});

describe('the committed models on held-out digits', () => {
  const test = loadDigits('test', { perDigit: 40 }); // 400 held-out digits, 40 of each class

  it('the data split is deterministic and disjoint', () => {
    const again = loadDigits('test', { perDigit: 40 });
    expect(again.ids).toEqual(test.ids);
    const train = new Set(loadDigits('train', { perDigit: 100000 }).ids);
    expect(test.ids.some((id) => train.has(id))).toBe(false);
    expect(test.images.every((v) => v >= 0 && v <= 1)).toBe(true);
  });

  it('the MLP tells 3s from other digits (≥ 96% accuracy, ≥ 80% of 3s found)', async () => {
    const y = await mlp.predict(tf.tensor2d(test.images, [400, 784]));
    const p = (await y.data()) as Float32Array;
    y.dispose();
    const correct = test.labels.filter((l, i) => (p[i]! >= 0.5) === (l === POSITIVE_DIGIT)).length;
    const found = test.labels.filter((l, i) => l === POSITIVE_DIGIT && p[i]! >= 0.5).length;
    expect(correct / 400).toBeGreaterThanOrEqual(0.96);
    expect(found / 40).toBeGreaterThanOrEqual(0.8);
    expect(mlp.classNames).toEqual(['is 3']);
  });

  it('the CNN classifies the ten digits (≥ 90% accuracy)', async () => {
    const y = await cnn.predict(tf.tensor4d(test.images, [400, 28, 28, 1]));
    const p = (await y.data()) as Float32Array;
    y.dispose();
    const correct = test.labels.filter((l, i) => {
      const row = Array.from(p.subarray(i * 10, i * 10 + 10));
      return row.indexOf(Math.max(...row)) === l;
    }).length;
    expect(correct / 400).toBeGreaterThanOrEqual(0.9);
  });
});

describe('the main job’s explanations', () => {
  const run = explainDigits(mlp, { digits: [3, 8], perDigit: 2 });

  it('explains P(3) with saliency, SmoothGrad and IG, one 784-map per digit', async () => {
    const r = await run;
    expect(r.labels).toEqual([3, 8, 3, 8]);
    for (const e of [r.saliency, r.smoothGrad, r.integratedGradients]) {
      expect(e.attributionShape).toEqual([4, 784]);
      expect(e.targets).toEqual([0, 0, 0, 0]);
      expect(e.attributions.every(Number.isFinite)).toBe(true);
    }
    expect(r.saliency.attributions.every((v) => v >= 0)).toBe(true);
    expect(r.smoothGrad.attributions.some((v) => v < 0)).toBe(true);
    expect(r.table).toHaveLength(5);
  });

  it('IG is complete (|Δ| < 2e-3 with 200 steps on this ReLU net) and, from a black image, puts nothing on black pixels', async () => {
    const ig = (await run).integratedGradients;
    ig.convergenceDelta!.forEach((d) => expect(Math.abs(d)).toBeLessThan(2e-3));
    for (let j = 0; j < ig.inputs.length; j++) if (ig.inputs[j] === 0) expect(Math.abs(ig.attributions[j]!)).toBe(0);
    // the two 3s are recognised, so their attributions sum to a large positive P(3) gain
    [0, 2].forEach((i) => expect(ig.attributions.subarray(i * 784, (i + 1) * 784).reduce((s, v) => s + v, 0)).toBeGreaterThan(0.5));
  });

  it('renders one PNG with a row per digit and a column per method', async () => {
    const r = await run;
    const png = encodePng(r.figure);
    const back = decodePng(png);
    expect([back.width, back.height]).toEqual([r.figure.width, r.figure.height]);
    expect(r.figure.width).toBeGreaterThan(4 * 112); // digit + 3 maps at 4×
    expect(r.figure.height).toBeGreaterThan(4 * 112); // 4 rows at 4×
  });
});

describe('Grad-CAM on the CNN', () => {
  it('maps the last conv layer (11×11) for the predicted digit, and upsamples to 28×28', async () => {
    const { images } = loadDigits('test', { perDigit: 1 });
    const x = tf.tensor4d(images, [10, 28, 28, 1]);
    const e = await gradCam().explain(cnn, x);
    expect(e.diagnostics.layer).toBe('conv_2');
    expect(e.attributionShape).toEqual([10, 11, 11]);
    expect(e.attributions.every((v) => v >= 0)).toBe(true);
    const up = await gradCam({ upsample: true }).explain(cnn, x);
    expect(up.attributionShape).toEqual([10, 28, 28]);
    x.dispose();
  });
});
