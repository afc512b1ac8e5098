import { readFile } from 'node:fs/promises';
import { DataFileError } from '../errors/DataFileError';
import { parseCsv, type CsvTable, type ParseCsvOptions } from '../data/parseCsv';

/**
 * Reads and parses a numeric CSV file with a header (Node only; import from
 * `@glassbox/core/node`). Errors are `DataFileError`s naming the file, the 1-based row
 * and the column; see {@link parseCsv}.
 *
 * @example
 * ```ts
 * import { readCsv } from '@glassbox/core/node';
 * const table = await readCsv('data/breast_cancer.csv', { labelColumn: 'diagnosis' });
 * ```
 */
export async function readCsv(path: string, options: Omit<ParseCsvOptions, 'file'> = {}): Promise<CsvTable> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new DataFileError(`Cannot read CSV file ${path}: ${(e as Error).message}`, { file: path }, { cause: e });
  }
  return parseCsv(text, { ...options, file: path });
}
