/**
 * Headers that make the page cross-origin isolated, so `SharedArrayBuffer` works and tfjs loads its
 * threaded wasm binary. The dev server, the preview server and any host of `dist/` must send them.
 */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
} as const;
