import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { DataFileError, type ExplanationLabels } from '@glassbox/core';
import { readInputsFile } from '@glassbox/core/node';
import { readNpy } from './npy';

/** Inputs read from `--input`: flat float32 values, their shape, and the file's optional fields. */
export interface InputsFromFile {
  values: Float32Array;
  shape: number[];
  extra: { targets?: number | number[] | 'predicted' | undefined; labels?: ExplanationLabels };
}

/** The largest `--input` file read (the limit on input size, in bytes). */
export const MAX_INPUT_FILE_BYTES = 2 ** 31 - 1;
const FIELDS = ['inputs', 'targets', 'labels'];
const LABEL_FIELDS = ['features', 'tokens', 'classes'];

const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/**
 * Reads `--input`: a NumPy `.npy` array (`[batch, ...inputShape]`, any numeric dtype), or an inputs
 * JSON file — a nested number array, or `{ "inputs": [...], "targets"?: n | [n, ...] | "predicted",
 * "labels"?: { "features"?: [..], "tokens"?: [[..]], "classes"?: [..] } }`. Every field is checked;
 * unknown fields, a 0-d array and files over {@link MAX_INPUT_FILE_BYTES} are `DATA_FILE_INVALID`.
 *
 * @example
 * ```ts
 * const { values, shape, extra } = await readInputs('/data/x.npy');
 * ```
 */
export async function readInputs(path: string): Promise<InputsFromFile> {
  const file = basename(path);
  const info = await stat(path).catch((e: Error) => {
    throw new DataFileError(`Cannot read inputs file ${path}: ${e.message}`, { file });
  });
  if (!info.isFile()) throw new DataFileError(`Inputs file ${path} is not a file`, { file });
  if (info.size > MAX_INPUT_FILE_BYTES) throw new DataFileError(`Inputs file ${path} is ${info.size} bytes; the limit on input files is ${MAX_INPUT_FILE_BYTES} bytes (2 GiB)`, { file, limit: MAX_INPUT_FILE_BYTES });
  if (extname(path).toLowerCase() === '.npy') {
    const { values, shape } = readNpy(await readFile(path), file);
    if (shape.length === 0) throw new DataFileError(`${file} holds a single number; expected an array [batch, ...inputShape]`, { file });
    return { values, shape, extra: {} };
  }
  const { values, shape, extra } = await readInputsFile(path);
  if (shape.length < 1 || shape[0] === 0) throw new DataFileError(`${file} holds no examples; expected [batch, ...inputShape] with batch ≥ 1`, { file });
  return { values, shape, extra: checkExtra(extra, file, shape[0]!) };
}

function checkExtra(extra: Record<string, unknown>, file: string, batch: number): InputsFromFile['extra'] {
  const fail = (msg: string, field: string): never => {
    throw new DataFileError(`${file}: ${msg}`, { file, field });
  };
  const unknown = Object.keys(extra).find((k) => !FIELDS.includes(k));
  if (unknown !== undefined) fail(`unknown field "${unknown.slice(0, 40)}"; an inputs file has "inputs" and optionally "targets" and "labels"`, unknown.slice(0, 40));
  const out: InputsFromFile['extra'] = {};
  const t = extra.targets;
  if (t !== undefined) {
    const ok = t === 'predicted' || (typeof t === 'number' && Number.isInteger(t) && t >= 0) || (Array.isArray(t) && t.length === batch && t.every((x) => typeof x === 'number' && Number.isInteger(x) && x >= 0));
    if (!ok) fail(`"targets" must be "predicted", one output index, or ${batch} output indices (non-negative integers), one per example`, 'targets');
    out.targets = t as InputsFromFile['extra']['targets'];
  }
  const l = extra.labels;
  if (l !== undefined) {
    if (!l || typeof l !== 'object' || Array.isArray(l)) return fail('"labels" must be an object with "features", "tokens" or "classes"', 'labels');
    const labels = l as Record<string, unknown>;
    const bad = Object.keys(labels).find((k) => !LABEL_FIELDS.includes(k));
    if (bad !== undefined) fail(`unknown field "labels.${bad.slice(0, 40)}"; expected features, tokens or classes`, `labels.${bad.slice(0, 40)}`);
    if (labels.features !== undefined && !isStrings(labels.features)) fail('"labels.features" must be a list of strings', 'labels.features');
    if (labels.classes !== undefined && !isStrings(labels.classes)) fail('"labels.classes" must be a list of strings', 'labels.classes');
    if (labels.tokens !== undefined && !(Array.isArray(labels.tokens) && labels.tokens.length === batch && labels.tokens.every(isStrings))) {
      fail(`"labels.tokens" must hold ${batch} lists of strings, one per example`, 'labels.tokens');
    }
    out.labels = labels as ExplanationLabels;
  }
  return out;
}
