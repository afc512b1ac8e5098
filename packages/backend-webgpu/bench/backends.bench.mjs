// Integrated-gradients benchmark on every backend, side by side, with the speed-up over cpu.
//
//   node packages/backend-webgpu/bench/backends.bench.mjs [backend ...] [--reps N] [--workloads mlp,cnn]
//
// Backends: cpu, wasm (Glassbox kernels; wasm-stock, tfjs's kernels, is added beside it), native
// or any other packages/backend-<name> (its dist/register.js), webgpu (the GPU; on a machine
// without one, SwiftShader: slow, for correctness only, so not run unless named). Default: cpu
// wasm. Each backend × workload runs in a fresh Node process (one warm-up run, then N timed runs;
// the median is reported). The MLP is the committed example model
// (examples/mnist/models/mlp) when present. Uses the packages' dist builds: run `pnpm build` first.
// Writes bench/results/backends.json at the repository root.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const exampleMlp = `${root}examples/mnist/models/mlp/model.json`;

const WORKLOADS = {
  mlp: 'MNIST MLP 784→64 relu→64 relu→1 sigmoid, batch 64, 50 steps (3200 gradients in one call)',
  cnn: 'CNN 28×28×1 conv3×3×8 relu, pool, conv3×3×16 relu, pool, dense 10, batch 16, 50 steps',
};

async function model(tf, core, workload) {
  const rng = core.createRandom(1);
  const t = (shape, std) => tf.tensor(rng.fillNormal(new Float32Array(shape.reduce((a, b) => a * b, 1)), 0, std), shape);
  if (workload === 'mlp' && existsSync(exampleMlp)) {
    const { loadModel } = await import('@glassbox/core/node');
    return { model: await loadModel(exampleMlp), inputs: core.createRandom(2).fillUniform(new Float32Array(64 * 784), 0, 1), shape: [64, 784] };
  }
  if (workload === 'mlp') {
    const [w1, b1, w2, b2, w3, b3] = [t([784, 64], 0.05), t([64], 0.1), t([64, 64], 0.12), t([64], 0.1), t([64, 1], 0.12), t([1], 0.1)];
    const fn = (x) => tf.sigmoid(tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x, w1), b1)), w2), b2)), w3), b3));
    return { model: core.fromFunction(fn, { inputShape: [784], outputShape: [1], name: 'mnist-mlp' }), inputs: core.createRandom(2).fillUniform(new Float32Array(64 * 784), 0, 1), shape: [64, 784] };
  }
  const [k1, k2, w] = [t([3, 3, 1, 8], 0.3), t([3, 3, 8, 16], 0.1), t([400, 10], 0.05)];
  const fn = (x) => {
    let h = tf.maxPool(tf.relu(tf.conv2d(x, k1, 1, 'valid')), 2, 2, 'valid');
    h = tf.maxPool(tf.relu(tf.conv2d(h, k2, 1, 'valid')), 2, 2, 'valid');
    return tf.softmax(tf.matMul(tf.reshape(h, [-1, 400]), w));
  };
  return { model: core.fromFunction(fn, { inputShape: [28, 28, 1], outputShape: [10], name: 'small-cnn' }), inputs: core.createRandom(2).fillUniform(new Float32Array(16 * 784), 0, 1), shape: [16, 28, 28, 1] };
}

async function worker(backend, workload, reps) {
  const tf = await import('@tensorflow/tfjs-core');
  const core = await import('@glassbox/core');
  const { integratedGradients } = await import('@glassbox/integrated-gradients');
  const { wasmBackend } = await import('@glassbox/backend-wasm');
  const { webgpuBackend } = await import('@glassbox/backend-webgpu');
  core.registerBackend(wasmBackend({ tunedKernels: backend !== 'wasm-stock' }));
  core.registerBackend(webgpuBackend());
  const other = `${root}packages/backend-${backend}/dist/register.js`;
  if (!['cpu', 'wasm', 'wasm-stock', 'webgpu'].includes(backend) && existsSync(other)) await import(pathToFileURL(other).href);
  await core.useBackend(backend === 'wasm-stock' ? 'wasm' : backend);
  const { model: m, inputs, shape } = await model(tf, core, workload);
  const x = tf.tensor(inputs, shape);
  const ig = integratedGradients({ steps: 50, internalBatchSize: shape[0] * 50 });
  const times = [];
  let delta = 0;
  for (let i = 0; i <= reps; i++) {
    const t0 = performance.now();
    const e = await ig.explain(m, x, { target: 0 });
    if (i > 0) times.push(performance.now() - t0);
    delta = Math.max(...e.convergenceDelta.map(Math.abs));
  }
  times.sort((a, b) => a - b);
  process.stdout.write(JSON.stringify({ backend, workload, medianMs: times[Math.floor(times.length / 2)], runs: times.length, maxAbsConvergenceDelta: delta, recorded: tf.getBackend() }) + '\n');
}

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--worker') return worker(args[1], args[2], Number(args[3]));
  const reps = Number(args[args.indexOf('--reps') + 1] || 0) || 3;
  const wl = args.includes('--workloads') ? args[args.indexOf('--workloads') + 1].split(',') : Object.keys(WORKLOADS);
  const backends = args.filter((a, i) => !a.startsWith('--') && !['--reps', '--workloads'].includes(args[i - 1]));
  const list = backends.length ? [...backends] : ['cpu', 'wasm'];
  if (list.includes('wasm') && !list.includes('wasm-stock')) list.splice(list.indexOf('wasm') + 1, 0, 'wasm-stock');
  let env = process.env;
  if (list.includes('webgpu') && !env.VK_ICD_FILENAMES) {
    const { findSwiftShader } = await import('@glassbox/backend-webgpu');
    const ss = await findSwiftShader();
    if (ss) env = { ...env, ...ss.env };
  }
  const self = fileURLToPath(import.meta.url);
  const rows = [];
  for (const workload of wl) {
    const row = { workload, results: {} };
    for (const backend of list) {
      const r = spawnSync(process.execPath, [self, '--worker', backend, workload, String(reps)], { env, encoding: 'utf8', timeout: 30 * 60_000 });
      const line = r.stdout.trim().split('\n').filter((l) => l.startsWith('{')).pop();
      row.results[backend] = line ? JSON.parse(line) : { error: (r.stderr || r.stdout || `exit ${r.status}`).trim().split('\n').slice(-3).join(' | ') };
      process.stderr.write(`${workload} on ${backend}: ${line ?? row.results[backend].error}\n`);
    }
    rows.push(row);
  }
  console.log(`\nIntegrated gradients, median of ${reps} runs (ms); in parentheses: speed-up over cpu\n`);
  for (const { workload, results } of rows) {
    console.log(`${workload}: ${WORKLOADS[workload]}`);
    const cpu = results.cpu?.medianMs;
    for (const backend of list) {
      const r = results[backend];
      const cell = r.error ? `unavailable: ${r.error}` : `${r.medianMs.toFixed(1).padStart(9)} ms${cpu ? `  (${(cpu / r.medianMs).toFixed(1)}× cpu)` : ''}  |δ| ≤ ${r.maxAbsConvergenceDelta.toExponential(1)}`;
      console.log(`  ${backend.padEnd(11)} ${cell}`);
    }
  }
  mkdirSync(`${root}bench/results`, { recursive: true });
  const out = `${root}bench/results/backends.json`;
  const speedups = rows.map(({ workload, results }) => ({
    workload,
    description: WORKLOADS[workload],
    backends: Object.fromEntries(Object.entries(results).map(([b, r]) => [b, r.error ? { error: r.error } : { ...r, speedupOverCpu: results.cpu?.medianMs ? results.cpu.medianMs / r.medianMs : null }])),
  }));
  writeFileSync(out, JSON.stringify({ benchmark: 'backends', command: `node packages/backend-webgpu/bench/backends.bench.mjs ${args.join(' ')}`.trim(), generatedAt: new Date().toISOString(), node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, reps, notes: 'integrated gradients (gausslegendre, 50 steps, all path points in one gradient call); medianMs over reps after one warm-up run, each backend in a fresh process', workloads: speedups }, null, 2) + '\n');
  console.log(`\nwrote ${out}`);
}

await main();
