import { useBackend, type Model } from '@glassbox/core';
import { loadModel } from '@glassbox/core/node';
import type { CsvTable } from '@glassbox/surrogate-tree';
import { loadLabelledTable } from './loadLabelledTable';
import { stratifiedSplit } from './stratifiedSplit';
import type { TabularExample } from './TabularExample';

/** An example's committed model (on the cpu backend), its table and labels, and its train/held-out split. */
export interface LoadedTabularExample {
  model: Model;
  table: CsvTable;
  labels: Int32Array;
  train: number[];
  test: number[];
}

/** Loads an example's model and data and splits the rows as training did. Dispose `model` when done. */
export async function loadTabularExample(example: TabularExample): Promise<LoadedTabularExample> {
  await useBackend('cpu');
  const model = await loadModel(example.modelJson);
  const { table, labels } = await loadLabelledTable(example);
  const { train, test } = stratifiedSplit(labels, example.testFraction, example.splitSeed);
  return { model, table, labels, train, test };
}
