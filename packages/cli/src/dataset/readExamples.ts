import { basename } from 'node:path';
import { DataFileError } from '@glassbox/core';
import type { Example, ExampleSource } from './Example';
import type { ExampleId } from './hashId';
import { parseCsvLine } from './parseCsvLine';
import { readLines } from './readLines';
import { readImageFolder } from './readImageFolder';

/** What the model expects of each example. */
export interface ExampleSpec {
  /** Values per example (product of the model's input shape). */
  size: number;
  /** The model's per-example input shape (a folder of images is read to it). */
  inputShape?: readonly number[];
  /** The model's feature names, checked against a CSV header when both exist. */
  featureNames?: readonly string[] | undefined;
}

const flattenInto = (v: unknown, out: number[]): boolean => {
  if (Array.isArray(v)) return v.every((x) => flattenInto(x, out));
  if (typeof v !== 'number') return false;
  out.push(v);
  return true;
};

/**
 * Streams the examples of a dataset file, validated, with memory flat in the file's size.
 * - JSONL: one example per line, a (nested) number array or `{"id", "input", "target"?}`; blank
 *   lines are skipped; an example without `id` is named by its 0-based position.
 * - CSV: a header, then one numeric row per example; `idColumn` names the ids (else the 0-based
 *   row), `labelColumn` is skipped; the other columns must match the model's features.
 * - A folder of PNG images (see `readImageFolder`), each named by its file name.
 * Duplicate ids, wrong widths and non-numbers are DataFileErrors naming the file and line.
 */
export async function* readExamples(source: ExampleSource, spec: ExampleSpec): AsyncGenerator<Example> {
  const file = basename(source.path);
  const fail = (lineNo: number, msg: string): never => {
    throw new DataFileError(`${file} line ${lineNo}: ${msg}`, { file: source.path, line: lineNo });
  };
  const seen = new Set<ExampleId>();
  const check = (id: ExampleId, values: number[], lineNo: number): Float32Array => {
    if (seen.has(id)) fail(lineNo, `duplicate id ${JSON.stringify(id)}; ids must be unique`);
    seen.add(id);
    if (values.length !== spec.size) fail(lineNo, `example has ${values.length} values; the model expects ${spec.size}`);
    const bad = values.findIndex((x) => !Number.isFinite(x));
    if (bad >= 0) fail(lineNo, `value ${bad} is ${values[bad]}; expected a finite number`);
    return Float32Array.from(values);
  };
  let index = 0;
  if (source.kind === 'images') {
    yield* readImageFolder(source.path, spec.inputShape ?? []);
    return;
  }
  if (source.kind === 'jsonl') {
    for await (const { line, lineNo } of readLines(source.path)) {
      if (line.trim() === '') continue;
      let rec: unknown;
      try {
        rec = JSON.parse(line);
      } catch (e) {
        fail(lineNo, `not valid JSON (${(e as Error).message}); expected an array or {"id", "input", "target"}`);
      }
      const obj = Array.isArray(rec) ? { input: rec } : (rec as { id?: unknown; input?: unknown; target?: unknown });
      if (!obj || typeof obj !== 'object' || !Array.isArray(obj.input)) fail(lineNo, 'expected an array or an object with an "input" array');
      const id = obj.id ?? index;
      if (typeof id !== 'string' && !(typeof id === 'number' && Number.isFinite(id))) fail(lineNo, `id ${JSON.stringify(id)}: expected a string or a number`);
      if (obj.target !== undefined && obj.target !== null && !(Number.isInteger(obj.target) && (obj.target as number) >= 0)) {
        fail(lineNo, `target ${JSON.stringify(obj.target)}: expected a non-negative integer output index`);
      }
      const values: number[] = [];
      if (!flattenInto(obj.input, values)) fail(lineNo, '"input" must hold only numbers');
      const ex: Example = { id: id as ExampleId, values: check(id as ExampleId, values, lineNo) };
      if (typeof obj.target === 'number') ex.target = obj.target;
      index++;
      yield ex;
    }
    return;
  }
  let header: string[] | undefined;
  let idCol = -1;
  let featureCols: number[] = [];
  for await (const { line, lineNo } of readLines(source.path)) {
    if (line.trim() === '') continue;
    const fields = parseCsvLine(line);
    if (!header) {
      header = fields;
      const col = (name: string | undefined, flag: string) => {
        if (name === undefined) return -1;
        const i = /^\d+$/.test(name) ? Number(name) : header!.indexOf(name);
        if (i < 0 || i >= header!.length) fail(lineNo, `${flag} ${name} is not a column; columns: ${header!.join(', ')}`);
        return i;
      };
      idCol = col(source.idColumn, '--id-column');
      const labelCol = col(source.labelColumn, '--label-column');
      featureCols = header.map((_, i) => i).filter((i) => i !== idCol && i !== labelCol);
      const names = featureCols.map((i) => header![i]);
      if (spec.featureNames && spec.featureNames.length === names.length) {
        const j = names.findIndex((n, k) => n !== spec.featureNames![k]);
        if (j >= 0) fail(lineNo, `column "${names[j]}" is where the model expects feature "${spec.featureNames[j]}"`);
      }
      continue;
    }
    if (fields.length !== header.length) fail(lineNo, `row has ${fields.length} fields; the header has ${header.length}`);
    const values = featureCols.map((i) => (fields[i] === '' ? NaN : Number(fields[i])));
    const nan = values.findIndex((x) => !Number.isFinite(x));
    if (nan >= 0) fail(lineNo, `column "${header[featureCols[nan]!]}" holds "${fields[featureCols[nan]!]}"; expected a number`);
    const raw = idCol >= 0 ? fields[idCol]! : index; // as many fields as the header, checked above
    const id: ExampleId = typeof raw === 'string' && /^-?\d+$/.test(raw) && String(Number(raw)) === raw ? Number(raw) : raw;
    index++;
    yield { id, values: check(id, values, lineNo) };
  }
  if (!header) throw new DataFileError(`${file} is empty; expected a header and one row per example`, { file: source.path });
}
