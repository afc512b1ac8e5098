import * as tf from '@tensorflow/tfjs-core';
import { InvalidInputError, measurePredictBytes, planChunks, sizeOf, type ExplainContext, type Model } from '@glassbox/core';

/**
 * The model's outputs for `rows` rows of flat `values`, `[rows, outputSize]` flat. Runs in chunks
 * sized by the context's memory budget and the model's measured memory per row, reports progress under `stage` and checks for abort after
 * each chunk, with that chunk's tensors already released.
 */
export async function queryModel(model: Model, values: Float32Array, rows: number, context: ExplainContext, stage: string): Promise<Float32Array> {
  const per = sizeOf(model.inputShape);
  const outSize = sizeOf(model.outputShape);
  // Chunks sized from the forward pass's measured memory per row (intermediate tensors included).
  const { perItem, fixed } = await measurePredictBytes(model, values.subarray(0, per));
  const { chunkSize } = planChunks(rows, perItem, Math.max(1, context.memoryBudgetBytes - fixed));
  const out = new Float32Array(rows * outSize);
  for (let i = 0; i < rows; i += chunkSize) {
    const k = Math.min(chunkSize, rows - i);
    const x = tf.tensor(values.subarray(i * per, (i + k) * per), [k, ...model.inputShape], 'float32');
    let y: tf.Tensor | undefined;
    try {
      y = await model.predict(x);
      const data = (await y.data()) as Float32Array;
      if (data.length !== k * outSize) {
        throw new InvalidInputError(`Model "${model.name}" returned ${data.length} outputs for ${k} rows; its outputShape needs ${k * outSize}`, {
          expected: k * outSize,
          received: data.length,
        });
      }
      out.set(data, i * outSize);
    } finally {
      x.dispose();
      y?.dispose();
    }
    context.progress({ stage, done: i + k, total: rows });
    context.throwIfAborted();
  }
  return out;
}
