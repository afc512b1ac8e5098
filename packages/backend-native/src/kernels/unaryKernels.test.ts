import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { expectSameOnBoth, rand, requireNative, resetAddon, testedIsas } from '../testing/kernelHarness';

const addon = requireNative();
afterAll(() => resetAddon(addon));

const SPECIAL = [0, -0, 1e-30, -1e-30, 1e-7, -1e-7, 0.5, -0.5, 0.625, -0.625, 1, -1, 10, -10, 50, -50, 88, -88, 89, -89, 100, -100, 1e30, -1e30, Infinity, -Infinity, NaN];

// [name, op, kernel, input range]
const OPS: [string, (x: tf.Tensor) => tf.Tensor, string, number, number][] = [
  ['relu', tf.relu, 'Relu', -3, 3], ['relu6', tf.relu6, 'Relu6', -3, 9], ['leakyRelu', (x) => tf.leakyRelu(x, 0.3), 'LeakyRelu', -3, 3],
  ['elu', tf.elu, 'Elu', -5, 3], ['sigmoid', tf.sigmoid, 'Sigmoid', -20, 20], ['tanh', tf.tanh, 'Tanh', -6, 6],
  ['exp', tf.exp, 'Exp', -80, 80], ['log', tf.log, 'Log', 1e-6, 1e6], ['neg', tf.neg, 'Neg', -3, 3], ['abs', tf.abs, 'Abs', -3, 3],
  ['sqrt', tf.sqrt, 'Sqrt', 0, 100], ['rsqrt', tf.rsqrt, 'Rsqrt', 1e-3, 100], ['square', tf.square, 'Square', -3, 3],
  ['reciprocal', tf.reciprocal, 'Reciprocal', 0.01, 3], ['step', (x) => tf.step(x, 0.25), 'Step', -3, 3],
  ['softplus', tf.softplus, 'Softplus', -30, 30], ['expm1', tf.expm1, 'Expm1', -10, 10], ['log1p', tf.log1p, 'Log1p', -0.99, 100],
];

describe.each(testedIsas(addon))('unary ops on %s', (isa) => {
  beforeAll(() => addon.setIsa(isa));

  it.each(OPS)('%s matches cpu on random, tiny, large and special inputs', (_, op, kernel, lo, hi) => {
    const tol = { rtol: 2e-6 * 8, atol: 1e-6, natively: [kernel] };
    for (const n of [1, 7, 33, 1000, 70001]) expectSameOnBoth(() => op(rand([n], n, lo, hi)), tol);
    expectSameOnBoth(() => op(rand([3, 0, 2], 1)));
    expectSameOnBoth(() => op(tf.tensor1d(SPECIAL)), tol);
  });

  it('gradients of activations match (relu, sigmoid, tanh, elu, softplus)', () => {
    for (const f of [tf.relu, tf.sigmoid, tf.tanh, tf.elu, tf.softplus, tf.relu6, tf.exp, tf.log1p]) {
      expectSameOnBoth(() => tf.grad((x: tf.Tensor) => tf.sum(tf.mul(f(x), rand([300], 9))))(rand([300], 8, -0.9, 3)));
    }
  });
});
