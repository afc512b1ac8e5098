import { InvalidOptionError, UnsupportedModelError, type LayerInfo, type Model } from '@glassbox/core';

/** Class names of the convolution layers Grad-CAM picks by default. */
const CONV = /^(Conv2D|DepthwiseConv2D|SeparableConv2D|Conv2DTranspose)$/;

/** A layer Grad-CAM can explain: its per-example output is `[height, width, channels]`. */
export type CamLayer = LayerInfo & { outputShape: [number, number, number] };

/**
 * The layer Grad-CAM explains: the named one, or the last convolution layer when `name` is empty.
 * Refuses unknown names (listing the layers) and layers without a spatial `[height, width,
 * channels]` output.
 *
 * @example
 * ```ts
 * resolveCamLayer(cnn, '').name;        // 'conv_2', the last Conv2D
 * resolveCamLayer(cnn, 'flatten');      // throws INVALID_OPTION: not a spatial layer
 * ```
 */
export function resolveCamLayer(model: Model, name: string): CamLayer {
  const layers = model.layers!();
  let layer: LayerInfo | undefined;
  if (!name) {
    layer = [...layers].reverse().find((l) => CONV.test(l.className));
    if (!layer) {
      throw new UnsupportedModelError(
        `Model "${model.name}" has no convolution layer for Grad-CAM; name a spatial layer with --layer (layers: ${layers.map((l) => `${l.name} (${l.className})`).join(', ')})`,
        { layers: layers.map((l) => l.name) },
      );
    }
  } else {
    layer = layers.find((l) => l.name === name);
    if (!layer) {
      throw new InvalidOptionError(`Option "layer": model "${model.name}" has no layer "${name}"; expected one of ${layers.map((l) => l.name).join(', ')}`, {
        option: 'layer',
        received: name,
        expected: layers.map((l) => l.name),
      });
    }
  }
  if (layer.outputShape.length !== 3) {
    throw new InvalidOptionError(
      `Option "layer": layer "${layer.name}" outputs [${layer.outputShape.join(', ')}] per example; Grad-CAM needs a spatial layer with output [height, width, channels]`,
      { option: 'layer', received: layer.name, outputShape: layer.outputShape },
    );
  }
  return layer as CamLayer;
}
