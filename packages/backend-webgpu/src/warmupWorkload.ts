import * as tf from '@tensorflow/tfjs-core';

/** One named piece of warm-up work; it may leave tensors for `tf.tidy` to release. */
export interface WarmupStep {
  name: string;
  run(): tf.Tensor | tf.Tensor[];
}

const dense = (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) => tf.add(tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D), b);

/**
 * The ops explainers run most — dense and conv layers with the usual activations, their input
 * gradients, target selection, path interpolation, reductions — at a few sizes, so that tfjs's
 * WebGPU backend compiles those shaders before the first explanation. Shader keys depend on ranks,
 * dtypes and some size classes, not on exact shapes, so this covers most of a real model's
 * shaders; a model-specific warm-up (`webgpuBackend({ warmup })`) covers the rest.
 */
export function defaultWarmupSteps(): WarmupStep[] {
  const mlp = (rows: number, inputs: number, hidden: number, outputs: number, act: 'relu' | 'tanh' | 'sigmoid'): WarmupStep => ({
    name: `dense ${rows}×${inputs}→${hidden}→${outputs} ${act} + gradient`,
    run: () => {
      const w1 = tf.randomNormal([inputs, hidden]), b1 = tf.zeros([hidden]), w2 = tf.randomNormal([hidden, outputs]), b2 = tf.zeros([outputs]);
      const f = (x: tf.Tensor) => tf.softmax(dense(tf[act](dense(x, w1, b1)), w2, b2));
      const x = tf.randomUniform([rows, inputs]);
      const alphas = tf.reshape(tf.linspace(0, 1, 4), [4, 1, 1]);
      const path = tf.reshape(tf.mul(alphas, tf.expandDims(x, 0)), [4 * rows, inputs]);
      const mask = tf.oneHot(tf.zeros([4 * rows], 'int32'), outputs);
      const g = tf.grad((p: tf.Tensor) => tf.sum(tf.mul(f(p), mask)))(path);
      return [tf.mean(tf.reshape(g, [4, rows, inputs]), 0), tf.sigmoid(x), tf.abs(tf.sub(x, 0.5)), tf.max(x, 1), tf.sum(x, 0)];
    },
  });
  const cnn = (batch: number, size: number, channels: number): WarmupStep => ({
    name: `conv ${batch}×${size}×${size}×${channels} + pool + gradient`,
    run: () => {
      const k1 = tf.randomNormal([3, 3, channels, 8]), k2 = tf.randomNormal([3, 3, 8, 8]);
      const f = (x: tf.Tensor) => {
        let h = tf.relu(tf.conv2d(x as tf.Tensor4D, k1 as tf.Tensor4D, 1, 'same'));
        h = tf.maxPool(h, 2, 2, 'valid');
        h = tf.relu(tf.conv2d(h, k2 as tf.Tensor4D, 2, 'same'));
        return tf.mean(tf.avgPool(h, 2, 2, 'same'), [1, 2, 3]);
      };
      const x = tf.randomUniform([batch, size, size, channels]);
      return [tf.grad((p: tf.Tensor) => tf.sum(f(p)))(x)];
    },
  });
  return [mlp(8, 32, 16, 4, 'relu'), mlp(64, 784, 64, 10, 'relu'), mlp(16, 20, 12, 3, 'tanh'), mlp(4, 16, 8, 2, 'sigmoid'), cnn(4, 16, 1), cnn(2, 32, 3)];
}

/** A small subset of {@link defaultWarmupSteps} (one dense network, one conv network). */
export function smallWarmupSteps(): WarmupStep[] {
  const [firstMlp, , , , firstCnn] = defaultWarmupSteps() as [WarmupStep, WarmupStep, WarmupStep, WarmupStep, WarmupStep, ...WarmupStep[]];
  return [firstMlp, firstCnn];
}
