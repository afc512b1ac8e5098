// Trains the diagnosis MLP on 80% of the patients (stratified, seeded) and commits it to model/.
// Run: pnpm --filter @glassbox-examples/medical-diagnosis train
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@glassbox/core';
import { saveLayersModel } from '@glassbox/core/node';
import { buildModel } from './buildModel';
import { CLASS_NAMES, MODEL_DIR, SPLIT_SEED, columnStats, loadPatients, rowsOf, stratifiedSplit } from './patients';

const EPOCHS = 60;

await useBackend('cpu');
const { table, labels } = await loadPatients();
const p = table.shape[1];
const { train, test } = stratifiedSplit(labels, 0.2, SPLIT_SEED);
const scaler = columnStats(table, train);
const model = buildModel(scaler);
model.compile({ optimizer: tf.train.adam(0.005), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });

const x = tf.tensor2d(rowsOf(table, train), [train.length, p]);
const y = tf.oneHot(tf.tensor1d(train.map((i) => labels[i]), 'int32'), 2);
const history = await model.fit(x, y, { epochs: EPOCHS, batchSize: 32, shuffle: false, verbose: 0 });
tf.dispose([x, y]);

const accuracyOn = (idx: number[]) =>
  tf.tidy(() => {
    const pred = tf.argMax(model.predict(tf.tensor2d(rowsOf(table, idx), [idx.length, p])) as tf.Tensor, 1).dataSync();
    return idx.reduce((a, r, k) => a + (pred[k] === labels[r] ? 1 : 0), 0) / idx.length;
  });
const trainAccuracy = accuracyOn(train);
const heldOutAccuracy = accuracyOn(test);
console.log(`final training loss ${(history.history.loss.at(-1) as number).toFixed(4)}`);
console.log(`accuracy: training ${(trainAccuracy * 100).toFixed(1)}% (${train.length} patients), held-out ${(heldOutAccuracy * 100).toFixed(1)}% (${test.length} patients)`);

const { modelJson, weightBytes } = await saveLayersModel(model, MODEL_DIR, {
  classNames: CLASS_NAMES,
  featureNames: table.header,
  scaler: { ...scaler, note: 'applied inside the model by the frozen "standardize" layer; inputs are raw measurements' },
  training: { rows: train.length, heldOutRows: test.length, splitSeed: SPLIT_SEED, epochs: EPOCHS, trainAccuracy, heldOutAccuracy },
});
console.log(`saved ${modelJson} (${weightBytes} bytes of weights)`);
