// The demo page: draw a digit, see the MNIST model's prediction and its saliency and
// integrated-gradients heatmaps, on the wasm or WebGPU backend.
import type { Explanation } from '@glassbox/core';
import { configureWasm } from './configureWasm';
import { DrawingPad } from './DrawingPad';
import { loadDigitModel, type DigitModel } from './digitModel';
import { explainDrawing, IG_STEPS, type DrawingExplanation } from './explainDrawing';
import { paintExplanation } from './paintExplanation';
import { preprocessDigit } from './preprocessDigit';
import { DEMO_BACKENDS, selectBackend, type DemoBackend } from './selectBackend';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const body = document.body;
const backendSelect = $<HTMLSelectElement>('backend');
const modelSelect = $<HTMLSelectElement>('model');
const status = $<HTMLParagraphElement>('backend-status');
const overlay = $<HTMLInputElement>('overlay');

let model: DigitModel | undefined;
let last: { digit: Float32Array; result: DrawingExplanation } | undefined;
let queue: Promise<void> = Promise.resolve();

/** Runs tasks one after another, so a stroke drawn mid-run is explained next, never concurrently. */
function schedule(task: () => Promise<void>): Promise<void> {
  queue = queue.then(task).catch((e: unknown) => {
    body.dataset.state = 'error';
    const err = $<HTMLParagraphElement>('error');
    err.hidden = false;
    err.textContent = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    console.error(e);
  });
  return queue;
}

let backendText = '';

async function switchBackend(choice: DemoBackend): Promise<void> {
  body.dataset.state = 'loading';
  status.textContent = `Starting ${choice === 'webgpu' ? 'WebGPU' : 'WebAssembly'}…`;
  const s = await selectBackend(choice);
  Object.assign(status.dataset, { requested: s.requested, active: s.active, fellBack: String(s.fellBack), reason: s.reason ?? '' });
  const running = `${s.active}${s.detail ? ` (${s.detail})` : ''}`;
  backendText = s.fellBack
    ? `${s.requested === 'webgpu' ? 'WebGPU' : s.requested} is unavailable: ${sentence(s.reason ?? 'no reason given')} Running on ${running} instead.`
    : `Running on ${running}.`;
  status.textContent = backendText;
  await warmUp();
}

async function switchModel(name: string): Promise<void> {
  body.dataset.state = 'loading';
  model?.model.dispose?.();
  model = undefined;
  model = await loadDigitModel(`models/${name}/model.json`);
  body.dataset.model = name;
  await warmUp();
}

/** `text` ending with a full stop, so the next sentence can follow it. */
const sentence = (text: string) => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/** Warm-up milliseconds per backend and model. */
const warm = new Map<string, number>();

/**
 * Explains a blank image once per backend and model, so kernels are compiled (WebGPU shaders, wasm
 * set-up) before a visitor draws and the times shown are those of the explanations themselves.
 */
async function warmUp(): Promise<void> {
  if (!model) return;
  const key = `${status.dataset.active}/${body.dataset.model}`;
  if (!warm.has(key)) {
    status.textContent = `${backendText} Warming up (compiling kernels for this model)…`;
    const started = performance.now();
    await explainDrawing(model, new Float32Array(784));
    warm.set(key, Math.round(performance.now() - started));
  }
  status.dataset.warmupMs = String(warm.get(key));
  status.textContent = `${backendText} Warm-up took ${(warm.get(key)! / 1000).toFixed(1)} s.`;
  body.dataset.state = 'ready';
}

async function explainPad(): Promise<void> {
  const digit = preprocessDigit(pad.pixels(), pad.canvas.width, pad.canvas.height);
  if (!digit || !model) return;
  paintDigit(digit);
  body.dataset.state = 'running';
  const result = await explainDrawing(model, digit);
  last = { digit, result };
  show(result);
  body.dataset.runs = String(Number(body.dataset.runs ?? 0) + 1);
  body.dataset.state = 'done';
}

function paintDigit(digit: Float32Array): void {
  const canvas = $<HTMLCanvasElement>('digit');
  const ctx = canvas.getContext('2d')!;
  const img = ctx.createImageData(28, 28);
  digit.forEach((v, p) => { img.data.set([v * 255, v * 255, v * 255, 255], p * 4); });
  ctx.putImageData(img, 0, 0);
}

function show(r: DrawingExplanation): void {
  const dm = model!;
  const prediction = $<HTMLParagraphElement>('prediction');
  prediction.textContent = dm.kind === 'binary'
    ? `It is ${r.answer} (P = ${(r.probabilities[0]! * 100).toFixed(1)}%)`
    : `It is a ${r.answer} (${(r.probabilities[r.target]! * 100).toFixed(1)}%)`;
  prediction.dataset.answer = r.answer;
  const bars = $<HTMLDivElement>('bars');
  const labels = dm.kind === 'binary' ? [dm.positive] : r.probabilities.map((_, i) => String(i));
  bars.replaceChildren(...labels.flatMap((label, i) => {
    const p = r.probabilities[i]!;
    const name = Object.assign(document.createElement('span'), { textContent: label, className: i === r.target ? 'best' : '' });
    const track = document.createElement('div');
    track.append(Object.assign(document.createElement('div'), { className: 'bar' }));
    (track.firstChild as HTMLElement).style.width = `${Math.max(0.5, p * 100)}%`;
    const value = Object.assign(document.createElement('span'), { textContent: `${(p * 100).toFixed(1)}%` });
    return [name, track, value];
  }));
  const explained = dm.kind === 'binary' ? `P(${dm.positive})` : `P(${r.target})`;
  paint('saliency', r.saliency, false, `${explained}: ${time(r.saliency)}`);
  paint('ig', r.integratedGradients, true, `${explained}, ${IG_STEPS} steps, δ = ${r.integratedGradients.convergenceDelta?.[0]!.toExponential(1)}: ${time(r.integratedGradients)}`);
}

function paint(id: string, e: Explanation, signed: boolean, caption: string): void {
  paintExplanation(e, $<HTMLCanvasElement>(id), $<HTMLCanvasElement>(`${id}-legend`), { signed, overlay: overlay.checked ? 0.7 : 0 });
  const t = $<HTMLParagraphElement>(`${id}-time`);
  t.textContent = caption;
  Object.assign(t.dataset, { backend: e.backend, ms: String(e.timing.durationMs) });
}

const time = (e: Explanation) => `${e.timing.durationMs.toFixed(e.timing.durationMs < 10 ? 1 : 0)} ms on ${e.backend}`;

function clearAll(): void {
  pad.clear();
  last = undefined;
  for (const id of ['digit', 'saliency', 'ig', 'saliency-legend', 'ig-legend']) {
    const c = $<HTMLCanvasElement>(id);
    c.getContext('2d')!.clearRect(0, 0, c.width, c.height);
  }
  $<HTMLParagraphElement>('prediction').textContent = 'Draw a digit.';
  $<HTMLDivElement>('bars').replaceChildren();
  for (const id of ['saliency-time', 'ig-time']) $<HTMLParagraphElement>(id).textContent = '–';
}

configureWasm();
const pad = new DrawingPad($<HTMLCanvasElement>('pad'), { onStroke: () => void schedule(explainPad) });
$<HTMLButtonElement>('clear').addEventListener('click', clearAll);
overlay.addEventListener('change', () => { if (last) show(last.result); });
backendSelect.addEventListener('change', () => void schedule(async () => {
  await switchBackend(backendSelect.value as DemoBackend);
  if (pad.hasInk) await explainPad();
}));
modelSelect.addEventListener('change', () => void schedule(async () => {
  await switchModel(modelSelect.value);
  if (pad.hasInk) await explainPad();
}));

const params = new URLSearchParams(location.search);
const requested = params.get('backend');
if (requested && (DEMO_BACKENDS as readonly string[]).includes(requested)) backendSelect.value = requested;
void schedule(async () => {
  // Offer only the models the build copied (scripts/copyModels.ts writes the list).
  const { models } = (await (await fetch('models/index.json')).json()) as { models: string[] };
  for (const option of modelSelect.options) option.disabled = !models.includes(option.value);
  const wanted = params.get('model');
  if (wanted && models.includes(wanted)) modelSelect.value = wanted;
  await switchBackend(backendSelect.value as DemoBackend);
  await switchModel(modelSelect.value);
});
