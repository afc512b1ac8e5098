import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadModel } from '@glassbox/core/node';
import { explainerConformance, createTinyMlp, peerAgreement, randomInputs } from '@glassbox/core/testing';
import { deeplift } from './deeplift';

describe('deeplift: conformance on the tiny MLP', () => {
  for (const c of explainerConformance({ explainer: deeplift(), model: () => createTinyMlp(), inputs: () => randomInputs(3, [6]) })) it(c.name, c.run);
  // With a reference given as one input (tiled per example) and as one per example.
  for (const baseline of [randomInputs(1, [6], 8)[0], randomInputs(3, [6], 9)]) {
    for (const c of explainerConformance({ explainer: deeplift({ baseline: baseline as never }), model: () => createTinyMlp(), inputs: () => randomInputs(3, [6]) })) {
      it(`baseline ${JSON.stringify(shapeOf(baseline))}: ${c.name}`, c.run);
    }
  }
});

function shapeOf(v: unknown): number[] {
  return Array.isArray(v) ? [v.length, ...shapeOf(v[0])] : [];
}

const dir = fileURLToPath(new URL('../fixtures/cnn/', import.meta.url));
const cnn = JSON.parse(readFileSync(`${dir}deeplift_cnn.json`, 'utf8')) as {
  inputs: number[][][][];
  baseline: number[][][];
  targets: number[];
  variants: { id: string; model: string; attributions: number[][]; convergence_delta: number[] }[];
};

describe('deeplift on a CNN with max pooling agrees with Captum 0.8 rules (float64 reference, fixtures/cnn)', () => {
  for (const v of cnn.variants) {
    it(`${v.id}: conv → max-pool → ReLU → dense tanh → ${v.id.endsWith('logits') ? 'logits' : 'softmax'}`, async () => {
      const model = await loadModel(`${dir}${v.model}/model.json`);
      const e = await deeplift({ baseline: cnn.baseline as never }).explain(model, cnn.inputs, { target: cnn.targets });
      const agreement = peerAgreement(e.attributions, v.attributions);
      console.info(`${v.id}: worst example at ${(agreement.ratio * 100).toFixed(2)} % of the tolerance (max |got − ref| ${agreement.maxDiff.toExponential(2)})`);
      expect(agreement.ratio, JSON.stringify(agreement)).toBeLessThanOrEqual(1);
      v.convergence_delta.forEach((d, i) => {
        const scale = Math.max(1, v.attributions[i]!.reduce((s, a) => s + Math.abs(a), 0));
        expect(Math.abs(e.convergenceDelta![i]! - d)).toBeLessThanOrEqual(1e-5 * scale);
      });
      model.dispose?.();
    });
  }

  it('the max-pooling rule is not the plain gradient: (x − ref)·∇f differs from the reference', async () => {
    const model = await loadModel(`${dir}model_logits/model.json`);
    const { saliency } = { saliency: (await import('@glassbox/core')).targetGradients };
    const tf = await import('@tensorflow/tfjs-core');
    const x = tf.tensor(cnn.inputs);
    const g = saliency(model.forward!, x, cnn.targets);
    const plain = tf.mul(g, tf.sub(x, tf.tensor(cnn.baseline))).dataSync();
    expect(peerAgreement(plain, cnn.variants[1]!.attributions).ratio).toBeGreaterThan(10);
    tf.dispose([x, g]);
    model.dispose?.();
  });

  it('refuses a baseline of the wrong shape with INVALID_OPTION', async () => {
    const model = await loadModel(`${dir}model/model.json`);
    await expect(deeplift({ baseline: [1, 2, 3] as never }).explain(model, cnn.inputs)).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    model.dispose?.();
  });
});
