import * as tf from '@tensorflow/tfjs-core';
import { InvalidOptionError, defineExplainer, measurePredictBytes, runChunks, sizeOf, type Explainer, type OptionSchema } from '@glassbox/core';
import { name, version } from '../package.json';
import { expandSizes, sizesOption, type Sizes } from './sizesOption';
import { slidingWindows } from './slidingWindows';

/** Options of {@link occlusion}. */
export interface OcclusionOptions {
  /** Window size per input dimension (channels last), or one size for all. */
  window: Sizes;
  /** Step between windows per dimension, or one step for all. */
  stride: Sizes;
  /** Value written into the occluded window. */
  fill: number;
  /** Most occluded copies per model call; the memory budget may lower it. */
  maxBatch: number;
}

const schema: OptionSchema<OcclusionOptions> = {
  window: sizesOption([1], 'Sliding window size per input dimension, channels last (e.g. 4,4,1 for a 28×28×1 image)'),
  stride: sizesOption([1], 'Step between window positions per dimension (e.g. 2,2,1); at most the window size'),
  fill: { type: 'number', default: 0, description: 'Value written into the occluded window (the baseline)' },
  maxBatch: { type: 'number', integer: true, min: 1, max: 65_536, default: 128, description: 'Most occluded copies per model call' },
};

/**
 * Occlusion (Zeiler & Fergus 2014), as Captum's `Occlusion` computes it: slide a window over each
 * input, replace the elements under it with `fill`, and record how much the target output drops.
 * Each element's attribution is the mean drop over the windows that cover it. Needs only
 * predictions, so it explains black-box models too. Occluded copies are evaluated in batches.
 *
 * @example
 * ```ts
 * import { occlusion } from 'glassbox-plugin-occlusion';
 * const e = await occlusion({ window: [4, 4, 1], stride: [2, 2, 1] }).explain(model, images, { target: 3 });
 * // CLI: glassbox explain --method occlusion --window 4,4,1 --stride 2,2,1 --fill 0
 * ```
 */
export function occlusion(defaults: Partial<OcclusionOptions> = {}): Explainer<OcclusionOptions, 'attribution'> {
  return defineExplainer<OcclusionOptions, 'attribution'>({
    name: 'occlusion',
    package: { name, version },
    kind: 'attribution',
    description: 'Occlusion: mean drop of the target output when a sliding window over each element is replaced by a fill value',
    requires: [],
    completeness: false,
    options: schema,
    defaults,
    async run({ model, inputs, targets, options, context, outputs }) {
      const shape = inputs.shape.slice(1);
      const n = inputs.shape[0];
      const per = sizeOf(shape);
      const outputSize = outputs.length / n;
      const window = fitSizes('window', options.window, shape);
      const stride = fitSizes('stride', options.stride, shape);
      let windows;
      try {
        windows = slidingWindows(shape, window, stride);
      } catch (e) {
        throw new InvalidOptionError(`Options "window" ${window.join(',')} and "stride" ${stride.join(',')} do not fit input shape ${shape.join('×')}: ${(e as Error).message}`, {
          option: 'window',
          window,
          stride,
          inputShape: shape,
        });
      }
      const x = (await inputs.data()) as Float32Array;
      const total = n * windows.count;
      const sums = new Float64Array(n * per);
      // What one input costs in a forward pass, intermediate tensors included, measured on the model.
      const { perItem, fixed } = await measurePredictBytes(model, x.subarray(0, per));
      // Item j occludes window j % count of example ⌊j / count⌋; core sizes, runs and reports the chunks.
      const { chunkSize } = await runChunks({
        total,
        context,
        stage: 'occlusion',
        cost: { bytesPerItem: perItem, fixedBytes: fixed },
        maxChunkSize: options.maxBatch,
        async computeAsync(start, end) {
          const batch = new Float32Array((end - start) * per);
          for (let j = start; j < end; j++) {
            const i = Math.floor(j / windows.count);
            batch.set(x.subarray(i * per, (i + 1) * per), (j - start) * per);
            for (const f of windows.indices(j % windows.count)) batch[(j - start) * per + f] = options.fill;
          }
          const occluded = tf.tensor(batch, [end - start, ...shape]);
          try {
            return await model.predict(occluded);
          } finally {
            occluded.dispose();
          }
        },
        collect(scores, start, end) {
          for (let j = start; j < end; j++) {
            const i = Math.floor(j / windows.count);
            const drop = outputs[i * outputSize + targets[i]!]! - scores[(j - start) * outputSize + targets[i]!]!;
            for (const f of windows.indices(j % windows.count)) sums[i * per + f]! += drop;
          }
        },
      });
      const attributions = new Float32Array(n * per);
      for (let i = 0; i < n; i++) for (let f = 0; f < per; f++) attributions[i * per + f] = sums[i * per + f]! / windows.coverage[f]!;
      return {
        attributions: { values: attributions, shape: [n, ...shape] },
        diagnostics: { window, stride, windows: windows.count, evaluations: total, chunkSize },
      };
    },
  });
}

function fitSizes(option: 'window' | 'stride', sizes: Sizes, shape: readonly number[]): number[] {
  const fitted = expandSizes(sizes, shape.length);
  if (!fitted) {
    throw new InvalidOptionError(
      `Option "${option}" has ${sizes.length} sizes (${sizes.join(',')}); the input has ${shape.length} dimensions (${shape.join('×')}, channels last): give one size per dimension or a single size for all`,
      { option, expected: shape.length, received: sizes },
    );
  }
  return fitted;
}
