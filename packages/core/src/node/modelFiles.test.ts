import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { mkdtemp, readFile, writeFile, truncate, symlink, mkdir, appendFile, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveLayersModel } from './saveLayersModel';
import { loadLayersModel, loadModel } from './loadModel';
import { readInputsFile } from './readInputsFile';

let dir: string;
const x = tf.tensor2d([[0.1, -0.2, 0.3, 0.5], [1, 2, -3, 0.25]]);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glassbox-model-'));
  const m = tfl.sequential({
    layers: [
      tfl.layers.dense({ inputShape: [4], units: 5, activation: 'relu', kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }) }),
      tfl.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }) }),
    ],
  });
  await saveLayersModel(m, join(dir, 'good'), { classNames: ['no', 'yes'] });
  (globalThis as any).__expected = (m.predict(x) as tf.Tensor).arraySync();
});

/** Copies the good model to a new folder and lets the test corrupt it. */
async function variant(name: string, edit: (json: any, folder: string) => Promise<void> | void): Promise<string> {
  const folder = join(dir, name);
  await cp(join(dir, 'good'), folder, { recursive: true });
  const json = JSON.parse(await readFile(join(folder, 'model.json'), 'utf8'));
  await edit(json, folder);
  await writeFile(join(folder, 'model.json'), JSON.stringify(json));
  return join(folder, 'model.json');
}

describe('Layers model files', () => {
  it('save then load gives identical predictions and keeps class names', async () => {
    const loaded = await loadLayersModel(join(dir, 'good', 'model.json'));
    expect((loaded.predict(x) as tf.Tensor).arraySync()).toEqual((globalThis as any).__expected);
    const model = await loadModel(join(dir, 'good', 'model.json'));
    expect(model.classNames).toEqual(['no', 'yes']);
    expect(model.inputShape).toEqual([4]);
    expect(model.capabilities.has('activations')).toBe(true);
    const y = await model.predict(x);
    expect(y.arraySync()).toEqual((globalThis as any).__expected);
    y.dispose();
    model.dispose?.();
  });

  const cases: [string, (json: any, folder: string) => Promise<void> | void, string][] = [
    ['weight path with ..', (j) => { j.weightsManifest[0].paths = ['../good/weights.bin']; }, 'MODEL_WEIGHT_PATH_ESCAPE'],
    ['absolute weight path', (j) => { j.weightsManifest[0].paths = ['/etc/passwd']; }, 'MODEL_WEIGHT_PATH_ESCAPE'],
    ['URL weight path', (j) => { j.weightsManifest[0].paths = ['file:///etc/passwd']; }, 'MODEL_WEIGHT_PATH_ESCAPE'],
    ['symlink out of the folder', async (j, f) => { await symlink('/etc/hostname', join(f, 'evil.bin')); j.weightsManifest[0].paths = ['evil.bin']; }, 'MODEL_WEIGHT_PATH_ESCAPE'],
    ['missing shard', (j) => { j.weightsManifest[0].paths = ['nope.bin']; }, 'MODEL_WEIGHTS_MISSING'],
    ['truncated shard', async (_j, f) => { await truncate(join(f, 'weights.bin'), 20); }, 'MODEL_WEIGHTS_SIZE_MISMATCH'],
    ['shard larger than its manifest', async (_j, f) => { await appendFile(join(f, 'weights.bin'), Buffer.alloc(8)); }, 'MODEL_WEIGHTS_SIZE_MISMATCH'],
    ['absurd shape', (j) => { j.weightsManifest[0].weights[0].shape = [1e9, 1e9]; }, 'MODEL_TOO_LARGE'],
    ['negative dimension', (j) => { j.weightsManifest[0].weights[0].shape = [-4, 5]; }, 'MODEL_FILE_INVALID'],
    ['unknown dtype', (j) => { j.weightsManifest[0].weights[0].dtype = 'complex128'; }, 'MODEL_UNKNOWN_DTYPE'],
    ['no topology', (j) => { delete j.modelTopology; }, 'MODEL_FILE_INVALID'],
    ['manifest not an array', (j) => { j.weightsManifest = { paths: 'x' }; }, 'MODEL_FILE_INVALID'],
  ];
  for (const [name, edit, code] of cases) {
    it(`refuses ${name} with ${code}, before allocating`, async () => {
      const path = await variant(name.replace(/\W+/g, '-'), edit);
      const before = tf.memory().numTensors;
      const err = await loadModel(path).catch((e) => e);
      expect(err).toMatchObject({ code });
      expect(err.message.length).toBeGreaterThan(20);
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('refuses a file that is not JSON and a topology that cannot be built', async () => {
    await mkdir(join(dir, 'garbage'), { recursive: true });
    await writeFile(join(dir, 'garbage', 'model.json'), '{"modelTopology": ');
    await expect(loadModel(join(dir, 'garbage', 'model.json'))).rejects.toMatchObject({ code: 'MODEL_FILE_INVALID', message: expect.stringContaining('not valid JSON') });
    const path = await variant('bad-topology', (j) => { j.modelTopology.config.layers[0].class_name = 'NoSuchLayer'; });
    await expect(loadModel(path)).rejects.toMatchObject({ code: 'MODEL_FILE_INVALID' });
    await expect(loadModel(join(dir, 'missing.json'))).rejects.toMatchObject({ code: 'MODEL_FILE_INVALID' });
  });

  it('honours a smaller weight budget', async () => {
    await expect(loadModel(join(dir, 'good', 'model.json'), { maxWeightBytes: 16 })).rejects.toMatchObject({ code: 'MODEL_TOO_LARGE' });
  });
});

describe('inputs files', () => {
  it('reads a bare array or an object with inputs, and names bad cells', async () => {
    await writeFile(join(dir, 'a.json'), JSON.stringify([[1, 2], [3, 4]]));
    await writeFile(join(dir, 'b.json'), JSON.stringify({ inputs: [[1, 2]], targets: [1] }));
    await writeFile(join(dir, 'c.json'), JSON.stringify([[1, 'x']]));
    expect(await readInputsFile(join(dir, 'a.json'))).toMatchObject({ shape: [2, 2] });
    expect(await readInputsFile(join(dir, 'b.json'))).toMatchObject({ shape: [1, 2], extra: { targets: [1] } });
    await expect(readInputsFile(join(dir, 'c.json'))).rejects.toMatchObject({ code: 'DATA_FILE_INVALID', message: expect.stringContaining('[0][1]') });
    await expect(readInputsFile(join(dir, 'nope.json'))).rejects.toMatchObject({ code: 'DATA_FILE_INVALID' });
  });
});

describe('pathological model files', () => {
  it('a model.json nested 100,000 levels deep is MODEL_FILE_INVALID naming the limit, not a stack overflow', async () => {
    const { readModelArtifacts } = await import('./readModelArtifacts');
    const dir = await mkdtemp(join(tmpdir(), 'glassbox-deep-'));
    const d = 100_000;
    await writeFile(join(dir, 'model.json'), `{"format":"layers-model","modelTopology":${'{"a":'.repeat(d)}1${'}'.repeat(d)},"weightsManifest":[]}`);
    const err = await readModelArtifacts(join(dir, 'model.json')).catch((e) => e);
    expect(err.code).toBe('MODEL_FILE_INVALID');
    expect(err.message).toMatch(/nested more than 256 levels deep; the limit on model.json nesting is 256/);
  });
});
