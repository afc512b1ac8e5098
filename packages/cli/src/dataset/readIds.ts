import { DataFileError } from '@glassbox/core';
import type { ExampleSource } from './Example';
import type { ExampleId } from './hashId';
import { parseCsvLine } from './parseCsvLine';
import { readLines } from './readLines';

/** The ids of a dataset's examples, in file order, without validating the values (for merge checks). */
export async function* readIds(source: ExampleSource): AsyncGenerator<ExampleId> {
  if (source.kind === 'images') {
    const { readdir } = await import('node:fs/promises');
    yield* (await readdir(source.path)).filter((n) => !n.startsWith('.')).sort();
    return;
  }
  let index = 0;
  let idCol = -1;
  let header = source.kind === 'jsonl';
  for await (const { line, lineNo } of readLines(source.path)) {
    if (line.trim() === '') continue;
    if (source.kind === 'jsonl') {
      let rec: unknown;
      try {
        rec = JSON.parse(line);
      } catch {
        throw new DataFileError(`${source.path} line ${lineNo}: not valid JSON`, { file: source.path, line: lineNo });
      }
      yield Array.isArray(rec) ? index : ((rec as { id?: ExampleId }).id ?? index);
    } else if (!header) {
      header = true;
      const cols = parseCsvLine(line);
      if (source.idColumn !== undefined) idCol = /^\d+$/.test(source.idColumn) ? Number(source.idColumn) : cols.indexOf(source.idColumn);
      continue;
    } else if (idCol >= 0) {
      const raw = parseCsvLine(line)[idCol] ?? '';
      yield /^-?\d+$/.test(raw) && String(Number(raw)) === raw ? Number(raw) : raw;
    } else yield index;
    index++;
  }
}
