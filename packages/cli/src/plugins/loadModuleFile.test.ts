import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { useCliWorkspace } from '../useCliWorkspace';

// The bin runs the CommonJS build; plugins of either module format must still load, and built-ins
// must run. Runs the built CLI as a process (bin/glassbox.cjs → dist/index.cjs).
const bin = join(import.meta.dirname, '..', '..', 'bin', 'glassbox.cjs');
const { ws } = useCliWorkspace();

/** A plugin package in `format` whose explainer `method` returns zeros. */
async function plugin(project: string, name: string, method: string, format: 'esm' | 'cjs'): Promise<void> {
  const root = join(project, 'node_modules', name);
  await mkdir(root, { recursive: true });
  const file = format === 'esm' ? 'index.js' : 'index.cjs';
  await writeFile(join(root, 'package.json'), JSON.stringify({ name, version: '1.2.3', ...(format === 'esm' ? { type: 'module' } : {}), main: file, glassbox: { explainers: ['factory'] } }));
  const factory = `() => ({ name: ${JSON.stringify(method)}, version: '1.2.3', specVersion: 1, kind: 'attribution', description: '${format} plugin', requires: [], options: {}, run: async () => ({}), explain: async () => ({}) })`;
  await writeFile(join(root, file), format === 'esm' ? `export const factory = ${factory};\n` : `exports.factory = ${factory};\n`);
}

describe('bin/glassbox.cjs (the CommonJS build)', () => {
  it('loads ESM-only and CommonJS-only plugins, and runs a built-in method', async () => {
    const project = join(ws.dir, 'formats');
    await mkdir(project, { recursive: true });
    await plugin(project, 'esm-only-plugin', 'esm-method', 'esm');
    await plugin(project, 'cjs-only-plugin', 'cjs-method', 'cjs');
    await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'p', private: true, dependencies: { 'esm-only-plugin': '1', 'cjs-only-plugin': '1' } }));
    const methods = spawnSync(process.execPath, [bin, 'methods'], { cwd: project, encoding: 'utf8' });
    expect(methods.status, methods.stderr).toBe(0);
    expect(methods.stderr).not.toMatch(/warning|ExperimentalWarning/);
    expect(methods.stdout).toMatch(/^esm-method {2}\(esm-only-plugin@1\.2\.3, dependency;/m);
    expect(methods.stdout).toMatch(/^cjs-method {2}\(cjs-only-plugin@1\.2\.3, dependency;/m);
    expect(methods.stdout).toMatch(/^integrated-gradients {2}\(@glassbox\/integrated-gradients@[\d.]+, built-in;/m);
    const explain = spawnSync(process.execPath, [bin, 'explain', '--model', ws.model, '--input', ws.inputs, '--method', 'saliency', '--target', '0'], { cwd: project, encoding: 'utf8' });
    expect(explain.status, explain.stderr).toBe(0);
    expect(JSON.parse(explain.stdout)).toMatchObject({ method: 'saliency', explainer: { package: '@glassbox/gradient-saliency' } });
  });
});
