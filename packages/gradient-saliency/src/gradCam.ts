import * as tf from '@tensorflow/tfjs-core';
import { defineExplainer, InvalidOptionError, runChunks, selectTargets, type Explainer, type OptionSchema } from '@glassbox/core';
import { resolveCamLayer } from './resolveCamLayer';
import { name, version } from '../package.json';

/** Options of {@link gradCam}. */
export interface GradCamOptions {
  /** Layer to explain; empty (the default) picks the last convolution layer. */
  layer: string;
  /** Keep only positive evidence (ReLU of the weighted sum), as in the paper. Default true. */
  relu: boolean;
  /** Resize the map to the input's height and width. Default false: the layer's grid. */
  upsample: boolean;
  /** How `upsample` resizes: `bilinear` (default) or `nearest` (Captum's `LayerAttribution.interpolate` default). */
  interpolation: 'bilinear' | 'nearest';
}

const schema: OptionSchema<GradCamOptions> = {
  layer: { type: 'string', default: '', description: 'Layer name (default: the last Conv2D layer)' },
  relu: { type: 'boolean', default: true, description: 'Apply ReLU to the map (positive evidence only)' },
  upsample: { type: 'boolean', default: false, description: "Resize the map to the input's height and width" },
  interpolation: { type: 'enum', values: ['bilinear', 'nearest'], default: 'bilinear', description: 'How upsample resizes (nearest: as Captum\'s LayerAttribution.interpolate)' },
};

/**
 * Grad-CAM (Selvaraju et al. 2017) for convolutional models, as Captum's `LayerGradCam`: with `A`
 * the layer's activations `[h, w, c]` and `g` the gradient of the target output with respect to
 * them, the map is `ReLU(Σ_c mean_hw(g[.., c]) · A[.., c])`. Attributions are `[batch, h, w]`
 * (kind `layer-attribution`), or `[batch, H, W]` of the input with `upsample`. Needs a model with
 * `gradients` and `activations` (a chain Layers model). Method id `grad-cam`.
 *
 * @example
 * ```ts
 * const e = await gradCam().explain(model, images, { target: 7 });            // last conv layer
 * const up = await gradCam({ layer: 'conv2d_1', upsample: true }).explain(model, images);
 * ```
 */
export function gradCam(defaults: Partial<GradCamOptions> = {}): Explainer<GradCamOptions, 'layer-attribution'> {
  return defineExplainer({
    name: 'grad-cam',
    kind: 'layer-attribution',
    package: { name, version },
    description: 'Class activation map from the gradient-weighted channels of a convolution layer',
    requires: ['gradients', 'activations'],
    completeness: false,
    options: schema,
    defaults,
    async run({ model, inputs, targets, options, context }) {
      const layer = resolveCamLayer(model, options.layer);
      const [h, w] = layer.outputShape;
      if (options.upsample && model.inputShape.length < 2) {
        throw new InvalidOptionError(`Option "upsample" needs an image input [height, width(, channels)]; model "${model.name}" takes [${model.inputShape.join(', ')}]`, {
          option: 'upsample',
        });
      }
      // The upsample check above guarantees an [height, width, …] input.
      const outHW: [number, number] = options.upsample ? [model.inputShape[0]!, model.inputShape[1]!] : [h, w];
      const { head, tail } = model.split(layer.name);
      const cam = (x: tf.Tensor, t: readonly number[]): tf.Tensor =>
        tf.tidy(() => {
          const acts = head(x);
          const grads = tf.grad((a: tf.Tensor) => tf.sum(selectTargets(tail(a), t)))(acts);
          const weights = tf.mean(grads, [1, 2], true);
          let map: tf.Tensor = tf.sum(tf.mul(weights, acts), 3);
          if (options.relu) map = tf.relu(map);
          if (options.upsample) {
            const grid = tf.expandDims(map, 3) as tf.Tensor4D;
            const size: [number, number] = [outHW[0]!, outHW[1]!];
            // nearest: source index ⌊i · in/out⌋, as torch's F.interpolate(mode='nearest').
            map = tf.squeeze(options.interpolation === 'nearest' ? tf.image.resizeNearestNeighbor(grid, size) : tf.image.resizeBilinear(grid, size, false, true), [3]);
          }
          return map;
        });
      const n = inputs.shape[0]!;
      const rest = inputs.shape.slice(1);
      const per = outHW[0] * outHW[1];
      const values = new Float32Array(n * per);
      const { chunkSize, chunks } = await runChunks({
        total: n,
        context,
        stage: 'grad-cam',
        cost: { measure: (m) => tf.dispose(tf.tidy(() => cam(tf.tile(tf.slice(inputs, 0, 1), [m, ...rest.map(() => 1)]), [targets[0]!]))) },
        compute: (start, end) => cam(tf.slice(inputs, start, end - start), targets.slice(start, end)),
        collect: (chunk, start) => values.set(chunk, start * per),
      });
      return {
        attributions: { values, shape: [n, outHW[0], outHW[1]] },
        diagnostics: { layer: layer.name, layerShape: [...layer.outputShape], chunkSize, chunks },
      };
    },
  });
}
