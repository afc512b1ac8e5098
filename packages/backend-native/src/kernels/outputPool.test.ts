import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { rand, requireNative } from '../testing/kernelHarness';
import { createOutputPool, DEFAULT_POOL_BYTES, outputPool, poolCapacityFromEnv } from './outputPool';

requireNative();
afterAll(() => {
  tf.setBackend('cpu');
});

describe('createOutputPool', () => {
  it('hands back only buffers it owns, within its capacity', () => {
    const pool = createOutputPool(64);
    const a = new Float32Array(8), b = new Float32Array(8), c = new Float32Array(4), stranger = new Float32Array(8);
    [a, b, c].forEach((v) => pool.own(v));
    expect(pool.give(stranger)).toBe(false);
    expect(pool.give(a)).toBe(true);
    expect(pool.give(c)).toBe(true);
    expect(pool.bytes).toBe(48);
    expect(pool.give(b)).toBe(false); // 48 + 32 > 64
    expect(pool.take(4)).toBe(c);
    expect(pool.take(3)).toBeUndefined(); // a (8) is over twice 3
    expect(pool.take(8)).toBe(a);
    expect(pool.bytes).toBe(0);
  });

  it('serves a shorter request from the shortest pooled buffer up to twice as long, as a view that comes back whole', () => {
    const pool = createOutputPool(1024);
    const long = new Float32Array(10), longer = new Float32Array(16);
    [long, longer].forEach((v) => pool.own(v));
    pool.give(longer);
    pool.give(long);
    expect(pool.take(4)).toBeUndefined(); // 10 and 16 are both over twice 4
    const view = pool.take(6)!;
    expect(view.length).toBe(6);
    expect(view.buffer).toBe(long.buffer); // the shortest that fits
    expect(pool.owns(view)).toBe(true);
    expect(pool.give(view)).toBe(true);
    expect(pool.bytes).toBe(104); // long (40 bytes) and longer (64), each whole
    expect(pool.take(10)).toBe(long);
    const other = pool.take(9)!;
    expect(other.buffer).toBe(longer.buffer);
    pool.taint(other);
    expect(pool.give(other)).toBe(false);
  });

  it('a tainted buffer is never recycled; clear drops everything; capacity 0 owns nothing', () => {
    const pool = createOutputPool(1024);
    const a = new Float32Array(8);
    pool.own(a);
    pool.taint(a);
    expect(pool.owns(a)).toBe(false);
    expect(pool.give(a)).toBe(false);
    const b = new Float32Array(8);
    pool.own(b);
    pool.give(b);
    pool.clear();
    expect(pool.take(8)).toBeUndefined();
    const off = createOutputPool(0);
    off.own(b);
    expect(off.owns(b)).toBe(false);
  });

  it('GLASSBOX_NATIVE_POOL_MB sets the capacity (0 turns recycling off); anything else keeps the default', () => {
    expect(poolCapacityFromEnv({ GLASSBOX_NATIVE_POOL_MB: '64' })).toBe(64 * 1024 * 1024);
    expect(poolCapacityFromEnv({ GLASSBOX_NATIVE_POOL_MB: '0' })).toBe(0);
    for (const v of [undefined, '', 'lots', '-1']) expect(poolCapacityFromEnv({ GLASSBOX_NATIVE_POOL_MB: v })).toBe(DEFAULT_POOL_BYTES);
  });
});

describe('the native backend recycles its kernels’ output buffers', () => {
  const values = (t: tf.Tensor) => (tf.backend() as MathBackendCPU).data.get(t.dataId).values;

  it('a disposed output’s buffer is reused for the next output of the same length', () => {
    tf.setBackend('native');
    const a = rand([3, 50], 1), b = rand([3, 50], 2);
    const first = tf.add(a, b);
    const buffer = values(first);
    expect(outputPool.owns(buffer)).toBe(true);
    first.dispose();
    const second = tf.mul(a, b);
    expect(values(second)).toBe(buffer);
    expect(Array.from(second.dataSync())).toEqual(Array.from(tf.tidy(() => tf.mul(a, b).dataSync())));
    tf.dispose([a, b, second]);
  });

  it('reads return copies: an array from dataSync keeps its values after the tensor is disposed and its buffer reused', () => {
    tf.setBackend('native');
    const a = rand([4, 40], 3), b = rand([4, 40], 4);
    const sum = tf.add(a, b);
    const read = sum.dataSync();
    const expected = Array.from(read);
    expect(read).not.toBe(values(sum));
    sum.dispose();
    const other = tf.sub(a, b); // takes the recycled buffer
    expect(Array.from(read)).toEqual(expected);
    tf.dispose([a, b, other]);
  });

  it('a buffer a JavaScript kernel saw is not recycled (the cpu Unpack returns views of its input)', () => {
    tf.setBackend('native');
    const a = rand([2, 60], 5), b = rand([2, 60], 6);
    const x = tf.add(a, b);
    const rows = tf.unstack(x); // a JavaScript kernel: each row may be a view of x's buffer
    const expected = rows.map((r) => Array.from(r.dataSync()));
    const buffer = values(x);
    x.dispose();
    expect(outputPool.owns(buffer)).toBe(false);
    const y = tf.mul(a, b); // would reuse x's buffer if it had been recycled
    expect(values(y)).not.toBe(buffer);
    expect(rows.map((r) => Array.from(r.dataSync()))).toEqual(expected);
    tf.dispose([a, b, y, ...rows]);
  });

  it('leaks no tensors', () => {
    tf.setBackend('native');
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const a = rand([5, 30], 7);
      for (let i = 0; i < 5; i++) tf.relu(tf.add(a, a));
    });
    expect(tf.memory().numTensors).toBe(before);
  });
});
