import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

/** The names and regularisation that tell one example's network from another's. */
export interface StandardizedMlpOptions {
  /** The model's name (saved in model.json). */
  name: string;
  /** The name of the softmax output layer. */
  outputName: string;
  /** L2 strength on the hidden layer's kernel; none when left out. */
  l2?: number;
  /** Seed of the hidden layer's initialiser (the output layer's is `seed + 1`). */
  seed?: number;
}

/**
 * The tabular examples' network: a frozen standardisation layer (`(x − mean) / std` as a diagonal
 * dense layer, so the saved model takes raw data and rules read in its units), then
 * p → 16 ReLU (optionally L2-regularised) → 2 softmax with seeded initialisers.
 */
export function buildStandardizedMlp(scaler: { mean: number[]; std: number[] }, options: StandardizedMlpOptions): tfl.Sequential {
  const { name, outputName, l2, seed = 1 } = options;
  const p = scaler.mean.length;
  const model = tfl.sequential({ name });
  model.add(tfl.layers.dense({ name: 'standardize', units: p, inputShape: [p], trainable: false }));
  model.add(
    tfl.layers.dense({
      name: 'hidden',
      units: 16,
      activation: 'relu',
      kernelInitializer: tfl.initializers.glorotUniform({ seed }),
      ...(l2 === undefined ? {} : { kernelRegularizer: tfl.regularizers.l2({ l2 }) }),
    }),
  );
  model.add(tfl.layers.dense({ name: outputName, units: 2, activation: 'softmax', kernelInitializer: tfl.initializers.glorotUniform({ seed: seed + 1 }) }));
  const kernel = new Float32Array(p * p);
  for (let j = 0; j < p; j++) kernel[j * p + j] = 1 / scaler.std[j]!;
  const bias = Float32Array.from(scaler.mean, (m, j) => -m / scaler.std[j]!);
  const weights = [tf.tensor2d(kernel, [p, p]), tf.tensor1d(bias)];
  model.getLayer('standardize').setWeights(weights);
  tf.dispose(weights);
  return model;
}
