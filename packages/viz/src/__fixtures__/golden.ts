import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { decodePng } from '../decodePng';
import { encodePng } from '../encodePng';
import type { Image } from '../Image';

/** Golden files live in src/__golden__; `UPDATE_GOLDEN=1 npx vitest run` rewrites them. */
const DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '__golden__');
const update = process.env.UPDATE_GOLDEN === '1';

/**
 * Compares `image` with the golden PNG pixel by pixel. Tolerance: exact (0 levels) — the renderers
 * use integer colour math and lookup tables, so any difference is a real change.
 */
export function expectGoldenPng(name: string, image: Image): void {
  const path = join(DIR, `${name}.png`);
  if (update || !existsSync(path)) {
    mkdirSync(DIR, { recursive: true });
    writeFileSync(path, encodePng(image));
    if (!update) throw new Error(`Golden ${name}.png was missing and has been written; look at it, then re-run`);
  }
  const golden = decodePng(new Uint8Array(readFileSync(path)));
  expect([image.width, image.height]).toEqual([golden.width, golden.height]);
  let diff = 0;
  for (let i = 0; i < golden.data.length; i++) if (golden.data[i] !== image.data[i]) diff++;
  expect(diff, `${diff} channel values differ from ${name}.png`).toBe(0);
}

/** Compares text output (SVG, HTML) with a golden file, exactly. */
export function expectGoldenText(name: string, text: string): void {
  const path = join(DIR, name);
  if (update || !existsSync(path)) {
    mkdirSync(DIR, { recursive: true });
    writeFileSync(path, text);
    if (!update) throw new Error(`Golden ${name} was missing and has been written; look at it, then re-run`);
  }
  expect(text).toBe(readFileSync(path, 'utf8'));
}
