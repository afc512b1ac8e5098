import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { currentBackend, defineExplainer, registerBackend, useBackend, type Explainer, type Explanation, type Model } from '@glassbox/core';
import { loadModel } from '@glassbox/core/node';
import { saliency, smoothGrad } from '@glassbox/gradient-saliency';
import { integratedGradients } from '@glassbox/integrated-gradients';
import { wasmBackend } from '@glassbox/backend-wasm';
import { nativeBackend } from '@glassbox/backend-native';
import { cliWorkspace } from '../testFixtures';

// Issue 18 item 3: tfjs has one global backend; explanations must not mix backends under concurrency.
let model: Model;
const x = [
  [0.5, -1, 0.25, 2, -0.75, 1],
  [1.5, 0.1, -0.2, -1, 0.3, 0.9],
];
const calls: { explainer: Explainer<any, any, any>; backend: string; seed: number }[] = [
  { explainer: integratedGradients({ steps: 64 }), backend: 'cpu', seed: 0 },
  { explainer: smoothGrad({ samples: 16 }), backend: 'wasm', seed: 1 },
  { explainer: saliency(), backend: 'native', seed: 0 },
  { explainer: integratedGradients({ steps: 64 }), backend: 'wasm', seed: 0 },
  { explainer: smoothGrad({ samples: 16 }), backend: 'cpu', seed: 2 },
  { explainer: integratedGradients({ steps: 64 }), backend: 'native', seed: 0 },
  { explainer: saliency(), backend: 'cpu', seed: 0 },
  { explainer: smoothGrad({ samples: 16 }), backend: 'native', seed: 3 },
];

beforeAll(async () => {
  const ws = await cliWorkspace();
  model = await loadModel(ws.model);
  registerBackend(wasmBackend());
  registerBackend(nativeBackend({ threads: 1 }));
});
afterAll(async () => {
  await useBackend('cpu');
  model.dispose?.();
});

describe('backends under concurrency', () => {
  it('8 concurrent explanations over cpu, wasm and native (wasm and native initialised during the run) equal the same calls one at a time, each labelled with its real backend', async () => {
    expect(currentBackend()).toBe('cpu');
    const before = tf.memory().numTensors;
    // Concurrent first: wasm and native initialise for the first time while cpu calls are in flight.
    const concurrent = await Promise.all(calls.map((c) => c.explainer.explain(model, x, { backend: c.backend, seed: c.seed, target: 1 })));
    const oneByOne: Explanation[] = [];
    for (const c of calls) oneByOne.push(await c.explainer.explain(model, x, { backend: c.backend, seed: c.seed, target: 1 }));
    for (const [i, c] of calls.entries()) {
      expect(concurrent[i]!.backend, `call ${i}`).toBe(c.backend);
      expect(oneByOne[i]!.backend, `call ${i}`).toBe(c.backend);
      expect(Array.from(concurrent[i]!.attributions), `call ${i} (${c.explainer.name} on ${c.backend})`).toEqual(Array.from(oneByOne[i]!.attributions));
    }
    // Same method on different backends agrees within float32 tolerance (they really ran there).
    const ig = [0, 3, 5].map((i) => concurrent[i]!.attributions);
    for (const other of ig.slice(1)) other.forEach((v, j) => expect(v).toBeCloseTo(ig[0]![j]!, 4));
    // A call that names a backend restores the previous one.
    expect(currentBackend()).toBe('cpu');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('useBackend during a running explanation waits for it: the explanation stays on its backend', async () => {
    await useBackend('cpu');
    // A tiny memory budget cuts the run into many chunks, with an await between each.
    const call = { target: 0, memoryBudgetBytes: 2048 };
    const baseline = await integratedGradients({ steps: 256 }).explain(model, x, call);
    const running = integratedGradients({ steps: 256 }).explain(model, x, call);
    const switching = useBackend('wasm');
    const [e] = await Promise.all([running, switching]);
    expect(e.backend).toBe('cpu');
    expect(Array.from(e.attributions)).toEqual(Array.from(baseline.attributions));
    expect(currentBackend()).toBe('wasm');
    await useBackend('cpu');
  });

  it('tf.setBackend behind the lock’s back during a run is caught: BACKEND_SWITCHED, not a mislabelled result', async () => {
    await useBackend('cpu');
    const rogue = defineExplainer({
      name: 'rogue', package: { name: 'rogue-test', version: '1.0.0' }, kind: 'attribution', description: 'switches backend mid-run', requires: [], options: {},
      async run({ inputs }) {
        await tf.setBackend('wasm');
        return { attributions: { values: new Float32Array(inputs.size), shape: [...inputs.shape] } };
      },
    });
    const err = await rogue.explain(model, x).catch((e) => e);
    expect(err.code).toBe('BACKEND_SWITCHED');
    expect(err.details).toEqual({ expected: 'cpu', received: 'wasm' });
    await useBackend('cpu');
  });
});
