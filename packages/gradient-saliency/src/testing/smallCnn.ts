import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { createRandom, type Model } from '@glassbox/core';
import { adaptLayersModel } from './adaptLayersModel';

/**
 * 6×6×1 → conv 3 3×3 relu (`conv_a`) → conv 4 2×2 relu (`conv_b`) → flatten → dense 3 (`out`,
 * softmax or linear), seeded weights.
 */
export function smallCnn(seed = 1, options: { softmax?: boolean } = {}): Model {
  const m = tfl.sequential({
    layers: [
      tfl.layers.conv2d({ inputShape: [6, 6, 1], filters: 3, kernelSize: 3, activation: 'relu', name: 'conv_a' }),
      tfl.layers.conv2d({ filters: 4, kernelSize: 2, activation: 'relu', name: 'conv_b' }),
      tfl.layers.flatten({ name: 'flat' }),
      tfl.layers.dense({ units: 3, ...(options.softmax ? { activation: 'softmax' as const } : {}), name: 'out' }),
    ],
  });
  const rng = createRandom(seed);
  const weights = m.getWeights().map((w) => tf.tensor(rng.fillNormal(new Float32Array(w.size), 0.05, 0.5), w.shape));
  m.setWeights(weights);
  tf.dispose(weights);
  return adaptLayersModel(m);
}
