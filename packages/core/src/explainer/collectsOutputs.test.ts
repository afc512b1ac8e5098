import { describe, it, expect } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { createTinyMlp, randomInputs } from '../testing/fixtures';
import { targetGradients, targetGradientsWithOutputs } from '../tensor/selectTargets';
import { defineExplainer } from './defineExplainer';
import type { Model } from '../model/Model';

/** Counts the model's separate forward passes (`predict`); `forward` is what run uses. */
function counting(model: Model): Model & { predicts: number } {
  const m = { ...model, predicts: 0 };
  m.predict = async (x) => {
    m.predicts++;
    return model.predict(x);
  };
  return m;
}

/** Gradient at the inputs, writing the outputs of its own forward pass when `fill` is set. */
const gradientAtInputs = (fill: boolean) =>
  defineExplainer<Record<string, never>, 'attribution', unknown, 'gradients'>({
    name: 'test-gradient',
    kind: 'attribution',
    package: { name: 'test', version: '0.0.0' },
    description: 'Gradient at the inputs (test)',
    requires: ['gradients'],
    collectsOutputs: true,
    options: {},
    async run({ model, inputs, targets, outputs }) {
      const { gradients, outputs: y } = targetGradientsWithOutputs(model.forward, inputs, targets);
      if (fill) outputs.set(await y.data());
      y.dispose();
      return { attributions: gradients };
    },
  });

describe('Explainer.collectsOutputs', () => {
  const model = createTinyMlp({ inputs: 4, outputs: 3, seed: 5 });
  const x = randomInputs(3, [4], 9);

  it('numeric targets: no separate forward pass, and the outputs are the model outputs', async () => {
    const m = counting(model);
    const before = tf.memory().numTensors;
    const e = await gradientAtInputs(true).explain(m, x, { target: 1 });
    expect(tf.memory().numTensors).toBe(before);
    expect(m.predicts).toBe(0);
    const out = (await model.predict(tf.tensor(x))).arraySync() as number[][];
    Array.from(e.outputs).forEach((v, i) => expect(v).toBeCloseTo(out.flat()[i]!, 6));
    const perExample = await gradientAtInputs(true).explain(m, x, { target: [0, 2, 1] });
    expect(m.predicts).toBe(0);
    expect(perExample.targets).toEqual([0, 2, 1]);
  });

  it('predicted targets need the outputs first: one forward pass, as for any explainer', async () => {
    const m = counting(model);
    const e = await gradientAtInputs(true).explain(m, x);
    expect(m.predicts).toBe(1);
    const out = (await model.predict(tf.tensor(x))).arraySync() as number[][];
    expect(e.targets).toEqual(out.map((r) => r.indexOf(Math.max(...r))));
  });

  it('a run that does not write them: core computes the outputs after it', async () => {
    const m = counting(model);
    const before = tf.memory().numTensors;
    const e = await gradientAtInputs(false).explain(m, x, { target: 2 });
    expect(tf.memory().numTensors).toBe(before);
    expect(m.predicts).toBe(1);
    const out = (await model.predict(tf.tensor(x))).arraySync() as number[][];
    expect(Array.from(e.outputs)).toEqual(out.flat().map(Math.fround));
  });
});

describe('targetGradientsWithOutputs', () => {
  it('leaks nothing when the forward pass throws', () => {
    const x = tf.ones([2, 3]);
    const before = tf.memory().numTensors;
    const forward = (xi: tf.Tensor) => {
      tf.relu(xi);
      throw new Error('forward failed');
    };
    expect(() => targetGradientsWithOutputs(forward, x, [0, 1])).toThrow('forward failed');
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});

describe('targetGradients', () => {
  it('leaks nothing when the forward pass throws', () => {
    const x = tf.ones([2, 3]);
    const before = tf.memory().numTensors;
    expect(() =>
      targetGradients(
        (xi) => {
          tf.relu(xi);
          throw new Error('forward failed');
        },
        x,
        [0, 1],
      ),
    ).toThrow('forward failed');
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});
