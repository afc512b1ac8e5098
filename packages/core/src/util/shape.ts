/** Number of elements of a shape (1 for a scalar). */
export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Shape as `[a, b, c]` text for messages. */
export function formatShape(shape: readonly (number | null)[]): string {
  return `[${shape.map((d) => (d == null || d < 0 ? '?' : String(d))).join(', ')}]`;
}
