import * as tf from '@tensorflow/tfjs-core';
import { createRandom, fromFunction, type Model } from '@glassbox/core';
import { createTinyMlp, randomInputs, referenceExplainer, type BackendCase } from '@glassbox/core/testing';
import { integratedGradients } from '@glassbox/integrated-gradients';
import { guidedBackprop, inputXGradient, saliency, smoothGrad } from '@glassbox/gradient-saliency';
import { deeplift } from '@glassbox/deeplift';

/**
 * A small seeded CNN (8×8×1 → conv 3×3×4 relu → max-pool 2 → conv 3×3×6 stride 2 tanh → dense 3
 * softmax): conv input gradients at stride 1 and 2, max-pool and dense gradients.
 */
export function createTinyCnn(seed = 5): Model {
  const rng = createRandom(seed);
  const k1 = tf.tensor4d(rng.fillNormal(new Float32Array(3 * 3 * 4), 0, 0.5), [3, 3, 1, 4]);
  const k2 = tf.tensor4d(rng.fillNormal(new Float32Array(3 * 3 * 4 * 6), 0, 0.3), [3, 3, 4, 6]);
  const w = tf.tensor2d(rng.fillNormal(new Float32Array(2 * 2 * 6 * 3), 0, 0.4), [24, 3]);
  const fn = (x: tf.Tensor) => {
    let h = tf.relu(tf.conv2d(x as tf.Tensor4D, k1, 1, 'same'));
    h = tf.maxPool(h, 2, 2, 'valid');
    h = tf.tanh(tf.conv2d(h, k2, 2, 'same'));
    return tf.softmax(tf.matMul(tf.reshape(h, [-1, 24]), w));
  };
  const model = fromFunction(fn, { inputShape: [8, 8, 1], outputShape: [3], name: `tiny-cnn-${seed}` });
  return { ...model, dispose: () => tf.dispose([k1, k2, w]) };
}

/**
 * The explainers every backend must agree with cpu on, on continuous, tie-free inputs: the
 * reference plugin, saliency, input × gradient, SmoothGrad (its noise is seeded and drawn on the
 * CPU), integrated gradients, DeepLIFT and guided backpropagation (gradient rules: ReLU, max-pool,
 * tanh and softmax rules run on the backend's kernels), on an MLP (24 features: above WebGPU's 128-element CPU hand-off
 * for a batch of 6) and, where `cnn` is set, on a small CNN.
 */
export function conformanceCases({ cnn = true, steps = 16 }: { cnn?: boolean; steps?: number } = {}): BackendCase[] {
  const mlp = () => createTinyMlp({ inputs: 24, hidden: 16, outputs: 4, seed: 3 });
  const mlpInputs = () => randomInputs(6, [24], 9);
  const cases: BackendCase[] = [
    { explainer: referenceExplainer(), model: mlp, inputs: mlpInputs },
    { explainer: saliency(), model: mlp, inputs: mlpInputs },
    { explainer: inputXGradient(), model: mlp, inputs: mlpInputs },
    { explainer: smoothGrad({ samples: 4 }), model: mlp, inputs: mlpInputs },
    { explainer: integratedGradients({ steps }), model: mlp, inputs: mlpInputs },
    { explainer: deeplift(), model: mlp, inputs: mlpInputs },
  ];
  if (cnn) {
    const cnnInputs = () => randomInputs(3, [8, 8, 1], 13);
    cases.push(
      { explainer: saliency(), model: () => createTinyCnn(), inputs: cnnInputs },
      { explainer: integratedGradients({ steps }), model: () => createTinyCnn(), inputs: cnnInputs },
      // A non-constant reference: a constant one ties every max-pool window, and backends break ties differently.
      { explainer: deeplift({ baseline: { values: (randomInputs(1, [8, 8, 1], 17)[0] as unknown as number[][][]).flat(2), shape: [8, 8, 1] } }), model: () => createTinyCnn(), inputs: cnnInputs },
      { explainer: guidedBackprop(), model: () => createTinyCnn(), inputs: cnnInputs },
    );
  }
  return cases;
}
