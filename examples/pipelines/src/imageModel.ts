import * as tf from '@tensorflow/tfjs-core';
import type { Model } from '@glassbox/core';

/**
 * The same model seen through an image-shaped input (`[28, 28, 1]` for a network that reads 784
 * flat pixels), so that attributions come out as images and occlusion windows are 2-D patches
 * (`--window 4,4,1`). Gradients, predictions and layer randomisation pass through.
 *
 * @example
 * ```ts
 * const model = asImageModel(await loadModel('mnist/models/mlp/model.json'), [28, 28, 1]);
 * ```
 */
export function asImageModel(base: Model, imageShape: number[]): Model {
  const flat = (x: tf.Tensor) => tf.reshape(x, [x.shape[0], ...base.inputShape]);
  // The flat input's feature names do not fit the image; forward and withRandomizedLayers are rewrapped below.
  const { featureNames: _flatNames, forward, withRandomizedLayers: _randomized, ...rest } = base;
  const imageForward: Model['forward'] = forward && ((x) => forward(flat(x)));
  const randomized: Model['withRandomizedLayers'] = base.withRandomizedLayers && ((names, seed) => asImageModel(base.withRandomizedLayers!(names, seed), imageShape));
  return {
    ...rest,
    name: `${base.name} (as ${imageShape.join('×')} images)`,
    inputShape: imageShape,
    predict: async (x) => {
      const f = flat(x);
      try {
        return await base.predict(f);
      } finally {
        f.dispose();
      }
    },
    ...(imageForward ? { forward: imageForward } : {}),
    ...(randomized ? { withRandomizedLayers: randomized } : {}),
  };
}
