// The README's main job: explain held-out MNIST digits with saliency, SmoothGrad and integrated
// gradients on the classic "is this digit a 3?" MLP, print each prediction and convergence delta,
// and write one PNG showing each digit beside its heatmaps.
//   pnpm demo [-- --out mnist-explained.png --digits 3,8,5 --per-digit 2 --backend cpu]
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { useBackend } from '@glassbox/core';
import { loadModel } from '@glassbox/core/node';
import { encodePng } from '@glassbox/viz';
import { explainDigits } from './explainDigits';
import { MLP_MODEL } from './modelPaths';
import { scriptArgs } from './scriptArgs';

const args = scriptArgs(
  process.argv.slice(2),
  {
    out: { type: 'string', default: 'mnist-explained.png' },
    digits: { type: 'string', default: '3,8,5' },
    'per-digit': { type: 'string', default: '2' },
    backend: { type: 'string', default: 'cpu' },
  },
  'pnpm demo [--out file.png] [--digits 3,8,5] [--per-digit 2] [--backend cpu]',
);
const digits = args.digits.split(',').map(Number);
const perDigit = Number(args['per-digit']);
if (digits.some((d) => !Number.isInteger(d) || d < 0 || d > 9) || !Number.isInteger(perDigit) || perDigit < 1 || digits.length * perDigit > 24) {
  console.error(`--digits takes digits 0-9 separated by commas and --per-digit an integer ≥ 1 (24 digits at most); got "${args.digits}" and "${args['per-digit']}"`);
  process.exit(2);
}

await useBackend(args.backend);
const model = await loadModel(MLP_MODEL);
try {
  const r = await explainDigits(model, { digits, perDigit });
  const ig = r.integratedGradients;
  console.log(`Model ${model.name} (${MLP_MODEL}): output 0 = P(the digit is a 3).`);
  console.log(`Integrated gradients from a black image, ${ig.options.rule} with ${ig.options.steps} steps, on the ${ig.backend} backend.\n`);
  for (const line of r.table) console.log(line);
  console.log(
    `\nlargest |convergence delta| ${Math.max(...ig.convergenceDelta!.map(Math.abs)).toExponential(2)}; ` +
      `saliency ${r.saliency.timing.durationMs} ms, SmoothGrad ${r.smoothGrad.timing.durationMs} ms, ` +
      `IG ${ig.timing.durationMs} ms (${ig.diagnostics.chunks} batched gradient call(s) for ${ig.diagnostics.gradientEvaluations} path points)`,
  );
  const out = resolve(args.out);
  await writeFile(out, encodePng(r.figure));
  console.log(`wrote ${out} (${r.figure.width}×${r.figure.height} px)`);
} finally {
  model.dispose?.();
}
