import type { CsvTable } from '@glassbox/surrogate-tree';

/** Per-column mean and standard deviation of the rows `idx` (the training rows: the scaler). */
export function columnStats(table: CsvTable, idx: readonly number[]): { mean: number[]; std: number[] } {
  const p = table.shape[1];
  const mean = new Array<number>(p).fill(0);
  const sq = new Array<number>(p).fill(0);
  for (const r of idx) for (let j = 0; j < p; j++) mean[j]! += table.values[r * p + j]! / idx.length;
  for (const r of idx) for (let j = 0; j < p; j++) sq[j]! += (table.values[r * p + j]! - mean[j]!) ** 2 / idx.length;
  return { mean, std: sq.map((v) => Math.sqrt(v) || 1) };
}
