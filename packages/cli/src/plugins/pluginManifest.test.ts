import { describe, expect, it } from 'vitest';
import { PluginError } from '@glassbox/core';
import { pluginManifest } from './pluginManifest';

const read = (glassbox: unknown) => pluginManifest({ name: 'p', glassbox }, 'p');

describe('pluginManifest "methods"', () => {
  it('is optional: a manifest without it reads as before, with methods undefined', () => {
    expect(read({ explainers: ['occlusion'] })).toEqual({ explainers: ['occlusion'], methods: undefined, backends: {}, metrics: [], layers: [] });
  });

  it('reads a list of kebab-case method ids, in any order', () => {
    expect(read({ explainers: ['saliency', 'inputXGradient'], methods: ['input-x-gradient', 'saliency', 'grad-cam2'] })?.methods).toEqual(['input-x-gradient', 'saliency', 'grad-cam2']);
    expect(read({ explainers: [], methods: [] })?.methods).toEqual([]);
  });

  it.each([
    ['not a list', 'saliency'],
    ['an export name, not an id', ['inputXGradient']],
    ['a trailing hyphen', ['saliency-']],
    ['a double hyphen', ['grad--cam']],
    ['a leading digit', ['2d-saliency']],
    ['a non-string', [3]],
    ['a duplicate', ['saliency', 'saliency']],
  ])('refuses %s with a PluginError naming the field', (_, methods) => {
    expect(() => read({ explainers: ['x'], methods })).toThrow(PluginError);
    expect(() => read({ explainers: ['x'], methods })).toThrow(/p: package\.json "glassbox" "methods" must be a list of distinct kebab-case method ids/);
  });
});

describe('pluginManifest "layers"', () => {
  it('reads the custom layer class names a package registers', () => {
    expect(read({ explainers: ['x'], layers: ['GlassboxTokenEmbedding', 'Custom>Pooling'] })?.layers).toEqual(['GlassboxTokenEmbedding', 'Custom>Pooling']);
  });

  it.each([['not a list', 'GlassboxTokenEmbedding'], ['a non-string', [1]], ['a name with a space', ['My Layer']]])('refuses %s with a PluginError naming the field', (_, layers) => {
    expect(() => read({ explainers: ['x'], layers })).toThrow(/p: package\.json "glassbox" "layers" must be a list of layer class names/);
  });
});
