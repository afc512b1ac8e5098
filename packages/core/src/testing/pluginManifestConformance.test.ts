import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { version as coreVersion } from '../../package.json';
import { defineExplainer } from '../explainer/defineExplainer';
import { pluginManifestConformance, rangeAdmits, type PluginManifest } from './pluginManifestConformance';

const identity = { name: 'glassbox-plugin-demo', version: '2.1.0' };
const demo = () =>
  defineExplainer({
    name: 'demo',
    package: identity,
    kind: 'attribution',
    description: 'demo',
    requires: [],
    options: {},
    run: async ({ inputs }) => ({ attributions: { values: new Float32Array(inputs.size), shape: [...inputs.shape] } }),
  });
const good: PluginManifest = { ...identity, glassbox: { plugin: true, explainers: ['demo'] }, peerDependencies: { '@glassbox/core': `^${coreVersion}` } };
const failures = async (manifest: PluginManifest, exports: Record<string, unknown> = { demo }) => {
  const out: string[] = [];
  for (const c of pluginManifestConformance({ manifest, exports, coreVersion })) await c.run().catch((e: Error) => out.push(e.message));
  return out;
};

describe('pluginManifestConformance', () => {
  it('passes a well-formed plugin', async () => {
    expect(await failures(good)).toEqual([]);
  });

  it('catches a missing export, a drifted version, a stale peer range and core as a regular dependency', async () => {
    expect(await failures(good, {})).toEqual([expect.stringMatching(/exports no function of that name/)]);
    expect(await failures({ ...good, version: '2.2.0' })).toEqual([expect.stringMatching(/reports glassbox-plugin-demo@2.1.0; package.json says glassbox-plugin-demo@2.2.0/)]);
    expect(await failures({ ...good, peerDependencies: { '@glassbox/core': '^0.1.0' } })).toEqual([expect.stringMatching(/"\^0.1.0" .* does not admit/)]);
    expect(await failures({ ...good, dependencies: { '@glassbox/core': '1.0.0' } })).toEqual([expect.stringMatching(/must not also be a regular dependency/)]);
    expect(await failures({ ...good, glassbox: { plugin: true, explainers: [] } })).toEqual([expect.stringMatching(/lists no factory/)]);
  });

  it('checks declared "methods" against the names of the factories\' explainers', async () => {
    expect(await failures({ ...good, glassbox: { plugin: true, explainers: ['demo'], methods: ['demo'] } })).toEqual([]);
    expect(await failures({ ...good, glassbox: { plugin: true, explainers: ['demo'], methods: ['demo-x'] } })).toEqual([
      expect.stringMatching(/"glassbox.methods" lists demo-x, which no factory makes and misses demo/),
    ]);
  });

  it('checks that declared "layers" are registered with tfjs serialization', async () => {
    class DemoLayerForConformance extends tf.serialization.Serializable {
      static className = 'GlassboxConformanceDemoLayer';
      override getClassName() {
        return DemoLayerForConformance.className;
      }
      getConfig() {
        return {};
      }
    }
    const withLayers = { ...good, glassbox: { plugin: true, explainers: ['demo'], layers: ['GlassboxConformanceDemoLayer'] } };
    expect(await failures(withLayers)).toEqual([expect.stringMatching(/"glassbox.layers" lists GlassboxConformanceDemoLayer, which importing the package does not register/)]);
    tf.serialization.registerClass(DemoLayerForConformance);
    expect(await failures(withLayers)).toEqual([]);
  });

  it('reads the usual npm ranges', () => {
    expect(rangeAdmits('^1.0.0', '1.4.2')).toBe(true);
    expect(rangeAdmits('^1.2.0', '1.1.9')).toBe(false);
    expect(rangeAdmits('^0.1.0', '1.0.0')).toBe(false);
    expect(rangeAdmits('^0.1.0', '0.1.5')).toBe(true);
    expect(rangeAdmits('~1.2.0', '1.3.0')).toBe(false);
    expect(rangeAdmits('>=1.0.0', '2.0.0')).toBe(true);
    expect(rangeAdmits('workspace:^', '1.0.0')).toBe(true);
    expect(rangeAdmits('^0.9.0 || ^1.0.0', '1.0.0')).toBe(true);
    expect(rangeAdmits('1.0.0', '1.0.1')).toBe(false);
  });
});
