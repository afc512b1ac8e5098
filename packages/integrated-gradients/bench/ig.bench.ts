// Integrated-gradients benchmark: throughput and peak memory, per backend.
//   node --import tsx packages/integrated-gradients/bench/ig.bench.ts [cpu wasm webgpu native …]
// - throughput: IG (gausslegendre, 50 and 200 steps) on the MNIST MLP at batch 64 and on the small
//   CNN at batch 16 (the committed example models, real held-out digits); attributions (examples
//   explained) per second and path-point gradients per second, after a warm-up run;
// - peak memory: the engine's high-water mark (tf.profile: bytes of live tensors after each kernel)
//   above what was live before, for 50 versus 1,000 steps, at the default 256 MiB budget and at a
//   16 MiB budget. It grows with the step count only up to one chunk.
// Writes bench/results/integrated-gradients.json at the repository root and prints a table.
import * as tf from '@tensorflow/tfjs-core';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { listBackends, useBackend, type Model } from '@glassbox/core';
import { loadModel } from '@glassbox/core/node';
import { integratedGradients } from '../src/index';
import { benchBackends } from '../../../bench/support/benchBackends';
import { switchBenchBackend } from '../../../bench/support/switchBenchBackend';
import { loadDigits } from '../../../examples/mnist/src/mnistData';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const backends = benchBackends();

interface Throughput { backend: string; model: string; batch: number; steps: number; rule: string; seconds: number; attributionsPerSecond: number; pathPointsPerSecond: number; chunks: number; chunkSize: number }
interface Memory { backend: string; model: string; batch: number; budgetBytes: number; steps: number; peakBytes: number; chunks: number; chunkSize: number }

async function digits(n: number, shape: number[]): Promise<tf.Tensor> {
  const { images } = loadDigits('test', { perDigit: Math.ceil(n / 10) });
  return tf.tensor(images.subarray(0, n * 784), [n, ...shape]);
}

async function throughput(backend: string, name: string, model: Model, x: tf.Tensor, steps: number, target: number): Promise<Throughput> {
  const ig = integratedGradients({ steps, rule: 'gausslegendre' });
  await ig.explain(model, x, { target }); // warm-up (kernels, shaders, caches)
  const reps = 2;
  let e;
  const t0 = performance.now();
  for (let r = 0; r < reps; r++) e = await ig.explain(model, x, { target });
  const seconds = (performance.now() - t0) / 1000 / reps;
  const n = x.shape[0];
  const d = e!.diagnostics as { chunks: number; chunkSize: number };
  return { backend, model: name, batch: n, steps, rule: 'gausslegendre', seconds, attributionsPerSecond: n / seconds, pathPointsPerSecond: (n * steps) / seconds, chunks: d.chunks, chunkSize: d.chunkSize };
}

async function peakMemory(backend: string, name: string, model: Model, x: tf.Tensor, steps: number, budgetBytes: number, target: number): Promise<Memory> {
  const start = tf.memory().numBytes;
  let e;
  const info = await tf.profile(async () => {
    e = await integratedGradients({ steps }).explain(model, x, { target, memoryBudgetBytes: budgetBytes });
  });
  const d = e!.diagnostics as { chunks: number; chunkSize: number };
  return { backend, model: name, batch: x.shape[0], budgetBytes, steps, peakBytes: info.peakBytes - start, chunks: d.chunks, chunkSize: d.chunkSize };
}

const throughputs: Throughput[] = [];
const memory: Memory[] = [];
const unavailable: { backend: string; reason: string }[] = [];
const mlp = await loadModel(`${root}examples/mnist/models/mlp/model.json`);
const cnn = await loadModel(`${root}examples/mnist/models/cnn/model.json`);
for (const backend of backends) {
  const switched = await switchBenchBackend(backend, { listBackends, useBackend }, (e) => {
    unavailable.push({ backend, reason: e.message });
    console.log(`${backend}: unavailable (${e.message})`);
  });
  if (!switched) continue;
  const xMlp = await digits(64, [784]);
  const xCnn = await digits(16, [28, 28, 1]);
  const xCnnSmall = await digits(4, [28, 28, 1]);
  try {
    for (const steps of [50, 200]) {
      throughputs.push(await throughput(backend, 'mnist-mlp', mlp, xMlp, steps, 0));
      throughputs.push(await throughput(backend, 'mnist-cnn', cnn, xCnn, steps, 3));
    }
    for (const budget of [256 * 2 ** 20, 16 * 2 ** 20]) {
      for (const steps of [50, 1000]) {
        memory.push(await peakMemory(backend, 'mnist-mlp', mlp, xMlp, steps, budget, 0));
        memory.push(await peakMemory(backend, 'mnist-cnn', cnn, xCnnSmall, steps, budget, 3));
      }
    }
  } finally {
    tf.dispose([xMlp, xCnn, xCnnSmall]);
  }
}
mlp.dispose?.();
cnn.dispose?.();

const mib = (b: number) => (b / 2 ** 20).toFixed(1);
console.log('\nintegrated gradients (gausslegendre): throughput');
console.log('backend  model      batch  steps  seconds  attributions/s  path points/s  chunks');
for (const r of throughputs) {
  console.log(`${r.backend.padEnd(9)}${r.model.padEnd(11)}${String(r.batch).padStart(5)}${String(r.steps).padStart(7)}${r.seconds.toFixed(3).padStart(9)}${r.attributionsPerSecond.toFixed(1).padStart(16)}${r.pathPointsPerSecond.toFixed(0).padStart(15)}${String(r.chunks).padStart(8)}`);
}
console.log('\npeak memory above the starting point (engine high-water mark), 50 vs 1,000 steps');
console.log('backend  model      batch  budget MiB  steps  peak MiB  chunks  items/chunk');
for (const r of memory) {
  console.log(`${r.backend.padEnd(9)}${r.model.padEnd(11)}${String(r.batch).padStart(5)}${mib(r.budgetBytes).padStart(12)}${String(r.steps).padStart(7)}${mib(r.peakBytes).padStart(10)}${String(r.chunks).padStart(8)}${String(r.chunkSize).padStart(13)}`);
}
const out = `${root}bench/results/integrated-gradients.json`;
await mkdir(`${root}bench/results`, { recursive: true });
await writeFile(
  out,
  JSON.stringify(
    {
      benchmark: 'integrated-gradients',
      command: `node --import tsx packages/integrated-gradients/bench/ig.bench.ts ${backends.join(' ')}`,
      generatedAt: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      notes: 'attributionsPerSecond = examples explained per second (mean of 2 runs after a warm-up); peakBytes = tf.profile high-water mark of live tensor bytes minus bytes live before the call.',
      throughput: throughputs,
      memory,
      unavailable,
    },
    null,
    2,
  ) + '\n',
);
console.log(`\nwrote ${out}`);
