import { afterEach, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { cpuBackend } from './cpuBackend';
import { registerBackend, useBackend } from './backendRegistry';
import { defineExplainer } from '../explainer/defineExplainer';
import { createTinyMlp, randomInputs } from '../testing/fixtures';
import { CPU_MEMORY_BUDGET, defaultMemoryBudget } from '../tensor/defaultMemoryBudget';

/** Records the memory budget its run was given. */
function budgetProbe(seen: number[]) {
  return defineExplainer<Record<string, never>, 'attribution'>({
    name: 'budget-probe',
    kind: 'attribution',
    package: { name: 'test', version: '0.0.0' },
    description: 'records context.memoryBudgetBytes',
    requires: [],
    options: {},
    async run({ inputs, context }) {
      seen.push(context.memoryBudgetBytes);
      return { attributions: tf.zerosLike(inputs) };
    },
  });
}

describe('a backend with bounded memory (BackendProvider.memoryLimitBytes)', () => {
  afterEach(async () => {
    registerBackend(cpuBackend);
    await useBackend('cpu');
  });

  it('caps the budget of explanations on it, given or default, at half its limit', async () => {
    const limit = 64 * 1024 * 1024;
    registerBackend({ ...cpuBackend, memoryLimitBytes: () => limit });
    await useBackend('cpu');
    const seen: number[] = [];
    const model = createTinyMlp({ inputs: 4, outputs: 3, seed: 1 });
    const x = randomInputs(2, [4], 2);
    await budgetProbe(seen).explain(model, x, { target: 0 });
    await budgetProbe(seen).explain(model, x, { target: 0, memoryBudgetBytes: 2 ** 30 });
    await budgetProbe(seen).explain(model, x, { target: 0, memoryBudgetBytes: 1024 });
    expect(seen).toEqual([limit / 2, limit / 2, 1024]);
  });

  it('leaves a given budget alone on an unbounded backend', async () => {
    const seen: number[] = [];
    await budgetProbe(seen).explain(createTinyMlp({ inputs: 4, outputs: 3, seed: 1 }), randomInputs(1, [4], 2), { target: 0, memoryBudgetBytes: 2 ** 33 });
    expect(seen).toEqual([2 ** 33]);
  });
});

describe('a backend with a preferred budget (BackendProvider.preferredMemoryBudgetBytes)', () => {
  afterEach(async () => {
    registerBackend(cpuBackend);
    await useBackend('cpu');
  });

  it('is the default when smaller than the machine-sized one; a given budget wins', async () => {
    const model = createTinyMlp({ inputs: 4, outputs: 3, seed: 1 });
    const x = randomInputs(2, [4], 2);
    const seen: number[] = [];
    await budgetProbe(seen).explain(model, x, { target: 0 });
    expect(seen[0]).toBeLessThanOrEqual(CPU_MEMORY_BUDGET); // cpu prefers 256 MiB
    if (defaultMemoryBudget() > 2 * CPU_MEMORY_BUDGET) expect(seen[0]).toBe(CPU_MEMORY_BUDGET);
    registerBackend({ ...cpuBackend, preferredMemoryBudgetBytes: 1 << 20 });
    await useBackend('cpu');
    await budgetProbe(seen).explain(model, x, { target: 0 });
    await budgetProbe(seen).explain(model, x, { target: 0, memoryBudgetBytes: 1 << 30 });
    expect(seen.slice(1)).toEqual([1 << 20, 1 << 30]);
    // Both hints: the preferred default, then the bounded backend's cap.
    registerBackend({ ...cpuBackend, preferredMemoryBudgetBytes: 1 << 26, memoryLimitBytes: () => 1 << 24 });
    await useBackend('cpu');
    await budgetProbe(seen).explain(model, x, { target: 0 });
    expect(seen[3]).toBe(1 << 23);
  });
});
