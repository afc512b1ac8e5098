import { describe, it, expect } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { ensureGradients } from '@glassbox/core';
import { trackTensors } from '@glassbox/core/testing';
import { integrate } from './integrate';
import { INTEGRATION_RULES } from './integrationPoints';

describe('integrate', () => {
  // f(x) = Σ a_j x_j² + c: IG from 0 is exactly a_j x_j² per feature for a rule exact on linear
  // integrands (the gradient along the path is linear in α).
  const a = [1, -2, 0.5, 3];

  it('is exact for a quadratic with midpoint, trapezoid-free and Gauss–Legendre rules, on one output', async () => {
    await ensureGradients();
    const at = tf.tensor1d(a);
    const forward = (x: tf.Tensor) => tf.add(tf.sum(tf.mul(at, tf.square(x)), 1, true), 0.3);
    const xs = [[0.5, -1, 2, 0.1], [1, 1, -1, -0.5]];
    const x = tf.tensor2d(xs);
    const b = tf.zerosLike(x);
    for (const rule of ['riemann_middle', 'gausslegendre'] as const) {
      const r = await integrate({ forward, inputs: x, baselines: b, targets: [0, 0], rule, steps: 3 });
      r.attributions.forEach((v, i) => expect(v).toBeCloseTo(a[i % 4]! * xs[Math.floor(i / 4)]![i % 4]! ** 2, 5));
      r.convergenceDelta.forEach((d) => expect(Math.abs(d)).toBeLessThan(1e-5));
      expect(r.fBaselines).toEqual([expect.closeTo(0.3, 6), expect.closeTo(0.3, 6)]);
    }
    tf.dispose([at, x, b]);
  });

  it('gives the same attributions whatever the chunk size, for every rule', async () => {
    await ensureGradients();
    const w = tf.tensor2d([[0.3, -0.2], [0.5, 0.9], [-0.7, 0.1]]);
    const forward = (x: tf.Tensor) => tf.softmax(tf.tanh(tf.matMul(x as tf.Tensor2D, w)));
    const x = tf.tensor2d([[1, 2, 3], [-1, 0.5, 2], [0.3, 0.3, -2]]);
    const b = tf.fill([3, 3], 0.1);
    for (const rule of INTEGRATION_RULES) {
      const whole = await integrate({ forward, inputs: x, baselines: b, targets: [0, 1, 1], rule, steps: 10 });
      expect(whole.chunks).toBe(1);
      for (const chunkSize of [1, 2, 4, 7]) {
        const r = await trackTensors(() => integrate({ forward, inputs: x, baselines: b, targets: [0, 1, 1], rule, steps: 10, chunkSize }));
        expect(r.leaked).toBe(0);
        expect(r.value!.chunkSize).toBeLessThanOrEqual(chunkSize);
        r.value!.attributions.forEach((v, i) => expect(v).toBeCloseTo(whole.attributions[i]!, 6));
      }
    }
    tf.dispose([w, x, b]);
  });

  it('refuses baselines of another shape and a wrong number of targets', async () => {
    await ensureGradients();
    const x = tf.ones([2, 3]);
    const b = tf.zeros([2, 4]);
    const forward = (t: tf.Tensor) => tf.sum(t, 1, true);
    await expect(integrate({ forward, inputs: x, baselines: b, targets: [0, 0] })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('expected the inputs\' shape [2, 3]') });
    await expect(integrate({ forward, inputs: x, baselines: tf.zerosLike(x), targets: [0] })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    tf.dispose([x, b]);
  });

  it('stops between chunks when aborted, leaving no tensors behind', async () => {
    await ensureGradients();
    const x = tf.ones([2, 3]);
    const b = tf.zerosLike(x);
    const forward = (t: tf.Tensor) => tf.sigmoid(tf.sum(t, 1, true));
    let calls = 0;
    const r = await trackTensors(() =>
      integrate({
        forward, inputs: x, baselines: b, targets: [0, 0], steps: 20, chunkSize: 4,
        context: {
          progress: () => calls++,
          throwIfAborted: () => {
            if (calls >= 2) throw Object.assign(new Error('aborted'), { code: 'ABORTED' });
          },
        },
      }),
    );
    expect(r.error).toMatchObject({ code: 'ABORTED' });
    expect(calls).toBe(2);
    expect(r.leaked).toBe(0);
    tf.dispose([x, b]);
  });
});
