// KernelSHAP throughput, per backend: explained examples per second and model rows per second
// after a warm-up, on (1) the credit-risk example's model (61 inputs, 20 background applicants,
// 512 coalitions) and (2) the MNIST MLP with 7×7 superpixels (16 players, black background,
// 512 coalitions), side by side in the same run with feature ablation on the same inputs (one
// model row per player: the cheapest perturbation method). No KernelSHAP peer (Python shap) is
// installable here.
//   node --import tsx packages/perturbation/bench/kernelShap.bench.ts [cpu wasm native …]
// Writes bench/results/kernel-shap.json.
import * as tf from '@tensorflow/tfjs-core';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { listBackends, useBackend, type Model } from '@glassbox/core';
import { loadModel } from '@glassbox/core/node';
import { featureAblation, gridSuperpixels, kernelShap } from '../src/index';
import { benchBackends } from '../../../bench/support/benchBackends';
import { switchBenchBackend } from '../../../bench/support/switchBenchBackend';
import { loadDigits } from '../../../examples/mnist/src/mnistData';
import { loadApplicants } from '../../../examples/credit-risk/src/applicants';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const backends = benchBackends();

async function timed(fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
}

const credit = (await loadApplicants()).table;
const results: Record<string, unknown>[] = [];
for (const backend of backends) {
  if (!(await switchBenchBackend(backend, { listBackends, useBackend }))) continue;
  const cases: { name: string; model: Model; x: tf.Tensor; options: Record<string, unknown> }[] = [];
  const mlp = await loadModel(`${root}examples/mnist/models/mlp/model.json`);
  const { images } = loadDigits('test', { perDigit: 1 });
  // The MLP takes flat [784] digits; superpixels need the image layout, so the model sees [28, 28] reshaped.
  const mlpImage: Model = { ...mlp, inputShape: [28, 28], predict: (v) => mlp.predict(tf.reshape(v, [v.shape[0]!, 784])) };
  cases.push({ name: 'mnist-mlp, 7×7 superpixels (16 players)', model: mlpImage, x: tf.tensor(images.subarray(0, 8 * 784), [8, 28, 28]), options: { superpixels: 7 } });
  const creditModel = await loadModel(`${root}examples/credit-risk/model/model.json`);
  const per = creditModel.inputShape[0]!;
  if (credit && credit.shape[1] === per) {
    cases.push({
      name: `credit-risk (${per} players, 20 background rows)`,
      model: creditModel,
      x: tf.tensor(credit.values.subarray(100 * per, 116 * per), [16, per]),
      options: { background: { values: Array.from(credit.values.subarray(0, 20 * per)), shape: [20, per] } },
    });
  } else console.log(`credit-risk: the CSV has ${credit?.shape[1]} columns, the model ${per} inputs; skipped`);
  for (const c of cases) {
    const n = c.x.shape[0]!;
    const run = () => kernelShap({ samples: 512, ...c.options }).explain(c.model, c.x, { target: 0 });
    const seconds = await timed(run);
    const rows = ((await run()).diagnostics as { evaluations: number }).evaluations;
    const ablation = await timed(() => featureAblation(c.options.superpixels ? { featureMask: gridSuperpixels([28, 28], 7) } : {}).explain(c.model, c.x, { target: 0 }));
    const row = { backend, case: c.name, examples: n, coalitions: 512, seconds, examplesPerSecond: n / seconds, modelRowsPerSecond: rows / seconds, featureAblationSeconds: ablation };
    results.push(row);
    console.log(`${backend.padEnd(7)} ${c.name}: ${row.examplesPerSecond.toFixed(2)} examples/s, ${Math.round(row.modelRowsPerSecond)} model rows/s (feature ablation of the same batch: ${ablation.toFixed(3)} s)`);
    c.x.dispose();
  }
  mlp.dispose?.();
  creditModel.dispose?.();
}
await mkdir(`${root}bench/results`, { recursive: true });
await writeFile(`${root}bench/results/kernel-shap.json`, JSON.stringify({ package: '@glassbox/perturbation', generatedAt: new Date().toISOString(), node: process.version, cpu: cpus()[0]?.model, results }, null, 2) + '\n');
