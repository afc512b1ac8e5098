import { describe, expect, it } from 'vitest';
import { pluginManifestConformance } from '@glassbox/core/testing';
import { version as coreVersion } from '@glassbox/core/package.json';
import manifest from '../package.json';
import * as plugin from './index';

// How the Glassbox CLI finds plugins: a package.json with "glassbox": { "plugin": true, "explainers": [...] },
// each listed name a named export that is a factory; core's kit checks that, the identity and the peer range.
describe('plugin manifest', () => {
  for (const c of pluginManifestConformance({ manifest, exports: plugin, coreVersion })) it(c.name, c.run);

  it('depends only on @glassbox/core and tfjs-core, as peers', () => {
    expect(Object.keys(manifest.peerDependencies).sort()).toEqual(['@glassbox/core', '@tensorflow/tfjs-core']);
    expect((manifest as { dependencies?: object }).dependencies ?? {}).toEqual({});
  });
});
