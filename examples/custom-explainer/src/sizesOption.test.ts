import { describe, expect, it } from 'vitest';
import { expandSizes, parseSizes } from './sizesOption';

describe('parseSizes', () => {
  it('reads the CLI forms and the code forms', () => {
    expect(parseSizes('4,4,1')).toEqual([4, 4, 1]);
    expect(parseSizes(' 4, 4 ,1 ')).toEqual([4, 4, 1]);
    expect(parseSizes('4x4x1')).toEqual([4, 4, 1]);
    expect(parseSizes('3')).toEqual([3]);
    expect(parseSizes(3)).toEqual([3]);
    expect(parseSizes([2, '2', 1])).toEqual([2, 2, 1]);
  });

  it('says what is wrong', () => {
    expect(() => parseSizes('4,a')).toThrow('"a" is not a positive integer');
    expect(() => parseSizes('0')).toThrow('"0" is not a positive integer');
    expect(() => parseSizes([1.5])).toThrow('1.5 is not a positive integer');
    expect(() => parseSizes('')).toThrow('expected positive integers');
    expect(() => parseSizes([])).toThrow('at least one size');
    expect(() => parseSizes({})).toThrow('expected positive integers');
  });

  it('expands one size to every dimension and refuses other rank mismatches', () => {
    expect(expandSizes([2], 3)).toEqual([2, 2, 2]);
    expect(expandSizes([2, 3], 2)).toEqual([2, 3]);
    expect(expandSizes([2, 3], 3)).toBeNull();
  });
});
