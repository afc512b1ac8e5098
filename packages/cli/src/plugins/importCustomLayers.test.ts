import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCustomLayers, layerClassNames } from './importCustomLayers';
import type { LayerModule } from './discoverPlugins';

const dir = mkdtempSync(join(tmpdir(), 'gb-layers-'));
const write = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const source = { via: 'built-in' as const, packageName: 'demo-layers', packageVersion: '1.0.0' };

describe('importCustomLayers', () => {
  it('reads every class_name of a topology, nested ones too', async () => {
    const path = write('nested.json', JSON.stringify({ modelTopology: { class_name: 'Functional', config: { layers: [{ class_name: 'Dense' }, { class_name: 'Sequential', config: { layers: [{ class_name: 'MyAttention' }] } }] } } }));
    expect([...(await layerClassNames(path))].sort()).toEqual(['Dense', 'Functional', 'MyAttention', 'Sequential']);
  });

  it('imports only the packages that declare a layer the model uses, and names the layers when an import fails', async () => {
    const path = write('uses.json', JSON.stringify({ modelTopology: { config: { layers: [{ class_name: 'MyAttention' }] } } }));
    const loaded: string[] = [];
    const mod = (name: string, classNames: string[], fail = false): LayerModule => ({
      ...source, packageName: name, classNames, load: async () => {
        if (fail) throw new Error('boom');
        loaded.push(name);
      },
    });
    await importCustomLayers(path, [mod('a', ['MyAttention']), mod('b', ['OtherLayer'])]);
    expect(loaded).toEqual(['a']);
    await expect(importCustomLayers(path, [mod('c', ['MyAttention', 'X'], true)])).rejects.toMatchObject({ code: 'PLUGIN_REFUSED', message: expect.stringMatching(/c provides the model's layers MyAttention but could not be imported: boom/) });
  });

  it('leaves unreadable, invalid and hostile files to the model loader', async () => {
    const deep = write('deep.json', `{"modelTopology":${'{"a":'.repeat(5000)}{"class_name":"Deep"}${'}'.repeat(5000)}}`);
    expect((await layerClassNames(deep)).has('Deep')).toBe(false); // deeper than 256 levels: not walked
    expect((await layerClassNames(write('bad.json', '{ not json'))).size).toBe(0);
    expect((await layerClassNames(join(dir, 'missing.json'))).size).toBe(0);
    let called = false;
    await importCustomLayers(join(dir, 'missing.json'), [{ ...source, classNames: ['X'], load: async () => void (called = true) }]);
    expect(called).toBe(false);
  });
});
