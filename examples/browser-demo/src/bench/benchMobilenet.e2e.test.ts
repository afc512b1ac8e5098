// End to end: bench.html in headless Chromium (playwright-core) on one photo, with wasm threads
// (the threaded binary, 2 threads: `cores=4` because tfjs caps its threads at half the logical
// cores it sees) and without, as scripts/benchMobilenet.ts runs it for the full benchmark. Checks
// that the page is cross-origin isolated, that the threads really start, that saliency of the real
// MobileNetV2 is finite and not blank, leaks no tensor, and matches the single-threaded run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { copyBenchAssets, copyModels } from '../../scripts/copyModels';
import { serveStatic, type StaticServer } from '../../scripts/staticServer';
import type { BenchPage, BenchResult } from './benchTypes';

const demoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// Its own build folder, so it never races demo.e2e.test.ts building dist/.
const outDir = join(demoRoot, 'test-results', 'bench-dist');
const CHROMIUM = process.env.GLASSBOX_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && process.env.GLASSBOX_REQUIRE_BROWSER === '1') throw new Error(`GLASSBOX_REQUIRE_BROWSER=1 but there is no Chromium at ${CHROMIUM} (apt-get install chromium, or set GLASSBOX_CHROMIUM)`);
if (!haveChromium) console.warn(`browser-demo bench e2e skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set GLASSBOX_CHROMIUM)`);

describe.skipIf(!haveChromium)('bench.html: MobileNetV2 saliency on wasm in headless Chromium', () => {
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    copyModels();
    copyBenchAssets();
    const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
    const built = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'], { cwd: demoRoot, encoding: 'utf8', env: { ...process.env, GLASSBOX_DEMO_DIST: '' } });
    if (built.status !== 0) throw new Error(`vite build failed:\n${built.stdout}\n${built.stderr}`);
    server = await serveStatic(outDir);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** bench.html with `query`: its result and the saliency attributions. */
  async function run(query: string): Promise<{ result: BenchResult; attributions: Float32Array }> {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
    try {
      await page.goto(`${server.url}bench.html?${query}`);
      await page.waitForSelector('body[data-state="done"], body[data-state="error"]', { timeout: 90_000 });
      const { state, error, result, b64 } = await page.evaluate(() => {
        const b = (window as unknown as { glassboxBench: BenchPage }).glassboxBench;
        return { state: b.state, error: b.error, result: b.result, b64: b.attributions('saliency') };
      });
      expect(error).toBeUndefined();
      expect(state).toBe('done');
      expect(problems).toEqual([]);
      const bytes = Buffer.from(b64!, 'base64');
      return { result: result!, attributions: new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4) };
    } finally {
      await page.close();
    }
  }

  it('threads start (threaded binary, 2 threads) and give the single-threaded saliency of one photo', async () => {
    const threaded = await run('threads=2&cores=4&method=saliency&photos=1');
    expect(threaded.result.crossOriginIsolated, 'COOP/COEP make the page cross-origin isolated').toBe(true);
    expect(threaded.result.backend).toBe('wasm');
    expect(threaded.result.wasm).toMatchObject({ simd: true, threaded: true, threads: 2, tunedKernels: true });
    const [r] = threaded.result.runs;
    expect(r).toMatchObject({ method: 'saliency', examples: 1, backend: 'wasm', finite: true, leakedTensors: 0, size: 224 * 224 * 3 });
    expect(r!.maxAbs).toBeGreaterThan(0);
    expect(r!.nonZero).toBeGreaterThan(0.5 * r!.size);

    const single = await run('threads=1&method=saliency&photos=1');
    expect(single.result.wasm).toMatchObject({ simd: true, threaded: false, threads: 1 });
    let diff = 0;
    for (let i = 0; i < single.attributions.length; i++) diff = Math.max(diff, Math.abs(single.attributions[i]! - threaded.attributions[i]!));
    expect(threaded.attributions.length).toBe(single.attributions.length);
    expect(diff / single.result.runs[0]!.maxAbs, 'max |Δ| / max |attribution|, threaded vs single-threaded').toBeLessThan(1e-5);
    console.log(`bench e2e: saliency of one photo ${r!.durationMs.toFixed(0)} ms with 2 threads, ${single.result.runs[0]!.durationMs.toFixed(0)} ms with 1; max |Δ| / max |attribution| ${(diff / single.result.runs[0]!.maxAbs).toExponential(1)}`);
  });
});
