import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureGradients, selectTargets, type Explainer } from '@glassbox/core';
import { createTinyMlp, trackTensors } from '@glassbox/core/testing';
import { attentionFlow } from './attentionFlow';
import { attentionGradRollout } from './attentionGradRollout';
import { attentionRollout } from './attentionRollout';
import { attentionTokenScores, topTokens } from './attentionTokenScores';
import { flowScores } from './flowScores';
import { fuseHeads } from './fuseMatrices';
import { gradRolloutMatrix } from './gradRolloutMatrix';
import { rawAttention } from './rawAttention';
import { rolloutMatrix } from './rolloutMatrix';
import { TINY_IDS, TINY_VOCABULARY, tinyAttentionModel } from './testModels';
import { tokenIntegratedGradients } from './tokenIntegratedGradients';

beforeAll(() => ensureGradients());

/** Attention `[layer][example] → [heads·t·t]` and gradients of the target output, computed directly. */
async function directAttention(model: ReturnType<typeof tinyAttentionModel>, ids: number[][], targets?: number[], logit = false) {
  const acc = model.attention!;
  const x = tf.tensor2d(ids);
  const emb = acc.embed(x);
  const att = tf.tidy(() => acc.forwardFromEmbeddings(emb, { tokenIds: x }).attention.map((a) => tf.keep(a)));
  const grads = targets
    ? tf.grads((...o: tf.Tensor[]) => {
        const y = acc.forwardFromEmbeddings(emb, { tokenIds: x, attentionOffsets: o }).output;
        if (!logit) return tf.sum(selectTargets(y, targets));
        const l = tf.log(y); // the tiny model's probabilities are far from 0
        return tf.sum(tf.sub(selectTargets(l, targets), tf.mean(l, 1)));
      })(
        att.map((a) => tf.zerosLike(a)),
      )
    : [];
  const a = (await Promise.all(att.map((t) => t.data()))) as Float32Array[];
  const g = (await Promise.all(grads.map((t) => t.data()))) as Float32Array[];
  tf.dispose([x, emb, ...att, ...grads]);
  return { a, g };
}

describe('explainers against direct computations on a tiny transformer', () => {
  const t = 6;
  const h = 2;
  const per = h * t * t;

  it('attention-rollout equals rolloutMatrix of the head-mean attention; names the tokens', async () => {
    const m = tinyAttentionModel({ seed: 21 });
    const e = await attentionRollout({ discardRatio: 0.2 }).explain(m, TINY_IDS);
    expect(e.kind).toBe('attention-map');
    expect(e.attributionShape).toEqual([3, t, t]);
    expect(e.labels?.tokens?.[0]).toEqual(['[CLS]', 'w4', 'w7', '[PAD]', '[PAD]', '[PAD]'].map((s, i) => (i === 3 ? 'w2' : s)));
    const { a } = await directAttention(m, TINY_IDS);
    for (let ex = 0; ex < 3; ex++) {
      const fused = a.map((layer) => fuseHeads(layer.subarray(ex * per, (ex + 1) * per), h, t, [0, 1], 'mean'));
      const want = rolloutMatrix(fused, t, { discardRatio: 0.2, active: TINY_IDS[ex]!.map((id) => id !== 0) }); // the ratio counts real tokens only
      want.forEach((w, i) => expect(e.attributions[ex * t * t + i]).toBeCloseTo(w, 5));
    }
    m.dispose!();
  });

  it('attention-grad-rollout equals the formula on directly computed attention gradients', async () => {
    const m = tinyAttentionModel({ seed: 22 });
    const targets = [2, 0, 1];
    const e = await attentionGradRollout({ heads: [1], headFusion: 'max' }).explain(m, TINY_IDS, { target: targets });
    const { a, g } = await directAttention(m, TINY_IDS, targets);
    let nonTrivial = 0;
    for (let ex = 0; ex < 3; ex++) {
      const stack = a.map((layer, l) => ({ attention: layer.subarray(ex * per, (ex + 1) * per), gradient: g[l]!.subarray(ex * per, (ex + 1) * per) }));
      const want = gradRolloutMatrix(stack, h, t, { heads: [1], headFusion: 'max' });
      want.forEach((w, i) => {
        expect(e.attributions[ex * t * t + i]).toBeCloseTo(w, 5);
        if (i % (t + 1) !== 0 && w > 1e-6) nonTrivial++;
      });
    }
    expect(nonTrivial).toBeGreaterThan(5); // the gradients are not all zero
    // The logit variant: gradients of log p_t − mean log p, checked the same way.
    const logit = await attentionGradRollout({ gradientOf: 'logit' }).explain(m, TINY_IDS, { target: targets });
    const direct = await directAttention(m, TINY_IDS, targets, true);
    for (let ex = 0; ex < 3; ex++) {
      const stack = direct.a.map((layer, l) => ({ attention: layer.subarray(ex * per, (ex + 1) * per), gradient: direct.g[l]!.subarray(ex * per, (ex + 1) * per) }));
      gradRolloutMatrix(stack, h, t).forEach((w, i) => expect(logit.attributions[ex * t * t + i]).toBeCloseTo(w, 4));
    }
    // Another target gives another map.
    const other = await attentionGradRollout({ heads: [1], headFusion: 'max' }).explain(m, TINY_IDS, { target: [0, 1, 2] });
    expect(Array.from(other.attributions)).not.toEqual(Array.from(e.attributions));
    m.dispose!();
  });

  it('attention-flow equals flowScores per example; padding gets nothing; query −1 averages', async () => {
    const m = tinyAttentionModel({ seed: 23 });
    const e = await attentionFlow({ normalize: false }).explain(m, TINY_IDS);
    expect(e.kind).toBe('token-attribution');
    expect(e.attributionShape).toEqual([3, t]);
    const { a } = await directAttention(m, TINY_IDS);
    for (let ex = 0; ex < 3; ex++) {
      const fused = a.map((layer) => fuseHeads(layer.subarray(ex * per, (ex + 1) * per), h, t, [0, 1], 'mean'));
      const active = TINY_IDS[ex]!.map((id) => id !== 0);
      const want = flowScores(fused, t, 0, { normalize: false, active });
      want.forEach((w, i) => expect(e.attributions[ex * t + i]).toBeCloseTo(w, 5));
      TINY_IDS[ex]!.forEach((id, i) => id === 0 && expect(e.attributions[ex * t + i]).toBe(0));
    }
    const mean = await attentionFlow({ query: -1 }).explain(m, [TINY_IDS[0]]);
    expect(mean.attributions.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 5);
    m.dispose!();
  });

  it('attention (raw) fuses heads and layers as asked', async () => {
    const m = tinyAttentionModel({ seed: 24 });
    const mean = await rawAttention().explain(m, TINY_IDS);
    const max = await rawAttention({ headFusion: 'max', layers: 'all', layerFusion: 'max' }).explain(m, TINY_IDS);
    const first = await rawAttention({ layers: [0], heads: [0] }).explain(m, TINY_IDS);
    const { a } = await directAttention(m, TINY_IDS);
    for (let q = 0; q < t; q++) {
      const row = mean.attributions.subarray(q * t, (q + 1) * t);
      expect(row.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 5); // last layer, head mean
    }
    for (let i = 0; i < t * t; i++) {
      expect(first.attributions[i]).toBeCloseTo(a[0]![i]!, 6); // layer 0, head 0, example 0
      expect(max.attributions[i]).toBeCloseTo(Math.max(a[0]![i]!, a[0]![t * t + i]!, a[1]![i]!, a[1]![t * t + i]!), 6);
    }
    m.dispose!();
  });

  it('token-integrated-gradients is complete: scores add up to f(x) − f(baseline), closer with more steps', async () => {
    const m = tinyAttentionModel({ seed: 25 });
    const coarse = await tokenIntegratedGradients({ steps: 16 }).explain(m, TINY_IDS, { target: 1 });
    const e = await tokenIntegratedGradients({ steps: 300 }).explain(m, TINY_IDS, { target: 1 });
    expect(e.attributionShape).toEqual([3, t]);
    const gap = (x: typeof e) => x.convergenceDelta!.reduce((s, d) => s + Math.abs(d), 0);
    expect(gap(e)).toBeLessThan(gap(coarse));
    const base = e.diagnostics.baselineOutputs as number[];
    for (let ex = 0; ex < 3; ex++) {
      const sum = e.attributions.subarray(ex * t, (ex + 1) * t).reduce((s, x) => s + x, 0);
      expect(Math.abs(sum - (e.outputs[ex * 3 + 1]! - base[ex]!))).toBeLessThan(2e-3);
      expect(Math.abs(e.convergenceDelta![ex]!)).toBeLessThan(2e-3);
    }
    // The zero baseline is allowed but far from complete here: layer norm is singular at 0.
    const zeros = await tokenIntegratedGradients({ steps: 16, baseline: 'zeros' }).explain(m, TINY_IDS, { target: 1 });
    expect(zeros.convergenceDelta!.every(Number.isFinite)).toBe(true);
    m.dispose!();
  });

  it('attentionTokenScores and topTokens read rows and rank tokens', async () => {
    const m = tinyAttentionModel({ seed: 26 });
    const e = await attentionRollout().explain(m, TINY_IDS);
    const row = attentionTokenScores(e, 1, 0);
    expect(Array.from(row)).toEqual(Array.from(e.attributions.subarray(t * t, t * t + t)));
    const mean = attentionTokenScores(e, 1, -1);
    expect(mean.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 5);
    const top = topTokens(e.labels!.tokens![0]!, attentionTokenScores(e, 0), 2, (tok) => tok === '[PAD]');
    expect(top).toHaveLength(2);
    expect(top[0]!.score).toBeGreaterThanOrEqual(top[1]!.score);
    expect(() => attentionTokenScores(e, 3)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => attentionTokenScores(e, 0, 6)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    m.dispose!();
  });
});

describe('bad input: typed errors, no leaked tensors', () => {
  const all: Explainer<any, any, any>[] = [rawAttention(), attentionRollout(), attentionFlow(), attentionGradRollout(), tokenIntegratedGradients({ steps: 4 })];
  const expectError = async (fn: () => Promise<unknown>, code: string, message?: RegExp) => {
    const r = await trackTensors(fn);
    expect(r.error, 'expected an error').toBeDefined();
    expect((r.error as { code?: string }).code, String(r.error)).toBe(code);
    if (message) expect((r.error as Error).message).toMatch(message);
    expect(r.leaked).toBe(0);
  };

  it('a model without attention is refused (MISSING_CAPABILITY)', async () => {
    const mlp = createTinyMlp({ inputs: 6 });
    for (const ex of all) await expectError(() => ex.explain(mlp, TINY_IDS), 'MISSING_CAPABILITY', /needs a model with attention/);
    mlp.dispose!();
  });

  it('a layer or head index out of range is refused (INVALID_OPTION) naming the range', async () => {
    const m = tinyAttentionModel();
    await m.predict(tf.tensor2d(TINY_IDS)).then((y) => y.dispose()); // warm-up
    for (const ex of all.slice(0, 4)) {
      await expectError(() => ex.explain(m, TINY_IDS, { options: { layers: [2] } }), 'INVALID_OPTION', /\[-2, 1\]/);
      await expectError(() => ex.explain(m, TINY_IDS, { options: { heads: '0,-3' } }), 'INVALID_OPTION', /index -3/);
      await expectError(() => ex.explain(m, TINY_IDS, { options: { layers: 'first' } }), 'INVALID_OPTION');
    }
    await expectError(() => attentionFlow().explain(m, TINY_IDS, { options: { query: 6 } }), 'INVALID_OPTION', /query/);
    m.dispose!();
  });

  it('mismatched token labels are refused (INVALID_INPUT)', async () => {
    const m = tinyAttentionModel();
    const good = TINY_IDS.map((row) => row.map((id) => TINY_VOCABULARY[id]!));
    for (const ex of all) {
      await expectError(() => ex.explain(m, TINY_IDS, { labels: { tokens: good.slice(0, 2) } }), 'INVALID_INPUT', /2 lists for 3 examples/);
      await expectError(() => ex.explain(m, TINY_IDS, { labels: { tokens: [good[0]!, good[1]!, good[2]!.slice(1)] } }), 'INVALID_INPUT', /labels.tokens\[2\] has 5 names for 6 tokens/);
    }
    const ok = await rawAttention().explain(m, TINY_IDS, { labels: { tokens: good.map((r) => r.map((s) => s.toUpperCase())) } });
    expect(ok.labels?.tokens?.[0]?.[0]).toBe('[CLS]'); // given labels win over decoded ones
    expect(ok.labels?.tokens?.[0]?.[1]).toBe('W4');
    m.dispose!();
  });

  it('token ids outside the vocabulary or not integers are refused (INVALID_INPUT)', async () => {
    const m = tinyAttentionModel();
    for (const ex of all) {
      await expectError(() => ex.explain(m, [[1, 2, 99, 0, 0, 0]]), 'INVALID_INPUT', /Token id 99 at example 0, position 2/);
      await expectError(() => ex.explain(m, [[1, 2.5, 3, 0, 0, 0]]), 'INVALID_INPUT', /Token id 2.5/);
      await expectError(() => ex.explain(m, [[1, 2, 3]]), 'INVALID_INPUT', /expected \[\*, 6\]|expected/);
    }
    m.dispose!();
  });
});
