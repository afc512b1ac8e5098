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
