import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadModel } from '@glassbox/core/node';
import { occlusion } from './occlusion';

// Reference answers from Captum 0.8.0 (float64), copied from the project's shared reference set.
const fixtures = fileURLToPath(new URL('../test/fixtures/', import.meta.url));
interface Case {
  inputs: number[][];
  targets: number[];
  variants: { id: string; params: { sliding_window_shapes: number[]; strides: number[]; baselines: number }; attributions: number[][] }[];
}
const reference = JSON.parse(readFileSync(`${fixtures}occlusion.json`, 'utf8')) as Case;

describe('occlusion agrees with Captum', () => {
  for (const variant of reference.variants) {
    it(`${variant.id}: per example, max |got − ref| ≤ 1e-4 · max |ref| + 1e-7`, async () => {
      const model = await loadModel(`${fixtures}mlp_multiclass/model.json`);
      try {
        const { sliding_window_shapes, strides, baselines } = variant.params;
        const e = await occlusion().explain(model, reference.inputs, {
          target: reference.targets,
          options: { window: sliding_window_shapes, stride: strides, fill: baselines },
        });
        const per = reference.inputs[0].length;
        variant.attributions.forEach((ref, i) => {
          const scale = Math.max(...ref.map(Math.abs));
          const err = Math.max(...ref.map((r, j) => Math.abs(e.attributions[i * per + j] - r)));
          expect(err).toBeLessThanOrEqual(1e-4 * scale + 1e-7);
        });
      } finally {
        model.dispose?.();
      }
    });
  }
});
