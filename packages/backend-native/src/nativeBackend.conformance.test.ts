import * as tf from '@tensorflow/tfjs-core';
import { fromFunction, registerBackend, type Model } from '@glassbox/core';
import { backendConformance, createTinyMlp, randomInputs, referenceExplainer, type BackendCase } from '@glassbox/core/testing';
import { describe, it } from 'vitest';
import { nativeBackend } from './nativeBackend';
import { requireNative } from './testing/kernelHarness';

requireNative();
registerBackend(nativeBackend());

/** A seeded small CNN (conv 3×3 relu → max-pool 2 → conv 3×3 relu → dense softmax) on 10×10×1 images. */
function tinyCnn(): Model {
  const r = (shape: number[], seed: number, scale: number) => {
    let s = seed;
    const n = shape.reduce((a, b) => a * b, 1);
    const v = new Float32Array(n).map(() => {
      s = (s * 1103515245 + 12345) % 2147483648;
      return ((s / 2147483648) * 2 - 1) * scale;
    });
    return tf.tensor(v, shape);
  };
  const f1 = r([3, 3, 1, 4], 1, 0.5), b1 = r([4], 2, 0.1), f2 = r([3, 3, 4, 6], 3, 0.3), b2 = r([6], 4, 0.1);
  const w = r([2 * 2 * 6, 3], 5, 0.3), b = r([3], 6, 0.1);
  const fn = (x: tf.Tensor) => {
    const h1 = tf.fused.conv2d({ x: x as tf.Tensor4D, filter: f1 as tf.Tensor4D, strides: 1, pad: 'valid', bias: b1, activation: 'relu' });
    const p = tf.maxPool(h1, 2, 2, 'valid');
    const h2 = tf.relu(tf.add(tf.conv2d(p, f2 as tf.Tensor4D, 1, 'valid'), b2));
    return tf.softmax(tf.add(tf.matMul(tf.reshape(h2, [-1, 24]), w as tf.Tensor2D), b));
  };
  const model = fromFunction(fn, { inputShape: [10, 10, 1], outputShape: [3], name: 'tiny-cnn' });
  return { ...model, dispose: () => tf.dispose([f1, b1, f2, b2, w, b]) };
}

const cases: BackendCase[] = [
  { explainer: referenceExplainer(), model: () => createTinyMlp({ seed: 3 }), inputs: () => randomInputs(5, [6], 9) },
  {
    explainer: referenceExplainer(),
    model: () => createTinyMlp({ inputs: 20, hidden: 33, outputs: 2, head: 'sigmoid', seed: 4 }),
    inputs: () => randomInputs(7, [20], 10),
    call: { options: { chunk: 3 } },
  },
  {
    explainer: referenceExplainer(),
    model: () => createTinyMlp({ inputs: 9, hidden: 17, outputs: 4, head: 'linear', seed: 5 }),
    inputs: () => randomInputs(4, [9], 11),
  },
  { explainer: referenceExplainer(), model: tinyCnn, inputs: () => randomInputs(3, [10, 10, 1], 12) },
];

describe('native backend conformance', () => {
  for (const check of backendConformance({ backend: 'native', cases })) it(check.name, check.run);
});
