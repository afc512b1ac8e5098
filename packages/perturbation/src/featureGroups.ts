import { InvalidOptionError, formatShape, type TensorValue } from '@glassbox/core';

/** The feature groups of one example: `ids` in ascending order and, per flat feature, its group's index in `ids`. */
export interface FeatureGroups {
  ids: number[];
  groupOf: Int32Array;
}

/**
 * Per example, the groups a feature mask defines. The mask has the input's layout and holds
 * integer group ids: one mask for all examples (`inputShape` or `[1, ...inputShape]`) or one per
 * example (`[n, ...inputShape]`); features with the same id are perturbed together and share their
 * attribution. Without a mask every feature is its own group.
 */
export function featureGroups(mask: TensorValue | undefined, inputShape: readonly number[], n: number, option = 'featureMask'): FeatureGroups[] {
  const per = inputShape.reduce((a, b) => a * b, 1);
  if (!mask) {
    const one = { ids: Array.from({ length: per }, (_, i) => i), groupOf: Int32Array.from({ length: per }, (_, i) => i) };
    return Array.from({ length: n }, () => one);
  }
  const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((d, i) => d === b[i]);
  const shared = same(mask.shape, inputShape) || same(mask.shape, [1, ...inputShape]);
  if (!shared && !same(mask.shape, [n, ...inputShape])) {
    throw new InvalidOptionError(
      `Option "${option}" has shape ${formatShape(mask.shape)}; expected the input's layout ${formatShape(inputShape)} (or one mask per example ${formatShape([n, ...inputShape])}) holding integer group ids`,
      { option, shape: mask.shape, inputShape: [...inputShape] },
    );
  }
  const bad = mask.values.findIndex((v) => !Number.isInteger(v) || v < 0);
  if (bad >= 0) throw new InvalidOptionError(`Option "${option}": element ${bad} is ${mask.values[bad]}; group ids must be integers ≥ 0`, { option, index: bad });
  const build = (offset: number): FeatureGroups => {
    const raw = mask.values.slice(offset, offset + per);
    const ids = [...new Set(raw)].sort((a, b) => a - b);
    const index = new Map(ids.map((id, k) => [id, k]));
    return { ids, groupOf: Int32Array.from(raw, (v) => index.get(v)!) };
  };
  if (shared) {
    const one = build(0);
    return Array.from({ length: n }, () => one);
  }
  return Array.from({ length: n }, (_, i) => build(i * per));
}
