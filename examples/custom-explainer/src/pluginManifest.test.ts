import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as plugin from './index';

// How the Glassbox CLI finds plugins: a package.json with "glassbox": { "plugin": true, "explainers": [...] },
// each listed name a named export that is a factory; calling it with no arguments gives the explainer.
const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  name: string;
  glassbox: { plugin: boolean; explainers: string[] };
  peerDependencies: Record<string, string>;
  dependencies?: Record<string, string>;
};

describe('plugin manifest', () => {
  it('declares itself a Glassbox plugin and lists factories the package exports', () => {
    expect(manifest.glassbox.plugin).toBe(true);
    expect(manifest.glassbox.explainers.length).toBeGreaterThan(0);
    for (const name of manifest.glassbox.explainers) {
      const factory = (plugin as Record<string, unknown>)[name];
      expect(typeof factory, `export "${name}"`).toBe('function');
      const explainer = (factory as () => { name: string; specVersion: number; package?: string; explain: unknown })();
      expect(explainer.name).toBe(name);
      expect(explainer.specVersion).toBe(1);
      expect(explainer.package).toBe(manifest.name);
      expect(typeof explainer.explain).toBe('function');
    }
  });

  it('depends only on @glassbox/core and tfjs-core, as peers', () => {
    expect(Object.keys(manifest.peerDependencies).sort()).toEqual(['@glassbox/core', '@tensorflow/tfjs-core']);
    expect(manifest.dependencies ?? {}).toEqual({});
  });
});
