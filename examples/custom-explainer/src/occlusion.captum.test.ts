import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { captumReference, peerAgreement } from '@glassbox/core/testing';
import { occlusion } from './occlusion';

// Captum 0.8.0's answers (float64) for the shared reference model and inputs of @glassbox/core/testing.
interface Case {
  variants: { id: string; params: { sliding_window_shapes: number[]; strides: number[]; baselines: number }; attributions: number[][] }[];
}
const reference = JSON.parse(readFileSync(new URL('../test/fixtures/occlusion.json', import.meta.url), 'utf8')) as Case;
const ref = await captumReference();

describe('occlusion agrees with Captum', () => {
  for (const variant of reference.variants) {
    it(`${variant.id}: per example, max |got − ref| ≤ 1e-4 · max |ref| + 1e-7`, async () => {
      const model = await ref.model();
      try {
        const { sliding_window_shapes, strides, baselines } = variant.params;
        const e = await occlusion().explain(model, ref.inputs, {
          target: ref.targets,
          options: { window: sliding_window_shapes, stride: strides, fill: baselines },
        });
        expect(peerAgreement(e.attributions, variant.attributions).ratio).toBeLessThanOrEqual(1);
      } finally {
        model.dispose?.();
      }
    });
  }
});
