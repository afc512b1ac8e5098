import { describe, it, expect } from 'vitest';
import { createRandom } from './createRandom';

describe('createRandom', () => {
  it('repeats under a seed and differs across seeds and forks', () => {
    const a = Array.from({ length: 5 }, createRandom(1).next);
    expect(Array.from({ length: 5 }, createRandom(1).next)).toEqual(a);
    expect(Array.from({ length: 5 }, createRandom(2).next)).not.toEqual(a);
    expect(createRandom(1).fork('x').next()).not.toBe(createRandom(1).fork('y').next());
  });
  it('has the right moments', () => {
    const r = createRandom(9);
    const n = 20000;
    const xs = r.fillNormal(new Float32Array(n), 2, 3);
    const mean = xs.reduce((s, v) => s + v, 0) / n;
    const sd = Math.sqrt(xs.reduce((s, v) => s + (v - mean) ** 2, 0) / n);
    expect(mean).toBeCloseTo(2, 1);
    expect(sd).toBeCloseTo(3, 1);
    const u = r.fillUniform(new Float32Array(n), -1, 1);
    expect(Math.min(...u)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...u)).toBeLessThan(1);
  });
});
