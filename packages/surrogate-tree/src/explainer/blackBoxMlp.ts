import * as tf from '@tensorflow/tfjs-core';
import { fromBatchFunction, type Model } from '@glassbox/core';
import { createTinyMlp, type TinyMlpOptions } from '@glassbox/core/testing';

/**
 * Test helper: core's tiny MLP behind a plain batch function (no gradients, no tensors in or out),
 * so the explainers see a black box. Disposing the model disposes the MLP.
 */
export function blackBoxMlp(options: TinyMlpOptions = {}): Model {
  const mlp = createTinyMlp(options);
  const model = fromBatchFunction(
    async (x, n) => {
      const t = tf.tensor(x, [n, ...mlp.inputShape]);
      const y = await mlp.predict(t);
      const d = (await y.data()) as Float32Array;
      tf.dispose([t, y]);
      return d;
    },
    { inputShape: mlp.inputShape, outputShape: mlp.outputShape },
  );
  return { ...model, dispose: () => mlp.dispose?.() };
}
