/** A fraction as a percentage with one decimal ("78.5%"). */
export function formatPercent(v: number): string {
  return `${(v * 100).toFixed(1)}%`;
}
