import { describe, it, expect, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { fromLayersModel, type LayersModelLike, type Model } from '@glassbox/core';
import { captumReference, peerAgreement } from '@glassbox/core/testing';
import { deeplift } from './deeplift';

const ref = await captumReference();
const variants = await ref.variants(new URL('../fixtures/captum/deeplift.json', import.meta.url));

/** The reference model with a linear head (Captum's `mlp_multiclass_logits`: same weights, last activation linear). */
async function logitsModel(): Promise<Model> {
  const dir = new URL('../../core/fixtures/captum/model/', import.meta.url);
  const json = JSON.parse(readFileSync(new URL('model.json', dir), 'utf8'));
  const layers = json.modelTopology.config.layers as { config: { activation?: string } }[];
  layers[layers.length - 1]!.config.activation = 'linear';
  const weights = readFileSync(new URL('weights.bin', dir));
  const net = await tfl.loadLayersModel(
    tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData: new Uint8Array(weights).buffer }),
  );
  return { ...fromLayersModel(net as unknown as LayersModelLike), dispose: () => net.dispose() };
}

describe('deeplift agrees with Captum 0.8 (float64) on the reference MLP', () => {
  const models: Record<string, Promise<Model>> = { deeplift: ref.model(), deeplift_logits: logitsModel() };
  afterAll(async () => {
    for (const m of Object.values(models)) (await m).dispose?.();
  });
  for (const v of variants) {
    it(`${v.id}: attributions per example within 1e-4·max|ref| + 1e-7, convergence deltas within 1e-5·max(1, Σ|ref|)`, async () => {
      const e = await deeplift().explain(await models[v.id]!, ref.inputs, { target: ref.targets });
      const agreement = peerAgreement(e.attributions, v.attributions);
      console.info(`${v.id}: worst example at ${(agreement.ratio * 100).toFixed(2)} % of the tolerance (max |got − ref| ${agreement.maxDiff.toExponential(2)})`);
      expect(agreement.ratio, JSON.stringify(agreement)).toBeLessThanOrEqual(1);
      v.convergence_delta!.forEach((d, i) => {
        const scale = Math.max(1, v.attributions[i]!.reduce((s, a) => s + Math.abs(a), 0));
        expect(Math.abs(e.convergenceDelta![i]! - d)).toBeLessThanOrEqual(1e-5 * scale);
      });
    });
  }

  it('batched equals one example at a time (Captum batches couple examples through softmax; this does not)', async () => {
    const model = await models.deeplift!;
    const batched = await deeplift().explain(model, ref.inputs, { target: ref.targets });
    for (let i = 0; i < ref.inputs.length; i++) {
      const one = await deeplift().explain(model, [ref.inputs[i]!], { target: [ref.targets[i]!] });
      expect(Array.from(one.attributions)).toEqual(Array.from(batched.attributions.subarray(i * 20, (i + 1) * 20)));
    }
  });
});
