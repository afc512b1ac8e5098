// Several explainers on the same held-out MNIST digits, each on its own backend: how much do they agree?
//   pnpm --filter @glassbox-examples/pipelines agreement [-- --occlusion-backend wasm --out agreement.png]
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { noiseTunnel } from '@glassbox/core';
import { saliency } from '@glassbox/gradient-saliency';
import { integratedGradients } from '@glassbox/integrated-gradients';
import { occlusion } from 'glassbox-plugin-occlusion';
import { compareMethods } from './compareMethods';
import { heldOutDigits } from './heldOutDigits';
import { loadMnistModel } from './mnistModel';
import { prepareBackends } from './selectBackends';

const { values: args } = parseArgs({
  options: {
    out: { type: 'string', default: 'agreement.png' },
    'gradient-backend': { type: 'string', default: 'cpu' },
    'occlusion-backend': { type: 'string', default: 'cpu' },
    'metrics-backend': { type: 'string', default: 'cpu' },
  },
});

await prepareBackends([args['gradient-backend'], args['occlusion-backend'], args['metrics-backend']]);
const model = await loadMnistModel();
try {
  const threes = heldOutDigits(3, 3);
  const eights = heldOutDigits(8, 3);
  const digits = { values: new Float32Array([...threes.values, ...eights.values]), shape: [6, 28, 28, 1] };
  const g = args['gradient-backend'];
  const c = await compareMethods(
    model,
    digits,
    [
      { explainer: saliency(), backend: g },
      { explainer: integratedGradients({ steps: 32 }), backend: g },
      { explainer: noiseTunnel(integratedGradients({ steps: 16 }), { samples: 8, noiseLevel: 0.1, name: 'smoothgrad(ig)' }), backend: g },
      { explainer: occlusion({ window: [4, 4, 1], stride: [2, 2, 1], fill: 0 }), backend: args['occlusion-backend'] },
    ],
    { target: 0, seed: 1, metricsBackend: args['metrics-backend'] },
  );
  const { methods, spearman, kendall, topOverlap } = c.agreement;
  const w = Math.max(...methods.map((m) => m.length));
  const table = (title: string, m: number[][]) => {
    console.log(`\n${title}`);
    console.log(`${''.padEnd(w)}  ${methods.map((s) => s.slice(0, 10).padStart(10)).join(' ')}`);
    m.forEach((row, i) => console.log(`${methods[i]!.padEnd(w)}  ${row.map((v) => v.toFixed(3).padStart(10)).join(' ')}`));
  };
  console.log(`P(3) for held-out 3s ${threes.ids.join(', ')} and 8s ${eights.ids.join(', ')}; backends: gradients ${g}, occlusion ${args['occlusion-backend']}`);
  table('Spearman ρ of |attributions| (mean over 6 digits)', spearman);
  table("Kendall's τ-b", kendall);
  table(`top-${c.agreement.topK} pixel overlap`, topOverlap);
  console.log('\ndeletion AUC of P(3), by |attribution| (lower: the method found the pixels the model uses)');
  for (const [m, auc] of Object.entries(c.deletionAuc)) console.log(`  ${m.padEnd(w)}  ${auc.toFixed(4)}`);
  const out = resolve(args.out);
  await writeFile(out, c.png);
  console.log(`\nwrote ${out}`);
} finally {
  model.dispose?.();
}
