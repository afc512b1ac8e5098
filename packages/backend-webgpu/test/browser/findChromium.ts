import { existsSync } from 'node:fs';

/** Where a Chromium or Chrome binary is installed; `CHROMIUM_PATH` overrides the search. */
export function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
  return candidates.find((c): c is string => !!c && existsSync(c));
}

/**
 * Flags for headless Chromium in CI: WebGPU exposed (on Linux it needs --enable-unsafe-webgpu; with
 * no GPU it runs on SwiftShader), no sandbox (root in containers), and nothing that reaches out.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--enable-unsafe-webgpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
