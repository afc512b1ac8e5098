import type { Explanation } from '@glassbox/core';
import type { ChunkSink } from './writeAtomic';

const BIG = new Set(['inputs', 'outputs', 'attributions']);
const SHAPE_OF: Record<string, 'inputShape' | 'outputShape' | 'attributionShape'> = { inputs: 'inputShape', outputs: 'outputShape', attributions: 'attributionShape' };

/** `JSON.stringify` of one number: non-finite values become `null`, as JSON has no NaN. */
const num = (v: number): string => (Number.isFinite(v) ? String(v) : 'null');

/** Values rendered by one native `JSON.stringify` call. */
const BLOCK = 65536;

/**
 * Streams flat values as nested JSON arrays of `shape`: the same text as
 * `JSON.stringify(nest(values, shape))`, without one giant string (a V8 string cannot exceed
 * about 512 MB) or the whole nested copy. The trailing dimensions are cut into blocks of at most
 * 64 K values, each rendered by the native `JSON.stringify`; brackets between blocks are written
 * here. A single row longer than a block is written in parts.
 */
export async function writeNestedJson(write: ChunkSink, values: ArrayLike<number>, shape: readonly number[], block = BLOCK): Promise<void> {
  if (shape.length === 0) return write(num(values[0]!));
  const total = shape.reduce((a, b) => a * b, 1);
  if (total === 0) return write(JSON.stringify(nestEmpty(shape)));
  const size = (from: number) => shape.slice(from).reduce((a, b) => a * b, 1);
  // b: the first dimension whose sub-arrays fit in a block (the last one if none does).
  let b = 0;
  while (b < shape.length - 1 && size(b) > block) b++;
  const inner = shape.slice(b);
  const per = size(b);
  const strides = shape.slice(0, Math.max(0, b - 1)).map((_, d) => size(d + 1));
  const view = values as unknown as Float32Array;
  const slice = (from: number, to: number) => Array.from(view.subarray ? view.subarray(from, to) : Array.prototype.slice.call(values, from, to));
  let pending = '['.repeat(b);
  for (let k = 0; k < total; k += per) {
    if (k > 0) {
      let n = 0;
      for (const s of strides) if (k % s === 0) n++;
      pending += `${']'.repeat(n)},${'['.repeat(n)}`;
    }
    if (per <= block) {
      await write(pending + JSON.stringify(nest(slice(k, k + per), inner)));
    } else {
      await write(`${pending}[`);
      for (let i = k; i < k + per; i += block) await write((i > k ? ',' : '') + JSON.stringify(slice(i, Math.min(k + per, i + block))).slice(1, -1));
      await write(']');
    }
    pending = '';
  }
  await write(']'.repeat(b));
}

/** Nested arrays of `shape` from a flat array (rows share no storage with the input). */
function nest(flat: number[], shape: readonly number[]): unknown {
  if (shape.length <= 1) return flat;
  const rows: unknown[] = [];
  const rowsOf = shape[0]!; // two or more dimensions here
  const step = flat.length / rowsOf;
  for (let i = 0; i < rowsOf; i++) rows.push(nest(flat.slice(i * step, (i + 1) * step), shape.slice(1)));
  return rows;
}

function nestEmpty(shape: readonly number[]): unknown {
  if (shape[0] === 0 || shape.length === 1) return [];
  return Array.from({ length: shape[0] ?? 0 }, () => nestEmpty(shape.slice(1)));
}

/**
 * Writes an explanation as JSON, streamed: the same document as
 * `JSON.stringify({ ...explanationToJSON(e), ...extra })`, for outputs of any size.
 *
 * @example
 * ```ts
 * await writeAtomic(path, (write) => writeExplanationJson(write, explanation, { fidelity: 0.93 }));
 * ```
 */
export async function writeExplanationJson(write: ChunkSink, e: Explanation, extra: Record<string, unknown> = {}): Promise<void> {
  const record = { ...e, ...extra } as Record<string, unknown>;
  let first = true;
  await write('{');
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined || typeof value === 'function') continue;
    await write(`${first ? '' : ','}${JSON.stringify(key)}:`);
    first = false;
    if (BIG.has(key) && key in SHAPE_OF && !(key in extra)) await writeNestedJson(write, value as ArrayLike<number>, e[SHAPE_OF[key]!]);
    else await write(JSON.stringify(value) ?? 'null');
  }
  await write('}');
}
