import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { createRandom, registerBackend, type Explanation } from '@glassbox/core';
import { saliency } from '@glassbox/gradient-saliency';
import { integratedGradients } from '@glassbox/integrated-gradients';
import { deletion, insertion, type FlipCurveResult, type MetricResult } from '@glassbox/metrics';
import { decodePng } from '@glassbox/viz';
import { occlusion } from 'glassbox-plugin-occlusion';
import { compareMethods } from './compareMethods';
import { heldOutDigits } from './heldOutDigits';
import { loadMnistModel } from './mnistModel';
import { smoothIgPipeline } from './smoothIgPipeline';

/** The same explanation with seeded random attributions: the ranking a faithful method must beat. */
const randomControl = (e: Explanation, seed: number): Explanation => ({ ...e, method: 'random', attributions: createRandom(seed).fillUniform(new Float32Array(e.attributions.length)) });

// A second backend for per-stage switching: tfjs's CPU kernels under another name.
tf.registerBackend('cpu-second', () => new MathBackendCPU(), -1);
for (const k of tf.getKernelsForBackend('cpu')) tf.registerKernel({ ...k, backendName: 'cpu-second' });
registerBackend({ name: 'cpu-second', priority: -1, description: 'a second CPU backend (test)', init: async () => {} });

describe('SmoothGrad(IG) → |·| → normalise → metrics → PNG on held-out MNIST 3s', () => {
  it('scores the explanation, renders it, and runs each stage on its backend', async () => {
    const model = await loadMnistModel();
    try {
      const digits = heldOutDigits(3, 2); // 3:825 and 3:826, both classified as 3s
      const run = await smoothIgPipeline(model, digits, { samples: 4, steps: 8, noiseLevel: 0.1, explainBackend: 'cpu-second', metricsBackend: 'cpu', sanityCheck: true, seed: 1 });
      expect(run.stages).toEqual([
        'smoothgrad(integrated-gradients)', 'absolute', 'normalize', 'deletion', 'insertion', 'infidelity', 'max-sensitivity', 'randomization', 'keep', 'render-png',
      ]);
      const e = run.explanation;
      expect(e.backend).toBe('cpu-second');
      expect(Math.max(...e.attributions)).toBe(1); // normalised |attributions|
      // The model is confident these are 3s, and the explanation is faithful: deleting its top pixels
      // lowers P(3) faster, and inserting them raises it faster, than a random ranking does.
      for (const p of e.outputs) expect(p).toBeGreaterThan(0.5);
      const del = e.metrics.deletion as FlipCurveResult, ins = e.metrics.insertion as FlipCurveResult;
      expect(del.curves[0]!.length).toBe(29);
      expect(del.score).toBeLessThan((await deletion(randomControl(e, 3), model, { steps: 28 })).score);
      expect(ins.score).toBeGreaterThan((await insertion(randomControl(e, 3), model, { steps: 28 })).score);
      for (const name of ['infidelity', 'max-sensitivity', 'randomization']) expect(Number.isFinite((e.metrics[name] as MetricResult).score)).toBe(true);
      const png = decodePng(run.png);
      expect(png.width).toBeGreaterThanOrEqual(112);
      expect(png.height).toBeGreaterThanOrEqual(112);
    } finally {
      model.dispose?.();
    }
  });
});

describe('several methods on the same digits', () => {
  it('reports their agreement and each one beats a random ranking on deletion', async () => {
    const model = await loadMnistModel();
    try {
      const three = heldOutDigits(3, 2);
      const eight = heldOutDigits(8, 1);
      const digits = { values: new Float32Array([...three.values, ...eight.values]), shape: [3, 28, 28, 1] };
      const c = await compareMethods(
        model,
        digits,
        [{ explainer: saliency() }, { explainer: integratedGradients({ steps: 16 }), backend: 'cpu-second' }, { explainer: occlusion({ window: [4, 4, 1], stride: [2, 2, 1] }) }],
        { target: 0, seed: 2 },
      );
      expect(c.agreement.methods).toEqual(['saliency', 'integrated-gradients', 'occlusion']);
      expect(c.explanations.map((e) => e.backend)).toEqual(['cpu', 'cpu-second', 'cpu']);
      const rho = c.agreement.spearman;
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) {
        expect(rho[i]![j]).toBe(rho[j]![i]);
        expect(Math.abs(rho[i]![j]!)).toBeLessThanOrEqual(1);
      }
      const control = (await deletion(randomControl(c.explanations[0]!, 5), model, { steps: 28, by: 'absolute', unit: 'pixel' })).score;
      for (const auc of Object.values(c.deletionAuc)) expect(auc).toBeLessThan(control);
      expect(decodePng(c.png).width).toBeGreaterThan(0);
    } finally {
      model.dispose?.();
    }
  });
});
