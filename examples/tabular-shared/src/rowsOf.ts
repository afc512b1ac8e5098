import { takeRows, type CsvTable } from '@glassbox/surrogate-tree';

/** Rows `idx` of a table as one flat row-major array. */
export function rowsOf(table: CsvTable, idx: readonly number[]): Float32Array {
  return takeRows(table.values, table.shape[1], idx);
}
