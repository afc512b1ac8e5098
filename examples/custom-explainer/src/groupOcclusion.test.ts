import { describe, expect, expectTypeOf, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import {
  GlassboxError,
  explanationFromJSON,
  explanationToJSON,
  fromFunction,
  isGlassboxError,
  type ExplanationKind,
  type GlassboxErrorCode,
  type Model,
  type ModelCapability,
  type ModelWith,
} from '@glassbox/core';
import { trackTensors } from '@glassbox/core/testing';
import { groupOcclusion } from './groupOcclusion';

/** f(x) = x · w with the capability this package adds: occluding group g lowers f by Σ_{j∈g} w_j (x_j − fill). */
function groupedLinear(w: number[], groups: number[][]): Model {
  const wt = tf.tensor2d(w, [w.length, 1]);
  const m = fromFunction((x) => tf.matMul(x as tf.Tensor2D, wt), { inputShape: [w.length], outputShape: [1], name: 'grouped-linear' });
  return { ...m, capabilities: new Set<ModelCapability>([...m.capabilities, 'feature-groups']), featureGroups: () => groups, dispose: () => wt.dispose() } as Model;
}

describe('a third-party package extends the registries (types)', () => {
  it('adds a kind, a capability and an error code that core types accept, and nothing else', () => {
    expectTypeOf<'group-attribution'>().toMatchTypeOf<ExplanationKind>();
    expectTypeOf<'feature-groups'>().toMatchTypeOf<ModelCapability>();
    expectTypeOf<'FEATURE_GROUPS_INVALID'>().toMatchTypeOf<GlassboxErrorCode>();
    expectTypeOf<ModelWith<'feature-groups'>['featureGroups']>().toEqualTypeOf<() => readonly (readonly number[])[]>();
    // @ts-expect-error a kind nobody registered
    const kind: ExplanationKind = 'no-such-kind';
    // @ts-expect-error a code nobody registered
    const error = new GlassboxError('NO_SUCH_CODE', 'x');
    expect([kind, error.code]).toEqual(['no-such-kind', 'NO_SUCH_CODE']);
  });
});

describe('a third-party package extends the registries (runtime)', () => {
  it('explains with the new capability and returns the new kind, exactly, through JSON', async () => {
    const model = groupedLinear([1, -2, 3, 0.5], [[0], [1, 2], [3]]);
    const r = await trackTensors(() => groupOcclusion({ fill: 0.5 }).explain(model, [[2, 1, -1, 4]], { target: 0 }));
    const e = r.value!;
    expect(r.leaked).toBe(0);
    expect(e.kind).toBe('group-attribution');
    expect(e.explainer).toMatchObject({ name: 'group-occlusion', package: 'glassbox-plugin-occlusion' });
    // [1·1.5], [−2·0.5 + 3·(−1.5)], [0.5·3.5]
    expect(Array.from(e.attributions)).toEqual([1.5, -5.5, 1.75]);
    expect(e.attributionShape).toEqual([1, 3]);
    expect(explanationFromJSON(JSON.parse(JSON.stringify(explanationToJSON(e)))).kind).toBe('group-attribution');
    model.dispose?.();
  });

  it('is refused by core on a model without the new capability (MISSING_CAPABILITY)', async () => {
    const plain = fromFunction((x) => tf.sum(x, 1, true), { inputShape: [4], outputShape: [1] });
    await expect(groupOcclusion().explain(plain, [[1, 2, 3, 4]])).rejects.toMatchObject({ code: 'MISSING_CAPABILITY', details: { missing: ['feature-groups'] } });
  });

  it('throws its own error code as a GlassboxError, without leaks', async () => {
    const model = groupedLinear([1, 1, 1], [[0, 1], [1, 2]]);
    const r = await trackTensors(() => groupOcclusion().explain(model, [[1, 2, 3]]));
    expect(isGlassboxError(r.error)).toBe(true);
    expect(r.error).toMatchObject({ code: 'FEATURE_GROUPS_INVALID', details: { group: 1, feature: 1 } });
    expect(r.leaked).toBe(0);
    model.dispose?.();
  });
});
