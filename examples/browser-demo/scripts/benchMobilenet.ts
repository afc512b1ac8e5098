// The browser benchmark: MobileNetV2 (nsfwjs@4.4.0) saliency on 8 photos and integrated gradients
// (50 steps) on 2, on the wasm backend in headless Chromium, with wasm threads off and on. Settings
// are bench.html query strings (src/bench/benchTypes.ts), by default:
//   threads=1           the single-threaded SIMD binary
//   threads=auto        tfjs's choice: its threaded SIMD binary (the page is cross-origin isolated)
//                       with max(1, hardwareConcurrency / 2) threads, so 1 on a 2-core machine
//   threads=2&cores=4   the threaded binary with 2 threads: the page tells tfjs it has 4 logical
//                       cores, since tfjs caps its threads at half the count it sees
// Builds the demo (bench.html), serves dist/ with the isolation headers, loads each setting
// `--runs` times in a fresh browser context, in ABBA order (a, b, c, c, b, a, …) so a drift in the
// machine's load falls on every setting alike, compares the attributions between settings, writes
// bench/results/browser-wasm.json and prints a markdown table.
//   pnpm bench:browser [--runs 2 --methods saliency,ig --steps 50 --settings 'threads=1,threads=auto,threads=2&cores=4' --no-build --out file.json]
// (from the repository root; `pnpm --filter @glassbox-examples/browser-demo bench:mobilenet …` is the same)
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { BENCH_METHODS, type BenchMethod, type BenchPage, type BenchResult } from '../src/bench/benchTypes';
import { copyBenchAssets, copyModels } from './copyModels';
import { serveStatic } from './staticServer';

const demoRoot = dirname(dirname(fileURLToPath(import.meta.url)));
const repoRoot = join(demoRoot, '..', '..');
// pnpm 12 hands a `--` separator on to the script: skip it.
const argv = process.argv.slice(2).filter((a) => a !== '--');
const { values: args } = parseArgs({
  args: argv,
  options: {
    runs: { type: 'string', default: '2' },
    methods: { type: 'string', default: 'saliency,ig' },
    steps: { type: 'string', default: '50' },
    settings: { type: 'string', default: 'threads=1,threads=auto,threads=2&cores=4' },
    'no-build': { type: 'boolean', default: false },
    out: { type: 'string', default: join(repoRoot, 'bench', 'results', 'browser-wasm.json') },
    chromium: { type: 'string', default: process.env.GLASSBOX_CHROMIUM ?? '/usr/bin/chromium' },
  },
});
const runs = Number(args.runs);
const methods = args.methods.split(',').filter(Boolean) as BenchMethod[];
if (methods.some((m) => !(BENCH_METHODS as readonly string[]).includes(m))) throw new Error(`--methods ${args.methods}: expected ${BENCH_METHODS.join(', ')}`);
const settings = args.settings.split(',').filter(Boolean);
if (settings.length === 0 || !Number.isInteger(runs) || runs < 1) throw new Error('--settings needs at least one setting and --runs a positive integer');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

if (!args['no-build']) {
  copyModels();
  copyBenchAssets();
  const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  const built = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: demoRoot, encoding: 'utf8', env: { ...process.env, GLASSBOX_DEMO_DIST: '' } });
  if (built.status !== 0) throw new Error(`vite build failed:\n${built.stdout}\n${built.stderr}`);
}

interface Measured {
  setting: string;
  round: number;
  result: BenchResult;
  attributions: Partial<Record<BenchMethod, Float32Array>>;
}

/** Loads bench.html with `setting` in a fresh context and waits for its result and attributions. */
async function measure(browser: Browser, url: string, setting: string, round: number): Promise<Measured> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  try {
    const q = new URLSearchParams(setting);
    for (const [k, v] of Object.entries({ method: methods.join(','), steps: args.steps, photos: '8' })) q.set(k, v);
    await page.goto(`${url}bench.html?${q}`);
    await page.waitForFunction(() => ['done', 'error'].includes((window as unknown as { glassboxBench?: BenchPage }).glassboxBench?.state ?? ''), undefined, { timeout: 20 * 60_000, polling: 500 });
    const { state, error, result } = await page.evaluate(() => {
      const b = (window as unknown as { glassboxBench: BenchPage }).glassboxBench;
      return { state: b.state, error: b.error, result: b.result };
    });
    if (state !== 'done' || !result) throw new Error(`bench.html?${q} failed: ${error}\n${problems.join('\n')}`);
    if (problems.length > 0) throw new Error(`bench.html?${q} reported errors:\n${problems.join('\n')}`);
    const attributions: Measured['attributions'] = {};
    for (const m of methods) {
      const b64 = await page.evaluate((method) => (window as unknown as { glassboxBench: BenchPage }).glassboxBench.attributions(method), m);
      if (b64) {
        const bytes = Buffer.from(b64, 'base64');
        attributions[m] = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
      }
    }
    return { setting, round, result, attributions };
  } finally {
    await context.close();
  }
}

/** max |a − b| / max |a|. */
function relDiff(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new Error(`attributions of different sizes: ${a.length} vs ${b.length}`);
  let diff = 0, scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(a[i]!));
  }
  return diff / scale;
}

const loadBefore = loadavg();
const server = await serveStatic(join(demoRoot, 'dist'));
const browser = await chromium.launch({ executablePath: args.chromium, args: CHROMIUM_ARGS });
const measured: Measured[] = [];
try {
  for (let round = 0; round < runs; round++) {
    // ABBA: a, b, c, c, b, a, … so a change of load during the benchmark falls on every setting.
    const order = round % 2 === 0 ? settings : [...settings].reverse();
    for (const setting of order) {
      const m = await measure(browser, server.url, setting, round);
      measured.push(m);
      const w = m.result.wasm;
      console.log(`${setting} run ${round + 1}: ${m.result.backend}, ${w ? `${w.threaded ? 'threaded' : 'single-threaded'} binary, ${w.threads} thread(s), SIMD ${w.simd ? 'on' : 'off'}` : 'no wasm info'}; crossOriginIsolated ${m.result.crossOriginIsolated}; ${m.result.runs.map((r) => `${r.method} ${(r.durationMs / 1000).toFixed(2)} s`).join(', ')}`);
    }
  }
} finally {
  await browser.close().catch(() => undefined);
  await server.close();
}
const chromiumVersion = spawnSync(args.chromium, ['--version'], { encoding: 'utf8' }).stdout.trim();

// Rows: one per page load and method.
const rows = measured.flatMap((m) => m.result.runs.map((r) => ({
  setting: m.setting,
  run: m.round + 1,
  method: r.method,
  examples: r.examples,
  ...(r.steps === undefined ? {} : { steps: r.steps }),
  seconds: r.durationMs / 1000,
  wallSeconds: r.wallMs / 1000,
  backend: r.backend,
  threadedBinary: m.result.wasm?.threaded ?? null,
  wasmThreads: m.result.wasm?.threads ?? null,
  simd: m.result.wasm?.simd ?? null,
  crossOriginIsolated: m.result.crossOriginIsolated,
  hardwareConcurrency: m.result.hardwareConcurrency,
  ...(m.result.params.cores === undefined ? {} : { coresToldToTfjs: m.result.params.cores }),
  backendStartSeconds: m.result.backendStartMs / 1000,
  modelLoadSeconds: m.result.modelLoadMs / 1000,
  warmupSeconds: m.result.warmupMs / 1000,
  maxAbsAttribution: r.maxAbs,
  finite: r.finite,
  nonZero: r.nonZero,
  leakedTensors: r.leakedTensors,
})));

// Agreement: every setting's first run against the first setting's first run, and each setting's
// runs against its own first (is a setting deterministic from page load to page load?).
const agreement: { method: BenchMethod; a: string; b: string; maxAbsDiffOverMaxAbs: number }[] = [];
const first = (setting: string) => measured.find((m) => m.setting === setting)!;
for (const method of methods) {
  const ref = first(settings[0]!).attributions[method];
  for (const s of settings) {
    const own = first(s).attributions[method];
    if (!ref || !own) continue;
    if (s !== settings[0]) agreement.push({ method, a: `${settings[0]} run 1`, b: `${s} run 1`, maxAbsDiffOverMaxAbs: relDiff(ref, own) });
    for (const m of measured.filter((x) => x.setting === s && x.round > 0)) {
      const again = m.attributions[method];
      if (again) agreement.push({ method, a: `${s} run 1`, b: `${s} run ${m.round + 1}`, maxAbsDiffOverMaxAbs: relDiff(own, again) });
    }
  }
}

// Context only: the Node wasm number of the same case (another run, single-threaded: tfjs runs no wasm threads in Node).
interface NodeRow { model: string; case: string; side: string; inProcessSeconds?: number; skipped?: string }
let nodeContext: { generatedAt: string; rows: NodeRow[] } | undefined;
try {
  const j = JSON.parse(readFileSync(join(repoRoot, 'bench', 'results', 'mobilenet.json'), 'utf8')) as { generatedAt: string; rows: NodeRow[] };
  nodeContext = { generatedAt: j.generatedAt, rows: j.rows.filter((r) => r.model === 'MobileNetV2' && r.side === 'glassbox wasm') };
} catch {
  nodeContext = undefined;
}

/** A setting as it ran: the binary and the thread count tfjs reported. */
function describe(setting: string): string {
  const r = rows.find((x) => x.setting === setting);
  return r ? `${r.threadedBinary ? 'threaded' : 'single-threaded'} binary, ${r.wasmThreads} thread${r.wasmThreads === 1 ? '' : 's'}` : 'did not run';
}

const out = resolve(args.out);
mkdirSync(dirname(out), { recursive: true });
const sample = measured[0]!.result;
writeFileSync(out, `${JSON.stringify({
  benchmark: 'MobileNetV2 on wasm in headless Chromium, wasm threads off and on',
  generatedAt: new Date().toISOString(),
  command: `pnpm bench:browser${argv.length > 0 ? ` ${argv.join(' ')}` : ''}`,
  options: { runs, methods, steps: Number(args.steps), settings },
  node: process.version,
  chromium: chromiumVersion,
  userAgent: sample.userAgent,
  machine: { cpu: cpus()[0]?.model ?? 'unknown', logicalCores: cpus().length, hardwareConcurrency: sample.hardwareConcurrency },
  // 1-, 5- and 15-minute load averages when the runs began and ended: other work on the machine.
  loadAverage: { before: loadBefore, after: loadavg() },
  model: 'nsfwjs@4.4.0 MobileNetV2 (examples/image-classification/models/mobilenet_v2), target 2 ("Neutral")',
  inputs: 'saliency: the 8 photos of bench/support/mobilenetPhotos.mjs (the 2 fixture photos, mirrors, dimmed copies); integrated gradients: the 2 photos, zero baseline, Gauss–Legendre',
  settings: Object.fromEntries(settings.map((s) => [s, describe(s)])),
  timing: 'seconds: the explanation\'s own timing (timing.durationMs), after one saliency warm-up on one photo in the same page; each run is a fresh page load (browser context); runs in ABBA order',
  rows,
  agreement,
  nodeContext,
}, null, 2)}\n`);

// The table: per case, every run of every setting, and each setting's mean against the first's.
const f = (v: number) => v.toFixed(2);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const cases = [...new Set(rows.map((r) => `${r.method}|${r.examples}|${r.steps ?? ''}`))];
console.log(`\n${chromiumVersion}, ${sample.hardwareConcurrency} logical cores, crossOriginIsolated ${String(sample.crossOriginIsolated)}; seconds per run (the explanation's timing), ${runs} run${runs === 1 ? '' : 's'} per setting in ABBA order; (n×): the first setting's mean time over this one's\n`);
console.log(`| case | ${settings.map((s) => `\`${s}\` (${describe(s)})`).join(' | ')} |`);
console.log(`|---|${settings.map(() => '---|').join('')}`);
for (const c of cases) {
  const [method, examples, steps] = c.split('|');
  const of = (s: string) => rows.filter((r) => `${r.method}|${r.examples}|${r.steps ?? ''}` === c && r.setting === s).map((r) => r.seconds);
  const label = method === 'ig' ? `integrated gradients, ${steps} steps, ${examples} photos` : `saliency, ${examples} photos`;
  const base = mean(of(settings[0]!));
  const cell = (s: string) => `${of(s).map(f).join(' / ')}${s === settings[0] ? '' : ` (${f(base / mean(of(s)))}×)`}`;
  console.log(`| ${label} | ${settings.map(cell).join(' | ')} |`);
}
for (const a of agreement) console.log(`${a.method}: ${a.a} vs ${a.b}: max |Δ| / max |attribution| = ${a.maxAbsDiffOverMaxAbs.toExponential(1)}`);
if (nodeContext) for (const r of nodeContext.rows) console.log(`context, Node wasm (${nodeContext.generatedAt}, single-threaded): ${r.case}: ${r.inProcessSeconds === undefined ? (r.skipped ?? '—') : `${f(r.inProcessSeconds)} s`}`);
console.log(`load average (1, 5, 15 min) before ${loadBefore.map((l) => l.toFixed(2)).join(', ')}, after ${loadavg().map((l) => l.toFixed(2)).join(', ')}`);
console.log(`\nwrote ${relative(process.cwd(), out)}`);
