import { describe, it, expect } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli } from './hostileWorkspace';
import { useCliWorkspace } from '../useCliWorkspace';

// Issue 18 item 6 (flags, inputs-file fields, pathological files, seeds) and item 7 (the parser).
const explain = (...more: string[]) => ['explain', '--model', ws.model, '--input', ws.inputs, '--method', 'saliency', ...more];
const explainOn = (input: string) => ['explain', '--model', ws.model, '--input', input, '--method', 'saliency'];
const { ws } = useCliWorkspace();

async function expectRefused(argv: string[], pattern: RegExp) {
  const r = await runCli(ws.dir, ...argv);
  expect(r.code, `${argv.join(' ')}\n${r.err}`).toBe(2);
  expect(r.err, argv.join(' ')).toMatch(pattern);
  expect(r.err.split('\n').filter((l) => l.startsWith('glassbox: error'))).toHaveLength(1);
}

describe('limits: every value from outside is checked, and says what it limits', () => {
  it('flag values', async () => {
    await expectRefused(explain('--memory-budget-mb', 'abc'), /\[INVALID_OPTION\]: --memory-budget-mb "abc": expected a positive number of mebibytes/);
    await expectRefused(explain('--memory-budget-mb', ''), /\[INVALID_OPTION\]: --memory-budget-mb/);
    await expectRefused(explain('--memory-budget-mb', '0x10'), /\[INVALID_OPTION\]: --memory-budget-mb/);
    await expectRefused(explain('--seed', ''), /\[INVALID_OPTION\]: --seed "": expected an integer ≥ 0 ≤ 4294967295 \(seed of the random source, 32 bits\)/);
    await expectRefused(explain('--seed', '4294967296'), /\[INVALID_OPTION\]: --seed/);
    await expectRefused(explain('--seed', '-1'), /\[INVALID_OPTION\]: --seed/);
    await expectRefused(explain('--seed', '1.5'), /\[INVALID_OPTION\]: --seed/);
    await expectRefused(explain('--target', ''), /\[INVALID_OPTION\]: Target "" is not an integer/);
    await expectRefused(explain('--targets', '1,,2'), /\[INVALID_OPTION\]: Target "" is not an integer/);
    await expectRefused(explain('--example', 'x', '--out', join(ws.dir, 'x.png')), /\[INVALID_OPTION\]: --example "x"/);
    await expectRefused(explain('--steps', ''), /\[INVALID_OPTION\]/);
    await expectRefused(explain('--backend', 'a/../../b'), /\[INVALID_OPTION\]: Backend name/);
    await expectRefused(['explain', '--model', ws.model, '--data', ws.csv, '--method', 'surrogate-tree', '--rows', '1,,2'], /\[INVALID_OPTION\]: --rows 1,,2: expected comma-separated data row indices/);
    await expectRefused(['evaluate', '--model', ws.model, '--explanation', ws.inputs, '--metrics', 'deletion', '--seed', 'abc'], /\[INVALID_OPTION\]: --seed "abc"/);
  });

  it('the seed an explanation records is the one that produced it: 2^32 is refused, not wrapped onto 0', async () => {
    const { saliency } = await import('@glassbox/gradient-saliency');
    const { fromFunction } = await import('@glassbox/core');
    const tf = await import('@tensorflow/tfjs-core');
    const model = fromFunction((x) => tf.sum(x, 1, true), { inputShape: [2], outputShape: [1] });
    const err = await saliency().explain(model, [[1, 2]], { seed: 2 ** 32 }).catch((e) => e);
    expect(err.code).toBe('INVALID_OPTION');
    expect(err.message).toMatch(/expected an integer in \[0, 4294967295\].*wrap/);
    expect((await saliency().explain(model, [[1, 2]], { seed: 2 ** 32 - 1 })).seed).toBe(2 ** 32 - 1);
  });

  it('inputs-file fields', async () => {
    const file = async (name: string, content: string) => {
      await writeFile(join(ws.dir, name), content);
      return join(ws.dir, name);
    };
    const rows = [[1, 2, 3, 4, 5, 6]];
    const cases: [string, RegExp][] = [
      [JSON.stringify({ inputs: rows, targets: { a: 1 } }), /\[DATA_FILE_INVALID\]: .*"targets" must be "predicted", one output index, or 1 output indices/],
      [JSON.stringify({ inputs: rows, targets: [0, 1] }), /\[DATA_FILE_INVALID\]: .*"targets"/],
      [JSON.stringify({ inputs: rows, targets: 'all' }), /\[DATA_FILE_INVALID\]: .*"targets"/],
      [JSON.stringify({ inputs: rows, labels: 'x' }), /\[DATA_FILE_INVALID\]: .*"labels" must be an object/],
      [JSON.stringify({ inputs: rows, labels: { features: [1, 2] } }), /\[DATA_FILE_INVALID\]: .*"labels.features" must be a list of strings/],
      [JSON.stringify({ inputs: rows, labels: { tokens: 'x' } }), /\[DATA_FILE_INVALID\]: .*"labels.tokens"/],
      [JSON.stringify({ inputs: rows, labels: { __proto__x: 1 } }), /\[DATA_FILE_INVALID\]: .*unknown field "labels.__proto__x"/],
      [JSON.stringify({ inputs: rows, target: 1 }), /\[DATA_FILE_INVALID\]: .*unknown field "target"/],
      [JSON.stringify({ inputs: [] }), /\[DATA_FILE_INVALID\]: .*holds no examples/],
      ['{"inputs": 5}', /\[DATA_FILE_INVALID\]/],
      ['', /\[DATA_FILE_INVALID\]: .* is not valid JSON/],
      ['[' .repeat(200000) + ']'.repeat(200000), /\[DATA_FILE_INVALID\]: .*nested more than 32 arrays deep; the limit on dimensions is 32/],
      ['{"inputs":' + '['.repeat(100000) + '1' + ']'.repeat(100000) + '}', /\[DATA_FILE_INVALID\]: .*nested more than 32/],
    ];
    for (const [i, [content, pattern]] of cases.entries()) await expectRefused(explainOn(await file(`bad${i}.json`, content)), pattern);
    // a deeply nested explanation file for report and evaluate
    const deep = await file('deep-explanation.json', '{"specVersion":1,"attributions":' + '['.repeat(100000) + ']'.repeat(100000) + '}');
    await expectRefused(['report', deep, '--out', join(ws.dir, 'r.html')], /\[DATA_FILE_INVALID\]/);
    await expectRefused(['evaluate', '--model', ws.model, '--explanation', deep, '--metrics', 'deletion'], /\[DATA_FILE_INVALID\]/);
    const deepOptions = await file('deep-options.json', '{"specVersion":1,"options":' + '{"a":'.repeat(100000) + '1' + '}'.repeat(100000) + '}');
    await expectRefused(['report', deepOptions, '--out', join(ws.dir, 'r.html')], /\[DATA_FILE_INVALID\]: .*nested more than 64 levels deep; the limit on explanation files is 64/);
    // .npy inputs are checked too
    await expectRefused(explainOn(await file('bad.npy', 'not numpy')), /\[DATA_FILE_INVALID\]: bad\.npy is not a usable \.npy array: it does not start with/);
  });
});

describe('the argument parser is strict', () => {
  it('object-prototype names are refused or harmless, and never reach Object', async () => {
    await expectRefused(explain('--__proto__', 'x'), /\[INVALID_OPTION\]: Malformed flag "--__proto__"/);
    await expectRefused(explain('--constructor', 'x'), /\[INVALID_OPTION\]: Unknown option "constructor" for method "saliency"/);
    await expectRefused(explain('--toString', '1'), /\[INVALID_OPTION\]: Unknown option "toString"/);
    await expectRefused(explain('--hasOwnProperty', '1'), /\[INVALID_OPTION\]: Unknown option "hasOwnProperty"/);
    const ig = join(ws.dir, 'ig.json');
    expect((await runCli(ws.dir, ...explain('--out', ig))).code).toBe(0);
    await expectRefused(['evaluate', '--model', ws.model, '--explanation', ig, '--metrics', 'deletion', '--constructor.polluted', 'yes'], /\[INVALID_OPTION\]/);
    await expectRefused(['evaluate', '--model', ws.model, '--explanation', ig, '--metrics', 'deletion', '--toString.polluted', 'yes'], /\[INVALID_OPTION\]/);
    expect((Object as unknown as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype.toString as unknown as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a flag twice, stray words, --data with --input, switches with values, single dashes', async () => {
    await expectRefused(explain('--target', '1', '--target', '2'), /\[INVALID_OPTION\]: Flag --target given twice/);
    await expectRefused(explain('stray'), /\[INVALID_OPTION\]: Unexpected argument "stray" for explain/);
    await expectRefused(['methods', 'extra'], /\[INVALID_OPTION\]: Unexpected argument "extra" for methods/);
    await expectRefused(['backends', '--json'], /\[INVALID_OPTION\]: Unknown flag --json for backends/);
    await expectRefused(explain('--data', ws.csv), /\[INVALID_OPTION\]: Give either --input or --data, not both/);
    await expectRefused(['methods', '--json', 'yes'], /\[INVALID_OPTION\]: --json is a switch/);
    await expectRefused(explain('-x'), /\[INVALID_OPTION\]: Malformed flag "-x"; flags start with two dashes/);
    await expectRefused(explain('--out'), /\[INVALID_OPTION\]: --out needs a value/);
    await expectRefused(['explain', '--model', '--input', ws.inputs, '--method', 'saliency'], /\[INVALID_OPTION\]: --model needs a value/);
    await expectRefused(['report', ws.inputs, '--out', join(ws.dir, 'r.html'), '--titel', 'x'], /\[INVALID_OPTION\]: Unknown flag --titel for report/);
  });

  it('help and the exit-code contract', async () => {
    const r = await runCli(ws.dir, '--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Exit status: 0 a result was written; 2 bad input .*; 1 an internal error/s);
  });
});
