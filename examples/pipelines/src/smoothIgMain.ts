// SmoothGrad around integrated gradients → |·| → normalise → faithfulness metrics → PNG, on held-out
// MNIST 3s, with a backend per stage.
//   pnpm --filter @glassbox-examples/pipelines smooth-ig [-- --explain-backend wasm --metrics-backend cpu --out smooth-ig.png]
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { FlipCurveResult, MetricResult, RandomizationResult } from '@glassbox/metrics';
import { renderCurveSvg } from '@glassbox/viz';
import { heldOutDigits } from './heldOutDigits';
import { loadMnistModel, MNIST_MLP } from './mnistModel';
import { prepareBackends } from './selectBackends';
import { smoothIgPipeline } from './smoothIgPipeline';

const { values: args } = parseArgs({
  options: {
    out: { type: 'string', default: 'smooth-ig.png' },
    'explain-backend': { type: 'string', default: 'cpu' },
    'metrics-backend': { type: 'string', default: 'cpu' },
    digits: { type: 'string', default: '4' },
    samples: { type: 'string', default: '8' },
    steps: { type: 'string', default: '16' },
    seed: { type: 'string', default: '1' },
  },
});
const [count, samples, steps, seed] = [args.digits, args.samples, args.steps, args.seed].map(Number) as [number, number, number, number];
if (![count, samples, steps, seed].every(Number.isInteger) || count < 1 || samples < 1 || steps < 1) {
  console.error('--digits, --samples and --steps take positive integers, --seed an integer');
  process.exit(2);
}

await prepareBackends([args['explain-backend'], args['metrics-backend']]);
const model = await loadMnistModel();
try {
  const digits = heldOutDigits(3, count);
  const started = Date.now();
  const run = await smoothIgPipeline(model, digits, {
    samples,
    steps,
    noiseLevel: 0.1,
    explainBackend: args['explain-backend'],
    metricsBackend: args['metrics-backend'],
    sanityCheck: true,
    seed,
  });
  const e = run.explanation;
  console.log(`${MNIST_MLP}: P(3) of held-out 3s ${digits.ids.join(', ')} = ${Array.from(e.outputs, (v) => v.toFixed(3)).join(', ')}`);
  console.log(`stages: ${run.stages.join(' → ')}`);
  console.log(`explained on ${e.backend}, metrics on ${args['metrics-backend']}, ${Date.now() - started} ms in all\n`);
  for (const [name, r] of Object.entries(e.metrics) as [string, MetricResult][]) {
    console.log(`${name.padEnd(16)} ${r.score.toFixed(4)}  (${r.better} is better; per digit ${r.perExample.map((v) => v.toFixed(3)).join(', ')})`);
  }
  const sanity = e.metrics.randomization as RandomizationResult;
  console.log(`\nrandomisation, cascading from the top: ${sanity.steps.map((s) => `${s.layers.at(-1)} ρ=${s.mean.toFixed(3)}`).join(', ')}`);
  const out = resolve(args.out);
  await writeFile(out, run.png);
  const del = e.metrics.deletion as FlipCurveResult, ins = e.metrics.insertion as FlipCurveResult;
  const svg = renderCurveSvg(
    [
      { label: 'deletion', x: del.fractions, y: del.curves[0]! },
      { label: 'insertion', x: ins.fractions, y: ins.curves[0]! },
    ],
    { title: `SmoothGrad(IG), digit ${digits.ids[0]}`, xLabel: 'fraction of pixels flipped', yLabel: 'P(3)' },
  );
  const curves = out.replace(/\.png$/, '') + '-curves.svg';
  await writeFile(curves, svg);
  console.log(`wrote ${out} and ${curves}`);
} finally {
  model.dispose?.();
}
