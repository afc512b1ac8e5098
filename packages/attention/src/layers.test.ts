import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureGradients, targetGradients } from '@glassbox/core';
import { trackTensors } from '@glassbox/core/testing';
import { attentionModel } from './attentionModel';
import { createTinyTransformer } from './createTinyTransformer';
import { isAttentionLayer, type AttentionLayer } from './AttentionLayer';
import { MultiHeadSelfAttention } from './MultiHeadSelfAttention';
import { SequencePooling } from './SequencePooling';
import { TokenEmbedding } from './TokenEmbedding';

const IDS = [
  [1, 4, 7, 2, 0, 0],
  [1, 9, 3, 3, 5, 11],
];

async function roundTrip(model: tfl.LayersModel): Promise<tfl.LayersModel> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (a) => ((saved = a), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })));
  return tfl.loadLayersModel(tf.io.fromMemory(saved!));
}

beforeAll(async () => {
  await ensureGradients();
});

describe('TransformerEncoder and friends', () => {
  it('attention rows sum to 1 and padding keys get no attention', async () => {
    const m = attentionModel(createTinyTransformer({ numLayers: 2, numHeads: 2 }), { ownsModel: true });
    const ids = tf.tensor2d(IDS);
    const att = tf.tidy(() => m.attention!.forwardFromEmbeddings(m.attention!.embed(ids), { tokenIds: ids }).attention.map((a) => tf.keep(a)));
    expect(att).toHaveLength(2);
    for (const a of att) {
      expect(a.shape).toEqual([2, 2, 6, 6]);
      const v = (await a.array()) as number[][][][];
      for (const head of v[0]!) for (const row of head) {
        expect(row.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 5);
        expect(row[4]).toBeLessThan(1e-6); // padding keys
        expect(row[5]).toBeLessThan(1e-6);
      }
    }
    tf.dispose([ids, ...att]);
    m.dispose!();
  });

  it('the adapter predicts exactly what layersModel.predict does (mask included), without leaks', async () => {
    const lm = createTinyTransformer({ seed: 3 });
    const m = attentionModel(lm);
    const ids = tf.tensor2d(IDS);
    const a = lm.predict(ids) as tf.Tensor;
    const r = await trackTensors(() => m.predict(ids));
    expect(r.leaked).toBe(1); // the result
    const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(a, r.value!))).dataSync()[0]);
    expect(diff).toBeLessThan(1e-6);
    tf.dispose([a, r.value!, ids]);
    lm.dispose();
  });

  it('saves and loads with model.json: same config, same predictions', async () => {
    const lm = createTinyTransformer({ seed: 4, numLayers: 1 });
    const back = await roundTrip(lm);
    expect(back.layers.map((l) => l.getClassName())).toEqual([
      'InputLayer',
      'GlassboxTokenEmbedding',
      'GlassboxTransformerEncoder',
      'GlassboxSequencePooling',
      'Dense',
    ]);
    expect(back.layers[2]!.getConfig()).toMatchObject({ numHeads: 2, ffDim: 16, normFirst: true });
    const ids = tf.tensor2d(IDS);
    const [p, q] = [lm.predict(ids) as tf.Tensor, back.predict(ids) as tf.Tensor];
    expect(Array.from(await q.data())).toEqual(Array.from(await p.data()));
    tf.dispose([ids, p, q]);
    lm.dispose();
    back.dispose();
  });

  it('records its attention weights per call, and they equal the adapter’s', async () => {
    const lm = createTinyTransformer({ seed: 5 });
    const m = attentionModel(lm);
    const layers = lm.layers.filter((l) => isAttentionLayer(l)) as unknown as AttentionLayer[];
    layers.forEach((l) => l.startRecording());
    const ids = tf.tensor2d(IDS);
    const y = lm.predict(ids) as tf.Tensor;
    const recorded = layers.map((l) => l.stopRecording());
    expect(recorded.map((r) => r.length)).toEqual([1, 1]);
    const viaAdapter = tf.tidy(() => m.attention!.forwardFromEmbeddings(m.attention!.embed(ids), { tokenIds: ids }).attention.map((a) => tf.keep(a)));
    for (let l = 0; l < 2; l++) {
      expect(Array.from(await recorded[l]![0]!.data())).toEqual(Array.from(await viaAdapter[l]!.data()));
    }
    // Not recording any more: another call records nothing.
    (lm.predict(ids) as tf.Tensor).dispose();
    expect(layers[0]!.stopRecording()).toEqual([]);
    tf.dispose([ids, y, ...recorded.flat(), ...viaAdapter]);
    lm.dispose();
  });

  it('attention offsets: zero changes nothing, and their gradient is the gradient w.r.t. the attention (finite differences)', async () => {
    const lm = createTinyTransformer({ seed: 6, numLayers: 2 });
    const acc = attentionModel(lm).attention!;
    const ids = tf.tensor2d([IDS[1]!]);
    const emb = acc.embed(ids);
    const f = (offsets: tf.Tensor[]) => tf.tidy(() => tf.sum(tf.gather(acc.forwardFromEmbeddings(emb, { tokenIds: ids, attentionOffsets: offsets }).output, [1], 1)));
    const zeros = [tf.zeros([1, 2, 6, 6]), tf.zeros([1, 2, 6, 6])];
    const plain = tf.tidy(() => tf.sum(tf.gather(acc.forwardFromEmbeddings(emb, { tokenIds: ids }).output, [1], 1)));
    expect(f(zeros).dataSync()[0]).toBeCloseTo(plain.dataSync()[0]!, 7);
    const grads = tf.grads((...o: tf.Tensor[]) => f(o))(zeros);
    const g = (await Promise.all(grads.map((t) => t.data()))) as Float32Array[];
    const eps = 1e-2;
    for (const [layer, idx] of [[0, 7], [1, 3], [1, 40], [0, 61]] as const) {
      const bump = (s: number) => {
        const o = zeros.map((z, l) => (l === layer ? tf.tidy(() => tf.add(z, tf.mul(tf.reshape(tf.oneHot([idx], 72), [1, 2, 6, 6]), s))) : z));
        const v = f(o).dataSync()[0]!;
        if (o[layer] !== zeros[layer]) o[layer]!.dispose();
        return v;
      };
      const numeric = (bump(eps) - bump(-eps)) / (2 * eps);
      expect(Math.abs(numeric - g[layer]![idx]!)).toBeLessThan(2e-3 + 0.02 * Math.abs(numeric));
    }
    expect(() => acc.forwardFromEmbeddings(emb, { attentionOffsets: [zeros[0]!] })).toThrow(/2 attention layers/);
    tf.dispose([ids, emb, plain, ...zeros, ...grads]);
    lm.dispose();
  });

  it('works in a functional graph with standard residual and layer-norm layers (mask propagated)', async () => {
    const input = tfl.input({ shape: [6] });
    const emb = new TokenEmbedding({ vocabularySize: 20, dModel: 8, maxLength: 6, seed: 2 }).apply(input) as tfl.SymbolicTensor;
    const att = new MultiHeadSelfAttention({ numHeads: 2, seed: 3 }).apply(emb) as tfl.SymbolicTensor;
    const res = tfl.layers.add().apply([emb, att]) as tfl.SymbolicTensor;
    const norm = tfl.layers.layerNormalization().apply(res) as tfl.SymbolicTensor;
    const att2 = new MultiHeadSelfAttention({ numHeads: 2, seed: 4 }).apply(norm) as tfl.SymbolicTensor;
    const pooled = new SequencePooling({ mode: 'mean' }).apply(att2) as tfl.SymbolicTensor;
    const out = tfl.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }) }).apply(pooled) as tfl.SymbolicTensor;
    const lm = tfl.model({ inputs: input, outputs: out });
    const m = attentionModel(lm, { vocabulary: Array.from({ length: 20 }, (_, i) => `w${i}`) });
    expect(m.attention!.numLayers).toBe(2);
    expect(m.attention!.padTokenId).toBe(0);
    expect(m.attention!.vocabularySize).toBe(20);
    expect(m.attention!.decode!([1, 2])).toEqual(['w1', 'w2']);
    const ids = tf.tensor2d(IDS);
    const [a, b] = [lm.predict(ids) as tf.Tensor, await m.predict(ids)];
    expect(tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0])).toBeLessThan(1e-6);
    // A padded copy differs from an unpadded one only through the mask: the padded tokens' embeddings are ignored.
    const swapped = tf.tensor2d([[1, 4, 7, 2, 0, 0], [1, 4, 7, 2, 0, 0]]);
    const p = (await (await m.predict(swapped)).data()) as Float32Array;
    expect(p[0]).toBeCloseTo(p[2]!, 6);
    tf.dispose([a, b, ids, swapped]);
    lm.dispose();
  });

  it('trains: gradients flow through the embedding and the encoders (masked)', async () => {
    const lm = createTinyTransformer({ seed: 8, numLayers: 1, classes: 2 });
    lm.compile({ optimizer: tf.train.adam(0.01), loss: 'sparseCategoricalCrossentropy' });
    // Label: does token 3 occur? Padding varies.
    const xs: number[][] = [];
    const ys: number[] = [];
    for (let i = 0; i < 32; i++) {
      const len = 2 + (i % 5);
      const row = [1, ...Array.from({ length: 5 }, (_, j) => (j < len - 1 ? 4 + ((i * 7 + j * 3) % 12) : 0))];
      if (i % 2 === 0) row[1 + (i % (len - 1))] = 3;
      xs.push(row);
      ys.push(row.includes(3) ? 1 : 0);
    }
    const x = tf.tensor2d(xs);
    const y = tf.tensor1d(ys);
    const h = await lm.fit(x, y, { epochs: 30, batchSize: 16, verbose: 0 });
    const loss = h.history.loss as number[];
    expect(loss[loss.length - 1]).toBeLessThan(loss[0]! * 0.5);
    tf.dispose([x, y]);
    lm.dispose();
  });

  it('forward is differentiable with respect to the ids, with a zero gradient (ids are discrete)', async () => {
    const m = attentionModel(createTinyTransformer({ seed: 9 }), { ownsModel: true });
    const ids = tf.tensor2d(IDS);
    const g = targetGradients(m.forward!, ids, [0, 2]);
    expect(g.shape).toEqual([2, 6]);
    expect(Array.from(await g.data()).every((v) => v === 0)).toBe(true);
    tf.dispose([ids, g]);
    m.dispose!();
  });

  it('refuses models it cannot adapt, with typed errors', () => {
    const input = tfl.input({ shape: [4] });
    const plain = tfl.model({ inputs: input, outputs: tfl.layers.dense({ units: 2 }).apply(input) as tfl.SymbolicTensor });
    expect(() => attentionModel(plain)).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_MODEL' }));
    expect(() => attentionModel(createTinyTransformer(), { embeddingLayer: 'nope' })).toThrow(/No layer named "nope"/);
    expect(() => attentionModel({})).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_MODEL' }));
  });
});
