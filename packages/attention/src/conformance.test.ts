import { afterAll, beforeAll, describe, it } from 'vitest';
import { listBackends, useBackend, type Explainer } from '@glassbox/core';
import { explainerConformance } from '@glassbox/core/testing';
import { attentionFlow } from './attentionFlow';
import { attentionGradRollout } from './attentionGradRollout';
import { attentionRollout } from './attentionRollout';
import { rawAttention } from './rawAttention';
import { TINY_IDS, tinyAttentionModel } from './testModels';
import { tokenIntegratedGradients } from './tokenIntegratedGradients';

/**
 * Core's explainer conformance suite for every method, on each backend in GLASSBOX_TEST_BACKENDS
 * (comma-separated, default `cpu,wasm,native`: the set-up builds the native addon; WebGPU on
 * SwiftShader is covered by backend-webgpu's own suite).
 */
const backends = (process.env.GLASSBOX_TEST_BACKENDS ?? 'cpu,wasm,native').split(',').map((s) => s.trim()).filter(Boolean);

const matrix = (shape: number[]) => [...shape, shape[1]!];
// Memory budgets small enough for one example (or one IG step) per chunk, so that progress and
// abort are exercised mid-run.
const methods: [Explainer<any, any, any>, ((s: number[]) => number[]) | undefined, number][] = [
  [rawAttention({ layers: 'all' }), matrix, 20_000],
  [attentionRollout({ discardRatio: 0.1 }), matrix, 20_000],
  [attentionFlow(), undefined, 20_000],
  [attentionGradRollout(), matrix, 60_000],
  [tokenIntegratedGradients({ steps: 8 }), undefined, 150_000],
];

for (const backend of backends) {
  describe(`conformance on ${backend}`, () => {
    beforeAll(async () => {
      if (backend !== 'cpu' && !listBackends().some((b) => b.name === backend)) await import(/* @vite-ignore */ `@glassbox/backend-${backend}/register`);
      await useBackend(backend);
    });
    afterAll(async () => {
      await useBackend('cpu');
    });
    for (const [explainer, expectedShape, memoryBudgetBytes] of methods) {
      const checks = explainerConformance({
        explainer,
        model: () => tinyAttentionModel({ seed: 31 }),
        inputs: () => TINY_IDS.map((r) => [...r]),
        // Token-attribution methods: one score per token, the input's own shape.
        expectedShape: expectedShape ?? ((s) => s),
        call: { memoryBudgetBytes },
      });
      for (const c of checks) it(c.name, c.run);
    }
  });
}
