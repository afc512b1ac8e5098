/**
 * Rollout and flow times for 12 layers × 12 heads × 128 tokens (random softmax attention),
 * plus the explainers end to end on a tfjs transformer of that shape (cpu backend).
 * Run from the repo root: node --import tsx packages/attention/bench/attention.bench.ts
 * Writes bench/results/attention.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { createRandom, ensureGradients } from '@glassbox/core';
import {
  attentionFlow,
  attentionModel,
  attentionRollout,
  createTinyTransformer,
  flowScores,
  fuseHeads,
  gradRolloutMatrix,
  rolloutMatrix,
} from '../src/index.ts';

const LAYERS = 12;
const HEADS = 12;
const TOKENS = 128;
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

function randomAttention(seed: number): Float32Array[] {
  const rng = createRandom(seed);
  return Array.from({ length: LAYERS }, () => {
    const a = new Float32Array(HEADS * TOKENS * TOKENS);
    for (let r = 0; r < HEADS * TOKENS; r++) {
      let sum = 0;
      for (let j = 0; j < TOKENS; j++) sum += a[r * TOKENS + j] = Math.exp(2 * rng.normal());
      for (let j = 0; j < TOKENS; j++) a[r * TOKENS + j] /= sum;
    }
    return a;
  });
}

async function time(name: string, runs: number, fn: () => unknown | Promise<unknown>) {
  await fn(); // warm-up
  const ms: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    await fn();
    const c = process.cpuUsage(c0);
    ms.push(performance.now() - t0);
    cpu.push((c.user + c.system) / 1000);
  }
  const median = (v: number[]) => +[...v].sort((a, b) => a - b)[Math.floor(v.length / 2)].toFixed(2);
  // Wall time suffers when other processes share the cores; CPU time of this process does not (much).
  const result = { name, runs, medianMs: median(ms), minMs: +Math.min(...ms).toFixed(2), maxMs: +Math.max(...ms).toFixed(2), medianCpuMs: median(cpu) };
  console.log(`${name.padEnd(58)} wall median ${String(result.medianMs).padStart(9)} ms (min ${result.minMs})  cpu median ${String(result.medianCpuMs).padStart(9)} ms  ${runs} runs`);
  return result;
}

const attention = randomAttention(1);
const gradients = randomAttention(2).map((g) => g.map((x) => x - 1 / TOKENS));
const allHeads = Array.from({ length: HEADS }, (_, h) => h);
const fused = () => attention.map((l) => fuseHeads(l, HEADS, TOKENS, allHeads, 'mean'));
const f = fused();
const results = [];
results.push(await time('head fusion (mean), 12 layers', 10, fused));
results.push(await time('rollout matrix (fused layers → 128×128)', 10, () => rolloutMatrix(f, TOKENS)));
results.push(await time('rollout matrix, discardRatio 0.9', 10, () => rolloutMatrix(f, TOKENS, { discardRatio: 0.9 })));
results.push(await time('grad-rollout matrix (attention + gradients)', 5, () => gradRolloutMatrix(attention.map((a, l) => ({ attention: a, gradient: gradients[l] })), HEADS, TOKENS)));
results.push(await time('flow, one query (128 exact max-flows)', 3, () => flowScores(f, TOKENS, 0)));
results.push(await time('flow, one query, discardRatio 0.9', 3, () => flowScores(f, TOKENS, 0, { discardRatio: 0.9 })));

await ensureGradients();
tf.env().set('PROD', true);
await tf.setBackend('cpu');
const model = attentionModel(createTinyTransformer({ vocabularySize: 1000, tokens: TOKENS, dModel: 48, numHeads: HEADS, numLayers: LAYERS, ffDim: 96, classes: 2, seed: 3 }), { ownsModel: true });
const rng = createRandom(9);
const ids = [[1, ...Array.from({ length: TOKENS - 1 }, () => 2 + rng.int(998))]];
results.push(await time('attention-rollout explainer, 1 example (tfjs cpu forward)', 3, () => attentionRollout().explain(model, ids)));
results.push(await time('attention-flow explainer, 1 example (tfjs cpu forward)', 3, () => attentionFlow().explain(model, ids)));
model.dispose!();

const out = join(root, 'bench/results/attention.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  JSON.stringify(
    { bench: 'attention', shape: { layers: LAYERS, heads: HEADS, tokens: TOKENS }, node: process.version, cpu: cpus()[0]?.model, cores: cpus().length, date: new Date().toISOString(), results },
    null,
    2,
  ) + '\n',
);
console.log(`wrote ${out}`);
