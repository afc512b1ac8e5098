import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { expectSameOnBoth, rand, requireNative, resetAddon } from '../testing/kernelHarness';

const addon = requireNative();
afterAll(() => resetAddon(addon));

describe('data movement and logic kernels', () => {
  it('slice (float32, int32, bool; with -1 sizes) and its gradient (padding)', () => {
    expectSameOnBoth(() => tf.slice(rand([2, 9, 8, 3], 1), [1, 2, 0, 1], [1, 5, -1, 2]), { natively: ['Slice'] });
    expectSameOnBoth(() => tf.slice(tf.cast(tf.mul(rand([4, 7], 2), 10), 'int32'), [1, 3], [2, 4]), { natively: ['Slice'] });
    expectSameOnBoth(() => tf.slice(tf.greater(rand([5, 6], 3), 0), [2], [2]), { natively: ['Slice'] });
    expectSameOnBoth(() => tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.slice(x, [0, 1, 1, 0], [2, 7, 6, 3]), rand([2, 7, 6, 3], 5))))(rand([2, 9, 8, 3], 4)), {
      natively: ['PadV2'],
    });
  });

  it('pad with a constant and its gradient (slice)', () => {
    expectSameOnBoth(() => tf.pad(rand([2, 5, 4, 3], 1), [[0, 0], [0, 1], [2, 1], [0, 0]], 0.5), { natively: ['PadV2'] });
    expectSameOnBoth(() => tf.pad(tf.cast(tf.mul(rand([3, 4], 2), 9), 'int32'), [[1, 2], [0, 3]], 7), { natively: ['PadV2'] });
    expectSameOnBoth(() => tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.pad(x, [[0, 0], [0, 1], [0, 1], [0, 0]]), rand([2, 6, 5, 3], 5))))(rand([2, 5, 4, 3], 4)), {
      natively: ['Slice'],
    });
  });

  it('tile', () => {
    expectSameOnBoth(() => tf.tile(rand([2, 3, 4], 1), [3, 1, 2]), { natively: ['Tile'] });
    expectSameOnBoth(() => tf.tile(rand([1, 1, 1, 5], 1), [2, 4, 3, 1]), { natively: ['Tile'] });
    expectSameOnBoth(() => tf.tile(tf.greater(rand([2, 3], 2), 0), [2, 2]), { natively: ['Tile'] });
  });

  it('gather along any axis (float32, int32, bool; scalar and 2-D indices; repeated ids), its gradient, and out-of-range ids left to the cpu kernel', () => {
    const ids = (values: number[], shape: number[]) => () => tf.tensor(values, shape, 'int32');
    expectSameOnBoth(() => tf.gather(rand([7, 5], 1), ids([3, 0, 3, 6], [4])()), { natively: ['GatherV2'] }); // an embedding lookup
    expectSameOnBoth(() => tf.gather(rand([2, 6, 4, 3], 2), ids([5, 1, 1, 0, 2, 5], [2, 3])(), 1), { natively: ['GatherV2'] });
    expectSameOnBoth(() => tf.gather(rand([3, 4, 5], 3), ids([4, 0], [2])(), -1), { natively: ['GatherV2'] });
    expectSameOnBoth(() => tf.gather(rand([3, 4], 4), tf.scalar(2, 'int32'), 1), { natively: ['GatherV2'] });
    expectSameOnBoth(() => tf.cast(tf.gather(tf.cast(tf.mul(rand([6, 3], 5), 9), 'int32'), ids([5, 2], [2])()), 'float32'), { natively: ['GatherV2'] });
    expectSameOnBoth(() => tf.cast(tf.gather(tf.greater(rand([6, 3], 6), 0), ids([1, 4, 1], [3])()), 'float32'), { natively: ['GatherV2'] });
    expectSameOnBoth(() => tf.gather(rand([0, 3], 7), ids([], [0])()), { natively: ['GatherV2'] });
    expectSameOnBoth(() => tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.gather(x, ids([2, 2, 0], [3])()), rand([3, 4], 8))))(rand([5, 4], 9)));
    // Out of range: the cpu kernel runs on both and throws the same error.
    expectSameOnBoth(() => tf.gather(rand([4, 2], 10), ids([1, 4], [2])()));
    expectSameOnBoth(() => tf.gather(rand([4, 2], 10), ids([-1], [1])()));
    // The addon checks its own bounds too (a caller that skipped the kernel's check gets an error, not a read out of bounds).
    expect(() => addon.gather(new Float32Array(8), 1, 4, 2, Int32Array.of(4), new Float32Array(2), 4)).toThrow(/index out of range/);
    expect(() => addon.gather(new Float32Array(8), 1, 4, 2, Int32Array.of(1), new Float32Array(1), 4)).toThrow(/out is too short/);
  });

  it('cast: int32 and bool to float32 and bool to int32 natively into arrays of the new type, the same dtype shared, others in JavaScript', () => {
    const ints = () => tf.cast(tf.mul(rand([4, 6], 1, -2, 2), 9), 'int32');
    expectSameOnBoth(() => tf.cast(ints(), 'float32'), { natively: ['Cast'] });
    expectSameOnBoth(() => tf.cast(tf.greater(rand([4, 6], 2), 0), 'float32'), { natively: ['Cast'] });
    expectSameOnBoth(() => tf.cast(tf.cast(tf.greater(rand([4, 6], 3), 0), 'int32'), 'float32'), { natively: ['Cast'] });
    expectSameOnBoth(() => tf.cast(rand([4, 6], 4), 'float32'), { natively: ['Cast'] });
    expectSameOnBoth(() => tf.cast(tf.mul(rand([4, 6], 5), 7), 'int32'), { natively: ['Cast'] }); // truncated toward zero
    // JavaScript's ToInt32 at the edges: NaN and ±Infinity to 0, out of range modulo 2^32.
    const edges = [NaN, Infinity, -Infinity, -0.5, 2.7, -2.7, 2147483520, -2147483648, 2147483648, -2147483904, 3e9, -3e9, 1e20, -1e20, 4294967296];
    expectSameOnBoth(() => tf.cast(tf.tensor1d(edges), 'int32'), { natively: ['Cast'], rtol: 0, atol: 0 });
    expectSameOnBoth(() => tf.cast(tf.greater(rand([4, 6], 6), 0), 'int32'), { natively: ['Cast'] });
    expectSameOnBoth(() => tf.cast(rand([4, 6], 7), 'bool')); // to bool: the cpu kernel
    // What the cast gives is a real Float32Array, so the kernels after it run natively (the padding mask of a transformer).
    expectSameOnBoth(() => tf.sub(1, tf.cast(tf.notEqual(tf.cast(ints(), 'float32'), 0), 'float32')), { natively: ['Cast', 'NotEqual', 'Sub'] });
    tf.setBackend('native');
    const i = tf.tensor1d([3, -1, 0], 'int32');
    const f = tf.cast(i, 'float32');
    const same = tf.cast(f, 'float32');
    const values = (tf.backend() as unknown as { data: { get(id: object): { values: unknown } } }).data.get(f.dataId).values;
    expect(values).toBeInstanceOf(Float32Array);
    expect(same.dataId).toBe(f.dataId); // shared, as the cpu kernel does
    tf.dispose([i, f, same]);
    tf.setBackend('cpu');
  });

  it('zerosLike and onesLike of float32 (also in a recycled buffer), others in JavaScript', () => {
    expectSameOnBoth(() => tf.zerosLike(rand([3, 70, 64], 1)), { natively: ['ZerosLike'] });
    expectSameOnBoth(() => tf.onesLike(rand([3, 70, 64], 2)), { natively: ['OnesLike'] });
    expectSameOnBoth(() => tf.cast(tf.zerosLike(tf.tensor1d([1, 2], 'int32')), 'float32'));
    tf.setBackend('native');
    for (let i = 0; i < 3; i++) {
      tf.tidy(() => tf.mul(rand([3, 70, 64], 3), 5)); // its buffer goes back to the pool, holding non-zeros
      const zeros = tf.tidy(() => tf.zerosLike(rand([3, 70, 64], 4)).dataSync());
      expect(zeros.every((v) => v === 0)).toBe(true);
    }
    tf.setBackend('cpu');
  });

  it('pow (broadcasting, non-integer exponents, negative bases) and its gradient', () => {
    expectSameOnBoth(() => tf.pow(rand([3, 4, 5], 1, 0.1, 3), rand([3, 4, 5], 2, -2, 2)), { natively: ['Pow'] });
    expectSameOnBoth(() => tf.pow(rand([3, 4, 5], 3, -3, 3), tf.scalar(2)), { natively: ['Pow'] });
    expectSameOnBoth(() => tf.pow(rand([3, 4, 5], 4, -3, 3), tf.scalar(0.5)), { natively: ['Pow'] }); // NaN for negative bases, on both
    expectSameOnBoth(() => tf.grad((x: tf.Tensor) => tf.sum(tf.pow(x, tf.scalar(3))))(rand([4, 5], 5, 0.2, 2)), { natively: ['Pow'] });
  });

  it('comparisons (same shape, scalar on either side), select, logical and', () => {
    const a = () => tf.round(tf.mul(rand([3, 5, 4], 1), 3));
    const b = () => tf.round(tf.mul(rand([3, 5, 4], 2), 3));
    for (const [op, name] of [[tf.equal, 'Equal'], [tf.notEqual, 'NotEqual'], [tf.less, 'Less'], [tf.lessEqual, 'LessEqual'], [tf.greater, 'Greater'], [tf.greaterEqual, 'GreaterEqual']] as const) {
      expectSameOnBoth(() => tf.cast(op(a(), b()), 'float32'), { natively: [name] });
      expectSameOnBoth(() => tf.cast(op(a(), tf.scalar(1)), 'float32'), { natively: [name] });
      expectSameOnBoth(() => tf.cast(op(tf.scalar(1), a()), 'float32'), { natively: [name] });
    }
    expectSameOnBoth(() => tf.where(tf.greater(a(), b()), rand([3, 5, 4], 3), rand([3, 5, 4], 4)), { natively: ['Select', 'Greater'] });
    expectSameOnBoth(() => tf.cast(tf.logicalAnd(tf.greater(a(), 0), tf.less(b(), 1)), 'float32'), { natively: ['LogicalAnd'] });
  });

  it('clipByValue and its gradient (comparisons, select)', () => {
    expectSameOnBoth(() => tf.clipByValue(tf.mul(rand([4, 6, 5], 1), 8), 0, 6), { natively: ['ClipByValue'] });
    expectSameOnBoth(() => tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.clipByValue(x, 0, 6), rand([4, 6, 5], 2))))(tf.mul(rand([4, 6, 5], 1), 8)), {
      natively: ['GreaterEqual', 'LessEqual', 'LogicalAnd', 'Select'],
    });
  });

  it('batch norm with per-channel and scalar parameters', () => {
    const x = () => rand([2, 5, 4, 6], 1);
    const p = (s: number, lo = -1) => rand([6], s, lo, 2);
    expectSameOnBoth(() => tf.batchNorm(x(), p(2), p(3, 0.2), p(4), p(5), 1e-3), { natively: ['FusedBatchNorm'] });
    expectSameOnBoth(() => tf.batchNorm(x(), tf.scalar(0.1), p(3, 0.2), undefined, undefined, 1e-3), { natively: ['FusedBatchNorm'] });
  });
});
