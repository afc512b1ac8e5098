import { fileURLToPath } from 'node:url';
import { createRandom } from '@glassbox/core';
import { stratifiedSplit as splitByClass, takeRows, type CsvTable } from '@glassbox/surrogate-tree';
import { readCsv } from '@glassbox/surrogate-tree/node';

/** The committed data, model and outputs (paths work from src/ and dist/ alike). */
export const DATA_CSV = fileURLToPath(new URL('../data/breast_cancer.csv', import.meta.url));
export const MODEL_JSON = fileURLToPath(new URL('../model/model.json', import.meta.url));
export const MODEL_DIR = fileURLToPath(new URL('../model/', import.meta.url));
export const OUT_DIR = fileURLToPath(new URL('../out/', import.meta.url));
export const RESULTS_DIR = fileURLToPath(new URL('../results/', import.meta.url));

/** Output order of the model. */
export const CLASS_NAMES = ['benign', 'malignant'];
/** Seed of the stratified train/held-out split shared by training, the test and the scripts. */
export const SPLIT_SEED = 7;

/** The 569 patients: 30 measurements each, and the diagnosis as 0 (benign) / 1 (malignant). */
export async function loadPatients(): Promise<{ table: CsvTable; labels: Int32Array }> {
  const table = await readCsv(DATA_CSV, { labelColumn: 'diagnosis' });
  return { table, labels: Int32Array.from(table.labels!, (l) => CLASS_NAMES.indexOf(l)) };
}

/** The example's seeded split that keeps the class balance (`testFraction` of each class held out). */
export function stratifiedSplit(labels: ArrayLike<number>, testFraction: number, seed: number): { train: number[]; test: number[] } {
  return splitByClass(labels, testFraction, createRandom(seed));
}

/** Rows `idx` of a table as one flat row-major array. */
export function rowsOf(table: CsvTable, idx: readonly number[]): Float32Array {
  return takeRows(table.values, table.shape[1], idx);
}

/** Per-column mean and standard deviation of the rows `idx` (the training rows: the scaler). */
export function columnStats(table: CsvTable, idx: readonly number[]): { mean: number[]; std: number[] } {
  const p = table.shape[1];
  const mean = new Array<number>(p).fill(0);
  const sq = new Array<number>(p).fill(0);
  for (const r of idx) for (let j = 0; j < p; j++) mean[j] += table.values[r * p + j] / idx.length;
  for (const r of idx) for (let j = 0; j < p; j++) sq[j] += (table.values[r * p + j] - mean[j]) ** 2 / idx.length;
  return { mean, std: sq.map((v) => Math.sqrt(v) || 1) };
}
