import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

/** The digit the binary MLP detects. */
export const POSITIVE_DIGIT = 3;

/**
 * The classic binary classifier of the explainability literature: Dense 784→64 relu → 64 relu →
 * 1 sigmoid, "is this digit a 3?", trained with adam on binary cross-entropy.
 */
export function buildMlp(seed = 1): tfl.Sequential {
  const init = (s: number) => tfl.initializers.glorotUniform({ seed: seed * 100 + s });
  const model = tfl.sequential({
    name: 'mnist_mlp_is3',
    layers: [
      tfl.layers.dense({ inputShape: [784], units: 64, activation: 'relu', kernelInitializer: init(1), name: 'dense_1' }),
      tfl.layers.dense({ units: 64, activation: 'relu', kernelInitializer: init(2), name: 'dense_2' }),
      tfl.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: init(3), name: 'is_3' }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  return model;
}

/** The small CNN for Grad-CAM: 28×28×1 → conv 8 3×3 relu → maxpool 2 → conv 16 3×3 relu → flatten → dense 10 softmax. */
export function buildCnn(seed = 1): tfl.Sequential {
  const init = (s: number) => tfl.initializers.glorotUniform({ seed: seed * 100 + s });
  const model = tfl.sequential({
    name: 'mnist_cnn',
    layers: [
      tfl.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 3, activation: 'relu', kernelInitializer: init(1), name: 'conv_1' }),
      tfl.layers.maxPooling2d({ poolSize: 2, name: 'pool_1' }),
      tfl.layers.conv2d({ filters: 16, kernelSize: 3, activation: 'relu', kernelInitializer: init(2), name: 'conv_2' }),
      tfl.layers.flatten({ name: 'flatten' }),
      tfl.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: init(3), name: 'digit' }),
    ],
  });
  // A larger step than the MLP's: the CNN trains on a small subset (its gradients are slow on the cpu backend).
  model.compile({ optimizer: tf.train.adam(3e-3), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}
