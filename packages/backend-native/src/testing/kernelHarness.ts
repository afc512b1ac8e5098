// Test helpers (not exported from the package): run the same computation on cpu and native and
// compare, on seeded random data.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { ensureGradients } from '@glassbox/core';
import { loadAddon } from '../addon/loadAddon';
import type { NativeAddon } from '../addon/NativeAddon';
import { kernelStats } from '../kernels/kernelUtil';
import { registerNativeKernels } from '../registerNativeKernels';

tf.env().set('PROD', true);
await ensureGradients();

/** Loads the addon and registers the backend, or fails with a message saying how to build it. */
export function requireNative(): NativeAddon {
  let addon: NativeAddon;
  try {
    addon = loadAddon();
  } catch (e) {
    throw new Error(
      `The native addon is not built, so the native kernels cannot be tested. Build it with ` +
        `\`pnpm install\` at the repository root or \`node scripts/build-addon.cjs\` in packages/backend-native. ` +
        `(${e instanceof Error ? e.message : String(e)})`,
    );
  }
  registerNativeKernels();
  return addon;
}

/** Instruction sets to test on this machine: the detected one and every lower one. */
export function testedIsas(addon: NativeAddon): string[] {
  const order = ['portable', 'avx2', 'avx512'];
  return order.slice(0, order.indexOf(addon.info().detectedIsa) + 1).reverse();
}

/** Deterministic uniform numbers in [lo, hi). */
export function seeded(seed: number): (lo?: number, hi?: number) => number {
  let s = seed >>> 0;
  return (lo = -1, hi = 1) => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return lo + (hi - lo) * (((t ^ (t >>> 14)) >>> 0) / 4294967296);
  };
}

export function randomArray(n: number, seed: number, lo = -1, hi = 1): Float32Array {
  const r = seeded(seed);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = r(lo, hi);
  return out;
}

export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** A seeded random tensor on the current backend. */
export function rand(shape: number[], seed: number, lo = -1, hi = 1): tf.Tensor {
  return tf.tensor(randomArray(sizeOf(shape), seed, lo, hi), shape, 'float32');
}

interface Outcome {
  shapes: number[][];
  values: Float32Array[];
  error?: string;
}

function runOn(backend: string, fn: () => tf.Tensor | tf.Tensor[]): Outcome {
  tf.setBackend(backend);
  try {
    const out = tf.tidy(fn);
    const list = Array.isArray(out) ? out : [out];
    const r = { shapes: list.map((t) => t.shape), values: list.map((t) => Float32Array.from(t.dataSync() as Float32Array)) };
    tf.dispose(list);
    return r;
  } catch (e) {
    return { shapes: [], values: [], error: e instanceof Error ? e.message : String(e) };
  }
}

export interface Tolerance {
  rtol?: number;
  atol?: number;
  /** Kernels that must have run natively (not fallen back) during the native run. */
  natively?: string[];
}

function nativeCounts(names: string[]): number[] {
  return names.map((n) => {
    const s = kernelStats.get(n);
    if (!s) throw new Error(`${n} has no native kernel`);
    return s.native;
  });
}

/**
 * Runs `fn` on cpu and on native and checks equal shapes and values within tolerance
 * (|n − c| ≤ atol + rtol·|c|, NaN where cpu has NaN). Both may throw, alike.
 */
export function expectSameOnBoth(fn: () => tf.Tensor | tf.Tensor[], tol: Tolerance = {}): void {
  const { rtol = 1e-5, atol = 1e-5, natively = [] } = tol;
  const cpu = runOn('cpu', fn);
  const before = nativeCounts(natively);
  const nat = runOn('native', fn);
  tf.setBackend('cpu');
  const after = nativeCounts(natively);
  natively.forEach((n, i) => {
    if (!nat.error && after[i] === before[i]) throw new Error(`${n} did not run natively`);
  });
  if (cpu.error || nat.error) {
    if (!cpu.error) throw new Error(`native threw but cpu did not: ${nat.error}`);
    if (!nat.error) throw new Error(`cpu threw but native did not: ${cpu.error}`);
    return;
  }
  if (JSON.stringify(cpu.shapes) !== JSON.stringify(nat.shapes)) {
    throw new Error(`shapes differ: cpu ${JSON.stringify(cpu.shapes)} native ${JSON.stringify(nat.shapes)}`);
  }
  cpu.values.forEach((c, t) => {
    const n = nat.values[t];
    if (!n) throw new Error(`native gave no output ${t}; cpu gave ${cpu.values.length}`);
    for (let i = 0; i < c.length; i++) {
      const ci = c[i]!, ni = n[i]!;
      const ok = Number.isNaN(ci) ? Number.isNaN(ni) : ci === ni || Math.abs(ni - ci) <= atol + rtol * Math.abs(ci);
      if (!ok) throw new Error(`output ${t} element ${i} of ${c.length} (shape ${cpu.shapes[t]}): native ${ni} cpu ${ci}`);
    }
  });
}

/** Restores the detected ISA and default threads after a test that changed them. */
export function resetAddon(addon: NativeAddon, threads = 2): void {
  addon.setIsa(addon.info().detectedIsa);
  addon.setThreads(threads);
}
