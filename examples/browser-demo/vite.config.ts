import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { sourceAliases } from '../../vitest.shared.ts';
import { ISOLATION_HEADERS } from './scripts/isolationHeaders.ts';

// `@glassbox/*` resolve to the workspace sources (as in the tests), so the demo needs no package
// builds; GLASSBOX_DEMO_DIST=1 uses the built packages (their `exports`) instead, as a user would.
export default defineConfig({
  base: './',
  // No SPA fallback: a missing file (models/cnn when it was not trained) must be a 404.
  appType: 'mpa',
  resolve: { alias: process.env.GLASSBOX_DEMO_DIST === '1' ? [] : sourceAliases },
  server: { headers: ISOLATION_HEADERS },
  preview: { headers: ISOLATION_HEADERS },
  build: {
    outDir: 'dist',
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
    minify: false,
    // The wasm binaries are fetched by tfjs at run time; keep them as files, never inline them.
    assetsInlineLimit: (file) => (file.endsWith('.wasm') ? false : undefined),
    // Two pages: the demo, and the MobileNetV2 benchmark (scripts/benchMobilenet.ts drives it).
    rolldownOptions: {
      input: { main: fileURLToPath(new URL('index.html', import.meta.url)), bench: fileURLToPath(new URL('bench.html', import.meta.url)) },
    },
  },
});
