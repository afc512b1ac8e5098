import type { CsvTable } from '@glassbox/surrogate-tree';
import { readCsv } from '@glassbox/surrogate-tree/node';
import { DataFileError } from '@glassbox/core';
import type { TabularExample } from './TabularExample';

/** An example's CSV and its labels as class indices (the label's lower-cased name in `classNames`). */
export async function loadLabelledTable(example: Pick<TabularExample, 'dataCsv' | 'labelColumn' | 'classNames'>): Promise<{ table: CsvTable; labels: Int32Array }> {
  const table = await readCsv(example.dataCsv, { labelColumn: example.labelColumn });
  if (!table.labels) throw new DataFileError(`${example.dataCsv} has no label column "${example.labelColumn}"`, { file: example.dataCsv, column: example.labelColumn });
  return { table, labels: Int32Array.from(table.labels, (l) => example.classNames.indexOf(l.toLowerCase())) };
}
