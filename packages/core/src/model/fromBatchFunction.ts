import * as tf from '@tensorflow/tfjs-core';
import { InvalidInputError } from '../errors/InvalidInputError';
import { MODEL_SPEC_VERSION, type Model } from './Model';
import type { FunctionModelOptions } from './fromFunction';
import { sizeOf } from '../util/shape';

/** A black-box batch function: `n` examples flattened row-major in, `n` output rows out. */
export type BatchFunction = (inputs: Float32Array, batchSize: number) => Promise<Float32Array | number[]>;

/**
 * Adapts a black-box async batch function (an ONNX runtime, a remote service, anything without
 * gradients). Such a model only supports perturbation methods such as surrogate trees or occlusion.
 *
 * @example
 * ```ts
 * const model = fromBatchFunction(async (x, n) => session.run(x, n), { inputShape: [30], outputShape: [2] });
 * model.capabilities.size; // 0: gradient methods refuse it with MISSING_CAPABILITY
 * ```
 */
export function fromBatchFunction(fn: BatchFunction, options: FunctionModelOptions): Model {
  const outSize = sizeOf(options.outputShape);
  return {
    specVersion: MODEL_SPEC_VERSION,
    name: options.name ?? 'batch-function',
    inputShape: [...options.inputShape],
    outputShape: [...options.outputShape],
    capabilities: new Set(),
    classNames: options.classNames,
    featureNames: options.featureNames,
    async predict(x) {
      const n = x.shape[0] ?? 0;
      const data = (await x.data()) as Float32Array;
      const input = data instanceof Float32Array ? data : Float32Array.from(data);
      const out = await fn(input, n);
      if (out.length !== n * outSize) {
        throw new InvalidInputError(
          `Batch function returned ${out.length} values for ${n} examples; expected ${n * outSize} (${n} × ${outSize})`,
          { expected: n * outSize, received: out.length },
        );
      }
      return tf.tensor(out instanceof Float32Array ? out : Float32Array.from(out), [n, ...options.outputShape]);
    },
  };
}
