import { describe, it, expect } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { selectTargets, targetGradients } from './selectTargets';
import { ensureGradients } from '../backend/ensureGradients';

describe('selectTargets', () => {
  it('picks one output per example, single-output models included, and tiles short target lists', () => {
    const y = tf.tensor2d([[1, 2, 3], [4, 5, 6]]);
    expect(Array.from(selectTargets(y, [2, 0]).dataSync())).toEqual([3, 4]);
    expect(Array.from(selectTargets(tf.tensor2d([[0.3], [0.9]]), [0]).dataSync())).toEqual([Math.fround(0.3), Math.fround(0.9)]);
    expect(Array.from(selectTargets(tf.tensor2d([[1, 2], [3, 4], [5, 6], [7, 8]]), [1, 0]).dataSync())).toEqual([2, 3, 6, 7]);
  });
  it('differentiates through the selection', async () => {
    await ensureGradients();
    const w = tf.tensor2d([[1, 2], [3, 4]]);
    const g = targetGradients((x) => tf.matMul(x, w), tf.tensor2d([[1, 1]]), [1]);
    expect(Array.from(g.dataSync())).toEqual([2, 4]);
  });
});
