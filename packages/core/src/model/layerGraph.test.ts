import { describe, it, expect } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { fromLayersModel, type LayersModelLike } from './fromLayersModel';

/** A small residual CNN: conv → [conv → add(skip)] → conv "last" → pool → dense. */
function residualCnn(): tfl.LayersModel {
  const init = (seed: number) => tfl.initializers.glorotUniform({ seed });
  const input = tfl.input({ shape: [6, 6, 2] });
  const stem = tfl.layers.conv2d({ filters: 3, kernelSize: 3, padding: 'same', name: 'stem', kernelInitializer: init(1) }).apply(input) as tfl.SymbolicTensor;
  const inner = tfl.layers.conv2d({ filters: 3, kernelSize: 3, padding: 'same', activation: 'relu', name: 'inner', kernelInitializer: init(2) }).apply(stem) as tfl.SymbolicTensor;
  const sum = tfl.layers.add({ name: 'sum' }).apply([stem, inner]) as tfl.SymbolicTensor;
  const last = tfl.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', name: 'last', kernelInitializer: init(3) }).apply(sum) as tfl.SymbolicTensor;
  const pooled = tfl.layers.globalAveragePooling2d({ name: 'pool' }).apply(last) as tfl.SymbolicTensor;
  const out = tfl.layers.dense({ units: 3, activation: 'softmax', name: 'out', kernelInitializer: init(4) }).apply(pooled) as tfl.SymbolicTensor;
  return tfl.model({ inputs: input, outputs: out });
}

describe('functional models split at the layers every path goes through', () => {
  it('lists the split points, leaves out layers inside a residual branch, and tail(head(x)) equals the model', () => {
    const m = residualCnn();
    const model = fromLayersModel(m as unknown as LayersModelLike);
    expect(model.capabilities.has('activations')).toBe(true);
    expect(model.layers!().map((l) => l.name)).toEqual(['stem', 'sum', 'last', 'pool']);
    expect(model.layers!().find((l) => l.name === 'last')!.outputShape).toEqual([6, 6, 4]);
    const x = tf.randomUniform([2, 6, 6, 2], -1, 1, 'float32', 5);
    const before = tf.memory().numTensors;
    for (const name of ['stem', 'sum', 'last', 'pool']) {
      const { head, tail } = model.split!(name);
      const [got, want] = tf.tidy(() => [tail(head(x)).arraySync(), (m.predict(x) as tf.Tensor).arraySync()]);
      expect(got).toEqual(want);
    }
    expect(tf.memory().numTensors).toBe(before);
    expect(() => model.split!('inner')).toThrow(/inside a branch.*split at are: stem, sum, last, pool/);
    expect(() => model.split!('nope')).toThrow(/No layer named "nope"/);
    x.dispose();
    m.dispose();
  });
});
