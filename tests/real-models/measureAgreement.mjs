#!/usr/bin/env node
// Measures how closely `glassbox explain` (the built CLI, no shape or memory flags) agrees with
// independent float64 references on nsfwjs's MobileNetV2 models, including the 50-step integrated
// gradients that are too slow for the test suite. Prints one line per comparison.
//   node tests/real-models/measureAgreement.mjs [backend=native] [comparison,...]
// Needs `pnpm build` first. References: fixtures/README.md.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { unwrapNsfwjsModel } from './unwrapNsfwjsModel.mjs';

const here = import.meta.dirname;
const bin = join(here, '../../packages/cli/bin/glassbox.cjs');
const backend = process.argv[2] ?? 'native';
const PER = 224 * 224 * 3;
const f32 = async (file) => {
  const raw = await readFile(join(here, 'fixtures', file));
  const b = file.endsWith('.gz') ? gunzipSync(raw) : raw;
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
};
const relL2 = (a, ref) => {
  let num = 0, den = 0;
  for (let i = 0; i < ref.length; i++) { num += (a[i] - ref[i]) ** 2; den += ref[i] ** 2; }
  return Math.sqrt(num / den);
};
const nest = (flat) => Array.from({ length: 224 }, (_, r) => Array.from({ length: 224 }, (_, c) => Array.from(flat.subarray((r * 224 + c) * 3, (r * 224 + c) * 3 + 3))));

const dir = await mkdtemp(join(tmpdir(), 'glassbox-agreement-'));
const photos = await f32('photos.f32.gz');
await writeFile(join(dir, 'both.json'), JSON.stringify({ inputs: [nest(photos.subarray(0, PER)), nest(photos.subarray(PER))] }));
await writeFile(join(dir, 'photo1.json'), JSON.stringify({ inputs: [nest(photos.subarray(PER))] }));
const layers = join(here, '../../examples/image-classification/models/mobilenet_v2/model.json');
const graph = await unwrapNsfwjsModel('mobilenet_v2_mid', join(dir, 'mid'));

async function run(label, model, input, method, extra, refFile, photosInRef) {
  const out = join(dir, `${label}.json`);
  const t0 = Date.now();
  const { stderr } = await promisify(execFile)(process.execPath, [bin, 'explain', '--model', model, '--input', join(dir, input), '--method', method, '--target', '2', '--backend', backend, '--out', out, ...extra], { maxBuffer: 1 << 26 });
  const seconds = (Date.now() - t0) / 1000;
  const j = JSON.parse(await readFile(out, 'utf8'));
  const got = Float32Array.from(j.attributions.flat(3));
  const ref = await f32(refFile);
  const errs = photosInRef.map((p, i) => relL2(got.subarray(i * PER, (i + 1) * PER), ref.subarray(p * PER, (p + 1) * PER)).toExponential(2));
  const delta = j.convergenceDelta ? ` delta ${j.convergenceDelta.map((d) => d.toExponential(2)).join(', ')}` : '';
  console.log(`${label}: relative L2 per photo ${errs.join(', ')}${delta}; ${seconds.toFixed(1)} s on ${j.backend} (${stderr.trim().split('\n').at(-1)})`);
}

const runs = {
  'layers-saliency': () => run('layers saliency vs Captum', layers, 'both.json', 'saliency', [], 'captum_saliency_target2.f32', [0, 1]),
  'graph-saliency': () => run('graph saliency vs PyTorch', graph, 'photo1.json', 'saliency', [], 'torch_mid_photo1_target2_saliency.f32', [0]),
  'graph-ig4': () => run('graph IG-4 vs PyTorch', graph, 'photo1.json', 'integrated-gradients', ['--steps', '4'], 'torch_mid_photo1_target2_ig4.f32', [0]),
  'graph-ig50': () => run('graph IG-50 vs PyTorch', graph, 'photo1.json', 'integrated-gradients', ['--steps', '50'], 'torch_mid_photo1_target2_ig50.f32', [0]),
  'layers-ig50-photo1': () => run('layers IG-50 vs Captum (photo 1)', layers, 'photo1.json', 'integrated-gradients', ['--steps', '50'], 'captum_ig50_target2.f32', [1]),
  'layers-ig50': () => run('layers IG-50 vs Captum', layers, 'both.json', 'integrated-gradients', ['--steps', '50'], 'captum_ig50_target2.f32', [0, 1]),
};
// Which comparisons: the third argument, comma-separated (default: all but the two-photo layers IG-50).
const chosen = (process.argv[3] ?? 'layers-saliency,graph-saliency,graph-ig4,graph-ig50,layers-ig50-photo1').split(',');
for (const name of chosen) await runs[name]();
