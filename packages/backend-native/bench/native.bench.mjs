// Benchmarks of @glassbox/backend-native: GEMM GFLOP/s, and integrated gradients (50 Gauss–Legendre
// steps, 64 examples, one batch of 3200) on an MNIST-sized MLP and a small CNN, on cpu and native.
//
//   pnpm --filter @glassbox/core --filter @glassbox/backend-native build
//   node packages/backend-native/bench/native.bench.mjs [--quick] [--profile] [--out FILE]
//
// Writes JSON to bench/results/native.json at the repository root (or --out). Times are the best of
// several runs after a warm-up; the machine may be shared, so compare ratios rather than absolutes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { ensureGradients, registerBackend, useBackend } from '@glassbox/core';
import { nativeBackend, nativeInfo, setNativeThreads } from '@glassbox/backend-native';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const profile = args.includes('--profile');
const outIndex = args.indexOf('--out');
const outFile = outIndex >= 0 ? resolve(args[outIndex + 1]) : join(here, '..', '..', '..', 'bench', 'results', 'native.json');

await ensureGradients();
registerBackend(nativeBackend());
const info = nativeInfo();
if (!info.loaded) {
  console.error(`native backend unavailable: ${info.reason}`);
  process.exit(1);
}
const addon = createRequire(import.meta.url)(info.addonPath);
const threads = info.threads;
console.log(`native addon: isa ${info.isa}, ${threads} threads`);

function bestOf(reps, fn) {
  const times = [];
  for (let i = 0; i < reps; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { bestMs: times[0], medianMs: times[Math.floor(times.length / 2)] };
}

function randomArray(n, seed) {
  let s = seed >>> 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

// ---- GEMM microbenchmark (the addon directly: C = A·B, row-major float32) ----
const gemm = [];
const sizes = quick ? [[64, 784, 64], [512, 512, 512]] : [[64, 784, 64], [3200, 784, 64], [3200, 64, 784], [512, 512, 512], [1024, 1024, 1024]];
for (const t of [...new Set([1, threads])]) {
  addon.setThreads(t);
  for (const [m, k, n] of sizes) {
    const a = randomArray(m * k, 1), b = randomArray(k * n, 2), c = new Float32Array(m * n);
    const flop = 2 * m * n * k;
    const inner = Math.max(1, Math.round(2e9 / flop / 4));
    const run = () => { for (let i = 0; i < inner; i++) addon.gemm(a, b, c, 1, 1, 1, m, n, k, false, false, null, false, 0, 0); };
    run();
    const { bestMs } = bestOf(quick ? 3 : 7, run);
    const gflops = (flop * inner) / (bestMs / 1e3) / 1e9;
    gemm.push({ m, k, n, threads: t, gflops: +gflops.toFixed(1) });
    console.log(`gemm ${m}x${k}x${n} threads=${t}: ${gflops.toFixed(1)} GFLOP/s`);
  }
}
setNativeThreads(threads);

// ---- Integrated gradients ----
/** Gauss–Legendre nodes and weights on [0, 1] (numpy's leggauss, mapped). */
function gaussLegendre(n) {
  const alphas = [], weights = [];
  for (let i = 1; i <= n; i++) {
    let x = Math.cos((Math.PI * (i - 0.25)) / (n + 0.5));
    let dp = 0;
    for (let it = 0; it < 100; it++) {
      let p0 = 1, p1 = x;
      for (let k = 2; k <= n; k++) [p0, p1] = [p1, ((2 * k - 1) * x * p1 - (k - 1) * p0) / k];
      dp = (n * (x * p1 - p0)) / (x * x - 1);
      const dx = p1 / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-15) break;
    }
    alphas.push((1 - x) / 2);
    weights.push(1 / ((1 - x * x) * dp * dp));
  }
  return { alphas, weights };
}

const STEPS = 50, BATCH = 64;
const { alphas, weights } = gaussLegendre(STEPS);

/** IG of the predicted class, from a zero baseline, all steps in one batch of STEPS·BATCH. */
function integratedGradients(model, x) {
  return tf.tidy(() => {
    const n = x.shape[0];
    const probs = model.apply(x);
    const classes = probs.shape[1];
    const target = classes === 1 ? tf.onesLike(probs) : tf.oneHot(tf.argMax(probs, 1), classes).toFloat();
    const a = tf.tensor1d(alphas).reshape([STEPS, 1, ...x.shape.slice(1).map(() => 1)]);
    const scaled = tf.mul(a, tf.expandDims(x, 0)).reshape([STEPS * n, ...x.shape.slice(1)]);
    const mask = tf.tile(target, [STEPS, 1]);
    const grads = tf.grad((inp) => tf.sum(tf.mul(model.apply(inp), mask)))(scaled);
    const w = tf.tensor1d(weights).reshape([STEPS, 1, ...x.shape.slice(1).map(() => 1)]);
    const avg = tf.sum(tf.mul(grads.reshape([STEPS, n, ...x.shape.slice(1)]), w), 0);
    return tf.mul(avg, x);
  });
}

function mlp() {
  const init = (seed) => tfl.initializers.glorotUniform({ seed });
  return tfl.sequential({
    layers: [
      tfl.layers.dense({ units: 64, activation: 'relu', inputShape: [784], kernelInitializer: init(1) }),
      tfl.layers.dense({ units: 64, activation: 'relu', kernelInitializer: init(2) }),
      tfl.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: init(3) }),
    ],
  });
}

function cnn() {
  const init = (seed) => tfl.initializers.glorotUniform({ seed });
  return tfl.sequential({
    layers: [
      tfl.layers.conv2d({ filters: 8, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1], kernelInitializer: init(1) }),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
      tfl.layers.conv2d({ filters: 16, kernelSize: 3, activation: 'relu', kernelInitializer: init(2) }),
      tfl.layers.flatten(),
      tfl.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: init(3) }),
    ],
  });
}

function topKernels(run) {
  return tf.profile(run).then((p) => {
    const byName = new Map();
    for (const k of p.kernels) byName.set(k.name, (byName.get(k.name) ?? 0) + (typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0));
    return [...byName].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([name, ms]) => ({ name, ms: +ms.toFixed(1) }));
  });
}

const ig = [];
for (const [name, build, shape] of [['mlp', mlp, [784]], ['cnn', cnn, [28, 28, 1]]]) {
  const row = { model: name, steps: STEPS, batch: BATCH, method: 'gausslegendre' };
  const results = {};
  for (const backend of ['cpu', 'native']) {
    await useBackend(backend);
    const model = build();
    const x = tf.tensor(randomArray(BATCH * shape.reduce((a, b) => a * b, 1), 7).map((v) => (v + 1) / 2), [BATCH, ...shape]);
    let out;
    const run = () => {
      tf.dispose(out);
      out = integratedGradients(model, x);
      out.dataSync();
    };
    run(); // warm-up
    const reps = backend === 'cpu' ? (quick ? 1 : 2) : quick ? 3 : 5;
    const t = bestOf(reps, run);
    results[backend] = out.dataSync().slice();
    row[backend] = { bestMs: +t.bestMs.toFixed(1), medianMs: +t.medianMs.toFixed(1) };
    console.log(`ig ${name} on ${backend}: best ${t.bestMs.toFixed(1)} ms, median ${t.medianMs.toFixed(1)} ms`);
    if (profile && backend === 'native') {
      row.nativeTopKernels = await topKernels(run);
      console.log(`  top kernels: ${row.nativeTopKernels.map((k) => `${k.name} ${k.ms}ms`).join(', ')}`);
    }
    tf.dispose([out, x]);
    out = undefined;
    model.layers.forEach((l) => l.dispose?.());
  }
  let maxRef = 0, maxDiff = 0;
  results.cpu.forEach((c, i) => {
    maxRef = Math.max(maxRef, Math.abs(c));
    maxDiff = Math.max(maxDiff, Math.abs(c - results.native[i]));
  });
  row.speedup = +(row.cpu.bestMs / row.native.bestMs).toFixed(1);
  row.maxAbsDiff = maxDiff;
  row.maxAbsRef = maxRef;
  console.log(`ig ${name}: native ${row.speedup}× cpu (max |native − cpu| ${maxDiff.toExponential(2)} of max |cpu| ${maxRef.toExponential(2)})`);
  ig.push(row);
}
await useBackend('cpu');

const result = {
  benchmark: 'backend-native',
  date: new Date().toISOString(),
  node: process.version,
  isa: info.isa,
  threads,
  gemm,
  integratedGradients: ig,
};
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, `${JSON.stringify(result, null, 2)}\n`);
console.log(`wrote ${outFile}`);
