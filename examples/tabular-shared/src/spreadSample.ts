/** `count` of `rows` spread evenly over them (every ⌊n / count⌋-th, from the first): a background that spans a class-ordered split. */
export function spreadSample(rows: readonly number[], count: number): number[] {
  return rows.filter((_, k) => k % Math.floor(rows.length / count) === 0).slice(0, count);
}
