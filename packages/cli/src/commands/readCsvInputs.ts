import { basename } from 'node:path';
import { InvalidOptionError, checkCsvColumns, type Model } from '@glassbox/core';
import { readCsv } from '@glassbox/core/node';

/** Rows chosen with `--rows 0,5,7` (0-based data rows), validated against the table. */
export function parseRows(flag: string | undefined, count: number): number[] | undefined {
  if (flag === undefined) return undefined;
  const rows = flag.split(',').map((s) => (/^\s*\d+\s*$/.test(s) ? Number(s) : NaN)); // '' is not row 0
  const bad = rows.find((r) => !Number.isInteger(r) || r < 0 || r >= count);
  if (bad !== undefined || rows.length === 0) {
    throw new InvalidOptionError(`--rows ${flag}: expected comma-separated data row indices in [0, ${count - 1}]`, { rows: flag, count });
  }
  return rows;
}

/**
 * `--data file.csv`: a header naming the model's input features in order, then numeric rows; an
 * optional `--label-column` is read as text and left out of the features. The width (and, when the
 * model names its features, the names) must match the model: DataFileError with row and column.
 */
export async function readCsvInputs(
  path: string,
  model: Model,
  labelColumn?: string,
): Promise<{ values: Float32Array; shape: number[]; header: string[]; extra: Record<string, unknown> }> {
  const table = await readCsv(path, labelColumn === undefined ? {} : { labelColumn: /^\d+$/.test(labelColumn) ? Number(labelColumn) : labelColumn });
  checkCsvColumns(table, model, { file: basename(path) });
  return { values: table.values, shape: [...table.shape], header: table.header, extra: { labels: { features: table.header } } };
}
