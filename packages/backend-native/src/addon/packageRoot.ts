import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = '@glassbox/backend-native';

/** Directory of this module, in the ESM build (import.meta.url) and the CJS build (__dirname). */
function moduleDir(): string | undefined {
  if (typeof __dirname === 'string' && __dirname) return __dirname;
  try {
    const url = import.meta.url;
    if (url) return dirname(fileURLToPath(url));
  } catch {
    // import.meta is empty in the CJS build
  }
  return undefined;
}

/** The package's root folder (where binding.gyp and build/ live), found by walking up to its package.json. */
export function packageRoot(): string {
  let dir = moduleDir() ?? process.cwd();
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE_NAME) return dir;
      } catch {
        // unreadable manifest: keep walking
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot locate the ${PACKAGE_NAME} package folder from ${moduleDir() ?? process.cwd()}`);
    dir = parent;
  }
}
