import { describe, it, expect, afterAll } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createRandom, isGlassboxError, type Random } from '@glassbox/core';
import { parseArgs } from '../parseArgs';
import { finishFlags, flagsToOptions, takeBoolean, takeNumber, takeValue } from '../args/flagValues';
import { readInputs } from '../io/readInputs';
import { npyHeader, readNpy } from '../io/npy';
import { runCli } from './hostileWorkspace';
import { useCliWorkspace } from '../useCliWorkspace';

// Issue 18 "must show": a seeded fuzz test of the argument parser and the input readers. Every case
// ends in a result or a typed error (GlassboxError with a code; exit 2 with one error line), never an
// uncoded error (exit 1), a crash or a hang. The counts are printed for the closing note.
const counts = { parser: { tried: 0, results: 0, typed: 0 }, readers: { tried: 0, results: 0, typed: 0 }, cli: { tried: 0, exit0: 0, exit2: 0 } };
const { ws } = useCliWorkspace();
afterAll(() => console.log(`fuzz counts: ${JSON.stringify(counts)}`));

const pick = <T>(rng: Random, xs: readonly T[]): T => xs[Math.floor(rng.uniform(0, xs.length))]!;
const int = (rng: Random, lo: number, hi: number) => Math.floor(rng.uniform(lo, hi + 1));

const NAMES = ['model', 'input', 'data', 'method', 'target', 'targets', 'backend', 'fallback', 'seed', 'memory-budget-mb', 'out', 'example', 'image-shape', 'rows',
  'label-column', 'allow-non-finite', 'steps', 'rule', 'abs', 'json', 'debug', 'help', 'explanation', 'metrics', 'deletion.steps', 'title', '__proto__', 'constructor',
  'toString', 'valueOf', 'hasOwnProperty', 'constructor.prototype', '__proto__.polluted', 'prototype', 'x'.repeat(300), 'a_b', '', '-', 'é', 'steps.', '.steps'];
const VALUES = ['', ' ', '0', '1', '-1', '2', '3', '1.5', '1e3', '1e309', '-0', 'NaN', 'Infinity', '0x10', 'abc', 'true', 'false', '4294967295', '4294967296', '9'.repeat(400),
  '0,1,2', '1,,2', ',', 'cpu', 'wasm', 'tpu', '../../etc/passwd', '/', '.', 'saliency', 'integrated-gradients', 'input-x-gradient', 'nope', 'riemann_left', '\u0000', '"', '--', '---x'];

function randomArgv(rng: Random, files: string[]): string[] {
  const argv: string[] = [];
  if (rng.uniform(0, 1) < 0.9) argv.push(pick(rng, ['explain', 'explain', 'explain', 'evaluate', 'report', 'methods', 'backends', 'help', 'frobnicate', '--help', '']));
  const n = int(rng, 0, 9);
  for (let i = 0; i < n; i++) {
    const r = rng.uniform(0, 1);
    const name = pick(rng, NAMES);
    const value = rng.uniform(0, 1) < 0.35 ? pick(rng, files) : pick(rng, VALUES);
    if (r < 0.55) argv.push(`--${name}`, value);
    else if (r < 0.75) argv.push(`--${name}=${value}`);
    else if (r < 0.85) argv.push(`--${name}`);
    else if (r < 0.92) argv.push(value);
    else argv.push(pick(rng, ['-x', '-', '--', '---', '-1', `-${name}`]));
  }
  return argv;
}

function mutate(rng: Random, text: string): string {
  let s = text;
  for (let m = int(rng, 1, 6); m > 0; m--) {
    const at = int(rng, 0, s.length);
    const op = rng.uniform(0, 1);
    if (op < 0.3) s = s.slice(0, at) + s.slice(at + int(rng, 1, 5));
    else if (op < 0.8) s = s.slice(0, at) + pick(rng, ['[', ']', '{', '}', '"', ',', ':', 'NaN', '1e999', '-', 'null', 'true', '"x"', '"__proto__":1,', '"targets":', '"labels":{', '[[', '1', '0.5', ' ']) + s.slice(at);
    else s = s.slice(0, at) + s.slice(at).split('').reverse().join('');
  }
  return s;
}

function randomInputsText(rng: Random): string {
  const rows = Array.from({ length: int(rng, 0, 4) }, () => Array.from({ length: pick(rng, [6, 6, 6, 5, 0]) }, () => +rng.uniform(-3, 3).toFixed(3)));
  const base = pick(rng, [
    JSON.stringify(rows),
    JSON.stringify({ inputs: rows }),
    JSON.stringify({ inputs: rows, targets: rows.map(() => int(rng, -1, 3)) }),
    JSON.stringify({ inputs: rows, labels: { features: ['a', 'b', 'c', 'd', 'e', 'f'], classes: ['x', 'y', 'z'] } }),
    '['.repeat(int(rng, 30, 5000)) + ']'.repeat(int(rng, 0, 5000)),
    JSON.stringify({ inputs: rows, targets: 'predicted' }),
  ]);
  return rng.uniform(0, 1) < 0.6 ? mutate(rng, base) : base;
}

function randomNpy(rng: Random): Uint8Array {
  const shape = Array.from({ length: int(rng, 0, 3) }, () => int(rng, 0, 6));
  const n = shape.reduce((a, b) => a * b, 1);
  const header = new TextDecoder('latin1').decode(npyHeader(shape));
  const descr = pick(rng, ['<f4', '<f4', '<f8', '>f4', '|u1', '<i8', '<f2', '|O', '<c8', 'float32', '<U4']);
  const text = rng.uniform(0, 1) < 0.5 ? header.replace('<f4', descr) : mutate(rng, header);
  const head = Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
  const size = { '<f8': 8, '<i8': 8, '|u1': 1, '<f2': 2 }[descr] ?? 4;
  const data = Uint8Array.from({ length: Math.max(0, n * size + pick(rng, [0, 0, 0, -1, 1, -4, 7])) }, () => int(rng, 0, 255));
  const out = new Uint8Array(head.length + data.length);
  out.set(head);
  out.set(data, head.length);
  if (rng.uniform(0, 1) < 0.15) out[int(rng, 0, Math.min(11, out.length - 1))] = int(rng, 0, 255);
  return rng.uniform(0, 1) < 0.1 ? out.subarray(0, int(rng, 0, out.length)) : out;
}

const typed = (e: unknown) => {
  if (!isGlassboxError(e)) throw new Error(`uncoded error: ${e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e)}`);
  return true;
};

describe('fuzz (seeded)', () => {
  it('the argument parser and flag readers: 5000 random command lines', () => {
    const rng = createRandom(1801);
    for (let c = 0; c < 5000; c++) {
      const argv = randomArgv(rng, ['a.json', 'b.npy']);
      counts.parser.tried++;
      try {
        const { flags, positional } = parseArgs(argv);
        takeValue(flags, 'model', 'x');
        takeNumber(flags, 'seed', { integer: true, min: 0, max: 2 ** 32 - 1, what: 'seed' });
        takeNumber(flags, 'memory-budget-mb', { min: 1, what: 'budget' });
        takeBoolean(flags, 'json');
        const options = flagsToOptions(flags);
        expect(Object.getPrototypeOf(options)).toBeNull();
        finishFlags(flags, positional, 'fuzz', 'anything');
        counts.parser.results++;
      } catch (e) {
        expect(typed(e), argv.join(' ')).toBe(true);
        expect((e as { code: string }).code).toBe('INVALID_OPTION');
        counts.parser.typed++;
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('the input readers: 2000 random and mutated inputs files (JSON and .npy)', async () => {
    const rng = createRandom(1802);
    for (let c = 0; c < 2000; c++) {
      const npy = rng.uniform(0, 1) < 0.5;
      const path = join(ws.dir, `fuzz-${c % 7}.${npy ? 'npy' : 'json'}`);
      await writeFile(path, npy ? randomNpy(rng) : randomInputsText(rng));
      counts.readers.tried++;
      try {
        const r = await readInputs(path);
        expect(r.values.length).toBe(r.shape.reduce((a, b) => a * b, 1));
        counts.readers.results++;
      } catch (e) {
        expect(typed(e), path).toBe(true);
        expect((e as { code: string }).code).toBe('DATA_FILE_INVALID');
        counts.readers.typed++;
      }
    }
    // readNpy on raw random bytes as well
    for (let c = 0; c < 1000; c++) {
      const bytes = Uint8Array.from({ length: int(rng, 0, 200) }, () => int(rng, 0, 255));
      if (c % 2) bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0].slice(0, bytes.length));
      counts.readers.tried++;
      try {
        readNpy(bytes, 'r.npy');
        counts.readers.results++;
      } catch (e) {
        expect(typed(e)).toBe(true);
        counts.readers.typed++;
      }
    }
  });

  it('the whole CLI: 250 random command lines over random files end with exit 0, or exit 2 and one typed error line; never 1, never a hang', async () => {
    const rng = createRandom(1803);
    const files = [ws.model, ws.inputs, ws.csv, join(ws.dir, 'nope.json'), ws.dir, join(ws.dir, 'model'), join(ws.dir, 'out.json'), join(ws.dir, 'out.npy'), join(ws.dir, 'o.html')];
    for (let i = 0; i < 6; i++) {
      const npy = i % 2 === 1;
      const path = join(ws.dir, `cli-fuzz-${i}.${npy ? 'npy' : 'json'}`);
      await writeFile(path, npy ? randomNpy(rng) : randomInputsText(rng));
      files.push(path);
    }
    for (let c = 0; c < 250; c++) {
      let argv = randomArgv(rng, files);
      // Half the cases start from a valid explain, so that deeper code is reached.
      if (c % 2 === 0) argv = ['explain', '--model', ws.model, '--input', ws.inputs, '--method', pick(rng, ['saliency', 'input-x-gradient', 'integrated-gradients']), ...argv.slice(1)];
      counts.cli.tried++;
      const r = await Promise.race([runCli(ws.dir, ...argv), new Promise<'hang'>((ok) => setTimeout(() => ok('hang'), 60_000))]);
      expect(r, argv.join(' ')).not.toBe('hang');
      const { code, err } = r as { code: number; err: string };
      expect([0, 2], `${argv.join(' ')}\n${err}`).toContain(code);
      if (code === 2) {
        const lines = err.split('\n').filter((l) => l.startsWith('glassbox: error'));
        expect(lines, `${argv.join(' ')}\n${err}`).toHaveLength(1);
        expect(lines[0]).toMatch(/^glassbox: error \[[A-Z_]+\]: /);
        counts.cli.exit2++;
      } else counts.cli.exit0++;
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
