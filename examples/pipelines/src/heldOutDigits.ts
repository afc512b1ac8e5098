import { createRequire } from 'node:module';
import { InvalidOptionError } from '@glassbox/core';

/** The `mnist` package (10,000 real digits, ~1,000 per class), read by index only (its `set()` shuffles with Math.random). */
interface MnistDigit {
  length: number;
  get(index: number): number[];
}
const mnist = createRequire(import.meta.url)('mnist') as MnistDigit[];

/** The MNIST example trained on the first 80 % of each digit's samples; the rest is held out. */
const TRAIN_FRACTION = 0.8;

/**
 * The first `count` held-out samples of `digit`, as `[count, 28, 28, 1]` values in [0, 1]: digits
 * the committed MNIST model never saw.
 *
 * @example
 * ```ts
 * const { values, shape } = heldOutDigits(3, 4); // shape [4, 28, 28, 1]
 * ```
 */
export function heldOutDigits(digit: number, count: number, skip = 0): { values: Float32Array; shape: number[]; ids: string[] } {
  const all = mnist[digit];
  if (!all) throw new InvalidOptionError(`heldOutDigits: there is no digit ${digit}; digits are 0 to 9`, { option: 'digit', received: digit });
  const start = Math.floor(all.length * TRAIN_FRACTION) + skip;
  if (start + count > all.length) throw new RangeError(`only ${all.length - start} held-out samples of digit ${digit} after skipping ${skip}`);
  const values = new Float32Array(count * 784);
  for (let i = 0; i < count; i++) values.set(all.get(start + i), i * 784);
  return { values, shape: [count, 28, 28, 1], ids: Array.from({ length: count }, (_, i) => `${digit}:${start + i}`) };
}
