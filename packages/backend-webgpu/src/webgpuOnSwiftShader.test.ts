import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerBackend, useBackend, type Progress } from '@glassbox/core';
import { backendConformance, randomInputs, trackTensors } from '@glassbox/core/testing';
import { webgpuBackend, webgpuBackendInfo } from './webgpuBackend';
import { smallWarmupSteps } from './warmupWorkload';
import { conformanceCases } from '../../backend-wasm/test/conformanceCases';
import { webgpuSkipReason } from '../test/webgpuEnvironment';

const skip = webgpuSkipReason();
if (skip && process.env.GLASSBOX_REQUIRE_BROWSER === '1') throw new Error(`GLASSBOX_REQUIRE_BROWSER=1 but WebGPU on SwiftShader cannot run: ${skip}`);
if (skip) console.warn(`[backend-webgpu] skipping WebGPU-on-SwiftShader tests: ${skip}`);

describe.skipIf(skip !== undefined)('webgpuBackend on SwiftShader (Dawn in Node)', () => {
  const progress: Progress[] = [];
  beforeAll(async () => {
    registerBackend(webgpuBackend({ warmupSteps: smallWarmupSteps() }));
    await useBackend('webgpu', { onProgress: (p) => progress.push(p) });
  });
  afterAll(async () => {
    await useBackend('cpu');
  });

  it('selects the SwiftShader adapter and reports the shader warm-up as progress', () => {
    expect(tf.getBackend()).toBe('webgpu');
    const info = webgpuBackendInfo()!;
    expect(info.adapter.architecture).toBe('swiftshader');
    console.log('warm-up', JSON.stringify(info.warmup));
    expect(info.warmup!.shaders).toBeGreaterThan(10);
    const messages = progress.map((p) => p.message ?? '');
    // useBackend passes its progress callback to the provider's warm-up: shader groups show up too.
    expect(messages[0]).toBe('initialising webgpu');
    expect(messages[1]).toBe('warming up webgpu');
    expect(messages.filter((m) => m.startsWith('compiling shaders:')).length).toBeGreaterThanOrEqual(2);
    expect(messages.at(-1)).toBe('webgpu ready');
  });

  it('warmup(onProgress) reports each group of shaders it compiles', async () => {
    const steps: Progress[] = [];
    await webgpuBackend({ warmupSteps: smallWarmupSteps() }).warmup((p) => steps.push(p));
    expect(steps[0]).toMatchObject({ stage: 'backend:webgpu', done: 0, message: expect.stringMatching(/^compiling shaders: dense/) });
    expect(steps.at(-1)).toMatchObject({ done: steps.at(-1)!.total, message: 'shaders compiled' });
    expect(steps.map((p) => p.done)).toEqual([...steps.keys()]);
  });

  it('computes a gradient like the cpu backend, and leaks no tensors', async () => {
    const x = randomInputs(16, [40], 3);
    const grad = async () => {
      const t = tf.tensor2d(x);
      const w = tf.tensor2d(randomInputs(40, [5], 4));
      const r = await trackTensors(async () => {
        const g = tf.tidy(() => tf.grad((v: tf.Tensor) => tf.sum(tf.mul(tf.softmax(tf.tanh(tf.matMul(v as tf.Tensor2D, w))), tf.range(1, 6))))(t));
        const values = (await g.data()) as Float32Array;
        g.dispose();
        return values;
      });
      tf.dispose([t, w]);
      return r;
    };
    const gpu = await grad();
    await useBackend('cpu');
    const cpu = await grad();
    await useBackend('webgpu');
    expect(gpu.leaked).toBe(0);
    const maxRef = Math.max(...cpu.value!.map(Math.abs));
    const maxDiff = Math.max(...gpu.value!.map((v, i) => Math.abs(v - cpu.value![i]!)));
    expect(maxDiff).toBeLessThanOrEqual(1e-4 * maxRef);
  });

  /**
   * Tolerance: per example, max|webgpu − cpu| ≤ 1e-3 · max|cpu| + 1e-6. GPU reductions sum in
   * trees and WGSL's exp/tanh are not correctly rounded (a few ulps, more near 0 for tanh written
   * through exp), so errors are larger than on wasm: measured worst case printed below, ~1e-6 on
   * SwiftShader. A wrong shader errs by O(1); 1e-3 keeps two orders of magnitude of margin for
   * GPUs whose transcendental functions are less precise than SwiftShader's.
   */
  const worst: string[] = [];
  const report = (r: { explainer: string; relativeError: number }) => worst.push(`${r.explainer} ${r.relativeError.toExponential(1)}`);
  for (const check of backendConformance({ backend: 'webgpu', cases: conformanceCases({ cnn: true, steps: 8 }), tolerance: { rtol: 1e-3, atol: 1e-6 }, report })) {
    it(check.name, check.run);
  }
  afterAll(() => console.log(`webgpu vs cpu, worst relative error per case: ${worst.join(', ')}`));
});
