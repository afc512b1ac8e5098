import { InvalidOptionError, formatShape, type TensorValue } from '@glassbox/core';

/**
 * The values a feature takes when it is removed, per example: zeros by default, a constant
 * (shape `[]`), one row for all (`inputShape`) or one per example (`[n, ...inputShape]`).
 */
export function baselineRow(baseline: TensorValue | undefined, inputShape: readonly number[], n: number, option = 'baseline'): (i: number) => Float32Array {
  const per = inputShape.reduce((a, b) => a * b, 1);
  if (!baseline) {
    const zeros = new Float32Array(per);
    return () => zeros;
  }
  const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((d, i) => d === b[i]);
  if (baseline.shape.length === 0) {
    const row = new Float32Array(per).fill(baseline.values[0]!);
    return () => row;
  }
  if (same(baseline.shape, inputShape) || same(baseline.shape, [1, ...inputShape])) {
    const row = Float32Array.from(baseline.values);
    return () => row;
  }
  if (same(baseline.shape, [n, ...inputShape])) {
    const all = Float32Array.from(baseline.values);
    return (i) => all.subarray(i * per, (i + 1) * per);
  }
  throw new InvalidOptionError(
    `Option "${option}" has shape ${formatShape(baseline.shape)}; expected a number, one input ${formatShape(inputShape)} or one per example ${formatShape([n, ...inputShape])}`,
    { option, shape: baseline.shape },
  );
}
