import { describe, it } from 'vitest';
import { pluginManifestConformance } from '@glassbox/core/testing';
import { version as coreVersion } from '@glassbox/core/package.json';
import manifest from '../package.json';
import * as plugin from './index';

describe('plugin manifest', () => {
  for (const c of pluginManifestConformance({ manifest, exports: plugin, coreVersion })) it(c.name, c.run);
});
