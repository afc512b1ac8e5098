import { describe, it, expect } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { ensureGradients, fromFunction, type Model } from '@glassbox/core';
import { explainerConformance, randomInputs, trackTensors } from '@glassbox/core/testing';
import { gradCam } from './gradCam';
import { adaptLayersModel } from './testing/adaptLayersModel';
import { smallCnn as smallCnnOf } from './testing/smallCnn';

const smallCnn = (seed = 1): Model => smallCnnOf(seed, { softmax: true });

/**
 * The hand-computed case: a 3×3 input, a 2-filter 2×2 convolution without bias, flatten and one
 * linear output unit.
 *
 *   x = 1 2 0     filter 0 = 1 0   → A0[i,j] = x[i,j] + x[i+1,j+1] = 2 5
 *       0 1 3                0 1                                    0 2
 *       2 0 1     filter 1 = 0 1   → A1[i,j] = x[i,j+1]             = 2 0
 *                            0 0                                    1 3
 *
 * The output is Σ w·A, so ∂y/∂A0 = 1 1 (mean 0.5) and ∂y/∂A1 = -1 0 (mean -0.5):
 *                                 0 0                           0 -1
 * cam = 0.5·A0 − 0.5·A1 = 0    2.5   and ReLU(cam) = 0 2.5
 *                         -0.5 -0.5                  0 0
 */
function handModel(): Model {
  const m = tfl.sequential({
    layers: [
      tfl.layers.conv2d({ inputShape: [3, 3, 1], filters: 2, kernelSize: 2, useBias: false, name: 'conv' }),
      tfl.layers.flatten({ name: 'flat' }),
      tfl.layers.dense({ units: 1, useBias: false, name: 'out' }),
    ],
  });
  // conv kernel [kh, kw, in, out]; dense kernel [8, 1] in channels-last flatten order (i, j, c).
  const kernel = tf.tensor4d([1, 0, 0, 1, 0, 0, 1, 0], [2, 2, 1, 2]);
  const dense = tf.tensor2d([1, -1, 1, 0, 0, 0, 0, -1], [8, 1]);
  m.setWeights([kernel, dense]);
  tf.dispose([kernel, dense]);
  return adaptLayersModel(m);
}
const handInput = [[[[1], [2], [0]], [[0], [1], [3]], [[2], [0], [1]]]];

describe('grad-cam: conformance on a small CNN', () => {
  const inputs = () => randomInputs(3, [6, 6, 1], 4);
  for (const c of explainerConformance({ explainer: gradCam(), model: () => smallCnn(), inputs, expectedShape: (s) => [s[0]!, 3, 3] })) it(c.name, c.run);
  for (const c of explainerConformance({ explainer: gradCam({ upsample: true, relu: false }), model: () => smallCnn(), inputs, expectedShape: (s) => [s[0]!, 6, 6] }))
    it(`upsampled, no ReLU: ${c.name}`, c.run);
});

describe('grad-cam on the hand-computed case', () => {
  it('weights channels by their mean gradient and applies ReLU', async () => {
    const m = handModel();
    const e = await gradCam().explain(m, handInput, { target: 0 });
    expect(e.kind).toBe('layer-attribution');
    expect(e.attributionShape).toEqual([1, 2, 2]);
    expect(Array.from(e.attributions)).toEqual([0, 2.5, 0, 0]);
    expect(e.diagnostics.layer).toBe('conv');
    m.dispose!();
  });

  it('keeps negative evidence with relu off', async () => {
    const m = handModel();
    const e = await gradCam({ relu: false }).explain(m, handInput, { target: 0 });
    expect(Array.from(e.attributions)).toEqual([0, 2.5, -0.5, -0.5]);
    m.dispose!();
  });

  it('upsamples bilinearly (half-pixel centres, as PyTorch with align_corners=False) to the input size', async () => {
    const m = handModel();
    const e = await gradCam({ upsample: true }).explain(m, handInput, { target: 0 });
    expect(e.attributionShape).toEqual([1, 3, 3]);
    // rows 0 and 2 sit on the grid's rows, row 1 halfway between; likewise for columns.
    [0, 1.25, 2.5, 0, 0.625, 1.25, 0, 0, 0].forEach((v, i) => expect(e.attributions[i]).toBeCloseTo(v, 6));
    m.dispose!();
  });
});

describe('grad-cam layer choice and errors', () => {
  it('defaults to the last conv layer and takes another by name', async () => {
    const m = smallCnn(2);
    const x = randomInputs(2, [6, 6, 1], 3);
    const last = await gradCam().explain(m, x);
    expect(last.diagnostics.layer).toBe('conv_b');
    expect(last.attributionShape).toEqual([2, 3, 3]);
    const first = await gradCam({ layer: 'conv_a' }).explain(m, x);
    expect(first.attributionShape).toEqual([2, 4, 4]);
    expect(first.attributions.every((v) => v >= 0)).toBe(true);
    m.dispose!();
  });

  it('gives typed errors, without leaks, for an unknown layer, a non-spatial layer, no conv layer and no activations', async () => {
    await ensureGradients();
    const m = smallCnn();
    const x = randomInputs(2, [6, 6, 1]);
    const unknown = await trackTensors(() => gradCam({ layer: 'nope' }).explain(m, x));
    expect(unknown.error).toMatchObject({ code: 'INVALID_OPTION', message: expect.stringContaining('conv_a, conv_b, flat, out') });
    const flat = await trackTensors(() => gradCam({ layer: 'flat' }).explain(m, x));
    expect(flat.error).toMatchObject({ code: 'INVALID_OPTION', message: expect.stringContaining('spatial') });
    expect(unknown.leaked + flat.leaked).toBe(0);
    m.dispose!();

    const dense = tfl.sequential({ layers: [tfl.layers.dense({ inputShape: [4], units: 2, name: 'd' })] });
    const noConv = await trackTensors(() => gradCam().explain(adaptLayersModel(dense), [[1, 2, 3, 4]]));
    expect(noConv.error).toMatchObject({ code: 'UNSUPPORTED_MODEL', message: expect.stringContaining('no convolution layer') });
    expect(noConv.leaked).toBe(0);
    dense.dispose();

    const fn = fromFunction((t) => tf.reshape(tf.sum(t, [1, 2, 3]), [-1, 1]), { inputShape: [6, 6, 1], outputShape: [1] });
    await expect(gradCam().explain(fn, x)).rejects.toMatchObject({ code: 'MISSING_CAPABILITY', message: expect.stringContaining('activations') });
  });
});
