import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../backend/backendRegistry';
import { measureItemBytes } from './measureItemBytes';

describe('measureItemBytes', () => {
  beforeAll(() => useBackend('cpu'));
  // work(m): an [m, 1000] float32 tensor (4,000 bytes per item) squared and summed, plus a
  // constant [500] tensor (2,000 bytes, independent of m).
  const work = (m: number) => tf.dispose(tf.tidy(() => tf.add(tf.sum(tf.square(tf.ones([m, 1000]))), tf.sum(tf.ones([500])))));

  it('separates the per-item cost from the fixed cost', async () => {
    const { perItem, fixed } = await measureItemBytes(work);
    // ones, square: two [m, 1000] buffers alive together at the peak
    expect(perItem).toBe(2 * 4000);
    expect(fixed).toBeGreaterThanOrEqual(0);
    expect(fixed).toBeLessThan(4000);
  });

  it('gives the same answer inside a caller’s tf.profile and leaves that profile intact', async () => {
    const plain = await measureItemBytes(work);
    let nested: { perItem: number; fixed: number } | undefined;
    const outer = await tf.profile(async () => {
      tf.dispose(tf.tidy(() => tf.square(tf.ones([10_000])))); // 80,000 bytes live after the square kernel: the outer peak
      nested = await measureItemBytes(work);
    });
    expect(nested).toEqual(plain);
    expect(outer.peakBytes - tf.memory().numBytes).toBeGreaterThanOrEqual(80_000);
    expect(outer.kernels.length).toBeGreaterThan(1);
  });

  it('leaves the engine out of profiling mode when the work throws (a later measurement is not nested)', async () => {
    const failing = () => {
      throw new Error('no gradient');
    };
    await expect(measureItemBytes(failing)).rejects.toThrow('no gradient');
    expect((tf.engine().state as unknown as { profiling: boolean }).profiling).toBe(false);
    expect((await measureItemBytes(work)).perItem).toBe(2 * 4000);
  });
});
