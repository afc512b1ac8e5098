import { describe, it, expect } from 'vitest';
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { useCliWorkspace } from './useCliWorkspace';

const bin = join(import.meta.dirname, '..', 'bin', 'glassbox.cjs');
const { ws, cli } = useCliWorkspace();

describe('glassbox methods', () => {
  it('lists the installed plugins with their options, the third-party occlusion plugin too', async () => {
    const r = await cli('methods');
    expect(r.code).toBe(0);
    for (const m of ['saliency', 'integrated-gradients', 'surrogate-tree', 'occlusion']) expect(r.out).toMatch(new RegExp(`^${m}  \\(`, 'm'));
    expect(r.out).toContain('glassbox-plugin-occlusion@');
    expect(r.out).toMatch(/--steps <integer in \[1, 100000\]> \(default 50\)/);
    const json = JSON.parse((await cli('methods', '--json')).out);
    expect(json.find((m: { method: string }) => m.method === 'integrated-gradients').options.rule.values).toContain('gausslegendre');
  });
});

describe('glassbox explain', () => {
  it('writes JSON with method, options, backend, targets, outputs, attributions and convergence delta', async () => {
    const out = join(ws.dir, 'ig.json');
    const r = await cli('explain', '--model', ws.model, '--input', ws.inputs, '--method', 'integrated-gradients', '--steps', '32', '--target', '2', '--out', out);
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(await readFile(out, 'utf8'));
    expect(j).toMatchObject({ method: 'integrated-gradients', backend: 'cpu', targets: [2, 2, 2], options: { steps: 32, rule: 'gausslegendre' } });
    expect(j.attributions).toHaveLength(3);
    expect(j.attributions[0]).toHaveLength(6);
    expect(j.outputs[0]).toHaveLength(3);
    expect(j.convergenceDelta.every((d: number) => Math.abs(d) < 1e-3)).toBe(true);
    expect(r.err).toMatch(/convergence delta/);
  });

  it('accepts --targets per example and prints JSON to stdout without --out', async () => {
    const r = await cli('explain', '--model', ws.model, '--input', ws.inputs, '--method', 'saliency', '--targets', '0,1,2');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).targets).toEqual([0, 1, 2]);
  });

  it('--timings names the time of every phase on stderr, and the JSON on stdout stays clean', async () => {
    const r = await cli('explain', '--model', ws.model, '--input', ws.inputs, '--method', 'saliency', '--timings');
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/^timings: process start \d+ ms, plugins \d+ ms, backend \d+ ms, model \d+ ms, inputs \d+ ms, explain \d+ ms, write \d+ ms; total /m);
    expect(JSON.parse(r.out).method).toBe('saliency');
  });

  it('runs the surrogate tree on a CSV and names the held-out fidelity', async () => {
    const out = join(ws.dir, 'tree.json');
    const r = await cli('explain', '--model', ws.model, '--method', 'surrogate-tree', '--data', ws.csv, '--max-depth', '3', '--out', out);
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(await readFile(out, 'utf8'));
    expect(j.fidelity).toBeGreaterThan(0.5);
    expect(j.fidelity).toBeLessThanOrEqual(1);
  });

  it('writes pictures: .png, .svg and .html', async () => {
    for (const ext of ['png', 'svg', 'html']) {
      const out = join(ws.dir, `sal.${ext}`);
      const r = await cli('explain', '--model', ws.model, '--input', ws.inputs, '--method', 'saliency', '--image-shape', '2,3', '--out', out);
      expect(r.code, r.err).toBe(0);
      const bytes = await readFile(out);
      if (ext === 'png') expect([...bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
      else expect(bytes.toString('utf8')).toMatch(ext === 'svg' ? /<svg/ : /<!doctype html>/i);
    }
  });

  it('refuses bad input with one line naming what was expected', async () => {
    await writeFile(join(ws.dir, 'nan.json'), '[[1,2,3,4,5,"NaN"]]');
    await writeFile(join(ws.dir, 'short.json'), '[[1,2,3]]');
    const cases: [string[], RegExp][] = [
      [['explain', '--model', ws.model, '--input', ws.inputs, '--method', 'saliency', '--stepz', '3'], /\[INVALID_OPTION\]: Unknown option "stepz" for method "saliency"/],
      [['explain', '--model', ws.model, '--input', ws.inputs, '--method', 'integrated-gradients', '--steps', '0'], /\[INVALID_OPTION\].*steps.*integer ≥ 1/],
      [['explain', '--model', ws.model, '--input', ws.inputs, '--method', 'integrated-gradients', '--rule', 'simpson'], /\[INVALID_OPTION\].*one of riemann_left/],
      [['explain', '--model', ws.model, '--input', ws.inputs, '--method', 'saliency', '--target', '7'], /\[TARGET_OUT_OF_RANGE\].*\[0, 2\]/],
      [['explain', '--model', ws.model, '--input', join(ws.dir, 'short.json'), '--method', 'saliency'], /\[INVALID_INPUT\]: Input has shape \[1, 3\]; expected \[\?, 6\]/],
      [['explain', '--model', ws.model, '--input', join(ws.dir, 'nan.json'), '--method', 'saliency'], /\[DATA_FILE_INVALID\].*expected a number/],
      [['explain', '--model', join(ws.dir, 'nope.json'), '--input', ws.inputs, '--method', 'saliency'], /\[MODEL_FILE_INVALID\]: Cannot read model file/],
      [['explain', '--model', ws.model, '--input', ws.inputs, '--method', 'nope'], /\[UNKNOWN_METHOD\].*installed: .*saliency/],
      [['explain', '--model', ws.model, '--input', ws.inputs, '--method', 'saliency', '--out', 'x.gif'], /\[INVALID_OPTION\].*\.json, \.npy, \.png, \.svg or \.html/],
      [['explain', '--model', ws.model, '--input', ws.inputs, '--method', 'saliency', '--backend', 'tpu'], /\[BACKEND_UNAVAILABLE\].*tpu: not registered/],
      [['explain', '--model', ws.model], /\[INVALID_OPTION\]: Missing --method/],
      [['frobnicate'], /\[UNKNOWN_COMMAND\]/],
    ];
    for (const [argv, pattern] of cases) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err, argv.join(' ')).toMatch(pattern);
      expect(r.err.split('\n')).toHaveLength(1);
    }
  });

  it('as a process: exit status 2 and one line on stderr, no stack trace', async () => {
    const run = promisify(execFile);
    const err = await run('node', [bin, 'explain', '--model', ws.model, '--input', ws.inputs, '--method', 'saliency', '--target', '-1'], { cwd: ws.dir }).catch((e) => e);
    expect(err.code).toBe(2);
    expect(err.stderr.trim().split('\n')).toHaveLength(1);
    expect(err.stderr).toMatch(/^glassbox: error \[TARGET_OUT_OF_RANGE\]/);
    expect(err.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('glassbox report and evaluate', () => {
  it('evaluates a saved explanation and reports it as one HTML file', async () => {
    const ig = join(ws.dir, 'ig-eval.json');
    expect((await cli('explain', '--model', ws.model, '--input', ws.inputs, '--method', 'integrated-gradients', '--out', ig)).code).toBe(0);
    const evalOut = join(ws.dir, 'evaluated.json');
    const r = await cli('evaluate', '--model', ws.model, '--explanation', ig, '--metrics', 'completeness,deletion', '--deletion.steps', '6', '--out', evalOut);
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(await readFile(evalOut, 'utf8'));
    expect(j.results.completeness.perExample).toHaveLength(3);
    expect(j.results.deletion.perExample).toHaveLength(3);
    const html = join(ws.dir, 'report.html');
    const rep = await cli('report', ig, '--out', html);
    expect(rep.code, rep.err).toBe(0);
    const text = await readFile(html, 'utf8');
    expect(text).toMatch(/<!doctype html>/i);
    expect(text).toContain('integrated-gradients');
    expect(text).not.toMatch(/https?:\/\//);
    expect((await cli('evaluate', '--model', ws.model, '--explanation', ig, '--metrics', 'vibes')).err).toMatch(/\[INVALID_OPTION\]: Unknown metric "vibes"/);
  });
});
