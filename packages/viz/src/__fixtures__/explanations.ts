import type { Explanation, ExplanationKind } from '@glassbox/core';
import { drawText } from '../bitmapFont';
import { createImage } from '../Image';

/** A 28×28 synthetic "digit" (the font's glyph at scale 3), values in [0, 1]. Deterministic. */
export function syntheticDigit(ch: string): Float32Array {
  const img = createImage(28, 28);
  drawText(img, ch, 7, 4, [255, 255, 255, 255], 3);
  return Float32Array.from({ length: 784 }, (_, p) => img.data[p * 4]! / 255);
}

/** Signed attributions: positive on the stroke's right, negative on its left, faint ring outside. */
export function syntheticAttribution(digit: Float32Array, method: number): Float32Array {
  return Float32Array.from(digit, (v, p) => {
    const x = p % 28, y = Math.floor(p / 28);
    const ring = ((x - 14) * (x - 14) + (y - 14) * (y - 14)) / 196;
    return v * ((x - 13.5) / 14) * (1 + method) + (1 - v) * (ring - 0.5) * 0.02 * (method + 1) + (x === 20 && y === 20 ? 5 : 0);
  });
}

/** An explanation of two synthetic digits with the given per-example attributions. */
export function fixtureExplanation(opts: { kind?: ExplanationKind; method?: string; digits?: string[]; variant?: number } = {}): Explanation {
  const digits = opts.digits ?? ['3', '7'];
  const inputs = new Float32Array(digits.length * 784);
  const attributions = new Float32Array(digits.length * 784);
  digits.forEach((d, i) => {
    const x = syntheticDigit(d);
    inputs.set(x, i * 784);
    attributions.set(syntheticAttribution(x, opts.variant ?? 0), i * 784);
  });
  const outputs = new Float32Array(digits.length * 10);
  digits.forEach((d, i) => { for (let k = 0; k < 10; k++) outputs[i * 10 + k] = k === Number(d) ? 0.91 : 0.01; });
  return {
    specVersion: 1,
    kind: opts.kind ?? 'attribution',
    method: opts.method ?? 'integrated-gradients',
    explainer: { name: 'integrated-gradients', version: '0.1.0', package: '@glassbox/integrated-gradients' },
    options: { steps: 32, baseline: 'zeros' },
    seed: 7,
    backend: 'cpu',
    model: { name: 'mnist-mlp', inputShape: [28, 28, 1], outputShape: [10] },
    inputs,
    inputShape: [digits.length, 28, 28, 1],
    targets: digits.map(Number),
    outputs,
    outputShape: [digits.length, 10],
    attributions,
    attributionShape: [digits.length, 28, 28, 1],
    convergenceDelta: digits.map(() => 0.0012),
    diagnostics: {},
    metrics: { 'deletion-auc': [0.21, 0.34] },
    timing: { startedAt: '2025-01-01T00:00:00.000Z', durationMs: 12.5 },
  };
}

/** Tokens of a small text example. */
export const TOKENS = ['[CLS]', 'the', 'movie', 'was', 'great', '[SEP]'];
/** Row-stochastic, deterministic attention weights. */
export function attention(n: number): number[][] {
  return Array.from({ length: n }, (_, r) => {
    const row = Array.from({ length: n }, (_, c) => 1 / (1 + Math.abs(r - c) * 2) + (c === 0 ? 0.5 : 0));
    const s = row.reduce((a, b) => a + b, 0);
    return row.map((v) => v / s);
  });
}
