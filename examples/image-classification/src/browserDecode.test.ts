// The photos decoded and preprocessed in headless Chromium by @glassbox/viz's own sources, bundled
// for the browser with esbuild: the model input must be bit for bit what Node computes, because
// the decoders (fast-png, jpeg-js) and the resizing are plain JavaScript.
import { describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { decodeImage, encodePng, preprocessImages } from '@glassbox/viz';

const here = join(import.meta.dirname, '..');
const CHROMIUM = process.env.GLASSBOX_CHROMIUM ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && process.env.GLASSBOX_REQUIRE_BROWSER === '1') throw new Error(`GLASSBOX_REQUIRE_BROWSER=1 but there is no Chromium at ${CHROMIUM}`);

describe.skipIf(!haveChromium)('pictures in the browser', () => {
  it('decodes JPEG and PNG and preprocesses them in Chromium exactly as in Node', async () => {
    const bundle = await build({
      stdin: { contents: "export { decodeImage, preprocessImages } from '@glassbox/viz';", resolveDir: here, loader: 'ts' },
      alias: { '@glassbox/viz': join(here, '..', '..', 'packages', 'viz', 'src', 'index.ts') },
      bundle: true, format: 'iife', globalName: 'viz', platform: 'browser', write: false, logLevel: 'silent',
    });
    const code = bundle.outputFiles[0]!.text;
    expect(code).not.toMatch(/require\("(node:)?(fs|zlib|buffer|stream)"\)/);
    const jpeg = await readFile(join(here, 'photos', 'flower.jpg'));
    const png = Buffer.from(encodePng(decodeImage(new Uint8Array(await readFile(join(here, 'photos', 'china.jpg'))))));
    const options = { resize: [224, 224] as [number, number], normalize: { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] } };
    const inNode = preprocessImages(
      [{ name: 'flower.jpg', image: decodeImage(new Uint8Array(jpeg)) }, { name: 'china.png', image: decodeImage(new Uint8Array(png)) }],
      options,
    ).values;
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox'] });
    try {
      const page = await browser.newPage();
      await page.addScriptTag({ content: code });
      const inBrowser = await page.evaluate(([a, b, o]) => {
        const bytes = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
        const v = (window as unknown as { viz: { decodeImage: typeof decodeImage; preprocessImages: typeof preprocessImages } }).viz;
        const p = v.preprocessImages([{ name: 'flower.jpg', image: v.decodeImage(bytes(a as string)) }, { name: 'china.png', image: v.decodeImage(bytes(b as string)) }], o as typeof options);
        return Array.from(p.values);
      }, [jpeg.toString('base64'), png.toString('base64'), options] as const);
      expect(inBrowser.length).toBe(2 * 224 * 224 * 3);
      expect(Float32Array.from(inBrowser)).toEqual(inNode);
    } finally {
      await browser.close();
    }
  }, 300_000);
});
