import { DataFileError, GlassboxError, InvalidOptionError, flatten, importAtRuntime, isNode, shapeOfNested } from '@glassbox/core';

/**
 * Reads a nested number array from a JSON file (Node only; `node:fs` is loaded at run time, never bundled): the array itself, or an object whose
 * `baselines` (or `values`) field holds it. Refuses missing files, bad JSON and ragged or
 * non-numeric arrays with `DATA_FILE_INVALID`.
 */
export async function readJsonArray(path: string): Promise<{ values: Float32Array; shape: number[] }> {
  if (!isNode()) throw new InvalidOptionError(`Baseline file ${path}: files can only be read in Node; pass the baseline values instead`, { option: 'baseline', path });
  // A computed specifier: browser bundlers neither resolve nor bundle node:fs for this entry.
  const { readFile } = await importAtRuntime<typeof import('node:fs/promises')>('node:fs/promises');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new DataFileError(`Cannot read baseline file ${path}: ${(e as Error).message}`, { file: path });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new DataFileError(`Baseline file ${path} is not valid JSON: ${(e as Error).message}`, { file: path });
  }
  const arr = Array.isArray(json) ? json : ((json as { baselines?: unknown; values?: unknown } | null)?.baselines ?? (json as { values?: unknown } | null)?.values);
  if (!Array.isArray(arr)) throw new DataFileError(`Baseline file ${path} must hold a nested number array (or an object with a "baselines" array)`, { file: path });
  try {
    const shape = shapeOfNested(arr, 'baseline');
    return { values: flatten(arr, shape, 'baseline'), shape };
  } catch (e) {
    if (e instanceof GlassboxError) throw new DataFileError(`Baseline file ${path}: ${e.message}`, { file: path, ...e.details });
    throw e;
  }
}
