// bench.html: the MobileNetV2 that nsfwjs@4.4.0 ships (examples/image-classification), explained in
// the browser on the wasm backend with threads as the URL says, timed, and left on
// `window.glassboxBench` for scripts/benchMobilenet.ts (see BenchPage). Saliency on the 8 photos of
// bench/results/mobilenet.json, integrated gradients on the 2 photos, target 2 ("Neutral").
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { fromLayersModel, registerBackend, useBackend, type Explanation, type Model } from '@glassbox/core';
import { wasmBackend, wasmBackendInfo } from '@glassbox/backend-wasm';
import { saliency } from '@glassbox/gradient-saliency';
import { integratedGradients } from '@glassbox/integrated-gradients';
import { eightPhotos, stack } from '../../../../bench/support/mobilenetPhotos.mjs';
import { configureWasm } from '../configureWasm';
import { BENCH_MEMORY_BUDGET_BYTES, BENCH_TARGET, parseBenchParams, type BenchMethod, type BenchPage, type BenchParams, type BenchResult, type BenchRun } from './benchTypes';

declare global {
  interface Window {
    glassboxBench: BenchPage;
  }
}

const last = new Map<BenchMethod, Float32Array>();
const page: BenchPage = {
  state: 'loading',
  attributions: (method) => {
    const a = last.get(method);
    return a ? toBase64(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)) : undefined;
  },
};
window.glassboxBench = page;

const status = document.getElementById('status')!;
const table = document.getElementById('runs') as HTMLTableSectionElement;

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function say(text: string): void {
  status.textContent = text;
}

/** Times one explanation and checks its attributions are usable. */
async function timed(method: BenchMethod, run: number, model: Model, input: { values: Float32Array; shape: number[] }, steps: number): Promise<BenchRun> {
  const explainer = method === 'saliency' ? saliency() : integratedGradients({ steps });
  const before = tf.memory().numTensors;
  const started = performance.now();
  const e: Explanation = await explainer.explain(model, input, { target: BENCH_TARGET, memoryBudgetBytes: BENCH_MEMORY_BUDGET_BYTES });
  const wallMs = performance.now() - started;
  let maxAbs = 0, finite = true, nonZero = 0;
  for (const v of e.attributions) {
    if (!Number.isFinite(v)) finite = false;
    else if (Math.abs(v) > maxAbs) maxAbs = Math.abs(v);
    if (v !== 0) nonZero++;
  }
  last.set(method, e.attributions);
  return {
    method, examples: input.shape[0]!, steps: method === 'ig' ? steps : undefined, run,
    durationMs: e.timing.durationMs, wallMs, backend: e.backend, maxAbs, finite, nonZero,
    size: e.attributions.length, leakedTensors: tf.memory().numTensors - before,
  };
}

function show(r: BenchRun): void {
  const row = table.insertRow();
  for (const cell of [r.method === 'ig' ? `integrated gradients, ${r.steps} steps` : 'saliency', String(r.examples), String(r.run + 1), `${(r.durationMs / 1000).toFixed(2)} s`, r.backend, r.maxAbs.toExponential(3)]) row.insertCell().textContent = cell;
}

const hardwareConcurrency = navigator.hardwareConcurrency;

async function bench(params: BenchParams): Promise<BenchResult> {
  // tfjs's wasm module reads navigator.hardwareConcurrency when it starts (see BenchParams.cores).
  if (params.cores !== undefined) Object.defineProperty(navigator, 'hardwareConcurrency', { value: params.cores, configurable: true });
  configureWasm();
  registerBackend(wasmBackend(params.threads === 'auto' ? {} : { threads: params.threads }));
  say('Starting the wasm backend…');
  let t = performance.now();
  const selection = await useBackend('wasm');
  const backendStartMs = performance.now() - t;
  const wasm = wasmBackendInfo();
  say(`Running on ${selection.name}${wasm ? ` (SIMD ${wasm.simd ? 'on' : 'off'}, ${wasm.threaded ? 'threaded' : 'single-threaded'} binary, ${wasm.threads} thread${wasm.threads === 1 ? '' : 's'})` : ''}; loading MobileNetV2…`);

  t = performance.now();
  const [layers, fixture] = await Promise.all([
    tfl.loadLayersModel('bench/mobilenet_v2/model.json'),
    fetch('bench/mobilenet-photos.f32').then(async (r) => {
      if (!r.ok) throw new Error(`bench/mobilenet-photos.f32: HTTP ${r.status}`);
      return new Float32Array(await r.arrayBuffer());
    }),
  ]);
  const model = fromLayersModel(layers);
  const modelLoadMs = performance.now() - t;
  const photos = eightPhotos(fixture);

  say('Warming up (saliency on one photo)…');
  t = performance.now();
  await saliency().explain(model, { values: photos[0]!, shape: [1, 224, 224, 3] }, { target: BENCH_TARGET, memoryBudgetBytes: BENCH_MEMORY_BUDGET_BYTES });
  const warmupMs = performance.now() - t;

  const runs: BenchRun[] = [];
  for (const method of params.methods) {
    const n = method === 'saliency' ? params.photos : Math.min(params.photos, 2);
    const input = { values: stack(photos.slice(0, n)), shape: [n, 224, 224, 3] };
    for (let run = 0; run < params.repeat; run++) {
      say(`Timing ${method === 'ig' ? `integrated gradients (${params.steps} steps)` : 'saliency'} on ${n} photo${n === 1 ? '' : 's'}, run ${run + 1} of ${params.repeat}…`);
      const r = await timed(method, run, model, input, params.steps);
      runs.push(r);
      show(r);
    }
  }
  return {
    params, crossOriginIsolated, sharedArrayBuffer: typeof SharedArrayBuffer === 'function',
    hardwareConcurrency, userAgent: navigator.userAgent,
    wasm, backend: selection.name, modelLoadMs, backendStartMs, warmupMs, runs,
  };
}

try {
  const params = parseBenchParams(location.search);
  page.state = 'running';
  document.body.dataset.state = 'running';
  page.result = await bench(params);
  say(`Done: ${page.result.runs.length} timed run${page.result.runs.length === 1 ? '' : 's'} on ${page.result.backend}; cross-origin isolated: ${String(crossOriginIsolated)}; ${hardwareConcurrency} logical cores${page.result.params.cores === undefined ? '' : ` (tfjs was told ${page.result.params.cores})`}.`);
  page.state = 'done';
} catch (e) {
  page.error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  page.state = 'error';
  say(page.error);
  console.error(e);
}
document.body.dataset.state = page.state;
