import { describe, it, expect } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { fromFunction } from '@glassbox/core';
import { explainerConformance, createTinyMlp, randomInputs } from '@glassbox/core/testing';
import { deconvolution, guidedBackprop } from './guidedBackprop';
import { guidedGradCam } from './guidedGradCam';
import { gradCam } from './gradCam';
import { smallCnn } from './testing/smallCnn';

describe('guided-backprop and deconvolution: conformance', () => {
  for (const make of [guidedBackprop, deconvolution]) {
    for (const c of explainerConformance({ explainer: make(), model: () => createTinyMlp(), inputs: () => randomInputs(3, [6]) })) it(c.name, c.run);
  }
  for (const c of explainerConformance({ explainer: guidedGradCam(), model: () => smallCnn(), inputs: () => randomInputs(2, [6, 6, 1]) })) it(c.name, c.run);
});

describe('ReLU rules on a hand-computed network f(x) = w2 · relu(W1 x)', () => {
  const W1 = [[1, -2, 0.5], [-1, 1, 2], [0.5, 0.5, -1], [2, -1, 1]]; // [in 4, hidden 3]
  const w2 = [1.5, -2, 0.75];
  const model = () => {
    const a = tf.tensor2d(W1);
    const b = tf.tensor2d(w2, [3, 1]);
    return { ...fromFunction((x) => tf.matMul(tf.relu(tf.matMul(x, a)), b), { inputShape: [4], outputShape: [1] }), dispose: () => tf.dispose([a, b]) };
  };
  const x = [[1, 0.5, -1, 0.25], [-0.5, 1, 2, -1]];
  const backprop = (upstream: (h: number, active: boolean) => number) =>
    x.map((row) => {
      const z = [0, 1, 2].map((h) => row.reduce((s, v, i) => s + v * W1[i]![h]!, 0));
      return row.map((_, i) => [0, 1, 2].reduce((s, h) => s + W1[i]![h]! * upstream(h, z[h]! > 0), 0));
    });

  it('guided backprop passes relu(w2 · 1[z > 0]) through each ReLU', async () => {
    const m = model();
    const e = await guidedBackprop().explain(m, x, { target: 0 });
    backprop((h, active) => Math.max(0, active ? w2[h]! : 0)).flat().forEach((v, k) => expect(e.attributions[k]).toBeCloseTo(v, 5));
    m.dispose();
  });

  it('deconvolution passes relu(w2) whatever the ReLU input', async () => {
    const m = model();
    const e = await deconvolution().explain(m, x, { target: 0 });
    backprop((h) => Math.max(0, w2[h]!)).flat().forEach((v, k) => expect(e.attributions[k]).toBeCloseTo(v, 5));
    m.dispose();
  });

  it('guided Grad-CAM is guided backprop times the ReLU Grad-CAM map, upsampled nearest (Captum) or bilinear', async () => {
    const cnn = smallCnn(2);
    const imgs = randomInputs(2, [6, 6, 1], 3);
    const g = await guidedBackprop().explain(cnn, imgs, { target: 1 });
    const grid = await gradCam().explain(cnn, imgs, { target: 1 });
    const [, gh, gw] = grid.attributionShape as [number, number, number];
    expect(gh).toBeLessThan(6); // a coarser grid than the input, so the two resizings differ
    // torch's F.interpolate(mode='nearest'): output (y, x) reads ⌊y·gh/6⌋, ⌊x·gw/6⌋ of the layer's grid.
    const nearest = (i: number, y: number, x: number) => grid.attributions[i * gh * gw + Math.floor((y * gh) / 6) * gw + Math.floor((x * gw) / 6)]!;
    const e = await guidedGradCam().explain(cnn, imgs, { target: 1 });
    expect(e.attributionShape).toEqual([2, 6, 6, 1]);
    expect(e.options).toMatchObject({ interpolation: 'nearest' });
    e.attributions.forEach((v, k) => expect(v).toBeCloseTo(g.attributions[k]! * nearest(Math.floor(k / 36), Math.floor((k % 36) / 6), k % 6), 6));
    expect(e.attributions.some((v) => v !== 0)).toBe(true);
    const bilinear = await gradCam({ upsample: true }).explain(cnn, imgs, { target: 1 });
    const eb = await guidedGradCam({ interpolation: 'bilinear' }).explain(cnn, imgs, { target: 1 });
    eb.attributions.forEach((v, k) => expect(v).toBeCloseTo(g.attributions[k]! * bilinear.attributions[k]!, 6));
    cnn.dispose!();
  });
});
