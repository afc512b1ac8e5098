import { describe, it, expect } from 'vitest';
import { parseShard, inShard } from './parseShard';
import { exampleSeed, hashId } from './hashId';
import { formatFloat } from './formatFloat';
import { parseCsvLine } from './parseCsvLine';

describe('shards, seeds and number formats', () => {
  it('parses k/n and index/n from JOB_COMPLETION_INDEX; every id in exactly one shard, about evenly', () => {
    expect(parseShard('1/3')).toEqual({ index: 1, count: 3 });
    expect(parseShard('index/4', { JOB_COMPLETION_INDEX: '2' })).toEqual({ index: 2, count: 4 });
    expect(parseShard('index/4', { SLURM_ARRAY_TASK_ID: '3' })).toEqual({ index: 3, count: 4 });
    for (const bad of ['3/3', '-1/2', 'a/2', '1', 'index/2']) expect(() => parseShard(bad, {}), bad).toThrow(/--shard .*expected k\/n/);
    const counts = [0, 0, 0];
    for (let i = 0; i < 3000; i++) {
      const owners = [0, 1, 2].filter((k) => inShard({ index: k, count: 3 }, `row-${i}`));
      expect(owners).toHaveLength(1);
      counts[owners[0]!]!++;
    }
    for (const c of counts) expect(c).toBeGreaterThan(900);
    expect(hashId(7)).toBe(hashId('7'));
  });

  it('derives seeds from the run seed and the id only', () => {
    expect(exampleSeed(0, 'a')).toBe(exampleSeed(0, 'a'));
    expect(exampleSeed(0, 'a')).not.toBe(exampleSeed(1, 'a'));
    expect(exampleSeed(0, 'a')).not.toBe(exampleSeed(0, 'b'));
  });

  it('prints float32 values shortest and reads them back bit-identical', () => {
    const xs = Float32Array.from([0.1, -1 / 3, 1e-30, 3.4e38, 123456.789, 0, -0]);
    for (const x of xs) expect(Math.fround(Number(JSON.stringify(formatFloat(x))))).toBe(x === 0 ? 0 : x);
    expect(formatFloat(Math.fround(0.1))).toBe(0.1);
  });

  it('splits CSV lines with quotes', () => {
    expect(parseCsvLine('"a,b",1, 2,"say ""hi"""')).toEqual(['a,b', '1', '2', 'say "hi"']);
    expect(parseCsvLine('1,,3')).toEqual(['1', '', '3']);
  });
});
