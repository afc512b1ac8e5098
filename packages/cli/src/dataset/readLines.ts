import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { DataFileError } from '@glassbox/core';

/**
 * The lines of a text file, streamed (memory does not grow with the file), with 1-based line
 * numbers. A missing or unreadable file is a DataFileError.
 */
export async function* readLines(path: string): AsyncGenerator<{ line: string; lineNo: number }> {
  try {
    if (!(await stat(path)).isFile()) throw new Error('not a file');
  } catch (e) {
    throw new DataFileError(`Cannot read ${path}: ${(e as Error).message}`, { file: path });
  }
  const stream = createReadStream(path, { encoding: 'utf8' });
  const rl = createInterface({ input: stream, crlfDelay: Infinity });
  let lineNo = 0;
  try {
    for await (const line of rl) yield { line, lineNo: ++lineNo };
  } finally {
    rl.close();
    stream.destroy();
  }
}
