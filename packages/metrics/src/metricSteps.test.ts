import { describe, expect, expectTypeOf, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { absolute, currentBackend, defineExplainer, normalize, pipeline, registerBackend, type Explanation, type PipelineStep } from '@glassbox/core';
import { randomInputs, trackTensors } from '@glassbox/core/testing';
import { agreementStep, completenessStep, deletionStep, infidelityStep, maxSensitivityStep, randomizationStep } from './metricSteps';
import { deletion } from './deletion';
import { maxSensitivity } from './maxSensitivity';
import type { FlipCurveResult } from './flipCurve';
import type { MetricResult } from './Metric';
import { gradientExplainer, gradientTimesInput, inputExplainer, layersMlp, linearModel } from './testFixtures';

const w = [3, -1, 5, 0.5, 2, -4];
const x = [[1, 1, 1, 1, 1, 1], [2, -1, 0.5, 1, 0, 1]];

/** A surrogate-tree-like explainer: kind `surrogate`, importances instead of per-input attributions. */
const surrogate = defineExplainer<Record<string, never>, 'surrogate'>({
  name: 'test-surrogate',
  package: { name: 'test-surrogate-plugin', version: '1.0.0' },
  kind: 'surrogate',

  description: 'Feature importances of a fitted surrogate',
  requires: [],
  options: {},
  run: async ({ inputs }) => ({ attributions: { values: new Float32Array(inputs.shape[1]!).fill(1), shape: [inputs.shape[1]!] } }),
});
const layerMethod = defineExplainer<Record<string, never>, 'layer-attribution'>({
  name: 'test-layer',
  package: { name: 'glassbox-metrics-test', version: '1.0.0' },
  kind: 'layer-attribution',
  description: 'Per-layer values',
  requires: [],
  options: {},
  run: async ({ inputs }) => ({ attributions: { values: new Float32Array(inputs.shape[0] * 2), shape: [inputs.shape[0], 2] } }),
});

describe('metrics as pipeline steps', () => {
  it('record their results in explanation.metrics and pass the attributions through unchanged', async () => {
    const m = linearModel(w, 1);
    const e = await pipeline(gradientTimesInput())
      .use(completenessStep())
      .use(deletionStep({ steps: 6 }))
      .use(infidelityStep({ samples: 10 }))
      .run(m, x, { target: 0, seed: 2 });
    expect(Object.keys(e.metrics)).toEqual(['completeness', 'deletion', 'infidelity']);
    const direct = await deletion(await gradientTimesInput().explain(m, x, { target: 0 }), m, { steps: 6 });
    expect((e.metrics.deletion as FlipCurveResult).curves).toEqual(direct.curves);
    expect(Array.from(e.attributions)).toEqual(Array.from((await gradientTimesInput().explain(m, x, { target: 0 })).attributions));
    m.dispose?.();
  });

  it('max-sensitivity after post-processing re-explains through the whole pipeline (explainAgain)', async () => {
    const m = linearModel(w, 1);
    let sourceCalls = 0;
    const counted = { ...gradientTimesInput(), explain: (...a: Parameters<ReturnType<typeof gradientTimesInput>['explain']>) => (sourceCalls++, gradientTimesInput().explain(...a)) };
    const e = await pipeline(counted)
      .use(absolute())
      .use(normalize())
      .use(deletionStep()) // observes: skipped when the pipeline is replayed
      .use(maxSensitivityStep({ samples: 4, radius: 0.1, maxBatch: 4 }))
      .run(m, x, { target: 0, seed: 9 });
    // One source call for the run, one replay per chunk of 4 perturbed copies (2 examples × 4 samples).
    expect(sourceCalls).toBe(1 + 2);
    // The same number by hand: re-explain = |gradient × input| normalised by its max.
    const absNorm = async (model: never, inputs: never, call: { target: number[] }) => {
      const r = await gradientTimesInput().explain(model, inputs, { target: call.target });
      const per = 6;
      const out = r.attributions.map(Math.abs);
      for (let i = 0; i < out.length / per; i++) {
        const max = Math.max(...out.slice(i * per, (i + 1) * per));
        for (let j = i * per; j < (i + 1) * per; j++) out[j] = out[j]! / max;
      }
      return { ...r, attributions: out };
    };
    const byHand = await maxSensitivity(e, m, { samples: 4, radius: 0.1, maxBatch: 4, seed: 9, reexplain: absNorm as never });
    expect((e.metrics['max-sensitivity'] as MetricResult).perExample).toEqual(byHand.perExample);
    m.dispose?.();
  });

  it('the randomisation check and agreement run as steps too', async () => {
    const m = layersMlp(10, 3, 2);
    const inputs = randomInputs(2, [10], 3);
    const r = await trackTensors(() =>
      pipeline(gradientExplainer()).use(randomizationStep({ layers: ['dense_3'] })).use(agreementStep([gradientTimesInput(), inputExplainer()])).run(m, inputs, { target: 1 }),
    );
    expect(r.leaked).toBe(0);
    const e = r.value!;
    expect((e.metrics.randomization as { steps: unknown[] }).steps.length).toBe(1);
    expect((e.metrics.agreement as { methods: string[] }).methods).toEqual(['test-gradient', 'test-gradient-x-input', 'test-input']);
    m.dispose?.();
  });

  it('each stage can run on its own backend', async () => {
    // A second backend for the test: tfjs's CPU kernels under another name.
    tf.registerBackend('cpu-second', () => new MathBackendCPU(), -1);
    for (const k of tf.getKernelsForBackend('cpu')) tf.registerKernel({ ...k, backendName: 'cpu-second' });
    registerBackend({ name: 'cpu-second', priority: -1, description: 'a second CPU backend (test)', init: async () => {} });
    const m = linearModel(w, 1);
    const seen: string[] = [];
    const spy: PipelineStep<Explanation<'attribution'>, Explanation<'attribution'>> = { name: 'spy', plugin: 'test', backend: 'cpu-second', run: (e) => (seen.push(currentBackend()), e) };
    const e = await pipeline(gradientTimesInput(), { backend: 'cpu-second' }).use(deletionStep({ backend: 'cpu' })).use(spy).run(m, x, { target: 0 });
    expect(e.backend).toBe('cpu-second');
    expect(seen).toEqual(['cpu-second']);
    expect(currentBackend()).toBe('cpu');
    expect(e.metrics.deletion).toBeDefined();
    m.dispose?.();
  });
});

describe('composition errors', () => {
  it('a metric step after an explanation of the wrong kind does not type-check', () => {
    // @ts-expect-error a surrogate explanation has no per-input attributions to delete
    pipeline(surrogate).use(deletionStep());
    // @ts-expect-error layer attributions are not shaped like the inputs
    pipeline(layerMethod).use(infidelityStep());
    // These fit: completeness accepts layer attributions, deletion follows post-processing.
    pipeline(layerMethod).use(completenessStep());
    const ok = pipeline(gradientTimesInput()).use(absolute()).use(deletionStep()).use(normalize());
    expectTypeOf(ok.run).returns.resolves.toEqualTypeOf<Explanation<'attribution', unknown>>();
    // @ts-expect-error a step's output that is not an explanation cannot feed a metric
    pipeline(gradientTimesInput()).use({ name: 'count', plugin: 'p', run: (e: Explanation<'attribution'>) => e.attributions.length }).use(deletionStep());
  });

  it('at run time, an untyped wrong composition names the step and its plugin', async () => {
    const m = linearModel(w, 1);
    const r = await trackTensors(() => pipeline(surrogate).use(deletionStep() as never).run(m, x));
    expect(r.error).toMatchObject({
      code: 'PIPELINE_STEP_FAILED',
      message: 'Pipeline step 1 "deletion" (plugin @glassbox/metrics) failed: step accepts explanations of kind attribution; got surrogate',
      details: { index: 1, name: 'deletion', plugin: '@glassbox/metrics' },
    });
    expect(r.leaked).toBe(0);
    m.dispose?.();
  });

  it('a metric that fails inside a pipeline names the step, the plugin and the cause', async () => {
    const m = linearModel(w, 1);
    // normalize drops the convergence delta that completeness reads
    const p = pipeline(gradientTimesInput()).use(normalize()).use(completenessStep());
    await expect(p.run(m, x, { target: 0 })).rejects.toMatchObject({
      code: 'PIPELINE_STEP_FAILED',
      message: expect.stringMatching(/^Pipeline step 2 "completeness" \(plugin @glassbox\/metrics\) failed: Metric "completeness" needs the convergence delta/),
      details: { causeCode: 'INVALID_INPUT' },
    });
    m.dispose?.();
  });
});
