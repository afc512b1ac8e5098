import { describe, expect, expectTypeOf, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { createTinyMlp } from '../testing/fixtures';
import type { AttentionAccess } from '../model/AttentionAccess';
import type { Model } from '../model/Model';
import { defineExplainer } from './defineExplainer';
import type { OptionSchema } from './OptionSchema';

const schema: OptionSchema<{ scale: number }> = { scale: { type: 'number', min: 0, default: 1, description: 'Factor' } };

/** Gradient times `scale`: a factory as plugin authors write it. */
const scaledGradient = (defaults: Partial<{ scale: number }> = {}) =>
  defineExplainer({
    name: 'scaled-gradient',
    package: { name: 'glassbox-plugin-scaled', version: '2.3.4' },
    kind: 'attribution',
    description: 'Gradient times a factor',
    requires: ['gradients'],
    options: schema,
    defaults,
    async run({ model, inputs, options }) {
      // `model.forward` is typed as present: `requires` narrowed the request.
      return { attributions: tf.tidy(() => tf.mul(tf.grad((x: tf.Tensor) => tf.sum(model.forward(x)))(inputs), options.scale)) };
    },
  });

describe('defineExplainer', () => {
  it('takes name and version from the package identity and applies the factory defaults', async () => {
    const e = scaledGradient({ scale: 3 });
    expect(e).toMatchObject({ package: 'glassbox-plugin-scaled', version: '2.3.4', specVersion: 1 });
    expect(e.options.scale.default).toBe(3);
    const model = createTinyMlp({ inputs: 4 });
    const x = [[0.1, -0.2, 0.3, 0.4]];
    const [three, one] = [await e.explain(model, x), await scaledGradient().explain(model, x)];
    expect(three.explainer).toEqual({ name: 'scaled-gradient', version: '2.3.4', package: 'glassbox-plugin-scaled' });
    expect(three.options).toEqual({ scale: 3 });
    three.attributions.forEach((v, i) => expect(v).toBeCloseTo(3 * one.attributions[i]!, 5));
    model.dispose?.();
  });

  it('validates the defaults with the method id in the message', () => {
    expect(() => scaledGradient({ scale: -1 })).toThrow(/method "scaled-gradient"/);
    expect(() => scaledGradient({ scal: 1 } as never)).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
  });

  it('types the request model by the required capabilities', () => {
    defineExplainer({
      name: 'typed',
      package: { name: 'p', version: '1.0.0' },
      kind: 'attention-map',
      description: 'type test',
      requires: ['attention', 'activations'],
      options: {},
      async run({ model }) {
        expectTypeOf(model.attention).toEqualTypeOf<AttentionAccess>();
        expectTypeOf(model.split).toBeFunction();
        // @ts-expect-error gradients were not required, so forward may be missing
        model.forward(tf.zeros([1]));
        return { attributions: { values: new Float32Array(0), shape: [0] } };
      },
    });
    defineExplainer({
      name: 'black-box',
      package: { name: 'p', version: '1.0.0' },
      kind: 'attribution',
      description: 'type test',
      requires: [],
      options: {},
      async run({ model }) {
        expectTypeOf(model).toEqualTypeOf<Model>();
        return { attributions: { values: new Float32Array(0), shape: [0] } };
      },
    });
  });
});
