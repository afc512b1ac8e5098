// End to end: builds the page with Vite, serves dist/ with the cross-origin-isolation headers,
// and drives it in headless Chromium with playwright-core: choose a backend, draw a "3", wait for
// the heatmaps, take a screenshot, check the heatmaps are not blank and that the page reports the
// backend chosen (or, for WebGPU, says honestly why it fell back).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { decodePng } from '@glassbox/viz';
import { copyModels } from '../scripts/copyModels';
import { serveStatic, type StaticServer } from '../scripts/staticServer';
import { STROKE_THREE, type Stroke } from './strokes';

const demoRoot = dirname(dirname(fileURLToPath(import.meta.url)));
const repoRoot = join(demoRoot, '..', '..');
const CHROMIUM = process.env.GLASSBOX_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--enable-unsafe-webgpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && process.env.GLASSBOX_REQUIRE_BROWSER === '1') throw new Error(`GLASSBOX_REQUIRE_BROWSER=1 but there is no Chromium at ${CHROMIUM} (apt-get install chromium, or set GLASSBOX_CHROMIUM)`);
if (!haveChromium) console.warn(`browser-demo e2e skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set GLASSBOX_CHROMIUM)`);

/** Variance of the luma and number of distinct colours of an RGBA buffer. */
function pixelStats(data: ArrayLike<number>): { variance: number; colours: number } {
  const n = data.length / 4, colours = new Set<number>();
  let sum = 0, sq = 0;
  for (let p = 0; p < n; p++) {
    const y = 0.299 * data[p * 4]! + 0.587 * data[p * 4 + 1]! + 0.114 * data[p * 4 + 2]!;
    sum += y; sq += y * y;
    colours.add((data[p * 4]! << 16) | (data[p * 4 + 1]! << 8) | data[p * 4 + 2]!);
  }
  return { variance: sq / n - (sum / n) ** 2, colours: colours.size };
}

/** The RGBA pixels painted on canvas `#id`. */
function canvasPixels(page: Page, id: string): Promise<number[]> {
  return page.evaluate((canvasId) => {
    const c = document.getElementById(canvasId) as HTMLCanvasElement;
    return Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data);
  }, id);
}

async function canvasStats(page: Page, id: string) {
  return pixelStats(await canvasPixels(page, id));
}

/** An element's `data-*` attributes and its text. */
async function dataOf(page: Page, selector: string): Promise<Record<string, string | undefined> & { text: string }> {
  return page.locator(selector).evaluate((el: HTMLElement) => ({ ...el.dataset, text: el.textContent ?? '' }));
}

async function draw(page: Page, stroke: Stroke): Promise<void> {
  const box = (await page.locator('#pad').boundingBox())!;
  const at = ([x, y]: [number, number]) => [box.x + x * box.width, box.y + y * box.height] as const;
  await page.mouse.move(...at(stroke[0]!));
  await page.mouse.down();
  for (const p of stroke.slice(1)) await page.mouse.move(...at(p), { steps: 3 });
  await page.mouse.up();
}

describe.skipIf(!haveChromium)('browser demo in headless Chromium (playwright-core)', () => {
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    copyModels();
    const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
    const built = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: demoRoot, encoding: 'utf8', env: { ...process.env, GLASSBOX_DEMO_DIST: '' } });
    if (built.status !== 0) throw new Error(`vite build failed:\n${built.stdout}\n${built.stderr}`);
    server = await serveStatic(join(demoRoot, 'dist'));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const choice of ['wasm', 'webgpu'] as const) {
    it(`${choice}: draw a 3, see the prediction and two non-blank heatmaps, and the backend it ran on`, async () => {
      const status = await driveDemo(browser, choice, 'browser-demo-' + choice);
      if (choice === 'wasm') expect(status.active).toBe('wasm');
    }, 300_000);
  }

  it('webgpu without an adapter (Chromium without --enable-unsafe-webgpu): says why and falls back to wasm', async () => {
    const plain = await chromium.launch({ executablePath: CHROMIUM, args: [...ARGS.filter((a) => a !== '--enable-unsafe-webgpu'), '--disable-gpu'] });
    try {
      const status = await driveDemo(plain, 'webgpu', 'browser-demo-webgpu-unavailable');
      expect(status).toMatchObject({ requested: 'webgpu', active: 'wasm', fellBack: 'true' });
      expect(status.reason).toContain('No WebGPU adapter');
    } finally {
      await plain.close();
    }
  }, 300_000);

  /**
   * Opens the demo, chooses `choice` in the backend menu, draws a 3 and checks the result; saves a
   * screenshot as test-results/<shot>.png (and, with UPDATE_SCREENSHOTS=1, in docs/screenshots/
   * when the chosen backend ran). Returns the backend status the page reported.
   */
  async function driveDemo(b: Browser, choice: 'wasm' | 'webgpu', shot: string): Promise<Record<string, string | undefined>> {
    const page = await b.newPage({ viewport: { width: 1280, height: 720 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
    try {
      await page.goto(server.url);
      expect(await page.evaluate(() => crossOriginIsolated), 'COOP/COEP headers make the page cross-origin isolated').toBe(true);
      await page.waitForSelector('body[data-state="ready"]', { timeout: 60_000 });
      await page.selectOption('#backend', choice);
      await page.waitForSelector(`#backend-status[data-requested="${choice}"]`, { timeout: 60_000 });
      await page.waitForSelector('body[data-state="ready"]', { timeout: 150_000 });
      const blank = await canvasStats(page, 'saliency');
      expect(blank.variance, 'heatmap before drawing').toBe(0);

      await draw(page, STROKE_THREE);
      await page.waitForSelector('body[data-runs="1"][data-state="done"]', { timeout: 120_000 });
      mkdirSync(join(demoRoot, 'test-results'), { recursive: true });
      const file = join(demoRoot, 'test-results', `${shot}.png`);
      const png = await page.screenshot({ path: file });
      expect(pixelStats(decodePng(new Uint8Array(png)).data).variance).toBeGreaterThan(100);

      // The heatmaps: painted pixels (the canvases), and what is on screen (element screenshots).
      for (const id of ['saliency', 'ig']) {
        const painted = await canvasStats(page, id);
        expect(painted.variance, `${id} canvas pixel variance`).toBeGreaterThan(20);
        expect(painted.colours, `${id} distinct colours`).toBeGreaterThan(20);
        const seen = decodePng(new Uint8Array(await page.locator(`#${id}`).screenshot()));
        expect(pixelStats(seen.data).variance, `${id} on screen`).toBeGreaterThan(20);
      }
      expect(await page.getAttribute('#prediction', 'data-answer')).toBe('a 3');
      // The overlay option repaints the heatmaps over the digit.
      const alone = await canvasPixels(page, 'ig');
      await page.check('#overlay');
      const over = await canvasPixels(page, 'ig');
      expect(over.length).toBe(alone.length);
      expect(over.filter((v, i) => v !== alone[i]).length, 'pixels changed by the overlay').toBeGreaterThan(100);

      // The backend: the one chosen, or for WebGPU an honest fallback with the reason.
      const status = await dataOf(page, '#backend-status');
      if (status.active === choice) {
        expect(status.fellBack).toBe('false');
        expect(status.text).toContain(`Running on ${choice}`);
      } else {
        expect(choice, `${choice} was chosen but ${status.active} runs: ${status.text}`).toBe('webgpu');
        expect(status).toMatchObject({ fellBack: 'true', active: 'wasm' });
        expect(status.reason).toMatch(/WebGPU|adapter|navigator\.gpu/);
        expect(status.text).toContain(`WebGPU is unavailable: ${status.reason}`);
        expect(status.text).toContain('Running on wasm');
      }
      for (const id of ['saliency-time', 'ig-time']) {
        const t = await dataOf(page, `#${id}`);
        expect(t.backend, `${id} backend`).toBe(status.active);
        expect(Number(t.ms)).toBeGreaterThan(0);
        expect(t.text).toMatch(new RegExp(`\\d ms on ${status.active}$`));
      }
      console.log(`browser-demo e2e [${shot}]: ${status.text} | saliency: ${await page.textContent('#saliency-time')} | IG: ${await page.textContent('#ig-time')}`);
      if (process.env.UPDATE_SCREENSHOTS === '1' && status.active === choice) {
        const docs = join(repoRoot, 'docs', 'screenshots');
        mkdirSync(docs, { recursive: true });
        copyFileSync(file, join(docs, `${shot}.png`));
      }
      expect(problems).toEqual([]);
      return status;
    } finally {
      await page.close();
    }
  }
});
