import * as tf from '@tensorflow/tfjs-core';
import { fromFunction } from '../model/fromFunction';
import type { Model } from '../model/Model';
import { createRandom } from '../random/createRandom';

/** Options of {@link createTinyMlp}. */
export interface TinyMlpOptions {
  inputs?: number;
  hidden?: number;
  outputs?: number;
  seed?: number;
  /** Last-layer activation. */
  head?: 'softmax' | 'sigmoid' | 'linear';
}

/**
 * A small seeded MLP (`inputs → hidden tanh → outputs`) as a differentiable {@link Model}, for
 * conformance tests. Dispose it with `model.dispose()`.
 */
export function createTinyMlp(options: TinyMlpOptions = {}): Model {
  const { inputs = 6, hidden = 8, outputs = 3, seed = 1, head = 'softmax' } = options;
  const rng = createRandom(seed);
  const w1 = tf.tensor2d(rng.fillNormal(new Float32Array(inputs * hidden), 0, 1 / Math.sqrt(inputs)), [inputs, hidden]);
  const b1 = tf.tensor1d(rng.fillNormal(new Float32Array(hidden), 0, 0.1));
  const w2 = tf.tensor2d(rng.fillNormal(new Float32Array(hidden * outputs), 0, 1 / Math.sqrt(hidden)), [hidden, outputs]);
  const b2 = tf.tensor1d(rng.fillNormal(new Float32Array(outputs), 0, 0.1));
  const fn = (x: tf.Tensor) => {
    const z = tf.add(tf.matMul(tf.tanh(tf.add(tf.matMul(x as tf.Tensor2D, w1), b1)), w2), b2);
    return head === 'softmax' ? tf.softmax(z) : head === 'sigmoid' ? tf.sigmoid(z) : z;
  };
  const model = fromFunction(fn, { inputShape: [inputs], outputShape: [outputs], name: `tiny-mlp-${seed}` });
  return { ...model, dispose: () => tf.dispose([w1, b1, w2, b2]) };
}

/** Continuous, tie-free inputs `[batch, ...shape]` as nested arrays (seeded, in [-1, 1)). */
export function randomInputs(batch: number, shape: readonly number[], seed = 7): number[][] {
  const rng = createRandom(seed);
  const per = shape.reduce((a, b) => a * b, 1);
  return Array.from({ length: batch }, () => {
    const flat = Array.from({ length: per }, () => rng.uniform(-1, 1));
    return reshape(flat, shape) as number[];
  });
}

function reshape(flat: number[], shape: readonly number[]): unknown {
  const [rows, ...rest] = shape;
  if (rows === undefined || rest.length === 0) return flat;
  const stride = flat.length / rows;
  return Array.from({ length: rows }, (_, i) => reshape(flat.slice(i * stride, (i + 1) * stride), rest));
}
