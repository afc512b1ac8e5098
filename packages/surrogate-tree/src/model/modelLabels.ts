import type { Model } from '@glassbox/core';

/**
 * The model's class per row from its outputs (`[rows, outputSize]` flat): the argmax (lowest
 * index on ties), or for a single output read as a probability, 1 when it is ≥ 0.5.
 */
export function modelLabels(outputs: Float32Array, outputSize: number): Int32Array {
  const rows = outputs.length / outputSize;
  const labels = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    if (outputSize === 1) {
      labels[i] = outputs[i]! >= 0.5 ? 1 : 0;
      continue;
    }
    let best = 0;
    for (let j = 1; j < outputSize; j++) if (outputs[i * outputSize + j]! > outputs[i * outputSize + best]!) best = j;
    labels[i] = best;
  }
  return labels;
}

/** Class names for {@link modelLabels}: the model's, or `class k`; a single output gives `not <name>` / `<name>`. */
export function modelClassNames(model: Pick<Model, 'classNames' | 'outputShape'>, outputSize: number): string[] {
  if (outputSize === 1) {
    const name = model.classNames?.length === 2 ? undefined : (model.classNames?.[0] ?? 'output 0');
    return name === undefined ? [...model.classNames!] : [`not ${name}`, name];
  }
  return Array.from({ length: outputSize }, (_, k) => model.classNames?.[k] ?? `class ${k}`);
}

/** Feature names: the model's when it has one per input, else `x0`, `x1`, …. */
export function modelFeatureNames(model: Pick<Model, 'featureNames'>, inputSize: number): string[] {
  return model.featureNames?.length === inputSize ? [...model.featureNames] : Array.from({ length: inputSize }, (_, j) => `x${j}`);
}

/** The name of output `t` for regression rules: `P(malignant)` when every output lies in [0, 1], else the class name. */
export function outputName(model: Pick<Model, 'classNames'>, t: number, outputs: Float32Array): string {
  const name = model.classNames?.[t] ?? `output ${t}`;
  return outputs.every((v) => v >= 0 && v <= 1) ? `P(${name})` : name;
}
