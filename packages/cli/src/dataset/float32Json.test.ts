import { describe, expect, it } from 'vitest';
import { float32Json, float32Text } from './float32Json';
import { formatFloat } from './formatFloat';

/** What results lines held before: each value through formatFloat, nested, then JSON.stringify. */
function reference(values: ArrayLike<number>, shape: readonly number[], offset = 0): string {
  const nest = (d: number, off: number): unknown => {
    if (d === shape.length) return formatFloat(values[off]!);
    const inner = shape.slice(d + 1).reduce((a, b) => a * b, 1);
    return Array.from({ length: shape[d]! }, (_, i) => nest(d + 1, off + i * inner));
  };
  return JSON.stringify(nest(0, offset));
}

/** Seeded float32 values: random bit patterns (every exponent), and the kinds results hold. */
function samples(n: number, seed: number): Float32Array {
  let s = seed >>> 0;
  const rnd = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296;
  const out = new Float32Array(n);
  const bits = new Uint32Array(out.buffer);
  for (let i = 0; i < n; i++) {
    const kind = i % 6;
    if (kind === 0) bits[i] = (rnd() * 4294967296) >>> 0; // any float32, NaN and ±Infinity included
    else if (kind === 1) out[i] = Math.round(rnd() * 255) / 255; // pixels
    else if (kind === 2) out[i] = (rnd() * 2 - 1) * 1e-3; // attributions
    else if (kind === 3) out[i] = Math.round((rnd() - 0.5) * 2e6); // integers
    else if (kind === 4) out[i] = rnd() * 10 ** Math.floor(rnd() * 60 - 30);
    else out[i] = -rnd();
  }
  return out;
}

describe('float32Json', () => {
  it('writes the same text as formatting, nesting and stringifying each value (300,000 seeded values)', () => {
    const v = samples(300_000, 7);
    expect(float32Json(v, [v.length])).toBe(reference(v, [v.length]));
    for (let i = 0; i < v.length; i += 97) expect(float32Text(v[i]!)).toBe(JSON.stringify(formatFloat(v[i]!)));
  });

  it('reads back bit-identical, non-finite values as null', () => {
    const v = samples(60_000, 11);
    const back = JSON.parse(float32Json(v, [v.length])) as (number | null)[];
    back.forEach((b, i) => {
      if (Number.isFinite(v[i]!)) expect(Math.fround(b!)).toBe(v[i] === 0 ? 0 : v[i]);
      else expect(b).toBeNull();
    });
  });

  it('nests any shape at any offset, empty dimensions and scalars included', () => {
    const v = samples(2 * 5 * 4 * 3, 3);
    for (const [shape, offset] of [[[5, 4, 3], 60], [[2, 5, 12], 0], [[3], 7], [[], 9], [[0], 0], [[2, 0], 0], [[2, 0, 3], 0], [[1, 1, 1], 5]] as [number[], number][]) {
      expect(float32Json(v, shape, offset)).toBe(reference(v, shape, offset));
    }
  });

  it('formats the edges of Number::toString: exponents, fixed notation up to 1e21, tiny and huge values', () => {
    const edges = [0, -0, 1, -1, 0.5, 100, 1e6, 123456789, 1e-6, 1e-7, 1.5e-7, 1e20, 1e21, 1.5e21, 3.4028234663852886e38, 1e-45, 1.1754943508222875e-38, 2 ** 24 + 2, Infinity, -Infinity, NaN];
    const f = Float32Array.from(edges);
    expect(float32Json(f, [f.length])).toBe(reference(f, [f.length]));
    expect(float32Text(Math.fround(0.1))).toBe('0.1');
    expect(float32Text(-0)).toBe('0');
    expect(float32Text(NaN)).toBe('null');
  });
});
