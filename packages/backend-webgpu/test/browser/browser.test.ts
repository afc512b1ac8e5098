import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createRandom, fromFunction, useBackend } from '@glassbox/core';
import { integratedGradients } from '@glassbox/integrated-gradients';
import { servePage } from './servePage';
import { CHROMIUM_ARGS, findChromium } from './findChromium';
import type { IgRequest, IgResponse } from './page';

const chromiumPath = findChromium();
if (!chromiumPath && process.env.GLASSBOX_REQUIRE_BROWSER === '1') throw new Error('GLASSBOX_REQUIRE_BROWSER=1 but there is no Chromium (apt-get install chromium, or set CHROMIUM_PATH)');
if (!chromiumPath) console.warn('[backend-webgpu] skipping the browser test: no Chromium (apt-get install chromium, or set CHROMIUM_PATH)');

/** A seeded 48 → 24 tanh → 5 softmax MLP and a batch of 4 continuous inputs. */
function request(backend: string): IgRequest {
  const rng = createRandom(21);
  const layer = (inputs: number, outputs: number) => ({
    inputs,
    outputs,
    w: Array.from(rng.fillNormal(new Float32Array(inputs * outputs), 0, 1 / Math.sqrt(inputs))),
    b: Array.from(rng.fillNormal(new Float32Array(outputs), 0, 0.1)),
  });
  return { backend, layers: [layer(48, 24), layer(24, 5)], inputs: Array.from(rng.fillUniform(new Float32Array(4 * 48), -1, 1)), batch: 4, steps: 16, target: 2 };
}

/** The same explanation in Node on the cpu backend: the reference the page must match. */
async function inNode(req: IgRequest): Promise<Float32Array> {
  await useBackend('cpu');
  const weights = req.layers.map((l) => ({ w: tf.tensor2d(l.w, [l.inputs, l.outputs]), b: tf.tensor1d(l.b) }));
  const forward = (x: tf.Tensor) => weights.reduce((h, l, i) => (i === weights.length - 1 ? tf.softmax : tf.tanh)(tf.add(tf.matMul(h as tf.Tensor2D, l.w), l.b)), x);
  const model = fromFunction(forward, { inputShape: [48], outputShape: [5] });
  const e = await integratedGradients({ steps: req.steps }).explain(model, { values: Float32Array.from(req.inputs), shape: [req.batch, 48] }, { target: req.target });
  tf.dispose(weights.flatMap((l) => [l.w, l.b]));
  return e.attributions;
}

/** Per example: max|page − node| ≤ 1e-3 · max|node| + 1e-6 (the backend conformance tolerance). */
function expectMatches(got: number[], want: Float32Array, batch: number) {
  expect(got.length).toBe(want.length);
  const per = want.length / batch;
  for (let i = 0; i < batch; i++) {
    let maxRef = 0, maxDiff = 0;
    for (let j = i * per; j < (i + 1) * per; j++) {
      maxRef = Math.max(maxRef, Math.abs(want[j]!));
      maxDiff = Math.max(maxDiff, Math.abs(got[j]! - want[j]!));
    }
    expect(maxDiff, `example ${i}`).toBeLessThanOrEqual(1e-6 + 1e-3 * maxRef);
  }
}

describe.skipIf(!chromiumPath)('integrated gradients in headless Chromium match Node', () => {
  let browser: Browser;
  let page: Page;
  let server: Awaited<ReturnType<typeof servePage>>;
  const errors: string[] = [];

  beforeAll(async () => {
    server = await servePage();
    browser = await chromium.launch({ executablePath: chromiumPath!, args: CHROMIUM_ARGS }); // skipIf: found
    page = await browser.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url);
    await page.waitForFunction(() => (globalThis as { pageReady?: boolean }).pageReady === true, undefined, { timeout: 60_000 });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const run = (req: IgRequest) => page.evaluate((r) => (globalThis as unknown as { runIg(r: IgRequest): Promise<IgResponse> }).runIg(r), req);

  it('on wasm (SIMD, threads in the cross-origin-isolated page)', async () => {
    const req = request('wasm');
    const got = await run(req);
    expect(errors).toEqual([]);
    expect(got).toMatchObject({ backend: 'wasm', recorded: 'wasm', fellBack: false, crossOriginIsolated: true });
    // COOP/COEP make the page cross-origin isolated, so tfjs loads the threaded SIMD binary. (How
    // many threads it then starts is tfjs's call: one on a 2-core machine, whatever was asked.)
    expect(got.info, JSON.stringify(got.info)).toMatchObject({ simd: true, threaded: true, tunedKernels: true, wasmPaths: '/wasm/' });
    expect((got.info as { threads: number }).threads).toBeGreaterThanOrEqual(1);
    expectMatches(got.attributions, await inNode(req), req.batch);
  });

  it('on webgpu', async () => {
    const req = request('webgpu');
    const got = await run(req);
    expect(errors).toEqual([]);
    expect(got, got.failures.join('; ')).toMatchObject({ backend: 'webgpu', recorded: 'webgpu', fellBack: false });
    console.log(`browser WebGPU adapter: ${JSON.stringify((got.info as { adapter: unknown }).adapter)}`);
    expectMatches(got.attributions, await inNode(req), req.batch);
  });
});
