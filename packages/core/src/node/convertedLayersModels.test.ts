import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { loadModel } from './loadModel';
import { ensureGradients } from '../backend/ensureGradients';
import { targetGradients } from '../tensor/selectTargets';
import { createRandom } from '../random/createRandom';

type Quantization = 'uint8' | 'uint16' | 'float16' | undefined;

/** tensorflowjs_converter's affine quantisation (quantization.py): a nudged min so that 0 is exact. */
function quantize(values: Float32Array, dtype: Quantization): { bytes: Uint8Array; dequantized: Float32Array; quantization?: Record<string, unknown> } {
  if (dtype === undefined) return { bytes: new Uint8Array(values.slice().buffer), dequantized: values };
  if (dtype === 'float16') {
    const half = new Uint16Array(values.length);
    const back = new Float32Array(values.length);
    for (let i = 0; i < values.length; i++) [half[i], back[i]] = toHalf(values[i]!);
    return { bytes: new Uint8Array(half.buffer), dequantized: back, quantization: { dtype } };
  }
  const levels = dtype === 'uint8' ? 255 : 65535;
  let lo = Math.min(...values), hi = Math.max(...values);
  if (lo === hi) [lo, hi] = [Math.min(lo, 0), Math.max(hi, 0) || 1];
  const scale = (hi - lo) / levels;
  const min = Math.round(lo / scale) * scale;
  const q = dtype === 'uint8' ? new Uint8Array(values.length) : new Uint16Array(values.length);
  const back = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    q[i] = Math.max(0, Math.min(levels, Math.round((values[i]! - min) / scale)));
    back[i] = q[i]! * scale + min;
  }
  return { bytes: new Uint8Array(q.buffer), dequantized: back, quantization: { dtype, min, scale } };
}

/** float32 → IEEE half bits (round to nearest even) and the value it decodes to. */
function toHalf(v: number): [number, number] {
  const f = new Float32Array([v]);
  const u = new Uint32Array(f.buffer)[0]!;
  const sign = (u >>> 16) & 0x8000;
  const exp = ((u >>> 23) & 0xff) - 127 + 15;
  let mant = u & 0x7fffff;
  let bits: number;
  if (exp <= 0) bits = sign; // tiny weights flush to zero (none in these tests)
  else if (exp >= 31) bits = sign | 0x7c00;
  else {
    const round = mant & 0x1fff;
    mant >>>= 13;
    bits = sign | (exp << 10) | mant;
    if (round > 0x1000 || (round === 0x1000 && (mant & 1))) bits++;
  }
  const e = (bits >>> 10) & 0x1f, m = bits & 0x3ff;
  const value = (bits & 0x8000 ? -1 : 1) * (e === 0 ? m * 2 ** -24 : 2 ** (e - 15) * (1 + m / 1024));
  return [bits, value];
}

/**
 * Saves a tfjs-layers model the way `tensorflowjs_converter` writes a Keras model: `modelTopology`
 * with `keras_version`/`backend`/`model_config`, one shard, weights quantised per the converter's
 * manifest format. Returns model.json's path and the dequantised weights (what loading must give).
 */
async function writeConverted(model: tfl.LayersModel, dtype: Quantization): Promise<{ path: string; dequantized: tf.Tensor[] }> {
  let artifacts!: tf.io.ModelArtifacts;
  await model.save(tf.io.withSaveHandler(async (a) => ((artifacts = a), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })));
  const specs = artifacts.weightSpecs!;
  const data = tf.io.CompositeArrayBuffer.join(artifacts.weightData as ArrayBuffer);
  const parts: Uint8Array[] = [];
  const weights: object[] = [];
  const dequantized: tf.Tensor[] = [];
  let offset = 0;
  for (const spec of specs) {
    const n = spec.shape.reduce((a, b) => a * b, 1);
    const values = new Float32Array(data.slice(offset, offset + 4 * n));
    offset += 4 * n;
    const q = quantize(values, dtype);
    parts.push(q.bytes);
    dequantized.push(tf.tensor(q.dequantized, spec.shape));
    weights.push({ name: spec.name, shape: spec.shape, dtype: 'float32', ...(q.quantization ? { quantization: q.quantization } : {}) });
  }
  const topology = artifacts.modelTopology as { class_name: string; config: unknown };
  const json = {
    modelTopology: { keras_version: '2.13.1', backend: 'tensorflow', model_config: topology, training_config: null },
    weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights }],
  };
  const dir = mkdtempSync(join(tmpdir(), 'gb-converted-'));
  writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
  writeFileSync(join(dir, 'group1-shard1of1.bin'), Buffer.concat(parts));
  return { path: join(dir, 'model.json'), dequantized };
}

/**
 * Loads the converted file through Glassbox and checks outputs and input gradients against the
 * original model carrying the same (dequantised) weights.
 */
async function roundTrip(build: () => tfl.LayersModel, dtype: Quantization, inputShape: number[]) {
  await ensureGradients();
  const before = tf.memory().numTensors;
  const original = build();
  const { path, dequantized } = await writeConverted(original, dtype);
  original.setWeights(dequantized);
  tf.dispose(dequantized);
  const model = await loadModel(path);
  expect(model.inputShape).toEqual(inputShape);
  const rng = createRandom(5);
  const x = tf.tensor(rng.fillNormal(new Float32Array(2 * inputShape.reduce((a, b) => a * b, 1)), 0, 1), [2, ...inputShape]);
  const [y, yRef] = [await model.predict(x), original.predict(x) as tf.Tensor];
  const [g, gRef] = [targetGradients(model.forward!, x, [0, 1]), targetGradients((t) => original.apply(t, { training: false }) as tf.Tensor, x, [0, 1])];
  const close = (a: Float32Array, b: Float32Array) => {
    const scale = Math.max(...Array.from(b, Math.abs), 1e-6);
    return Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i]!))) / scale;
  };
  expect(close((await y.data()) as Float32Array, (await yRef.data()) as Float32Array)).toBeLessThan(1e-5);
  expect(close((await g.data()) as Float32Array, (await gRef.data()) as Float32Array)).toBeLessThan(1e-4);
  expect(Math.max(...Array.from(await g.data(), Math.abs))).toBeGreaterThan(0);
  tf.dispose([x, y, yRef, g, gRef]);
  model.dispose?.();
  original.dispose();
  expect(tf.memory().numTensors).toBe(before);
}

const dense = () =>
  tfl.sequential({
    layers: [
      tfl.layers.dense({ inputShape: [5], units: 7, activation: 'tanh', kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }), biasInitializer: tfl.initializers.randomNormal({ seed: 2, stddev: 0.3 }) }),
      tfl.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: tfl.initializers.glorotUniform({ seed: 3 }) }),
    ],
  });
const conv = (extra: tfl.layers.Layer[]) =>
  tfl.sequential({
    layers: [
      tfl.layers.inputLayer({ inputShape: [8, 8, 2] }),
      ...extra,
      tfl.layers.flatten(),
      tfl.layers.dense({ units: 3, kernelInitializer: tfl.initializers.glorotUniform({ seed: 9 }) }),
    ],
  });
const seeded = (seed: number) => tfl.initializers.glorotUniform({ seed });

describe('layers models in the format converters write', () => {
  it.each(['uint8', 'uint16', 'float16'] as const)('weights quantised to %s load dequantised (outputs and gradients)', async (dtype) => {
    await roundTrip(dense, dtype, [5]);
  });

  it('ZeroPadding2D', async () => {
    await roundTrip(() => conv([tfl.layers.zeroPadding2d({ padding: [[1, 0], [1, 0]] }), tfl.layers.conv2d({ filters: 3, kernelSize: 3, strides: 2, kernelInitializer: seeded(4) })]), 'uint8', [8, 8, 2]);
  });

  it('DepthwiseConv2D', async () => {
    await roundTrip(() => conv([tfl.layers.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, padding: 'same', depthwiseInitializer: seeded(5) })]), 'uint8', [8, 8, 2]);
  });

  it('BatchNormalization with non-trivial moving statistics', async () => {
    const build = () => {
      const m = conv([tfl.layers.conv2d({ filters: 3, kernelSize: 3, kernelInitializer: seeded(6) }), tfl.layers.batchNormalization({ epsilon: 1e-3 })]);
      const bn = m.layers.find((l) => l.getClassName() === 'BatchNormalization')!;
      const stats = [tf.tensor1d([1.5, 0.5, 2]), tf.tensor1d([0.1, -0.2, 0.3]), tf.tensor1d([0.2, -0.1, 0.05]), tf.tensor1d([2, 0.5, 1.5])];
      bn.setWeights(stats); // gamma, beta, moving mean, moving variance
      tf.dispose(stats);
      return m;
    };
    await roundTrip(build, 'uint8', [8, 8, 2]);
  });

  it('ReLU(max_value=6)', async () => {
    await roundTrip(() => conv([tfl.layers.conv2d({ filters: 3, kernelSize: 3, kernelInitializer: tfl.initializers.randomNormal({ seed: 7, stddev: 4 }) }), tfl.layers.reLU({ maxValue: 6 })]), 'uint8', [8, 8, 2]);
  });

  it('Dropout is the identity at inference, for outputs and gradients', async () => {
    await roundTrip(() => conv([tfl.layers.conv2d({ filters: 3, kernelSize: 3, kernelInitializer: seeded(8) }), tfl.layers.dropout({ rate: 0.5, seed: 1 })]), 'uint8', [8, 8, 2]);
  });

  it('a nested functional model used as a layer', async () => {
    const build = () => {
      const innerIn = tfl.input({ shape: [4] });
      const h = tfl.layers.dense({ units: 6, activation: 'relu', kernelInitializer: seeded(10) }).apply(innerIn) as tfl.SymbolicTensor;
      const inner = tfl.model({ inputs: innerIn, outputs: tfl.layers.dense({ units: 4, kernelInitializer: seeded(11) }).apply(h) as tfl.SymbolicTensor, name: 'inner_block' });
      const x = tfl.input({ shape: [4] });
      const a = inner.apply(x) as tfl.SymbolicTensor;
      const sum = tfl.layers.add().apply([a, x]) as tfl.SymbolicTensor;
      return tfl.model({ inputs: x, outputs: tfl.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: seeded(12) }).apply(sum) as tfl.SymbolicTensor });
    };
    await roundTrip(build, 'uint8', [4]);
  });
});
