/**
 * The shortest decimal that reads back as the same float32 (6 to 9 significant digits), so that
 * results files are compact and a value written and read back is bit-identical.
 */
export function formatFloat(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x === 0 ? 0 : x;
  for (let p = 6; p < 9; p++) {
    const y = Number(x.toPrecision(p));
    if (Math.fround(y) === x) return y;
  }
  return Number(x.toPrecision(9));
}

/** `formatFloat` over a flat array, nested into `shape` (plain arrays, ready for JSON). */
export function nestFloats(values: ArrayLike<number>, shape: readonly number[], offset = 0): unknown {
  if (shape.length <= 1) {
    const n = shape[0] ?? 1;
    const out = new Array<number>(n);
    for (let i = 0; i < n; i++) out[i] = formatFloat(values[offset + i]!);
    return shape.length === 0 ? out[0] : out;
  }
  const inner = shape.slice(1).reduce((a, b) => a * b, 1);
  return Array.from({ length: shape[0]! }, (_, i) => nestFloats(values, shape.slice(1), offset + i * inner));
}
