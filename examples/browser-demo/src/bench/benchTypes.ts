// What bench.html takes (query parameters) and what it leaves on `window.glassboxBench` for the
// driver (scripts/benchMobilenet.ts) and the end-to-end test: no DOM or tfjs here, so Node code can
// import it.
import type { WasmBackendInfo } from '@glassbox/backend-wasm';

/** The explanations bench.html can time. */
export const BENCH_METHODS = ['saliency', 'ig'] as const;
export type BenchMethod = (typeof BENCH_METHODS)[number];

/** The output explained: class 2, "Neutral" (as bench/results/mobilenet.json). */
export const BENCH_TARGET = 2;
/** The memory budget of every explanation: 2048 MiB, as the Node benchmark's `--memory-budget-mb 2048`. */
export const BENCH_MEMORY_BUDGET_BYTES = 2048 * 1024 * 1024;

/** bench.html's query parameters, parsed. */
export interface BenchParams {
  /** `'auto'`: tfjs's choice (the threaded binary where the page is cross-origin isolated); a number: `wasmBackend({ threads })` (1 forces the single-threaded binary). */
  threads: 'auto' | number;
  /** Methods timed, in this order. */
  methods: BenchMethod[];
  /** Integrated-gradients integration points (Gauss–Legendre). */
  steps: number;
  /** Photos explained by saliency (the first n of the 8); integrated gradients take the first min(n, 2). */
  photos: number;
  /** Timed runs of each method (after one warm-up). */
  repeat: number;
  /**
   * What the page tells tfjs `navigator.hardwareConcurrency` is, when set. tfjs caps its wasm
   * threads at half of it (it assumes two hardware threads per core), so on a machine reporting 2
   * logical cores it runs 1 thread whatever it is asked; `cores=4` lets `threads=2` run 2.
   */
  cores?: number | undefined;
}

/**
 * Reads `?threads=1|auto|<n>&method=saliency,ig&steps=50&photos=8&repeat=1&cores=<n>` (all
 * optional: the defaults are threads auto, saliency only, 50 steps, 8 photos, 1 run, the real
 * core count). Throws on anything else, naming the parameter.
 */
export function parseBenchParams(search: string): BenchParams {
  const q = new URLSearchParams(search);
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = q.get(name);
    if (raw === null || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`?${name}=${raw}: expected an integer from ${min} to ${max}`);
    return n;
  };
  const threadsRaw = q.get('threads') ?? 'auto';
  const threads = threadsRaw === 'auto' ? 'auto' : int('threads', 1, 1, 64);
  const methods = (q.get('method') ?? 'saliency').split(',').filter(Boolean);
  const unknown = methods.filter((m) => !(BENCH_METHODS as readonly string[]).includes(m));
  if (methods.length === 0 || unknown.length > 0) throw new Error(`?method=${q.get('method')}: expected a comma-separated list of ${BENCH_METHODS.join(', ')}`);
  const cores = q.has('cores') ? int('cores', 0, 1, 256) : undefined;
  return { threads, methods: methods as BenchMethod[], steps: int('steps', 50, 1, 1000), photos: int('photos', 8, 1, 8), repeat: int('repeat', 1, 1, 20), cores };
}

/** One timed explanation. */
export interface BenchRun {
  method: BenchMethod;
  /** Examples explained (one batch). */
  examples: number;
  steps?: number | undefined;
  /** Which run of this method (0-based). */
  run: number;
  /** The explanation's own timing (`timing.durationMs`), as the CLI prints it. */
  durationMs: number;
  /** Around the whole `explain()` call on the page (performance.now). */
  wallMs: number;
  /** The backend the explanation records. */
  backend: string;
  /** max |attribution|: a sanity value (0 or NaN means something broke). */
  maxAbs: number;
  /** Every attribution finite. */
  finite: boolean;
  /** Attributions that are not 0. */
  nonZero: number;
  /** Values in the attributions. */
  size: number;
  /** tf tensors alive after the run minus before it (0: no leak). */
  leakedTensors: number;
}

/** Everything bench.html measured. */
export interface BenchResult {
  params: BenchParams;
  crossOriginIsolated: boolean;
  sharedArrayBuffer: boolean;
  /** `navigator.hardwareConcurrency` of the browser (before any `cores` override). */
  hardwareConcurrency: number;
  userAgent: string;
  /** `wasmBackendInfo()` after the backend started. */
  wasm: WasmBackendInfo | undefined;
  /** The backend Glassbox runs on (`wasm`, or the fallback). */
  backend: string;
  /** Fetching and building the model (tfjs-layers `loadLayersModel` + `fromLayersModel`). */
  modelLoadMs: number;
  /** Starting the backend (binary download and compile, threads). */
  backendStartMs: number;
  /** One saliency explanation of one photo, before any timed run. */
  warmupMs: number;
  runs: BenchRun[];
}

/** `window.glassboxBench`: the page's state, its result, and the last attributions of a method. */
export interface BenchPage {
  state: 'loading' | 'running' | 'done' | 'error';
  error?: string;
  result?: BenchResult;
  /** The last run's attributions of `method`, float32 little-endian, base64 (for comparisons between runs). */
  attributions(method: BenchMethod): string | undefined;
}
