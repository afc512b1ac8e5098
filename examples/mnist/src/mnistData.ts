import { createRequire } from 'node:module';
import { InvalidOptionError } from '@glassbox/core';

/** The `mnist` package (10,000 digits, ~1,000 per class), accessed by index only: never `set()`, which shuffles with Math.random. */
interface MnistDigit {
  length: number;
  get(index: number): number[];
}
const mnist = createRequire(import.meta.url)('mnist') as MnistDigit[];

/** Fraction of each digit's samples used for training; the rest, by index, is held out. */
export const TRAIN_FRACTION = 0.8;

/** A batch of 28×28 digits, flat `[n, 784]` in [0, 1], with their labels. */
export interface DigitSet {
  images: Float32Array;
  labels: number[];
  /** `digit:index` of each sample in the `mnist` package, so a picture can be traced back. */
  ids: string[];
}

/**
 * Deterministic split of the `mnist` package: for each digit, samples `[0, 80%)` are training data
 * and `[80%, 100%)` are held out. `perDigit` takes the first samples of each digit's part, `start`
 * skips some; digits are interleaved 0, 1, …, 9, 0, 1, … so any prefix is balanced.
 *
 * @example
 * ```ts
 * const test = loadDigits('test', { perDigit: 20 }); // 200 held-out digits
 * ```
 */
export function loadDigits(split: 'train' | 'test', options: { perDigit?: number; start?: number; digits?: number[] } = {}): DigitSet {
  const digits = options.digits ?? [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const ranges = digits.map((d) => {
    const set = mnist[d];
    if (!set) throw new InvalidOptionError(`loadDigits: there is no digit ${d}; digits are 0 to 9`, { option: 'digits', received: d });
    const cut = Math.floor(set.length * TRAIN_FRACTION);
    const [lo, hi] = split === 'train' ? [0, cut] : [cut, set.length];
    const from = lo + (options.start ?? 0);
    const to = options.perDigit === undefined ? hi : Math.min(hi, from + options.perDigit);
    return { d, set, from, count: Math.max(0, to - from) };
  });
  const longest = Math.max(...ranges.map((r) => r.count));
  const images: number[][] = [];
  const labels: number[] = [];
  const ids: string[] = [];
  for (let k = 0; k < longest; k++) {
    for (const r of ranges) {
      if (k >= r.count) continue;
      images.push(r.set.get(r.from + k));
      labels.push(r.d);
      ids.push(`${r.d}:${r.from + k}`);
    }
  }
  const flat = new Float32Array(images.length * 784);
  images.forEach((img, i) => flat.set(img, i * 784));
  return { images: flat, labels, ids };
}
