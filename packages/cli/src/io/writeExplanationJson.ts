import type { Explanation } from '@glassbox/core';
import type { ChunkSink } from './writeAtomic';

const BIG = new Set(['inputs', 'outputs', 'attributions']);
const SHAPE_OF: Record<string, 'inputShape' | 'outputShape' | 'attributionShape'> = { inputs: 'inputShape', outputs: 'outputShape', attributions: 'attributionShape' };

/** `JSON.stringify` of one number: non-finite values become `null`, as JSON has no NaN. */
const num = (v: number): string => (Number.isFinite(v) ? String(v) : 'null');

/**
 * Streams flat values as nested JSON arrays of `shape`, in pieces of about 64 K numbers: the same
 * text as `JSON.stringify(nest(values, shape))`, without building the nested arrays or one giant
 * string (a V8 string cannot exceed about 512 MB).
 */
export async function writeNestedJson(write: ChunkSink, values: ArrayLike<number>, shape: readonly number[]): Promise<void> {
  if (shape.length === 0) return write(num(values[0]));
  const total = shape.reduce((a, b) => a * b, 1);
  if (total === 0) return write(JSON.stringify(nestEmpty(shape)));
  // strides of the dimensions whose elements are arrays (all but the last)
  const strides = shape.slice(0, -1).map((_, d) => shape.slice(d + 1).reduce((a, b) => a * b, 1));
  const last = shape[shape.length - 1];
  const PIECE = 65536;
  let piece = '['.repeat(shape.length);
  let count = 0;
  for (let k = 0; k < total; k++) {
    if (k > 0) {
      if (k % last === 0) {
        let n = 0;
        for (const s of strides) if (k % s === 0) n++;
        piece += `${']'.repeat(n)},${'['.repeat(n)}`;
      } else piece += ',';
    }
    piece += num(values[k]);
    if (++count === PIECE) {
      await write(piece);
      piece = '';
      count = 0;
    }
  }
  await write(piece + ']'.repeat(shape.length));
}

function nestEmpty(shape: readonly number[]): unknown {
  if (shape[0] === 0 || shape.length === 1) return [];
  return Array.from({ length: shape[0] }, () => nestEmpty(shape.slice(1)));
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
    if (BIG.has(key) && key in SHAPE_OF && !(key in extra)) await writeNestedJson(write, value as ArrayLike<number>, e[SHAPE_OF[key]]);
    else await write(JSON.stringify(value) ?? 'null');
  }
  await write('}');
}
