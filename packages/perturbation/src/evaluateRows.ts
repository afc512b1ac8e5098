import * as tf from '@tensorflow/tfjs-core';
import { InvalidInputError, runChunks, sizeOf, type ExplainContext, type Model } from '@glassbox/core';

/** Float32 copies of a row assumed alive in a forward pass (headroom for the model's activations). */
const ACTIVATION_HEADROOM = 16;

/**
 * The model's target output for `total` rows that `fill(row, out)` writes on demand (flat,
 * `inputShape` each), so perturbed rows are never all in memory at once. Chunks are sized by the
 * context's memory budget through core's chunk runner (progress under `stage`, abort between
 * chunks). `target(row)` picks the flat output index read for each row.
 */
export async function evaluateRows(
  model: Model,
  total: number,
  fill: (row: number, out: Float32Array) => void,
  target: (row: number) => number,
  context: ExplainContext,
  stage: string,
): Promise<Float64Array> {
  const per = sizeOf(model.inputShape);
  const outSize = sizeOf(model.outputShape);
  const result = new Float64Array(total);
  await runChunks({
    total,
    context,
    stage,
    cost: { elements: per + outSize, copies: ACTIVATION_HEADROOM },
    async computeAsync(start, end) {
      const values = new Float32Array((end - start) * per);
      for (let r = start; r < end; r++) fill(r, values.subarray((r - start) * per, (r - start + 1) * per));
      const x = tf.tensor(values, [end - start, ...model.inputShape], 'float32');
      try {
        return await model.predict(x);
      } finally {
        x.dispose();
      }
    },
    collect: (data, start, end) => {
      if (data.length !== (end - start) * outSize) {
        throw new InvalidInputError(`Model "${model.name}" returned ${data.length} outputs for ${end - start} rows; its outputShape needs ${(end - start) * outSize}`, {
          expected: (end - start) * outSize,
          received: data.length,
        });
      }
      for (let r = start; r < end; r++) result[r] = data[(r - start) * outSize + target(r)]!;
    },
  });
  return result;
}
