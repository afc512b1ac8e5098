import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fakePlugin } from '../hostile/hostileWorkspace';
import { useCliWorkspace } from '../useCliWorkspace';
import { discoverPlugins } from './discoverPlugins';
import { declaredMethodsMismatch } from './declaredMethodsMismatch';

// Each test has its own project and plugin packages: a module is imported once per process, so
// its marker file says whether any discovery in this file imported it.
const { ws } = useCliWorkspace();

/** A project folder under the workspace that depends on `deps` (in that order). */
async function project(name: string, deps: string[]): Promise<string> {
  const dir = join(ws.dir, name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name, private: true, dependencies: Object.fromEntries(deps.map((d) => [d, '1'])) }));
  return dir;
}
const ids = (r: Awaited<ReturnType<typeof discoverPlugins>>) => r.explainers.map((e) => e.explainer.name);

describe('discoverPlugins with a method imports only the packages that may provide it', () => {
  it('imports a package that declares "methods" only when they list the method; a package without "methods" always', async () => {
    const dir = await project('lazy', ['pkg-alpha', 'pkg-beta', 'pkg-legacy']);
    const marker = (n: string) => join(dir, `${n}.imported`);
    await fakePlugin(dir, 'pkg-alpha', { method: 'alpha', methods: ['alpha'], marker: marker('alpha') });
    await fakePlugin(dir, 'pkg-beta', { method: 'beta', methods: ['beta'], marker: marker('beta') });
    await fakePlugin(dir, 'pkg-legacy', { method: 'legacy', marker: marker('legacy') }); // written before "methods" existed

    const alpha = await discoverPlugins(dir, { method: 'alpha' });
    expect(alpha.errors).toEqual([]);
    expect(ids(alpha)).toEqual(['alpha', 'legacy']); // no built-in declares "alpha": none of their explainers were made
    expect(alpha.explainers.find((e) => e.explainer.name === 'alpha')).toMatchObject({ packageName: 'pkg-alpha', via: 'dependency' });
    expect([existsSync(marker('alpha')), existsSync(marker('beta')), existsSync(marker('legacy'))]).toEqual([true, false, true]);

    const saliency = await discoverPlugins(dir, { method: 'saliency' });
    expect(ids(saliency)).toEqual(['deconvolution', 'grad-cam', 'guided-backprop', 'guided-grad-cam', 'input-x-gradient', 'legacy', 'saliency', 'smoothgrad', 'smoothgrad-squared', 'vargrad']);
    expect(new Set(saliency.explainers.filter((e) => e.via === 'built-in').map((e) => e.packageName))).toEqual(new Set(['@glassbox/gradient-saliency']));
    expect(saliency.backends.map((b) => b.name)).toEqual(expect.arrayContaining(['native', 'wasm', 'webgpu'])); // backends and metrics as before
    expect(saliency.metrics.map((m) => m.packageName)).toContain('@glassbox/metrics');
    expect(existsSync(marker('beta'))).toBe(false);

    // Without a method, everything: the legacy plugin's explainer too, as before.
    const all = await discoverPlugins(dir);
    expect(ids(all)).toEqual(expect.arrayContaining(['alpha', 'beta', 'legacy', 'saliency', 'lime', 'attention-rollout', 'surrogate-tree']));
    expect(existsSync(marker('beta'))).toBe(true);
  });

  it('finds a method of a plugin without "methods" whatever else is installed', async () => {
    const dir = await project('legacy-only', ['pkg-old']);
    await fakePlugin(dir, 'pkg-old', { method: 'old-method', marker: join(dir, 'old.imported') });
    const r = await discoverPlugins(dir, { method: 'old-method' });
    expect(r.errors).toEqual([]);
    expect(r.explainers).toEqual([expect.objectContaining({ packageName: 'pkg-old', packageVersion: '6.6.6', via: 'dependency', explainer: expect.objectContaining({ name: 'old-method' }) })]);
  });

  it('refuses the difference between declared and exported method ids, and uses only declared ones it exports', async () => {
    const dir = await project('mismatch', ['pkg-liar', 'pkg-partial']);
    await fakePlugin(dir, 'pkg-liar', { method: 'real-id', methods: ['declared-id'], marker: join(dir, 'liar.imported') });
    await fakePlugin(dir, 'pkg-partial', { method: 'kept-id', methods: ['kept-id', 'ghost-id'], marker: join(dir, 'partial.imported') });
    const liarLine = '[PLUGIN_REFUSED] pkg-liar: package.json "glassbox.methods" does not match its explainers: it declares methods it does not export: declared-id; exports methods it does not declare: real-id; only declared methods it exports are used';
    const partialLine = '[PLUGIN_REFUSED] pkg-partial: package.json "glassbox.methods" does not match its explainers: it declares methods it does not export: ghost-id; only declared methods it exports are used';

    // Not imported, not checked: a command for another method is not held up by it.
    expect((await discoverPlugins(dir, { method: 'lime' })).errors).toEqual([]);
    expect(existsSync(join(dir, 'liar.imported'))).toBe(false);

    const declared = await discoverPlugins(dir, { method: 'declared-id' });
    expect(declared.errors).toEqual([liarLine]);
    expect(ids(declared)).not.toContain('real-id');
    expect(ids(declared)).not.toContain('declared-id');

    const kept = await discoverPlugins(dir, { method: 'kept-id' });
    expect(kept.errors).toEqual([partialLine]);
    expect(kept.explainers.find((e) => e.explainer.name === 'kept-id')?.packageName).toBe('pkg-partial');

    const all = await discoverPlugins(dir);
    expect(all.errors).toEqual([liarLine, partialLine]);
    expect(ids(all)).toContain('kept-id');
    expect(ids(all)).not.toContain('real-id');
  });

  it('applies the shadowing rules to the declared ids of packages it does not import, as full discovery does', async () => {
    const dir = await project('shadow-lazy', ['first-claim', 'second-claim', 'shadow-decl']);
    const marker = (n: string) => join(dir, `${n}.imported`);
    await fakePlugin(dir, 'first-claim', { method: 'shared-id', methods: ['shared-id'], marker: marker('first') });
    await fakePlugin(dir, 'second-claim', { method: 'shared-id', methods: ['shared-id'], marker: marker('second') });
    await fakePlugin(dir, 'shadow-decl', { method: 'saliency', methods: ['saliency'], marker: marker('shadow') });
    const refusals = [
      '[PLUGIN_REFUSED] method "shared-id" from second-claim@6.6.6 (dependency) is refused: it is already provided from first-claim@6.6.6 (dependency)',
      expect.stringMatching(/^\[PLUGIN_REFUSED\] method "saliency" from shadow-decl@6\.6\.6 \(dependency\) is refused: it would shadow the built-in one from @glassbox\/gradient-saliency@[\d.]+ \(built-in\)$/),
    ];

    const lime = await discoverPlugins(dir, { method: 'lime' });
    expect(lime.errors).toEqual(refusals);
    expect(['first', 'second', 'shadow'].map((n) => existsSync(marker(n)))).toEqual([false, false, false]);

    const shared = await discoverPlugins(dir, { method: 'shared-id' });
    expect(shared.errors).toEqual(refusals);
    expect(shared.explainers.filter((e) => e.explainer.name === 'shared-id').map((e) => e.packageName)).toEqual(['first-claim']);

    const saliency = await discoverPlugins(dir, { method: 'saliency' });
    expect(saliency.errors).toEqual(refusals);
    expect(saliency.explainers.filter((e) => e.explainer.name === 'saliency').map((e) => e.packageName)).toEqual(['@glassbox/gradient-saliency']);

    expect((await discoverPlugins(dir)).errors).toEqual(refusals);
  });

  it("the built-in packages declare exactly their explainers' ids, and each method imports only its own package", async () => {
    const all = await discoverPlugins(ws.dir);
    expect(all.errors).toEqual([]);
    const root = join(import.meta.dirname, '..', '..', '..', '..');
    const builtIns = [...new Set(all.explainers.filter((e) => e.via === 'built-in').map((e) => e.packageName))].sort();
    expect(builtIns).toEqual(['@glassbox/attention', '@glassbox/deeplift', '@glassbox/gradient-saliency', '@glassbox/integrated-gradients', '@glassbox/perturbation', '@glassbox/surrogate-tree']);
    for (const name of builtIns) {
      const pkg = JSON.parse(await readFile(join(root, 'packages', name.slice('@glassbox/'.length), 'package.json'), 'utf8')) as { glassbox: { methods: string[] } };
      const exported = all.explainers.filter((e) => e.packageName === name).map((e) => e.explainer.name);
      expect(declaredMethodsMismatch(pkg.glassbox.methods, exported), name).toBeUndefined();
    }
    for (const { explainer, packageName } of all.explainers) {
      const one = await discoverPlugins(ws.dir, { method: explainer.name });
      expect(new Set(one.explainers.map((e) => e.packageName)), explainer.name).toEqual(new Set([packageName]));
    }
  });
});
