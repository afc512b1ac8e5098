import * as tfl from '@tensorflow/tfjs-layers';
import { fromLayersModel, InvalidInputError, type Model } from '@glassbox/core';

/**
 * An MNIST model and how to read its output: `binary` models have one sigmoid output, the
 * probability that the digit is `positive` (the classic "is it a 3?" MLP); `digits` models have ten
 * class probabilities.
 */
export interface DigitModel {
  model: Model;
  kind: 'binary' | 'digits';
  /** The digit a binary model detects (from its name, `…is3`), else "positive". */
  positive: string;
}

/**
 * Describes a Glassbox model of 28×28 digits (input `[784]` or `[28, 28, 1]`; output `[1]` or
 * `[10]`); throws an `InvalidInputError` for anything else.
 * @example `const dm = describeDigitModel(fromLayersModel(layersModel));`
 */
export function describeDigitModel(model: Model): DigitModel {
  const inputs = model.inputShape.reduce((a, b) => a * b, 1);
  const outputs = model.outputShape.reduce((a, b) => a * b, 1);
  if (inputs !== 784 || (outputs !== 1 && outputs !== 10)) {
    throw new InvalidInputError(`The demo needs an MNIST model: 784 inputs ([784] or [28, 28, 1]) and 1 or 10 outputs; ${model.name} has inputs [${model.inputShape.join(', ')}] and outputs [${model.outputShape.join(', ')}]`, { inputShape: model.inputShape, outputShape: model.outputShape });
  }
  return { model, kind: outputs === 1 ? 'binary' : 'digits', positive: /is_?(\d)$/.exec(model.name)?.[1] ?? 'positive' };
}

/**
 * Fetches a tfjs Layers model (`model.json` and its weights, over HTTP) and describes it.
 * @example `const dm = await loadDigitModel('models/mlp/model.json');`
 */
export async function loadDigitModel(url: string): Promise<DigitModel> {
  return describeDigitModel(fromLayersModel(await tfl.loadLayersModel(url)));
}
