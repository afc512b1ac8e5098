import { defineExplainer, InvalidOptionError, type Explainer, type OptionSchema } from '@glassbox/core';
import { chunkedGradients } from './chunkedGradients';
import { gradCam } from './gradCam';
import { guidedReluRules } from './reluRules';
import { name, version } from '../package.json';

/** Options of {@link guidedGradCam}. */
export interface GuidedGradCamOptions {
  /** Layer of the Grad-CAM map; empty (the default) picks the last convolution layer. */
  layer: string;
  /** How the Grad-CAM map is resized to the input: `nearest` (default, as Captum) or `bilinear`. */
  interpolation: 'nearest' | 'bilinear';
}

const schema: OptionSchema<GuidedGradCamOptions> = {
  layer: { type: 'string', default: '', description: 'Grad-CAM layer name (default: the last Conv2D layer)' },
  interpolation: { type: 'enum', values: ['nearest', 'bilinear'], default: 'nearest', description: "How the Grad-CAM map is resized to the input (Captum's default: nearest)" },
};

/**
 * Guided Grad-CAM (Selvaraju et al. 2017; Captum's `GuidedGradCam`): guided backpropagation times
 * the ReLU'd Grad-CAM map resized to the input's height and width (nearest neighbour by default,
 * as Captum's `interpolate_mode`; `bilinear` on request), broadcast over channels. Needs `activations` and `gradient-rules`. Method id
 * `guided-grad-cam`.
 *
 * @example
 * ```ts
 * const e = await guidedGradCam({ layer: 'conv_2' }).explain(cnn, images, { target: 1 });
 * ```
 */
export function guidedGradCam(defaults: Partial<GuidedGradCamOptions> = {}): Explainer<GuidedGradCamOptions, 'attribution'> {
  return defineExplainer({
    name: 'guided-grad-cam',
    kind: 'attribution',
    package: { name, version },
    description: 'Guided backpropagation times the upsampled Grad-CAM map',
    requires: ['gradients', 'activations', 'gradient-rules'],
    completeness: false,
    options: schema,
    defaults,
    async run(request) {
      const { model, inputs, targets, context, options } = request;
      if (model.inputShape.length < 2) {
        throw new InvalidOptionError(`guided-grad-cam needs an image input [height, width(, channels)]; model "${model.name}" takes [${model.inputShape.join(', ')}]`, {
          inputShape: [...model.inputShape],
        });
      }
      const guided = await chunkedGradients({
        forward: (x) => model.forward(x, { gradientRules: guidedReluRules }),
        inputs,
        targets,
        context,
        stage: 'guided-backprop',
        map: (g) => g,
      });
      const camOptions = { layer: options.layer, relu: true, upsample: true, interpolation: options.interpolation };
      const cam = await gradCam(camOptions).run({ ...request, options: camOptions });
      const map = cam.attributions as { values: Float32Array };
      const [h, w] = model.inputShape as [number, number];
      const channels = guided.values.length / (inputs.shape[0] * h * w);
      const values = guided.values.map((v, k) => v * map.values[Math.floor(k / channels)]!);
      return { attributions: { values, shape: guided.shape }, diagnostics: { layer: (cam.diagnostics as { layer: string }).layer } };
    },
  });
}
