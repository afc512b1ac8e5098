// Models and explainers the metric tests share (not exported from the package).
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { defineExplainer, fromFunction, fromLayersModel, targetGradients, type Explainer, type LayersModelLike, type Model } from '@glassbox/core';

/**
 * Outputs [f(x), −f(x)] with f(x) = w · x + b, for any input shape (flattened row-major). Target 0
 * is f. (Two outputs because core's selectTargets needs at least two: tf.oneHot refuses depth 1.)
 */
export function linearModel(w: number[], b = 0, shape: number[] = [w.length]): Model {
  const wt = tf.tensor2d(w.flatMap((v) => [v, -v]), [w.length, 2]);
  const bt = tf.tensor1d([b, -b]);
  const m = fromFunction((x) => tf.add(tf.matMul(tf.reshape(x, [x.shape[0], -1]), wt), bt), { inputShape: shape, outputShape: [2], name: 'linear' });
  return { ...m, dispose: () => tf.dispose([wt, bt]) };
}

/** A seeded tfjs-layers MLP `inputs → 32 tanh → 16 tanh → classes softmax`, adapted with fromLayersModel. */
export function layersMlp(inputs: number, classes = 3, seed = 1): Model {
  const init = (s: number) => tfl.initializers.glorotNormal({ seed: seed * 100 + s }) as never;
  const net = tfl.sequential({
    name: 'mlp',
    layers: [
      tfl.layers.dense({ inputShape: [inputs], units: 32, activation: 'tanh', name: 'dense_1', kernelInitializer: init(1) }),
      tfl.layers.dense({ units: 16, activation: 'tanh', name: 'dense_2', kernelInitializer: init(2) }),
      tfl.layers.dropout({ rate: 0.1, name: 'dropout' }),
      tfl.layers.dense({ units: classes, activation: 'softmax', name: 'dense_3', kernelInitializer: init(3) }),
    ],
  });
  return { ...fromLayersModel(net as unknown as LayersModelLike), dispose: () => net.dispose() };
}

/** Plain gradient of the target output (saliency without absolute value). */
export function gradientExplainer(): Explainer<Record<string, never>, 'attribution'> {
  return defineExplainer({
    name: 'test-gradient',
    package: { name: 'glassbox-metrics-test', version: '1.0.0' },
    kind: 'attribution',
    description: 'Gradient of the target output',
    requires: ['gradients'],
    options: {},
    async run({ model, inputs, targets }) {
      return { attributions: targetGradients(model.forward, inputs, targets) };
    },
  });
}

/** Gradient × input with its convergence delta against a zero baseline (complete for linear models). */
export function gradientTimesInput(): Explainer<Record<string, never>, 'attribution'> {
  return defineExplainer({
    name: 'test-gradient-x-input',
    package: { name: 'glassbox-metrics-test', version: '1.0.0' },
    kind: 'attribution',
    description: 'Gradient × input, with Σ attributions − (f(x) − f(0))',
    requires: ['gradients'],
    completeness: true,
    options: {},
    async run({ model, inputs, targets, outputs }) {
      const attributions = tf.tidy(() => tf.mul(targetGradients(model.forward, inputs, targets), inputs));
      const zeros = tf.zerosLike(inputs);
      const f0t = await model.predict(zeros);
      const f0 = (await f0t.data()) as Float32Array;
      tf.dispose([zeros, f0t]);
      const sumT = tf.tidy(() => tf.sum(tf.reshape(attributions, [inputs.shape[0], -1]), 1));
      const sums = (await sumT.data()) as Float32Array;
      sumT.dispose();
      const size = outputs.length / inputs.shape[0];
      const convergenceDelta = targets.map((t, i) => sums[i]! - (outputs[i * size + t]! - f0[i * size + t]!));
      return { attributions, convergenceDelta };
    },
  });
}

/** Attributions equal to the input itself: ignores the model (Adebayo et al.'s negative control). */
export function inputExplainer(): Explainer<Record<string, never>, 'attribution'> {
  return defineExplainer({
    name: 'test-input',
    package: { name: 'glassbox-metrics-test', version: '1.0.0' },
    kind: 'attribution',
    description: 'The input itself',
    requires: [],
    options: {},
    async run({ inputs }) {
      return { attributions: tf.clone(inputs) };
    },
  });
}
