import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * True in the CommonJS build of the CLI, which `bin/glassbox.cjs` runs (Node loads tfjs's CommonJS
 * bundles through `require` about twice as fast as through `import`), false in the ESM build.
 */
export const COMMONJS = import.meta.url.endsWith('.cjs');

// A real dynamic import for the CommonJS build, which turns `import()` into `require`: ES modules
// cannot be required without a warning on Node 20.
const importFromCommonJs = (url: string) =>
  (new Function('url', 'return import(url)') as (url: string) => Promise<Record<string, unknown>>)(url);

/** Whether Node runs `path` as CommonJS: `.cjs`, or `.js` outside a `"type": "module"` package. */
function isCommonJs(path: string): boolean {
  if (path.endsWith('.cjs')) return true;
  if (!path.endsWith('.js')) return false;
  for (let d = dirname(path), i = 0; i < 32; i++, d = dirname(d)) {
    const pkg = join(d, 'package.json');
    if (existsSync(pkg)) return (JSON.parse(readFileSync(pkg, 'utf8')) as { type?: unknown }).type !== 'module';
    if (dirname(d) === d) break;
  }
  return true;
}

/**
 * Loads a module file the way the running build shares modules: `require` for CommonJS files in the
 * CommonJS build (one copy of `@glassbox/core` with the CLI), `import` otherwise.
 */
export async function loadModuleFile(path: string): Promise<Record<string, unknown>> {
  if (COMMONJS) return isCommonJs(path) ? (createRequire(path)(path) as Record<string, unknown>) : importFromCommonJs(pathToFileURL(path).href);
  return (await import(/* @vite-ignore */ pathToFileURL(path).href)) as Record<string, unknown>;
}
