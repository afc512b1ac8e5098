import { describe, it, expect, afterAll } from 'vitest';
import type { IntegrationRule } from './integrationPoints';
import { integratedGradients } from './integratedGradients';
import { captumCase, captumInputs, captumModel, worstDeltaRatio, worstRatio } from './captumFixture';

describe('integrated gradients agree with Captum (all five rules × 16, 50, 200 steps)', () => {
  const model = captumModel();
  afterAll(async () => (await model).dispose?.());
  for (const [file, baseline] of [['integrated_gradients.json', 0], ['integrated_gradients_baseline_0.5.json', 0.5]] as const) {
    for (const v of captumCase(file)) {
      const p = v.params as { method: IntegrationRule; n_steps: number };
      it(`${v.id} (baseline ${baseline}): attributions and convergence deltas within tolerance`, async () => {
        const e = await integratedGradients().explain(await model, captumInputs.inputs, {
          target: captumInputs.targets,
          options: { rule: p.method, steps: p.n_steps, baseline },
        });
        expect(worstRatio(e.attributions, v.attributions)).toBeLessThanOrEqual(1);
        expect(worstDeltaRatio(e.convergenceDelta!, v.convergence_delta!, v.attributions)).toBeLessThanOrEqual(1);
      });
    }
  }
});
