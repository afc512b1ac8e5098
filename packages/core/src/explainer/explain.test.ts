import { describe, it, expect } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { referenceExplainer } from '../testing/referenceExplainer';
import { createTinyMlp, randomInputs } from '../testing/fixtures';
import { fromBatchFunction } from '../model/fromBatchFunction';
import { explanationFromJSON, explanationToJSON } from '../explanation/explanationJson';
import { resolveOptions } from './resolveOptions';
import { withDefaults } from './defineExplainer';

describe('explain()', () => {
  const model = createTinyMlp({ inputs: 4, outputs: 3, seed: 5 });
  const x = randomInputs(2, [4], 9);

  it('fills targets with the predicted class and records options, backend and outputs', async () => {
    const e = await referenceExplainer().explain(model, x);
    const out = (await model.predict(tf.tensor(x))).arraySync() as number[][];
    expect(e.targets).toEqual(out.map((r) => r.indexOf(Math.max(...r))));
    expect(e.options).toEqual({ chunk: 2 });
    expect(e.backend).toBe('cpu');
    expect(Array.from(e.outputs)).toEqual(out.flat().map(Math.fround));
    expect(e.inputShape).toEqual([2, 4]);
  });

  it('gradient × input equals a finite-difference estimate', async () => {
    const e = await referenceExplainer().explain(model, x, { target: 1 });
    const h = 1e-2;
    for (let j = 0; j < 4; j++) {
      const plus = x.map((r) => r.map((v, k) => (k === j ? v + h : v)));
      const minus = x.map((r) => r.map((v, k) => (k === j ? v - h : v)));
      const fp = (await model.predict(tf.tensor(plus))).arraySync() as number[][];
      const fm = (await model.predict(tf.tensor(minus))).arraySync() as number[][];
      const grad = (fp[0]![1]! - fm[0]![1]!) / (2 * h);
      expect(e.attributions[j]).toBeCloseTo(grad * x[0]![j]!, 3);
    }
  });

  it('accepts flat values with a shape and a caller-owned tensor (not disposed)', async () => {
    const t = tf.tensor(x);
    const a = await referenceExplainer().explain(model, t);
    expect(t.isDisposed).toBe(false);
    const b = await referenceExplainer().explain(model, { values: Float32Array.from(x.flat()), shape: [2, 4] });
    expect(Array.from(a.attributions)).toEqual(Array.from(b.attributions));
    t.dispose();
  });

  it('refuses bad targets, shapes and capabilities with stable codes', async () => {
    const ex = referenceExplainer();
    await expect(ex.explain(model, x, { target: 3 })).rejects.toMatchObject({ code: 'TARGET_OUT_OF_RANGE' });
    await expect(ex.explain(model, x, { target: 1.5 })).rejects.toMatchObject({ code: 'TARGET_OUT_OF_RANGE' });
    await expect(ex.explain(model, x, { target: [0] })).rejects.toMatchObject({ code: 'TARGET_OUT_OF_RANGE' });
    await expect(ex.explain(model, [[1, 2, 3]])).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('expected [?, 4]') });
    await expect(ex.explain(model, [[1, 2], [3]] as never)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(ex.explain(model, [[1, 2, Infinity, 4]])).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('Infinity at example 0, element 2') });
    await expect(ex.explain(model, [])).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const blackBox = fromBatchFunction(async (v, n) => new Float32Array(n * 3), { inputShape: [4], outputShape: [3] });
    await expect(ex.explain(blackBox, x)).rejects.toMatchObject({ code: 'MISSING_CAPABILITY', message: expect.stringContaining('needs a model with gradients') });
  });

  it('round-trips through JSON with nested arrays in the input shape', async () => {
    const e = await referenceExplainer().explain(model, x);
    const json = JSON.parse(JSON.stringify(explanationToJSON(e)));
    expect(json.attributions).toHaveLength(2);
    expect(json.attributions[0]).toHaveLength(4);
    expect(explanationFromJSON(json)).toEqual(e);
    expect(() => explanationFromJSON({ specVersion: 99 })).toThrow(/specVersion 1/);
  });
});

describe('options', () => {
  const schema = {
    steps: { type: 'number' as const, integer: true, min: 1, default: 50, description: 'steps' },
    rule: { type: 'enum' as const, values: ['a', 'b'] as const, default: 'a' as 'a' | 'b', description: 'rule' },
    abs: { type: 'boolean' as const, default: true, description: 'abs' },
  };
  it('fills defaults and coerces CLI strings, kebab-case keys too', () => {
    expect(resolveOptions(schema, { steps: '16', abs: 'false' }, 'm')).toEqual({ steps: 16, rule: 'a', abs: false });
  });
  it('refuses unknown keys, wrong types and out-of-range values', () => {
    expect(() => resolveOptions(schema, { stepz: 1 }, 'm')).toThrow(/Unknown option "stepz".*known options: steps, rule, abs/);
    expect(() => resolveOptions(schema, { steps: 0 }, 'm')).toThrow(/expected an integer ≥ 1/);
    expect(() => resolveOptions(schema, { steps: 2.5 }, 'm')).toThrow(/integer/);
    expect(() => resolveOptions(schema, { rule: 'c' }, 'm')).toThrow(/one of a, b/);
    expect(() => resolveOptions(schema, { abs: 'yes' }, 'm')).toThrow(/true or false/);
  });
  it('withDefaults validates factory defaults', () => {
    expect(withDefaults(schema, { steps: 8 }).steps.default).toBe(8);
    expect(() => withDefaults(schema, { steps: -1 })).toThrow(/INVALID|expected/);
  });
});
