import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

/**
 * The diagnosis network: a frozen standardisation layer (`(x − mean) / std` as a diagonal dense
 * layer, so the saved model takes raw measurements and rules read in their units), then
 * 30 → 16 ReLU → 2 softmax with seeded initialisers.
 */
export function buildModel(scaler: { mean: number[]; std: number[] }, seed = 1): tfl.Sequential {
  const p = scaler.mean.length;
  const model = tfl.sequential({ name: 'breast-cancer-mlp' });
  model.add(tfl.layers.dense({ name: 'standardize', units: p, inputShape: [p], trainable: false }));
  model.add(tfl.layers.dense({ name: 'hidden', units: 16, activation: 'relu', kernelInitializer: tfl.initializers.glorotUniform({ seed }) }));
  model.add(tfl.layers.dense({ name: 'diagnosis', units: 2, activation: 'softmax', kernelInitializer: tfl.initializers.glorotUniform({ seed: seed + 1 }) }));
  const kernel = new Float32Array(p * p);
  for (let j = 0; j < p; j++) kernel[j * p + j] = 1 / scaler.std[j];
  const bias = Float32Array.from(scaler.mean, (m, j) => -m / scaler.std[j]);
  const weights = [tf.tensor2d(kernel, [p, p]), tf.tensor1d(bias)];
  model.getLayer('standardize').setWeights(weights);
  tf.dispose(weights);
  return model;
}
