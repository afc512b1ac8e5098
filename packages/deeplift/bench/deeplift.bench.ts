// DeepLIFT throughput, per backend: the committed MNIST MLP (batch 64) and small CNN (batch 16) on
// real held-out digits, attributions per second after a warm-up, side by side in the same run with
// the plain gradient (core's targetGradients, the cost floor of any gradient method) on the same
// inputs. Captum is not installable here, so no PyTorch peer runs.
//   node --import tsx packages/deeplift/bench/deeplift.bench.ts [cpu wasm native …]
// Writes bench/results/deeplift.json.
import * as tf from '@tensorflow/tfjs-core';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { listBackends, targetGradients, useBackend, type Model } from '@glassbox/core';
import { loadModel } from '@glassbox/core/node';
import { deeplift } from '../src/index';
import { benchBackends } from '../../../bench/support/benchBackends';
import { switchBenchBackend } from '../../../bench/support/switchBenchBackend';
import { loadDigits } from '../../../examples/mnist/src/mnistData';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const backends = benchBackends();

async function timed(fn: () => Promise<unknown>, runs = 3): Promise<number> {
  await fn();
  const t: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    await fn();
    t.push((performance.now() - t0) / 1000);
  }
  return t.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

const results: Record<string, unknown>[] = [];
for (const backend of backends) {
  if (!(await switchBenchBackend(backend, { listBackends, useBackend }))) continue;
  for (const [name, batch, shape] of [['mlp', 64, [784]], ['cnn', 16, [28, 28, 1]]] as const) {
    const model: Model = await loadModel(`${root}examples/mnist/models/${name}/model.json`);
    const { images } = loadDigits('test', { perDigit: Math.ceil(batch / 10) });
    const x = tf.tensor(images.subarray(0, batch * 784), [batch, ...shape]);
    const classes = model.outputShape.reduce((a, b) => a * b, 1);
    const targets = Array.from({ length: batch }, (_, i) => i % classes);
    const dl = await timed(() => deeplift().explain(model, x, { target: targets }));
    const grad = await timed(async () => {
      const g = targetGradients(model.forward!, x, targets);
      await g.data();
      g.dispose();
    });
    const row = { backend, model: name, batch, deepliftPerSecond: batch / dl, gradientPerSecond: batch / grad, deepliftOverGradient: dl / grad };
    results.push(row);
    console.log(`${backend.padEnd(7)} ${name} batch ${batch}: deeplift ${row.deepliftPerSecond.toFixed(1)} attributions/s, plain gradient ${row.gradientPerSecond.toFixed(1)}/s (deeplift takes ${row.deepliftOverGradient.toFixed(2)}× the gradient's time)`);
    x.dispose();
    model.dispose?.();
  }
}
await mkdir(`${root}bench/results`, { recursive: true });
await writeFile(`${root}bench/results/deeplift.json`, JSON.stringify({ package: '@glassbox/deeplift', generatedAt: new Date().toISOString(), node: process.version, cpu: cpus()[0]?.model, results }, null, 2) + '\n');
