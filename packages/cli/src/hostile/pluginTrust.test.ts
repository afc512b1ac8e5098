import { describe, it, expect } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fakePlugin, runCli } from './hostileWorkspace';
import { useCliWorkspace } from '../useCliWorkspace';

// Issue 18 item 1 (and issue 16's one discovery for explainers, backends and metrics).
const { ws } = useCliWorkspace();

describe('plugin trust', () => {
  it('never imports an undeclared package from a node_modules above the project', async () => {
    const outer = join(ws.dir, 'outer');
    const project = join(outer, 'project');
    await mkdir(project, { recursive: true });
    const marker = join(ws.dir, 'evil-imported.txt');
    await fakePlugin(outer, 'evil-saliency', { method: 'saliency', marker });
    await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'p', private: true }));
    const r = await runCli(project, 'methods');
    expect(r.code).toBe(0);
    expect(existsSync(marker)).toBe(false);
    expect(r.out).not.toContain('evil-saliency');
    expect(r.out).not.toMatch(/^occlusion/m); // a devDependency of the CLI (its tests), not a built-in
    expect(r.out).toMatch(/^saliency {2}\(@glassbox\/gradient-saliency@[\d.]+, built-in;/m);
    // explain runs the real saliency
    const e = await runCli(project, 'explain', '--model', ws.model, '--input', ws.inputs, '--method', 'saliency');
    expect(e.code, e.err).toBe(0);
    expect(JSON.parse(e.out).explainer.package).toBe('@glassbox/gradient-saliency');
    expect(existsSync(marker)).toBe(false);
  });

  it('a declared dependency cannot shadow a built-in method or backend: refused with a warning, the built-in runs', async () => {
    const project = join(ws.dir, 'shadowing');
    await mkdir(project, { recursive: true });
    const marker = join(ws.dir, 'shadow-imported.txt');
    await fakePlugin(project, 'shadow-plugin', { method: 'saliency', marker, backend: 'wasm' });
    await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'p', private: true, dependencies: { 'shadow-plugin': '1' } }));
    const r = await runCli(project, 'methods');
    expect(r.err).toMatch(/warning: plugin \[PLUGIN_REFUSED\] method "saliency" from shadow-plugin@6\.6\.6 \(dependency\) is refused: it would shadow the built-in one from @glassbox\/gradient-saliency/);
    expect(r.err).toMatch(/backend "wasm" from shadow-plugin@6\.6\.6 \(dependency\) is refused/);
    const e = await runCli(project, 'explain', '--model', ws.model, '--input', ws.inputs, '--method', 'saliency');
    expect(e.code, e.err).toBe(0);
    expect(JSON.parse(e.out)).toMatchObject({ method: 'saliency', backend: 'cpu', explainer: { package: '@glassbox/gradient-saliency' } });
  });

  it('a glassbox.config.json chooses exactly its plugins (files and packages); methods says where each comes from', async () => {
    const project = join(ws.dir, 'configured');
    await mkdir(project, { recursive: true });
    const depMarker = join(ws.dir, 'dep-imported.txt');
    await fakePlugin(project, 'declared-but-not-configured', { method: 'declared-method', marker: depMarker });
    await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'p', private: true, dependencies: { 'declared-but-not-configured': '1' } }));
    await writeFile(
      join(project, 'local-method.mjs'),
      `export const explainers = [{ name: 'local-zero', version: '1.0.0', specVersion: 1, kind: 'attribution', description: 'local', requires: [], options: {}, run: async () => ({}), explain: async () => ({}) }];
export const metrics = [{ name: 'always-one', description: 'one', better: 'higher', accepts: ['attribution'], reexplains: false, options: {}, compute: async (e) => ({ metric: 'always-one', score: 1, perExample: Array.from({ length: e.inputShape[0] }, () => 1), better: 'higher' }) }];`,
    );
    await writeFile(join(project, 'glassbox.config.json'), JSON.stringify({ plugins: ['./local-method.mjs'] }));
    const r = await runCli(project, 'methods');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^local-zero {2}\(.*local-method\.mjs, config;/m);
    expect(r.out).not.toContain('declared-method');
    expect(existsSync(depMarker)).toBe(false);
    expect(r.out).toContain(`Plugins chosen in ${join(project, 'glassbox.config.json')}`);
    const json = JSON.parse((await runCli(project, 'methods', '--json')).out) as { method: string; source: string; package: string; version: string }[];
    expect(json.find((m) => m.method === 'integrated-gradients')).toMatchObject({ source: 'built-in', package: '@glassbox/integrated-gradients' });
    // metrics come through the same mechanism
    const ig = join(project, 'ig.json');
    expect((await runCli(project, 'explain', '--model', ws.model, '--input', ws.inputs, '--method', 'saliency', '--out', ig)).code).toBe(0);
    const ev = await runCli(project, 'evaluate', '--model', ws.model, '--explanation', ig, '--metrics', 'always-one,deletion');
    expect(ev.code, ev.err).toBe(0);
    expect(JSON.parse(ev.out)['always-one'].score).toBe(1);
  });

  it('backends come from plugin manifests, not from a hard-coded package pattern', async () => {
    const cliPkg = JSON.parse(await readFile(join(import.meta.dirname, '..', '..', '..', 'backend-wasm', 'package.json'), 'utf8'));
    expect(cliPkg.glassbox.backends).toEqual({ wasm: 'wasmBackend' });
    const r = await runCli(ws.dir, 'explain', '--model', ws.model, '--input', ws.inputs, '--method', 'saliency', '--backend', 'wasm');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).backend).toBe('wasm');
    const source = await readFile(join(import.meta.dirname, '..', 'commands', 'selectBackend.ts'), 'utf8');
    expect(source).not.toContain('@glassbox/backend-${');
  });
});
