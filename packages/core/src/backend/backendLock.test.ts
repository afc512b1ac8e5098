import { describe, it, expect } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { withBackendLock } from './backendLock';
import { useBackend, withBackend } from './backendRegistry';
import { defineExplainer } from '../explainer/defineExplainer';
import { fromFunction } from '../model/fromFunction';
import { ensureGradients } from './ensureGradients';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('backend lock', () => {
  it('runs holders one at a time, in arrival order, and survives a holder that throws', async () => {
    const log: string[] = [];
    const job = (name: string, ms: number, fail = false) =>
      withBackendLock(async () => {
        log.push(`${name}+`);
        await sleep(ms);
        log.push(`${name}-`);
        if (fail) throw new Error(name);
        return name;
      });
    const results = await Promise.allSettled([job('a', 20), job('b', 1, true), job('c', 5)]);
    expect(log).toEqual(['a+', 'a-', 'b+', 'b-', 'c+', 'c-']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('a nested explain (inside another explainer’s run, or inside withBackend) joins the holder instead of deadlocking', async () => {
    await ensureGradients(); // slow the first time under vitest: keep it out of the deadlock timer
    const model = fromFunction((x) => tf.mul(x, 2), { inputShape: [2], outputShape: [2] });
    const inner = defineExplainer({
      name: 'inner', package: { name: 'lock-test', version: '1.0.0' }, kind: 'attribution', description: 'ones', requires: [], options: {},
      async run({ inputs }) {
        return { attributions: tf.onesLike(inputs) };
      },
    });
    const outer = defineExplainer({
      name: 'outer', package: { name: 'lock-test', version: '1.0.0' }, kind: 'attribution', description: 'calls inner.explain', requires: [], options: {},
      async run({ model: m, inputs }) {
        const e = await inner.explain(m, inputs);
        return { attributions: { values: e.attributions, shape: e.attributionShape } };
      },
    });
    const e = await Promise.race([outer.explain(model, [[1, 2]]), sleep(5000).then(() => 'deadlock')]);
    expect(typeof e === 'string' ? e : Array.from(e.attributions)).toEqual([1, 1]);
    const viaWithBackend = await Promise.race([withBackend('cpu', () => inner.explain(model, [[3, 4]])), sleep(5000).then(() => 'deadlock')]);
    expect(typeof viaWithBackend === 'string' ? viaWithBackend : viaWithBackend.backend).toBe('cpu');
    await useBackend('cpu');
  });
});
