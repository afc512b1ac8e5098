import * as tf from '@tensorflow/tfjs-core';
import type { Model } from '@glassbox/core';
import type { CsvTable } from '@glassbox/surrogate-tree';
import { rowsOf } from './rowsOf';

/** The model's accuracy (argmax against `labels`) on rows `idx` of `table`. */
export async function heldOutAccuracy(model: Model, table: CsvTable, labels: ArrayLike<number>, idx: readonly number[]): Promise<number> {
  const x = tf.tensor2d(rowsOf(table, idx), [idx.length, table.shape[1]]);
  const y = await model.predict(x);
  const predicted = tf.argMax(y, 1).dataSync() as Int32Array;
  tf.dispose([x, y]);
  return idx.reduce((a, r, k) => a + (predicted[k] === labels[r] ? 1 : 0), 0) / idx.length;
}
