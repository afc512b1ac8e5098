import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRandom, ensureGradients } from '@glassbox/core';
import { layerNorm, rowSoftmax, slowBroadcast } from './fastOps';
import { selfAttentionBatched, selfAttentionPerHead, type SelfAttentionWeights } from './selfAttention';

const rand = (rng: ReturnType<typeof createRandom>, shape: number[], scale = 1) => tf.tensor(rng.fillNormal(new Float32Array(shape.reduce((a, b) => a * b, 1)), 0, scale), shape);
const maxDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);

beforeAll(() => ensureGradients());

describe('broadcast-free ops on the cpu backend equal the plain tfjs ops', () => {
  it('runs on cpu, where the broadcast-free path is taken', () => {
    expect(slowBroadcast()).toBe(true);
  });

  it('rowSoftmax: values and gradients', () => {
    const rng = createRandom(1);
    const x = rand(rng, [2, 3, 5], 3);
    const w = rand(rng, [2, 3, 5]);
    expect(maxDiff(rowSoftmax(x), tf.softmax(x))).toBeLessThan(1e-6);
    const g1 = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(rowSoftmax(t), w)))(x);
    const g2 = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.softmax(t), w)))(x);
    expect(maxDiff(g1, g2)).toBeLessThan(1e-6);
  });

  it('layerNorm: values and gradients (input, scale, shift)', () => {
    const rng = createRandom(2);
    const [x, g, b, w] = [rand(rng, [2, 4, 6]), rand(rng, [6]), rand(rng, [6]), rand(rng, [2, 4, 6])];
    const plain = (t: tf.Tensor, gg: tf.Tensor, bb: tf.Tensor) => {
      const { mean, variance } = tf.moments(t, -1, true);
      return tf.add(tf.mul(tf.div(tf.sub(t, mean), tf.sqrt(tf.add(variance, 1e-5))), gg), bb);
    };
    expect(maxDiff(layerNorm(x, g, b), plain(x, g, b))).toBeLessThan(1e-5);
    const g1 = tf.grads((t: tf.Tensor, gg: tf.Tensor, bb: tf.Tensor) => tf.sum(tf.mul(layerNorm(t, gg, bb), w)))([x, g, b]);
    const g2 = tf.grads((t: tf.Tensor, gg: tf.Tensor, bb: tf.Tensor) => tf.sum(tf.mul(plain(t, gg, bb), w)))([x, g, b]);
    g1.forEach((t, i) => expect(maxDiff(t, g2[i]!)).toBeLessThan(1e-4));
  });

  it('self-attention one head at a time equals the batched form, with mask and offsets, values and gradients', () => {
    const rng = createRandom(3);
    const [b, s, d, h] = [2, 5, 8, 2];
    const w: SelfAttentionWeights = {
      queryKernel: rand(rng, [d, d], 0.4), queryBias: rand(rng, [d], 0.1),
      keyKernel: rand(rng, [d, d], 0.4), keyBias: rand(rng, [d], 0.1),
      valueKernel: rand(rng, [d, d], 0.4), valueBias: rand(rng, [d], 0.1),
      outputKernel: rand(rng, [d, d], 0.4), outputBias: rand(rng, [d], 0.1),
    };
    const x = rand(rng, [b, s, d]);
    const mask = tf.tensor2d([[1, 1, 1, 0, 0], [1, 1, 1, 1, 1]]);
    const offset = rand(rng, [b, h, s, s], 0.05);
    const a = selfAttentionPerHead(x, w, h, { mask, offset });
    const c = selfAttentionBatched(x, w, h, { mask, offset });
    expect(maxDiff(a.output, c.output)).toBeLessThan(1e-5);
    expect(maxDiff(a.attention!, c.attention!)).toBeLessThan(1e-6);
    const grads = (f: typeof selfAttentionBatched) => tf.grads((xx: tf.Tensor, o: tf.Tensor) => tf.sum(tf.square(f(xx, w, h, { mask, offset: o }).output)))([x, offset]);
    const [g1, g2] = [grads(selfAttentionPerHead), grads(selfAttentionBatched)];
    g1.forEach((t, i) => expect(maxDiff(t, g2[i]!)).toBeLessThan(1e-4));
  });
});
