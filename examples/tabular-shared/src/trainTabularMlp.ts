import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@glassbox/core';
import { saveLayersModel } from '@glassbox/core/node';
import { buildStandardizedMlp, type StandardizedMlpOptions } from './buildStandardizedMlp';
import { columnStats } from './columnStats';
import { loadLabelledTable } from './loadLabelledTable';
import { rowsOf } from './rowsOf';
import { stratifiedSplit } from './stratifiedSplit';
import type { TabularExample } from './TabularExample';

/** How an example trains its network. */
export interface TrainTabularMlpOptions {
  example: TabularExample;
  /** Where the model is saved (model.json and weights.bin). */
  modelDir: string;
  /** What the rows are, in the log ("applicants", "patients"). */
  rowsName: string;
  network: StandardizedMlpOptions;
  epochs: number;
  /** Adam's learning rate. */
  learningRate: number;
}

/**
 * Trains the example's standardised MLP on its training split (stratified, seeded), logs the
 * training and held-out accuracy, and saves it to `modelDir` with the scaler and the training
 * record in its metadata.
 */
export async function trainTabularMlp(options: TrainTabularMlpOptions): Promise<void> {
  const { example, rowsName, epochs } = options;
  await useBackend('cpu');
  const { table, labels } = await loadLabelledTable(example);
  const p = table.shape[1];
  const { train, test } = stratifiedSplit(labels, example.testFraction, example.splitSeed);
  const scaler = columnStats(table, train);
  const model = buildStandardizedMlp(scaler, options.network);
  model.compile({ optimizer: tf.train.adam(options.learningRate), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });

  const x = tf.tensor2d(rowsOf(table, train), [train.length, p]);
  const y = tf.oneHot(tf.tensor1d(train.map((i) => labels[i]!), 'int32'), 2);
  const history = await model.fit(x, y, { epochs, batchSize: 32, shuffle: false, verbose: 0 });
  tf.dispose([x, y]);

  const accuracyOn = (idx: number[]) =>
    tf.tidy(() => {
      const pred = tf.argMax(model.predict(tf.tensor2d(rowsOf(table, idx), [idx.length, p])) as tf.Tensor, 1).dataSync();
      return idx.reduce((a, r, k) => a + (pred[k] === labels[r] ? 1 : 0), 0) / idx.length;
    });
  const trainAccuracy = accuracyOn(train);
  const heldOutAccuracy = accuracyOn(test);
  console.log(`final training loss ${Number(history.history.loss?.at(-1)).toFixed(4)}`);
  console.log(`accuracy: training ${(trainAccuracy * 100).toFixed(1)}% (${train.length} ${rowsName}), held-out ${(heldOutAccuracy * 100).toFixed(1)}% (${test.length} ${rowsName})`);

  const { modelJson, weightBytes } = await saveLayersModel(model, options.modelDir, {
    classNames: example.classNames,
    featureNames: table.header,
    scaler: { ...scaler, note: 'applied inside the model by the frozen "standardize" layer; inputs are raw measurements' },
    training: { rows: train.length, heldOutRows: test.length, splitSeed: example.splitSeed, epochs, trainAccuracy, heldOutAccuracy },
  });
  console.log(`saved ${modelJson} (${weightBytes} bytes of weights)`);
}
