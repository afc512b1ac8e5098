import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

/**
 * The credit-risk network: a frozen standardisation layer (`(x − mean) / std` as a diagonal dense
 * layer, so the saved model takes raw applicant data and rules read in their units), then
 * 61 → 16 ReLU (L2-regularised) → 2 softmax with seeded initialisers.
 */
export function buildModel(scaler: { mean: number[]; std: number[] }, seed = 1): tfl.Sequential {
  const p = scaler.mean.length;
  const model = tfl.sequential({ name: 'german-credit-mlp' });
  model.add(tfl.layers.dense({ name: 'standardize', units: p, inputShape: [p], trainable: false }));
  model.add(
    tfl.layers.dense({
      name: 'hidden',
      units: 16,
      activation: 'relu',
      kernelInitializer: tfl.initializers.glorotUniform({ seed }),
      kernelRegularizer: tfl.regularizers.l2({ l2: 0.1 }),
    }),
  );
  model.add(tfl.layers.dense({ name: 'risk', units: 2, activation: 'softmax', kernelInitializer: tfl.initializers.glorotUniform({ seed: seed + 1 }) }));
  const kernel = new Float32Array(p * p);
  for (let j = 0; j < p; j++) kernel[j * p + j] = 1 / scaler.std[j];
  const bias = Float32Array.from(scaler.mean, (m, j) => -m / scaler.std[j]);
  const weights = [tf.tensor2d(kernel, [p, p]), tf.tensor1d(bias)];
  model.getLayer('standardize').setWeights(weights);
  tf.dispose(weights);
  return model;
}
