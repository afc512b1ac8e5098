import { readFile } from 'node:fs/promises';
import { DataFileError } from '../errors/DataFileError';
import { shapeOfNested, flatten } from '../util/nested';
import { GlassboxError } from '../errors/GlassboxError';

/**
 * Reads an inputs JSON file: a nested number array `[batch, ...inputShape]`, or an object whose
 * `inputs` field holds one (other fields, such as `targets` or `labels`, are returned too).
 */
export async function readInputsFile(path: string): Promise<{ values: Float32Array; shape: number[]; extra: Record<string, unknown> }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new DataFileError(`Cannot read inputs file ${path}: ${(e as Error).message}`, { file: path });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new DataFileError(`${path} is not valid JSON: ${(e as Error).message}`, { file: path });
  }
  const extra = json && typeof json === 'object' && !Array.isArray(json) ? { ...(json as Record<string, unknown>) } : {};
  const arr = Array.isArray(json) ? json : (json as { inputs?: unknown })?.inputs;
  if (!Array.isArray(arr)) throw new DataFileError(`${path} must hold a nested number array, or an object with an "inputs" array`, { file: path });
  delete extra.inputs;
  try {
    const shape = shapeOfNested(arr, 'inputs');
    return { values: flatten(arr, shape), shape, extra };
  } catch (e) {
    if (e instanceof GlassboxError) throw new DataFileError(`${path}: ${e.message}`, { file: path, ...e.details });
    throw e;
  }
}
