import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { InvalidOptionError } from '@glassbox/core';
import { discoverMethod } from '../plugins/discoverMethod';
import { flagsToOptions, takeBoolean, takeNumber, takeValue } from '../args/flagValues';
import { readInputs } from '../io/readInputs';
import { loadModelFor } from './loadModelFor';
import { parseMemoryBudget } from './parseMemoryBudget';
import { selectBackend } from './selectBackend';
import type { Io } from '../io/Io';
import { withoutUndefined } from '../withoutUndefined';

const USAGE = 'glassbox profile --model <model.json> --input <inputs.json> --method <id> [--target <i>] [--backend <name>] [--top <n>] [--json] [--memory-budget-mb <n>] [method options]';

type Calls = Record<string, { native: number; fallback: number }>;

/** Kernels that compute nothing: they share their input's data by reference count (reported apart). */
const SHARING_KERNELS: ReadonlySet<string> = new Set(['Identity', 'Reshape', 'ExpandDims']);

/** Per-kernel native/fallback call counts when the native backend runs (empty otherwise). */
async function nativeCalls(backend: string): Promise<Calls | null> {
  if (backend !== 'native') return null;
  const native = (await import('@glassbox/backend-native')) as { nativeKernelCalls?: () => Calls };
  return native.nativeKernelCalls?.() ?? null;
}

/** Where a kernel ran: natively, in JavaScript, or both (some calls fell back). */
function where(backend: string, kernel: string, before: Calls | null, after: Calls | null): string {
  if (backend === 'cpu') return 'JavaScript';
  if (!after) return backend;
  const a = after[kernel];
  if (!a) return 'JavaScript';
  const b = before?.[kernel] ?? { native: 0, fallback: 0 };
  const n = a.native - b.native, f = a.fallback - b.fallback;
  return f === 0 ? 'native' : n === 0 ? 'JavaScript' : `mixed (${f} of ${n + f} in JavaScript)`;
}

/**
 * `glassbox profile`: runs one explanation under `tf.profile` and prints the time per kernel, where
 * each kernel ran (natively or in JavaScript, on the native backend), the time outside kernels, and
 * peak memory (tensors and the process's resident set).
 */
export async function profileCommand(io: Io, flags: Map<string, string>): Promise<number> {
  const modelPath = takeValue(flags, 'model', 'a model.json path');
  const inputPath = takeValue(flags, 'input', 'an inputs .json or .npy file');
  const method = takeValue(flags, 'method', 'a method id (glassbox methods lists them)');
  if (!modelPath || !inputPath || !method) throw new InvalidOptionError(`Missing ${!modelPath ? '--model' : !inputPath ? '--input' : '--method'}; usage: ${USAGE}`);
  const target = takeNumber(flags, 'target', { integer: true, min: 0, what: 'an output index' });
  const backendFlag = takeValue(flags, 'backend', 'a backend name such as cpu, wasm or native');
  const top = takeNumber(flags, 'top', { integer: true, min: 1, what: 'how many kernels to list' }) ?? 25;
  const json = takeBoolean(flags, 'json');
  const budget = parseMemoryBudget(takeValue(flags, 'memory-budget-mb', 'megabytes one chunk of work may use'));
  const { found, plugins } = await discoverMethod(io.cwd, method);
  const selection = await selectBackend(io, backendFlag, undefined, plugins.backends);
  const t0 = performance.now();
  const model = await loadModelFor(found.explainer, resolve(io.cwd, modelPath), undefined, plugins.layers);
  try {
    const inputs = await readInputs(resolve(io.cwd, inputPath));
    const t1 = performance.now();
    const before = await nativeCalls(selection.name);
    const rss0 = process.resourceUsage().maxRSS;
    const wall0 = performance.now();
    let ranOn = selection.name;
    const info = await tf.profile(async () => {
      await found.explainer.explain(model, { values: inputs.values, shape: inputs.shape }, withoutUndefined({
        options: flagsToOptions(flags), target, memoryBudgetBytes: budget,
      }));
      ranOn = tf.getBackend();
    });
    const wallMs = performance.now() - wall0;
    const after = await nativeCalls(selection.name);
    // tf.profile also lists custom-gradient ops (`tf.customGrad`) under their scope's name; their time
    // includes the kernels they ran, which are listed themselves: shown apart, never added.
    const kernelNames = new Set(tf.getKernelsForBackend(ranOn).map((k) => k.kernelName));
    const per = new Map<string, { ms: number; calls: number }>();
    const scopes = new Map<string, { ms: number; calls: number }>();
    for (const k of info.kernels) {
      const into = kernelNames.has(k.name) ? per : scopes;
      const e = into.get(k.name) ?? { ms: 0, calls: 0 };
      e.ms += typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
      e.calls++;
      into.set(k.name, e);
    }
    const rows = [...per].map(([kernel, e]) => ({ kernel, calls: e.calls, ms: e.ms, where: where(selection.name, kernel, before, after) })).sort((a, b) => b.ms - a.ms);
    const scopeRows = [...scopes].map(([scope, e]) => ({ scope, calls: e.calls, ms: e.ms })).sort((a, b) => b.ms - a.ms);
    const kernelMs = rows.reduce((s, r) => s + r.ms, 0);
    const jsRows = rows.filter((r) => r.where !== 'native' && selection.name === 'native');
    const jsMs = jsRows.reduce((s, r) => s + r.ms, 0);
    const sharing = jsRows.filter((r) => SHARING_KERNELS.has(r.kernel));
    const sharingMs = sharing.reduce((s, r) => s + r.ms, 0);
    const summary = {
      backend: selection.name, method, loadMs: t1 - t0, explainMs: wallMs, kernelMs, outsideKernelsMs: wallMs - kernelMs,
      javaScriptKernelMs: selection.name === 'native' ? jsMs : undefined,
      javaScriptSharingKernelMs: selection.name === 'native' ? sharingMs : undefined, peakTensorBytes: info.peakBytes, peakRssBytes: Math.max(rss0, process.resourceUsage().maxRSS) * 1024,
    };
    if (json) {
      io.out(JSON.stringify({ ...summary, kernels: rows, customGradientScopes: scopeRows }));
      return 0;
    }
    io.out(`${method} on ${selection.name}: explain ${(wallMs / 1000).toFixed(2)} s (kernels ${(kernelMs / 1000).toFixed(2)} s, outside kernels ${((wallMs - kernelMs) / 1000).toFixed(2)} s); model + input load ${((t1 - t0) / 1000).toFixed(2)} s`);
    io.out(`${'kernel'.padEnd(36)} ${'calls'.padStart(6)} ${'ms'.padStart(9)} ${'%'.padStart(6)}  where`);
    for (const r of rows.slice(0, top)) {
      io.out(`${r.kernel.padEnd(36)} ${String(r.calls).padStart(6)} ${r.ms.toFixed(1).padStart(9)} ${((100 * r.ms) / Math.max(kernelMs, 1e-9)).toFixed(1).padStart(6)}  ${r.where}`);
    }
    if (rows.length > top) io.out(`… ${rows.length - top} more kernels (--top ${rows.length} lists all)`);
    if (scopeRows.length) {
      io.out(`custom-gradient ops (their time includes kernels listed above, so it is not added): ${scopeRows.map((r) => `${r.scope} ×${r.calls} ${r.ms.toFixed(1)} ms`).join(', ')}`);
    }
    if (summary.javaScriptKernelMs !== undefined) {
      const pct = (ms: number) => `${((100 * ms) / Math.max(kernelMs, 1e-9)).toFixed(1)}%`;
      const apart = sharing.length ? `; ${sharingMs.toFixed(1)} ms (${pct(sharingMs)}) of it in ${sharing.map((r) => r.kernel).join(', ')}, which compute nothing (they share their input's data)` : '';
      io.out(`kernel time in JavaScript: ${jsMs.toFixed(1)} ms (${pct(jsMs)})${apart}`);
    }
    io.out(`peak tensor memory ${(info.peakBytes / 2 ** 20).toFixed(1)} MiB; peak resident set ${(summary.peakRssBytes / 2 ** 20).toFixed(1)} MiB`);
    return 0;
  } finally {
    model.dispose?.();
  }
}
