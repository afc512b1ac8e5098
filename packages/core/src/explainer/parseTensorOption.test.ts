import { describe, it, expect } from 'vitest';
import { parseTensorOption } from './parseTensorOption';
import { resolveOptions } from './resolveOptions';

describe('tensor options', () => {
  it('parse numbers, nested arrays and { values, shape } into JSON-safe values with a shape', () => {
    expect(parseTensorOption('b', 0.5)).toEqual({ values: [0.5], shape: [] });
    expect(parseTensorOption('b', [[1, 2], [3, 4]])).toEqual({ values: [1, 2, 3, 4], shape: [2, 2] });
    expect(parseTensorOption('b', { values: Float32Array.from([1, 2, 3]), shape: [3] })).toEqual({ values: [1, 2, 3], shape: [3] });
  });

  it('refuse paths, ragged arrays, non-finite values and values that do not fill the shape with INVALID_OPTION', () => {
    for (const bad of ['bg.json', [[1, 2], [3]], [1, NaN], { values: [1, 2], shape: [3] }, { values: [1], shape: [-1] }, true]) {
      expect(() => parseTensorOption('background', bad), JSON.stringify(bad)).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    }
    expect(() => parseTensorOption('background', 'bg.json')).toThrow(/the CLI reads \.json and \.csv files/);
  });

  it('are resolved through the option schema (kebab-case keys too), undefined by default', () => {
    const schema = { featureMask: { type: 'tensor' as const, default: undefined as unknown, description: 'mask' } };
    expect(resolveOptions(schema, {}, 'm')).toEqual({ featureMask: undefined });
    expect(resolveOptions(schema, { 'feature-mask': [0, 0, 1] }, 'm')).toEqual({ featureMask: { values: [0, 0, 1], shape: [3] } });
  });
});
