import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, it } from 'vitest';
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
