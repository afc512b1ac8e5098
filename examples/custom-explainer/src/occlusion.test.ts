import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { fromBatchFunction, fromFunction, type Model } from '@glassbox/core';
import { createTinyMlp, explainerConformance, randomInputs, trackTensors } from '@glassbox/core/testing';
import { occlusion } from './occlusion';

/** f(x) = x · w (one output): occluding a set S lowers f by Σ_{j∈S} w_j (x_j − fill). */
const linear = (w: number[], shape: number[] = [w.length]): Model => {
  const wt = tf.tensor2d(w, [w.length, 1]);
  const m = fromFunction((x) => tf.matMul(tf.reshape(x, [x.shape[0], -1]), wt), { inputShape: shape, outputShape: [1], name: 'linear' });
  return { ...m, dispose: () => wt.dispose() };
};

/** A small nonlinear image model: 4×4×2 → 3 scores through a conv and a dense layer. */
const tinyCnn = (): Model => {
  const k = tf.tensor4d(Array.from({ length: 2 * 2 * 2 * 3 }, (_, i) => Math.sin(i + 1)), [2, 2, 2, 3]);
  const w = tf.tensor2d(Array.from({ length: 27 * 3 }, (_, i) => Math.cos(i * 0.7) * 0.5), [27, 3]);
  const f = (x: tf.Tensor) => tf.softmax(tf.matMul(tf.reshape(tf.tanh(tf.conv2d(x as tf.Tensor4D, k, 1, 'valid')), [x.shape[0], 27]), w));
  const m = fromFunction(f, { inputShape: [4, 4, 2], outputShape: [3], name: 'tiny-cnn' });
  return { ...m, dispose: () => tf.dispose([k, w]) };
};

describe('occlusion: core conformance suite', () => {
  for (const c of explainerConformance({ explainer: occlusion(), model: () => createTinyMlp({ inputs: 6 }), inputs: () => randomInputs(3, [6]) })) {
    it(`flat features: ${c.name}`, c.run);
  }
  for (const c of explainerConformance({
    explainer: occlusion(),
    model: tinyCnn,
    inputs: () => randomInputs(2, [4, 4, 2], 11),
    call: { options: { window: [2, 2, 2], stride: [1, 1, 1], maxBatch: 4 } },
  })) {
    it(`images, several batches: ${c.name}`, c.run);
  }
});

describe('occlusion: known answers on a linear model', () => {
  it('window 1: attribution is w_j (x_j − fill)', async () => {
    const m = linear([1, -2, 3, 0.5]);
    const e = await occlusion({ fill: 0.5 }).explain(m, [[2, 1, -1, 4]], { target: 0 });
    expect(Array.from(e.attributions)).toEqual([1.5, -1, -4.5, 1.75]);
    m.dispose?.();
  });

  it('overlapping windows average the drops of the windows covering each feature', async () => {
    const m = linear([1, 2, 3, 4, 5]);
    // Window sums of d = w ⊙ x = [1, 2, 3, 4, 5] over {0,1},{1,2},{2,3},{3,4}: 3, 5, 7, 9.
    const e = await occlusion({ window: [2], stride: [1] }).explain(m, [[1, 1, 1, 1, 1]], { target: 0 });
    expect(Array.from(e.attributions)).toEqual([3, 4, 6, 8, 9]);
    // Stride 2: windows {0,1},{2,3},{4} (the last clipped at the edge).
    const s = await occlusion({ window: [2], stride: [2] }).explain(m, [[1, 1, 1, 1, 1]], { target: 0 });
    expect(Array.from(s.attributions)).toEqual([3, 3, 7, 7, 5]);
    expect(s.diagnostics).toMatchObject({ windows: 3, evaluations: 3 });
    m.dispose?.();
  });

  it('image windows span rows, columns and channels (channels last)', async () => {
    // 3×3×1 image of ones, weights 1…9 row-major; 2×2 windows, stride 1: window sums
    // TL {1,2,4,5}=12, TR {2,3,5,6}=16, BL {4,5,7,8}=24, BR {5,6,8,9}=28.
    const m = linear([1, 2, 3, 4, 5, 6, 7, 8, 9], [3, 3, 1]);
    const ones = [[[[1], [1], [1]], [[1], [1], [1]], [[1], [1], [1]]]];
    const e = await occlusion({ window: [2, 2, 1], stride: [1, 1, 1] }).explain(m, ones, { target: 0 });
    const expected = [12, (12 + 16) / 2, 16, (12 + 24) / 2, (12 + 16 + 24 + 28) / 4, (16 + 28) / 2, 24, (24 + 28) / 2, 28];
    expect(Array.from(e.attributions)).toEqual(expected);
    expect(e.attributionShape).toEqual([1, 3, 3, 1]);
    m.dispose?.();
  });
});

describe('occlusion: batching and black boxes', () => {
  /** The definition, one window and one model call at a time (independent of the plugin's batching). */
  async function naive(m: Model, x: number[][][][], target: number, win: number, fill: number): Promise<number[]> {
    const [h, w, c] = [4, 4, 2];
    const f = async (img: number[][][]) => {
      const y = await m.predict(tf.tensor([img]));
      const v = (await y.data())[target]!;
      y.dispose();
      return v;
    };
    const base = await f(x[0]!);
    const sums = new Array(h * w * c).fill(0), counts = new Array(h * w * c).fill(0);
    for (let r = 0; r + win <= h; r++) for (let q = 0; q + win <= w; q++) {
      const img = x[0]!.map((row, i) => row.map((px, j) => (i >= r && i < r + win && j >= q && j < q + win ? px.map(() => fill) : px)));
      const drop = base - (await f(img));
      for (let i = r; i < r + win; i++) for (let j = q; j < q + win; j++) for (let k = 0; k < c; k++) {
        sums[(i * w + j) * c + k] += drop;
        counts[(i * w + j) * c + k]++;
      }
    }
    return sums.map((s, i) => s / counts[i]);
  }

  it('matches the one-window-at-a-time definition whatever the batch size, and works on a black box', async () => {
    const m = tinyCnn();
    const x = randomInputs(1, [4, 4, 2], 5) as unknown as number[][][][];
    const expected = await naive(m, x, 2, 2, -0.5);
    const options = { window: [2, 2, 2], stride: [1, 1, 1], fill: -0.5 };
    const blackBox = fromBatchFunction(
      async (values, n) => {
        const t = tf.tensor(values, [n, 4, 4, 2]);
        const y = await m.predict(t);
        const out = (await y.data()) as Float32Array;
        tf.dispose([t, y]);
        return out;
      },
      { inputShape: [4, 4, 2], outputShape: [3] },
    );
    for (const [model, maxBatch, budget] of [[m, 128, undefined], [m, 2, undefined], [blackBox, 128, 3 * 16 * 4 * (4 * 4 * 2 + 3)]] as const) {
      // A black box is sized at 16 × its input and output bytes per item (measurePredictBytes): a budget of 3 such items.
      const e = await occlusion().explain(model, x, { target: 2, options: { ...options, maxBatch }, ...(budget === undefined ? {} : { memoryBudgetBytes: budget }) });
      const got = Array.from(e.attributions);
      got.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5));
      expect(e.diagnostics.chunkSize).toBe(budget ? 3 : Math.min(maxBatch, 9));
    }
    m.dispose?.();
  });
});

describe('occlusion: options in the CLI form', () => {
  /** What the CLI passes: strings from the command line (untyped, validated by the option schema). */
  const cli = (flags: Record<string, string>) => flags as never;

  it('accepts --window 2,2,2 --stride 1,1,1 --fill 0 as strings, equal to the numeric form', async () => {
    const m = tinyCnn();
    const x = randomInputs(2, [4, 4, 2], 3);
    const fromCli = await occlusion().explain(m, x, { options: cli({ window: '2,2,2', stride: '1,1,1', fill: '0' }) });
    const fromCode = await occlusion({ window: [2, 2, 2], stride: [1, 1, 1], fill: 0 }).explain(m, x);
    expect(fromCli.attributions).toEqual(fromCode.attributions);
    expect(fromCli.options).toMatchObject({ window: [2, 2, 2], stride: [1, 1, 1], fill: 0 });
    // One size applies to every dimension.
    const single = await occlusion().explain(m, x, { options: cli({ window: '2', stride: '1' }) });
    expect(single.attributions).toEqual(fromCode.attributions);
    m.dispose?.();
  });

  it('refuses bad sizes with INVALID_OPTION and a message that says what was expected, without leaks', async () => {
    const m = tinyCnn();
    const x = randomInputs(1, [4, 4, 2], 3);
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ window: '2,2' }, /Option "window" has 2 sizes \(2,2\); the input has 3 dimensions \(4×4×2, channels last\)/],
      [{ window: 'a' }, /Option "window" of method "occlusion": expected <n> \| <n>,<n>,… .*"a" is not a positive integer/],
      [{ window: '2,2,1', stride: '3,3,1' }, /stride 3 is larger than window 2 in dimension 0/],
      [{ window: '5,1,1' }, /window 5 is larger than dimension 0 \(size 4\)/],
      [{ fill: 'zero' }, /Option "fill" of method "occlusion": expected a number/],
    ];
    for (const [options, message] of cases) {
      const r = await trackTensors(() => occlusion().explain(m, x, { options }));
      expect(r.error).toMatchObject({ code: 'INVALID_OPTION' });
      expect((r.error as Error).message).toMatch(message);
      expect(r.leaked).toBe(0);
    }
    expect(() => occlusion({ window: 'x' as never })).toThrow(/Option "window"/);
    m.dispose?.();
  });
});
