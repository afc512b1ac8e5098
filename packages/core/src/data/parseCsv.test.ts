import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataFileError } from '../errors/DataFileError';
import { fromBatchFunction } from '../model/fromBatchFunction';
import { parseCsv } from './parseCsv';
import { checkCsvColumns } from './checkCsvColumns';
import { readCsv } from '../node/readCsv';

const dataDir = fileURLToPath(new URL('../../../../examples/', import.meta.url));

/** The DataFileError `fn` throws (fails the test when it throws something else or nothing). */
const dataError = (fn: () => unknown): DataFileError => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DataFileError);
    expect((e as DataFileError).code).toBe('DATA_FILE_INVALID');
    return e as DataFileError;
  }
  throw new Error('expected a DataFileError');
};

describe('parseCsv', () => {
  it('reads numbers, quotes, CRLF, a BOM, blank lines and a label column', () => {
    const t = parseCsv('\ufeff"a","b, c",label\r\n1,-2.5e1,"yes"\r\n\r\n.5, 3 ,"no ""really"""\r\n', { labelColumn: 'label' });
    expect(t.header).toEqual(['a', 'b, c']);
    expect(t.shape).toEqual([2, 2]);
    expect(Array.from(t.values)).toEqual([1, -25, 0.5, 3]);
    expect(t.labels).toEqual(['yes', 'no "really"']);
    expect(t.labelName).toBe('label');
    expect(t.lines).toEqual([2, 4]);
    expect(parseCsv('x\n7', { labelColumn: undefined }).shape).toEqual([1, 1]);
  });

  it('missing values name the 1-based row and the column', () => {
    const e = dataError(() => parseCsv('a,b,c\n1,2,3\n4,,6\n', { file: 'x.csv' }));
    expect(e.details).toMatchObject({ file: 'x.csv', row: 3, column: 'b', reason: 'missing' });
    expect(e.message).toBe('x.csv, row 3, column "b": missing value; expected a number');
    for (const cell of ['NA', 'NaN', '?', 'null']) {
      expect(dataError(() => parseCsv(`a,b\n1,${cell}\n`)).details).toMatchObject({ row: 2, column: 'b', reason: 'missing' });
    }
  });

  it('non-numeric cells name the row, the column and the cell', () => {
    const e = dataError(() => parseCsv('a,b\n1,2\n3,4\n5,abc\n'));
    expect(e.details).toMatchObject({ row: 4, column: 'b', reason: 'non-numeric', received: 'abc' });
    expect(e.message).toMatch(/row 4, column "b": "abc" is not a number/);
    for (const cell of ['0x1A', '1,5', 'Infinity', '1e999', '12abc']) {
      expect(dataError(() => parseCsv(`a\n${cell === '1,5' ? '"1,5"' : cell}\n`)).details).toMatchObject({ row: 2, column: 'a' });
    }
    // The label column may hold text.
    expect(parseCsv('a,y\n1,"Good"\n', { labelColumn: 1 }).labels).toEqual(['Good']);
  });

  it('ragged rows, an empty file, a header alone and bad headers are typed errors', () => {
    expect(dataError(() => parseCsv('a,b,c\n1,2,3\n4,5\n')).details).toMatchObject({ row: 3, column: 'c', expected: 3, received: 2 });
    expect(dataError(() => parseCsv('a,b\n1,2,3\n')).message).toMatch(/row 2: 3 cells; the header has 2 columns \(extra cells/);
    expect(dataError(() => parseCsv('', { file: 'empty.csv' })).message).toBe(
      'empty.csv is empty; expected a header row of column names, then one row per example',
    );
    expect(dataError(() => parseCsv('\n\n  \n')).details).toMatchObject({ row: 1 });
    expect(dataError(() => parseCsv('a,b\n')).details).toMatchObject({ row: 2 });
    expect(dataError(() => parseCsv('a,,c\n1,2,3\n')).details).toMatchObject({ row: 1, column: 2 });
    expect(dataError(() => parseCsv('a,b,a\n1,2,3\n')).message).toMatch(/"a" appears twice/);
    expect(dataError(() => parseCsv('a,b\n1,"2\n')).message).toMatch(/never closed/);
    expect(dataError(() => parseCsv('a,b\n1,2\n', { labelColumn: 'y' })).message).toMatch(/no label column "y"; columns are: a, b/);
  });
});

describe('checkCsvColumns', () => {
  const model = fromBatchFunction(async (_x, n) => new Float32Array(n * 2), {
    inputShape: [3],
    outputShape: [2],
    name: 'm',
    featureNames: ['a', 'b', 'c'],
  });

  it('accepts the model features in order', () => {
    expect(() => checkCsvColumns(parseCsv('a,b,c\n1,2,3\n'), model)).not.toThrow();
  });

  it('names expected vs got when the width differs, and the column when a name differs', () => {
    const e = dataError(() => checkCsvColumns(parseCsv('a,b\n1,2\n'), model, { file: 'd.csv' }));
    expect(e.details).toMatchObject({ file: 'd.csv', row: 1, expected: 3, received: 2 });
    expect(e.message).toBe(`d.csv has 2 feature columns; model "m" expects 3 inputs: a, b, c. The header must list the model's input features, in order`);
    expect(dataError(() => checkCsvColumns(parseCsv('a,b,c,d\n1,2,3,4\n'), model)).details).toMatchObject({ expected: 3, received: 4, column: 'd' });
    const swapped = dataError(() => checkCsvColumns(parseCsv('a,c,b\n1,2,3\n'), model));
    expect(swapped.details).toMatchObject({ row: 1, column: 'c', expected: 'b' });
    expect(swapped.message).toMatch(/column 2 is "c"; model "m" expects "b" there \("c" is its input 3\)/);
    expect(() => checkCsvColumns(parseCsv('x,y,z\n1,2,3\n'), model, { matchNames: false })).not.toThrow();
  });
});

describe('readCsv', () => {
  it('reads the committed example data', async () => {
    const t = await readCsv(join(dataDir, 'medical-diagnosis/data/breast_cancer.csv'), { labelColumn: 'diagnosis' });
    expect(t.shape).toEqual([569, 30]);
    expect(t.header[0]).toBe('mean_radius');
    expect(t.values[0]).toBeCloseTo(17.99, 5);
    expect(t.labels!.filter((l) => l === 'malignant')).toHaveLength(212);
    const g = await readCsv(join(dataDir, 'credit-risk/data/german_credit.csv'), { labelColumn: 'Class' });
    expect(g.shape).toEqual([1000, 61]);
    expect(g.labels!.filter((l) => l === 'Bad')).toHaveLength(300);
  });

  it('reports the file for unreadable paths and bad cells', async () => {
    await expect(readCsv('/no/such/file.csv')).rejects.toMatchObject({ code: 'DATA_FILE_INVALID', details: { file: '/no/such/file.csv' } });
    const dir = await mkdtemp(join(tmpdir(), 'csv-'));
    const text = await readFile(join(dataDir, 'medical-diagnosis/data/breast_cancer.csv'), 'utf8');
    const lines = text.split('\n');
    lines[10] = lines[10]!.replace(/^[^,]+/, '');
    await writeFile(join(dir, 'broken.csv'), lines.join('\n'));
    await expect(readCsv(join(dir, 'broken.csv'), { labelColumn: 'diagnosis' })).rejects.toMatchObject({
      details: { file: join(dir, 'broken.csv'), row: 11, column: 'mean_radius', reason: 'missing' },
    });
  });
});
