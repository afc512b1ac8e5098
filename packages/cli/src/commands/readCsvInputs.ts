import { basename } from 'node:path';
import type { Model } from '@glassbox/core';
import { checkCsvColumns } from '@glassbox/surrogate-tree';
import { readCsv } from '@glassbox/surrogate-tree/node';

/**
 * `--data file.csv`: a header naming the model's input features in order, then numeric rows.
 * A label column named like the model's class or a trailing non-feature column is refused by the
 * width check with the row and column it concerns.
 */
export async function readCsvInputs(path: string, model: Model): Promise<{ values: Float32Array; shape: number[]; extra: Record<string, unknown> }> {
  const table = await readCsv(path);
  checkCsvColumns(table, model, { file: basename(path) });
  return { values: table.values, shape: [...table.shape], extra: { labels: { features: table.header } } };
}
