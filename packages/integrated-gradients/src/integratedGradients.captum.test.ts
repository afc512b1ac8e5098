import { describe, it, expect, afterAll } from 'vitest';
import { captumReference, peerAgreement } from '@glassbox/core/testing';
import type { IntegrationRule } from './integrationPoints';
import { integratedGradients } from './integratedGradients';

const ref = await captumReference();
const cases = await Promise.all(
  ([['integrated_gradients.json', 0], ['integrated_gradients_baseline_0.5.json', 0.5]] as const).map(
    async ([file, baseline]) => [baseline, await ref.variants(new URL(`../fixtures/captum/${file}`, import.meta.url))] as const,
  ),
);

describe('integrated gradients agree with Captum (all five rules × 16, 50, 200 steps)', () => {
  const model = ref.model();
  afterAll(async () => (await model).dispose?.());
  for (const [baseline, variants] of cases) {
    for (const v of variants) {
      const p = v.params as { method: IntegrationRule; n_steps: number };
      it(`${v.id} (baseline ${baseline}): attributions within 1e-4·max|ref| + 1e-7, deltas within 1e-5·max(1, Σ|ref|)`, async () => {
        const e = await integratedGradients().explain(await model, ref.inputs, {
          target: ref.targets,
          options: { rule: p.method, steps: p.n_steps, baseline },
        });
        expect(peerAgreement(e.attributions, v.attributions).ratio).toBeLessThanOrEqual(1);
        const deltaScale = (i: number) => Math.max(1, v.attributions[i]!.reduce((s, a) => s + Math.abs(a), 0));
        expect(peerAgreement(e.convergenceDelta!, v.convergence_delta!.map((d) => [d]), { rtol: 1e-5, atol: 0, scale: deltaScale }).ratio).toBeLessThanOrEqual(1);
      });
    }
  }
});
