import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { build, type Plugin } from 'esbuild';

const here = import.meta.dirname;
const packagesDir = resolve(here, '../../..');

/** `@glassbox/<pkg>[/<entry>]` → that package's sources, as the vitest config maps them. */
const glassboxSources: Plugin = {
  name: 'glassbox-sources',
  setup(b) {
    b.onResolve({ filter: /^@glassbox\/[a-z0-9-]+(\/[a-z0-9-]+)?$/ }, (args) => {
      const [, pkg, entry = 'index'] = /^@glassbox\/([a-z0-9-]+)(?:\/([a-z0-9-]+))?$/.exec(args.path)!;
      return { path: join(packagesDir, pkg!, 'src', `${entry}.ts`) };
    });
  },
};

/** Bundles page.ts for the browser (ESM, one file). */
export async function bundlePage(): Promise<string> {
  const out = await build({
    entryPoints: [join(here, 'page.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    plugins: [glassboxSources],
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  return out.outputFiles[0]!.text;
}

/** The folder of the installed tfjs-backend-wasm binaries. */
function wasmDir(): string {
  const require = createRequire(join(packagesDir, 'backend-wasm', 'package.json'));
  return join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
}

const HTML = '<!doctype html><meta charset="utf-8"><title>glassbox browser test</title><script type="module" src="/page.js"></script>';

/**
 * Serves the page on 127.0.0.1 (a secure context, so WebGPU is exposed) with the COOP/COEP
 * headers that make it cross-origin isolated (SharedArrayBuffer, so wasm threads), and the wasm
 * binaries under /wasm/.
 */
export async function servePage(): Promise<{ url: string; close: () => Promise<void> }> {
  const script = await bundlePage();
  const binaries = wasmDir();
  const server: Server = createServer(async (req, res) => {
    const headers = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp', 'Cache-Control': 'no-store' };
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    try {
      if (path === '/') return void res.writeHead(200, { ...headers, 'Content-Type': 'text/html' }).end(HTML);
      if (path === '/page.js') return void res.writeHead(200, { ...headers, 'Content-Type': 'text/javascript' }).end(script);
      const wasm = /^\/wasm\/(tfjs-backend-wasm[a-z-]*\.wasm)$/.exec(path);
      if (wasm) return void res.writeHead(200, { ...headers, 'Content-Type': 'application/wasm' }).end(await readFile(join(binaries, wasm[1]!)));
      res.writeHead(404, headers).end('not found');
    } catch (e) {
      res.writeHead(500, headers).end(String(e));
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((ok) => server.close(() => ok())) };
}
