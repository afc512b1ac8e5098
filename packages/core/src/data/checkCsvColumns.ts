import { DataFileError } from '../errors/DataFileError';
import type { Model } from '../model/Model';
import { sizeOf } from '../util/shape';
import type { CsvTable } from './parseCsv';

/** Options of {@link checkCsvColumns}. */
export interface CheckCsvColumnsOptions {
  /** File name for messages. */
  file?: string | undefined;
  /** Also require the header names to equal the model's `featureNames` in order, when it has them (default true). */
  matchNames?: boolean | undefined;
}

/**
 * Checks that a CSV's feature columns are the model's inputs: as many columns as the model's
 * flattened input size and, when the model names its features, the same names in the same order.
 * Throws `DataFileError` (row 1, the header) naming what was expected and what the file has.
 *
 * @example
 * ```ts
 * const table = await readCsv('patients.csv');
 * checkCsvColumns(table, model, { file: 'patients.csv' }); // throws on 29 columns for a 30-input model
 * ```
 */
export function checkCsvColumns(table: Pick<CsvTable, 'header'>, model: Pick<Model, 'name' | 'inputShape' | 'featureNames'>, options: CheckCsvColumnsOptions = {}): void {
  const { file, matchNames = true } = options;
  const where = file ?? 'CSV';
  const expected = sizeOf(model.inputShape);
  const got = table.header.length;
  if (got !== expected) {
    const names = model.featureNames?.length === expected ? `: ${model.featureNames.join(', ')}` : '';
    throw new DataFileError(
      `${where} has ${got} feature column${got === 1 ? '' : 's'}; model "${model.name}" expects ${expected} input${expected === 1 ? '' : 's'}${names}. The header must list the model's input features, in order`,
      { file, row: 1, expected, received: got, ...(got > expected ? { column: table.header[expected] } : {}) },
    );
  }
  const featureNames = model.featureNames;
  if (!matchNames || !featureNames || featureNames.length !== expected) return;
  const j = table.header.findIndex((h, i) => h !== featureNames[i]);
  const name = table.header[j];
  if (name !== undefined) {
    const elsewhere = featureNames.indexOf(name);
    throw new DataFileError(
      `${where}: column ${j + 1} is "${name}"; model "${model.name}" expects "${featureNames[j]}" there${elsewhere >= 0 ? ` ("${name}" is its input ${elsewhere + 1})` : ''}. The header must list the model's input features, in order`,
      { file, row: 1, column: name, expected: featureNames[j], received: name },
    );
  }
}
