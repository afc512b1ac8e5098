import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { describe, expect, it } from 'vitest';
import { GlassboxError } from '../errors/GlassboxError';
import { fromFunction } from '../model/fromFunction';
import { referenceExplainer } from '../testing/referenceExplainer';

const grad = referenceExplainer(); // gradient × input

describe('gradients of a model whose output does not depend differentiably on its input', () => {
  it('give NO_GRADIENT with reason "input" (token ids through an embedding), suggest other methods, and leak nothing', async () => {
    const table = tf.tensor2d([[0.5, -1], [2, 0.25], [-0.75, 1.5]]);
    // Ids → rows of an embedding table → a linear read-out: the ids are cast to integers, so no gradient reaches them.
    const embedding = fromFunction((ids) => tf.sum(tf.gather(table, tf.cast(ids, 'int32')), 1), { inputShape: [4], outputShape: [2] });
    // No path at all from the input (tfjs: "Cannot compute gradient of y=f(x) with respect to x").
    const constant = fromFunction((ids) => tf.tile(tf.tensor2d([[1, 2]]), [ids.shape[0]!, 1]), { inputShape: [4], outputShape: [2] });
    const ids = tf.tensor2d([[0, 1, 2, 1], [2, 2, 0, 1]]);
    const before = tf.memory().numTensors;
    for (const model of [embedding, constant, embedding]) {
      const err = await grad.explain(model, ids, { target: 1 }).catch((e) => e);
      expect(err).toBeInstanceOf(GlassboxError);
      expect(err.code).toBe('NO_GRADIENT');
      expect(err.details).toMatchObject({ reason: 'input', suggested: expect.arrayContaining(['occlusion', 'feature-ablation', 'kernel-shap']) });
      expect(err.message).toMatch(/does not depend differentiably on its input.*token ids.*occlusion/);
    }
    expect(tf.memory().numTensors).toBe(before);
    // Gradients of a differentiable model still work afterwards.
    const linear = fromFunction((x) => tf.sum(tf.mul(x, 2), 1, true), { inputShape: [4], outputShape: [1] });
    const e = await grad.explain(linear, ids, { target: 0 });
    expect(Array.from(e.attributions)).toEqual(Array.from(ids.dataSync(), (v) => 2 * v));
    tf.dispose([table, ids]);
  });
});
