import * as tf from '@tensorflow/tfjs-core';
import { InvalidInputError, runChunks, sizeOf, type ExplainContext, type Model } from '@glassbox/core';

/**
 * Float32 copies of one row's input and output assumed alive in a forward pass, for chunk sizing
 * (headroom for the model's own activations).
 */
const ACTIVATION_HEADROOM = 16;

/**
 * The model's outputs for `rows` rows of flat `values`, `[rows, outputSize]` flat, computed by
 * core's chunk runner (chunks sized by the context's memory budget, progress under `stage`, abort
 * checks with each chunk's tensors already released).
 */
export async function queryModel(model: Model, values: Float32Array, rows: number, context: ExplainContext, stage: string): Promise<Float32Array> {
  const per = sizeOf(model.inputShape);
  const outSize = sizeOf(model.outputShape);
  const out = new Float32Array(rows * outSize);
  await runChunks({
    total: rows,
    context,
    stage,
    cost: { elements: per + outSize, copies: ACTIVATION_HEADROOM },
    async computeAsync(start, end) {
      const x = tf.tensor(values.subarray(start * per, end * per), [end - start, ...model.inputShape], 'float32');
      try {
        return await model.predict(x);
      } finally {
        x.dispose();
      }
    },
    collect: (data, start, end) => {
      const k = end - start;
      if (data.length !== k * outSize) {
        throw new InvalidInputError(`Model "${model.name}" returned ${data.length} outputs for ${k} rows; its outputShape needs ${k * outSize}`, {
          expected: k * outSize,
          received: data.length,
        });
      }
      out.set(data, start * outSize);
    },
  });
  return out;
}
