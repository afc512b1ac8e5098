/**
 * The unit a perturbation changes at once: a numeric feature (with its spread), a standalone
 * binary feature, or a one-hot group (binary columns of one attribute, changed together so a
 * sample stays a valid one-hot code).
 */
export type FeatureUnit =
  | { kind: 'numeric'; features: [number]; scale: number }
  | { kind: 'binary'; features: [number] }
  | { kind: 'one-hot'; features: number[] };

/** The attribute part of a one-hot column name: `Purpose.NewCar` → `Purpose`, `colour=red` → `colour`. */
const prefixOf = (name: string): string | null => {
  const m = /^(.+?)[.=:_]/.exec(name);
  return m?.[1] ?? null;
};

/**
 * Splits the columns of row-major `values` (`rows × cols`) into {@link FeatureUnit}s. A column is
 * binary when it only holds 0 and 1; consecutive binary columns whose names share an attribute
 * prefix (`Purpose.NewCar`, `Purpose.UsedCar` …) and never hold two 1s in a row form a one-hot
 * group. Numeric units carry the column's standard deviation (0 for constant columns).
 *
 * @example
 * ```ts
 * featureUnits(['age', 'Housing.Rent', 'Housing.Own'], values, rows, 3);
 * // [{ kind: 'numeric', features: [0], scale: 11.4 }, { kind: 'one-hot', features: [1, 2] }]
 * ```
 */
export function featureUnits(names: readonly string[], values: Float32Array, rows: number, cols: number): FeatureUnit[] {
  const binary: boolean[] = [];
  const scale: number[] = [];
  for (let j = 0; j < cols; j++) {
    let isBinary = true;
    let sum = 0;
    for (let i = 0; i < rows; i++) {
      const v = values[i * cols + j]!;
      if (v !== 0 && v !== 1) isBinary = false;
      sum += v;
    }
    const mean = sum / rows;
    let ss = 0;
    for (let i = 0; i < rows; i++) ss += (values[i * cols + j]! - mean) ** 2;
    binary.push(isBinary);
    scale.push(Math.sqrt(ss / rows));
  }
  const units: FeatureUnit[] = [];
  for (let j = 0; j < cols; ) {
    if (!binary[j]) {
      units.push({ kind: 'numeric', features: [j], scale: scale[j]! });
      j++;
      continue;
    }
    const prefix = prefixOf(names[j] ?? '');
    const group = [j];
    while (prefix !== null && j + group.length < cols && binary[j + group.length] && prefixOf(names[j + group.length] ?? '') === prefix) {
      group.push(j + group.length);
    }
    let exclusive = group.length > 1;
    for (let i = 0; exclusive && i < rows; i++) {
      let ones = 0;
      for (const k of group) ones += values[i * cols + k]!;
      if (ones > 1) exclusive = false;
    }
    if (exclusive) {
      units.push({ kind: 'one-hot', features: group });
      j += group.length;
    } else {
      units.push({ kind: 'binary', features: [j] });
      j++;
    }
  }
  return units;
}
