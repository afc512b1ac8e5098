import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { useCliWorkspace } from '../useCliWorkspace';

// Runs the built CLI (bin/glassbox.cjs → dist) with Node module hooks (import and require) that log
// every module URL loaded, so what is observed is what Node really imported, not what discovery says it did.
const bin = join(import.meta.dirname, '..', '..', 'bin', 'glassbox.cjs');
const cliPackageJson = join(import.meta.dirname, '..', '..', 'package.json');
let register: string;
let log: string;
const { ws } = useCliWorkspace(async (ws) => {
  log = join(ws.dir, 'imports.log');
  await writeFile(join(ws.dir, 'log-hooks.mjs'), `import { appendFileSync } from 'node:fs';
export async function load(url, context, nextLoad) {
  appendFileSync(${JSON.stringify(log)}, url + '\\n');
  return nextLoad(url, context);
}
`);
  // The bin runs the CommonJS build, which loads plugins with require: log those too.
  register = join(ws.dir, 'log-imports.mjs');
  await writeFile(register, `import { createRequire, register } from 'node:module';
import { appendFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
register(${JSON.stringify(pathToFileURL(join(ws.dir, 'log-hooks.mjs')).href)});
const Module = createRequire(import.meta.url)('node:module');
const load = Module._load;
Module._load = function (request, parent, isMain) {
  const file = Module._resolveFilename(request, parent, isMain);
  if (isAbsolute(file)) appendFileSync(${JSON.stringify(log)}, pathToFileURL(file).href + '\\n');
  return load.apply(this, arguments);
};
`);
});

/** The CLI's built-in plugin packages (dependencies with a "glassbox" manifest) and their folders as file URLs. */
async function builtInPlugins(): Promise<Map<string, string>> {
  const require = createRequire(cliPackageJson);
  const deps = Object.keys((JSON.parse(readFileSync(cliPackageJson, 'utf8')) as { dependencies: Record<string, string> }).dependencies);
  const out = new Map<string, string>();
  for (const name of deps) {
    let pkgJson: string;
    try {
      pkgJson = require.resolve(`${name}/package.json`);
    } catch {
      continue;
    }
    if (!(JSON.parse(await readFile(pkgJson, 'utf8')) as { glassbox?: unknown }).glassbox) continue;
    out.set(name, `${pathToFileURL(await realpath(dirname(pkgJson))).href}/`);
  }
  return out;
}

/** Runs the CLI in the workspace under the hook; the plugin packages whose modules were loaded. */
async function pluginsImportedBy(...argv: string[]): Promise<{ code: number | null; stderr: string; imported: string[] }> {
  await rm(log, { force: true });
  const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const p = spawn(process.execPath, ['--import', pathToFileURL(register).href, bin, ...argv], { cwd: ws.dir, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    p.stderr.on('data', (d) => (stderr += d));
    p.on('exit', (code) => resolve({ code, stderr }));
  });
  const urls = (await readFile(log, 'utf8')).split('\n');
  const plugins = await builtInPlugins();
  const imported = [...plugins].filter(([, dir]) => urls.some((u) => u.startsWith(dir))).map(([name]) => name).sort();
  return { code, stderr, imported };
}

describe('built-in plugin packages a command imports (observed by a module hook)', () => {
  it('explain --method saliency imports @glassbox/gradient-saliency and no other plugin package', async () => {
    const r = await pluginsImportedBy('explain', '--model', ws.model, '--input', ws.inputs, '--method', 'saliency', '--backend', 'cpu', '--out', join(ws.dir, 'saliency.json'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.imported).toEqual(['@glassbox/gradient-saliency']);
  });

  it('explain --method lime --backend wasm imports the method\'s package and the backend\'s, nothing else', async () => {
    const r = await pluginsImportedBy('explain', '--model', ws.model, '--input', ws.inputs, '--method', 'lime', '--samples', '50', '--backend', 'wasm', '--out', join(ws.dir, 'lime.json'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.imported).toEqual(['@glassbox/backend-wasm', '@glassbox/perturbation']);
  });

  it('methods imports every explainer package (the hook sees them)', async () => {
    const r = await pluginsImportedBy('methods');
    expect(r.code, r.stderr).toBe(0);
    expect(r.imported).toEqual(['@glassbox/attention', '@glassbox/deeplift', '@glassbox/gradient-saliency', '@glassbox/integrated-gradients', '@glassbox/perturbation', '@glassbox/surrogate-tree']);
  });
});
