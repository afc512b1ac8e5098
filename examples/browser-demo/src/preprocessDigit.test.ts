import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { MNIST_SIZE, preprocessDigit, resampleArea } from './preprocessDigit';

const mnist = createRequire(import.meta.url)('mnist') as { get(i: number): number[] }[];

/** Draws a 28×28 MNIST digit `factor` times larger at (ox, oy) on a width × height canvas. */
function enlarge(digit: number[], factor: number, width: number, height: number, ox: number, oy: number): Float32Array {
  const out = new Float32Array(width * height);
  for (let y = 0; y < 28 * factor; y++) for (let x = 0; x < 28 * factor; x++) out[(oy + y) * width + ox + x] = digit[Math.floor(y / factor) * 28 + Math.floor(x / factor)]!;
  return out;
}

/** Best correlation of `a` with `b` shifted by at most one pixel (centring rounds to whole pixels). */
function similarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let best = -1;
  for (let dy = -1; dy <= 1; dy++) {
    for (let dx = -1; dx <= 1; dx++) {
      const shifted = Float32Array.from({ length: 784 }, (_, p) => {
        const x = (p % 28) + dx, y = Math.floor(p / 28) + dy;
        return x >= 0 && x < 28 && y >= 0 && y < 28 ? b[y * 28 + x]! : 0;
      });
      best = Math.max(best, correlation(a, shifted));
    }
  }
  return best;
}

function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0, mb = 0;
  for (let i = 0; i < n; i++) { ma += a[i]! / n; mb += b[i]! / n; }
  let ab = 0, aa = 0, bb = 0;
  for (let i = 0; i < n; i++) { ab += (a[i]! - ma) * (b[i]! - mb); aa += (a[i]! - ma) ** 2; bb += (b[i]! - mb) ** 2; }
  return ab / Math.sqrt(aa * bb);
}

describe('preprocessDigit', () => {
  it('recovers real MNIST digits drawn large and off-centre on a canvas', () => {
    const scores: number[] = [];
    for (let d = 0; d < 10; d++) {
      for (let i = 0; i < 5; i++) {
        const digit = mnist[d]!.get(i);
        const big = preprocessDigit(enlarge(digit, 10, 400, 300, 100 - 10 * i, 15), 400, 300)!;
        const small = preprocessDigit(enlarge(digit, 3, 280, 280, 190, 5 + i), 280, 280)!;
        scores.push(similarity(big, digit), similarity(small, digit));
      }
    }
    const mean = scores.reduce((s, v) => s + v, 0) / scores.length;
    console.log(`preprocessDigit vs MNIST originals: mean similarity ${mean.toFixed(3)}, min ${Math.min(...scores).toFixed(3)} (${scores.length} drawings)`);
    expect(mean).toBeGreaterThan(0.9);
    expect(Math.min(...scores)).toBeGreaterThan(0.75);
  });

  it('fits the ink into 20×20, keeps the aspect and centres the mass', () => {
    const w = 280, h = 280, bar = new Float32Array(w * h);
    for (let y = 30; y < 250; y++) for (let x = 20; x < 42; x++) bar[y * w + x] = 1; // a "1" near the left edge
    const x = preprocessDigit(bar, w, h)!;
    let mass = 0, mx = 0, my = 0, rows = 0;
    const cols = new Set<number>();
    for (let r = 0; r < MNIST_SIZE; r++) {
      let any = false;
      for (let c = 0; c < MNIST_SIZE; c++) {
        const v = x[r * MNIST_SIZE + c]!;
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1 + 1e-6);
        if (v > 0) { any = true; cols.add(c); }
        mass += v; mx += v * c; my += v * r;
      }
      if (any) rows++;
    }
    expect(rows).toBe(20);
    expect(cols.size).toBeLessThanOrEqual(3);
    expect(Math.abs(mx / mass - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(my / mass - 14)).toBeLessThanOrEqual(0.5);
  });

  it('returns null for an empty canvas and checks sizes', () => {
    expect(preprocessDigit(new Float32Array(100), 10, 10)).toBeNull();
    expect(() => preprocessDigit(new Float32Array(99), 10, 10)).toThrow(/99 values/);
  });
});

describe('resampleArea', () => {
  it('averages the covered source interval and preserves the mean', () => {
    expect(Array.from(resampleArea([1, 1, 0, 0, 1, 1], 3))).toEqual([1, 0, 1]);
    const two = resampleArea([0, 1, 1], 2);
    expect(two[0]).toBeCloseTo(1 / 3, 6);
    expect(two[1]).toBe(1);
    const src = Float32Array.from({ length: 97 }, (_, i) => Math.sin(i) ** 2);
    const mean = (v: ArrayLike<number>) => Array.from(v).reduce((s, x) => s + x, 0) / v.length;
    expect(mean(resampleArea(src, 20))).toBeCloseTo(mean(src), 5);
    expect(mean(resampleArea(src, 300))).toBeCloseTo(mean(src), 5);
  });
});
