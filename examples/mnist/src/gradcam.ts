// The CNN variant: Grad-CAM on the small MNIST CNN (last conv layer, ReLU, upsampled to 28×28)
// for one held-out digit of each class; writes one PNG.
//   pnpm --filter @glassbox-examples/mnist gradcam [-- --out mnist-gradcam.png]
import * as tf from '@tensorflow/tfjs-core';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { useBackend } from '@glassbox/core';
import { loadModel } from '@glassbox/core/node';
import { gradCam } from '@glassbox/gradient-saliency';
import { encodePng } from '@glassbox/viz';
import { loadDigits } from './mnistData';
import { CNN_MODEL } from './modelPaths';
import { renderDigitFigure } from './renderDigitFigure';
import { scriptArgs } from './scriptArgs';

const args = scriptArgs(
  process.argv.slice(2),
  { out: { type: 'string', default: 'mnist-gradcam.png' }, backend: { type: 'string', default: 'cpu' } },
  'pnpm --filter @glassbox-examples/mnist gradcam [--out file.png] [--backend cpu]',
);
await useBackend(args.backend);
const model = await loadModel(CNN_MODEL);
const { images, labels, ids } = loadDigits('test', { perDigit: 1 });
const x = tf.tensor4d(images, [labels.length, 28, 28, 1]);
try {
  const e = await gradCam({ upsample: true }).explain(model, x); // target: the predicted digit
  const grid = await gradCam().explain(model, x);
  console.log(`Grad-CAM on ${model.name}, layer ${e.diagnostics.layer} (${(e.diagnostics.layerShape as number[]).join('×')}), upsampled to 28×28.\n`);
  console.log('digit  mnist id  predicted  P(predicted)  peak of the 11×11 map at (row, col)');
  const rowLabels = labels.map((digit, i) => {
    const t = e.targets[i]!;
    const p = e.outputs[i * 10 + t]!;
    const map = grid.attributions.subarray(i * 121, (i + 1) * 121);
    const k = map.indexOf(Math.max(...map));
    console.log(`${String(digit).padEnd(7)}${ids[i]!.padEnd(10)}${String(t).padEnd(11)}${p.toFixed(4).padEnd(14)}(${Math.floor(k / 11)}, ${k % 11})`);
    return `${digit}: CNN says ${t}`;
  });
  const figure = renderDigitFigure([{ title: 'Grad-CAM conv_2', explanation: e, signed: false }], rowLabels, 'Grad-CAM on the MNIST CNN', [
    'Explains the predicted digit. ReLU of the gradient-weighted',
    'channels of conv_2 (11x11), bilinear to 28x28.',
  ]);
  const out = resolve(args.out);
  await writeFile(out, encodePng(figure));
  console.log(`\nwrote ${out} (${figure.width}×${figure.height} px)`);
} finally {
  x.dispose();
  model.dispose?.();
}
