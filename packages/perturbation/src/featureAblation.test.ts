import { describe, it, expect, afterAll } from 'vitest';
import { explainerConformance, createTinyMlp, randomInputs, captumReference, peerAgreement } from '@glassbox/core/testing';
import { featureAblation } from './featureAblation';

describe('feature-ablation: conformance on the tiny MLP', () => {
  for (const c of explainerConformance({ explainer: featureAblation(), model: () => createTinyMlp(), inputs: () => randomInputs(3, [6]) })) it(c.name, c.run);
  for (const c of explainerConformance({ explainer: featureAblation({ featureMask: [0, 0, 1, 1, 2, 2] as never }), model: () => createTinyMlp(), inputs: () => randomInputs(3, [6]) })) {
    it(`grouped: ${c.name}`, c.run);
  }
});

const ref = await captumReference();
const variants = await ref.variants(new URL('../fixtures/captum/feature_ablation.json', import.meta.url));

describe('feature-ablation agrees with Captum 0.8 (float64)', () => {
  const model = ref.model();
  afterAll(async () => (await model).dispose?.());
  for (const v of variants) {
    it(`${v.id}: per example max|got − ref| ≤ 1e-4·max|ref| + 1e-7`, async () => {
      const mask = v.params.feature_mask as number[][] | null;
      const e = await featureAblation(mask ? { featureMask: mask as never } : {}).explain(await model, ref.inputs, { target: ref.targets });
      const agreement = peerAgreement(e.attributions, v.attributions);
      console.info(`${v.id}: worst example at ${(agreement.ratio * 100).toFixed(2)} % of the tolerance (max |got − ref| ${agreement.maxDiff.toExponential(2)})`);
      expect(agreement.ratio, JSON.stringify(agreement)).toBeLessThanOrEqual(1);
    });
  }

  it('refuses a mask of the wrong layout or with non-integer ids (INVALID_OPTION)', async () => {
    const m = await model;
    await expect(featureAblation({ featureMask: [0, 1, 2] as never }).explain(m, ref.inputs)).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    await expect(featureAblation({ featureMask: Array.from({ length: 20 }, () => 0.5) as never }).explain(m, ref.inputs)).rejects.toMatchObject({ code: 'INVALID_OPTION' });
  });
});
