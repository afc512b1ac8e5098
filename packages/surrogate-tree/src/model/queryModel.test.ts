import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { createContext, fromFunction } from '@glassbox/core';
import { randomInputs } from '@glassbox/core/testing';
import { queryModel } from './queryModel';

/**
 * A tiny model (72 weights) whose forward pass repeats each 8-feature row 5 000 times, as a
 * Keras RepeatVector does: about 0.6 MB of intermediate tensors per row for 32 bytes of input.
 */
function repeatingModel() {
  const w = tf.randomNormal([8, 8], 0, 0.3, 'float32', 1);
  const model = fromFunction(
    (x) => tf.tidy(() => tf.mean(tf.reshape(tf.tanh(tf.matMul(tf.reshape(tf.tile(tf.expandDims(x, 1), [1, 5_000, 1]), [-1, 8]), w)), [x.shape[0], 5_000, 8]), 1)),
    { inputShape: [8], outputShape: [8], name: 'repeat-vector' },
  );
  return { model, dispose: () => w.dispose() };
}

describe('queryModel', () => {
  it('sizes chunks from the measured forward pass, so intermediate tensors stay within the budget', async () => {
    const { model, dispose } = repeatingModel();
    const rows = 48;
    const values = Float32Array.from(randomInputs(rows, [8]).flat());
    const budget = 4 * 1024 * 1024;
    const context = createContext({ memoryBudgetBytes: budget });
    const before = tf.memory().numBytes;
    let out!: Float32Array;
    const info = await tf.profile(async () => {
      out = await queryModel(model, values, rows, context, 'query');
    });
    // A guess from the input size (32 bytes a row) would run all 48 rows at once: about 30 MB.
    expect(info.peakBytes - before).toBeLessThan(2 * budget);
    expect(out).toHaveLength(rows * 8);
    // Same answers as one unchunked call.
    const x = tf.tensor2d(values, [rows, 8]);
    const whole = await model.predict(x);
    const want = (await whole.data()) as Float32Array;
    out.forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 5));
    tf.dispose([x, whole]);
    dispose();
  });
});
