import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fakePlugin, runCli } from '../hostile/hostileWorkspace';
import { writeJsonlDataset } from '../dataset/datasetTestKit';
import { loadRun } from '../dataset/loadRun';
import { useCliWorkspace } from '../useCliWorkspace';
import { discoverPlugins } from './discoverPlugins';
import { discoverMethod } from './discoverMethod';

// The commands that need one method (explain, profile, dataset runs, a method's --help) import
// only the plugin package that provides it. Each test has its own plugin packages: a module is
// imported once per process, so a marker file tells whether anything in this file imported it.
const { ws } = useCliWorkspace();

/** A project that depends on a plugin declaring methods `other-a` and `other-b`, and on `extra` packages. */
async function project(name: string, extra: string[] = []): Promise<{ dir: string; marker: string }> {
  const dir = join(ws.dir, name);
  await mkdir(dir, { recursive: true });
  const marker = join(dir, 'other.imported');
  await fakePlugin(dir, `${name}-other`, { method: 'other-a', methods: ['other-a', 'other-b'], marker });
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name, private: true, dependencies: Object.fromEntries([`${name}-other`, ...extra].map((d) => [d, '1'])) }));
  return { dir, marker };
}
const allIds = async (dir: string) => (await discoverPlugins(dir)).explainers.map((e) => e.explainer.name);

describe('commands that need one method import only its package', () => {
  it('explain --method saliency does not import a plugin whose "methods" do not list it', async () => {
    const { dir, marker } = await project('explain-one');
    const r = await runCli(dir, 'explain', '--model', ws.model, '--input', ws.inputs, '--method', 'saliency');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).explainer.package).toBe('@glassbox/gradient-saliency');
    expect(existsSync(marker)).toBe(false);
    // `methods` lists everything, so it imports it.
    const m = await runCli(dir, 'methods');
    expect(m.out).toMatch(/^other-a {2}\(explain-one-other@6\.6\.6, dependency;/m);
    expect(existsSync(marker)).toBe(true);
  });

  it('profile, a dataset run, loadRun and explain --method <id> --help do not import it either', async () => {
    const { dir, marker } = await project('others-one');
    const p = await runCli(dir, 'profile', '--model', ws.model, '--input', ws.inputs, '--method', 'saliency');
    expect(p.code, p.err).toBe(0);
    const data = await writeJsonlDataset(dir, 6);
    const d = await runCli(dir, 'explain', '--model', ws.model, '--input', data, '--method', 'saliency', '--out', join(dir, 'r.jsonl'), '--workers', '1');
    expect(d.code, d.err).toBe(0);
    const run = await loadRun({ model: ws.model, method: 'input-x-gradient', options: {}, seed: 0, cwd: dir });
    expect(run.explainer.name).toBe('input-x-gradient');
    run.dispose();
    const h = await runCli(dir, 'explain', '--method', 'lime', '--help');
    expect(h.code, h.err).toBe(0);
    expect(h.out).toContain('lime');
    expect(existsSync(marker)).toBe(false);
  });

  it('an unknown method is still UNKNOWN_METHOD listing every installed method id, those of packages not imported included', async () => {
    const { dir } = await project('unknown-one');
    const installed = await allIds(dir);
    expect(installed).toEqual(expect.arrayContaining(['other-a', 'saliency', 'lime', 'attention-rollout', 'deeplift', 'surrogate-tree']));
    const message = `No installed explainer "nope"; installed: ${installed.join(', ')}`;
    for (const argv of [
      ['explain', '--model', ws.model, '--input', ws.inputs, '--method', 'nope'],
      ['profile', '--model', ws.model, '--input', ws.inputs, '--method', 'nope'],
      ['explain', '--method', 'nope', '--help'],
    ]) {
      const r = await runCli(dir, ...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err, argv.join(' ')).toContain(`[UNKNOWN_METHOD]: ${message}`);
    }
    await expect(loadRun({ model: ws.model, method: 'nope', options: {}, seed: 0, cwd: dir })).rejects.toMatchObject({ code: 'UNKNOWN_METHOD', message, details: { method: 'nope', installed } });
  });

  it('explain of a declared method a package does not export warns with the mismatch and lists the ids in use', async () => {
    const dir = join(ws.dir, 'liar');
    await mkdir(dir, { recursive: true });
    await fakePlugin(dir, 'liar-plugin', { method: 'real-id', methods: ['declared-id'], marker: join(dir, 'liar.imported') });
    await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'liar', private: true, dependencies: { 'liar-plugin': '1' } }));
    const r = await runCli(dir, 'explain', '--model', ws.model, '--input', ws.inputs, '--method', 'declared-id');
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      'warning: plugin [PLUGIN_REFUSED] liar-plugin: package.json "glassbox.methods" does not match its explainers: it declares methods it does not export: declared-id; exports methods it does not declare: real-id; only declared methods it exports are used',
    );
    expect(r.err).toMatch(/\[UNKNOWN_METHOD\]: No installed explainer "declared-id"; installed: .*saliency/);
    expect(r.err).not.toMatch(/installed: .*real-id/);
    // --method real-id: the package does not declare it, so it is not even imported for it.
    const real = await runCli(dir, 'explain', '--model', ws.model, '--input', ws.inputs, '--method', 'real-id');
    expect(real.err).toMatch(/\[UNKNOWN_METHOD\]: No installed explainer "real-id"/);
  });

  it('discoverMethod hands the refusals of the discovery that decided to onErrors, and returns the backends', async () => {
    const { dir } = await project('errors-one', ['errors-one-shadow']);
    await fakePlugin(dir, 'errors-one-shadow', { method: 'saliency', methods: ['saliency'], marker: join(dir, 'shadow.imported') });
    const seen: string[] = [];
    const { found, plugins } = await discoverMethod(dir, 'lime', (lines) => seen.push(...lines));
    expect(found).toMatchObject({ packageName: '@glassbox/perturbation', via: 'built-in', explainer: expect.objectContaining({ name: 'lime' }) });
    expect(seen).toEqual([expect.stringMatching(/^\[PLUGIN_REFUSED\] method "saliency" from errors-one-shadow@6\.6\.6 \(dependency\) is refused: it would shadow the built-in one/)]);
    expect(plugins.backends.map((b) => b.name)).toEqual(expect.arrayContaining(['native', 'wasm']));
    expect(existsSync(join(dir, 'shadow.imported'))).toBe(false);
  });
});
