/** Formats a coordinate for SVG: at most 2 decimals, no trailing zeros (deterministic text). */
export function num(v: number): string {
  return String(Math.round(v * 100) / 100);
}

/** Opening `<svg>` tag with size and viewBox, plus the house font. */
export function svgOpen(width: number, height: number, label: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${num(height)}" viewBox="0 0 ${num(width)} ${num(height)}" role="img" aria-label="${label}" font-family="sans-serif" font-size="11">`;
}

/** Approximate width of `text` at `size` px in a sans-serif font (for layout without a DOM). */
export function approxTextWidth(text: string, size = 11): number {
  return [...text].length * size * 0.6;
}
