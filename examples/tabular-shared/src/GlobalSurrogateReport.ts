import type { Explanation, Model } from '@glassbox/core';
import type { CsvTable, SurrogateTreeData } from '@glassbox/surrogate-tree';

/** What every tabular demo shows first: the model, its data and split, and its global surrogate. */
export interface GlobalSurrogateReport {
  model: Model;
  table: CsvTable;
  /** The seeded split training used: row indices. */
  split: { train: number[]; test: number[] };
  heldOutAccuracy: number;
  surrogate: Explanation<'surrogate', SurrogateTreeData>;
  svg: string;
}
