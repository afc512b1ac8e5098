import { InvalidInputError, sizeOf, type Explanation } from '@glassbox/core';
import { batchSize } from './batchSize';

/** An explanation's inputs and attributions per example, for metrics that perturb the inputs. */
export interface AttributionData {
  /** Examples in the batch. */
  n: number;
  /** Elements per example. */
  per: number;
  /** Per-example input shape (channels last). */
  shape: number[];
  inputs: Float32Array;
  attributions: Float32Array;
  targets: number[];
  /** Flat outputs per example. */
  outputSize: number;
}

/**
 * Reads what perturbation metrics need, refusing attributions that are not shaped like the
 * inputs (layer or token attributions cannot be flipped feature by feature).
 */
export function attributionData(e: Explanation, metric: string): AttributionData {
  const same = e.attributionShape.length === e.inputShape.length && e.attributionShape.every((d, i) => d === e.inputShape[i]);
  if (!same) {
    throw new InvalidInputError(
      `Metric "${metric}" needs attributions shaped like the inputs (${JSON.stringify(e.inputShape)}); method "${e.method}" gave ${JSON.stringify(e.attributionShape)} (kind ${e.kind})`,
      { metric, inputShape: e.inputShape, attributionShape: e.attributionShape },
    );
  }
  const n = batchSize(e.inputShape, metric);
  const shape = e.inputShape.slice(1);
  return { n, per: sizeOf(shape), shape, inputs: e.inputs, attributions: e.attributions, targets: e.targets, outputSize: e.outputs.length / n };
}
