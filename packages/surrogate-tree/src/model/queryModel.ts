import * as tf from '@tensorflow/tfjs-core';
import { InvalidInputError, measurePredictBytes, runChunks, sizeOf, type ExplainContext, type Model } from '@glassbox/core';

/**
 * The model's outputs for `rows` rows of flat `values`, `[rows, outputSize]` flat, computed by
 * core's chunk runner (chunks sized by the context's memory budget and the model's measured memory
 * per row, progress under `stage`, abort checks with each chunk's tensors already released).
 */
export async function queryModel(model: Model, values: Float32Array, rows: number, context: ExplainContext, stage: string): Promise<Float32Array> {
  const per = sizeOf(model.inputShape);
  const outSize = sizeOf(model.outputShape);
  // Chunks sized from the forward pass's measured memory per row (intermediate tensors included).
  const { perItem, fixed } = await measurePredictBytes(model, values.subarray(0, per));
  const out = new Float32Array(rows * outSize);
  await runChunks({
    total: rows,
    context,
    stage,
    cost: { bytesPerItem: perItem, fixedBytes: fixed },
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
