import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRandom } from '@glassbox/core';
import { createTinyMlp, randomInputs } from '@glassbox/core/testing';
import { parseBaseline } from './BaselineSpec';
import { gaussianBlur } from './gaussianBlur';
import { resolveBaselines } from './resolveBaselines';
import { integratedGradients } from './integratedGradients';

describe('parseBaseline', () => {
  it('reads the CLI syntax and code values', () => {
    expect(parseBaseline('zeros')).toEqual({ kind: 'zeros' });
    expect(parseBaseline(0)).toEqual({ kind: 'zeros' });
    expect(parseBaseline('0.5')).toEqual({ kind: 'constant', value: 0.5 });
    expect(parseBaseline('-1e-1')).toEqual({ kind: 'constant', value: -0.1 });
    expect(parseBaseline('blur')).toEqual({ kind: 'blur', sigma: 5 });
    expect(parseBaseline('blur:2.5:28x28')).toEqual({ kind: 'blur', sigma: 2.5, imageShape: [28, 28] });
    expect(parseBaseline('uniform')).toEqual({ kind: 'uniform' });
    expect(parseBaseline('uniform:-1:1')).toEqual({ kind: 'uniform', low: -1, high: 1 });
    expect(parseBaseline('refs/b.json')).toEqual({ kind: 'file', path: 'refs/b.json' });
    expect(parseBaseline('set:refs/set.json')).toEqual({ kind: 'set-file', path: 'refs/set.json' });
    expect(parseBaseline([[1, 2], [3, 4]])).toEqual({ kind: 'values', values: [1, 2, 3, 4], shape: [2, 2] });
    expect(parseBaseline({ kind: 'set', values: [[1, 2]] })).toEqual({ kind: 'set', values: [1, 2], shape: [1, 2] });
    expect(parseBaseline({ kind: 'values', values: new Float32Array([1, 2, 3]), shape: [3] })).toEqual({ kind: 'values', values: [1, 2, 3], shape: [3] });
  });

  it('refuses what it cannot read, saying why', () => {
    expect(() => parseBaseline('sideways')).toThrow(/unknown baseline/);
    expect(() => parseBaseline('blur:0')).toThrow(/sigma must be > 0/);
    expect(() => parseBaseline('blur:2:28by28')).toThrow(/not a finite number/);
    expect(() => parseBaseline('uniform:1')).toThrow(/both bounds/);
    expect(() => parseBaseline('uniform:1:0')).toThrow(/low < high/);
    expect(() => parseBaseline(Infinity)).toThrow(/not finite/);
    expect(() => parseBaseline([[1], [2, 3]])).toThrow(/rectangular/);
    expect(() => parseBaseline({ kind: 'mystery' })).toThrow(/unknown baseline kind/);
  });
});

describe('gaussianBlur', () => {
  it('keeps a constant image constant and its mass roughly in place', () => {
    const flat = gaussianBlur(new Float32Array(36).fill(0.7), [6, 6, 1], [0, 1], 2);
    flat.forEach((v) => expect(v).toBeCloseTo(0.7, 6));
    const dot = new Float32Array(81);
    dot[40] = 1; // centre of 9×9
    const b = gaussianBlur(dot, [9, 9], [0, 1], 1);
    expect(b.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 2); // border renormalisation adds a little
    expect(b[40]).toBeLessThan(0.2);
    expect(b[40]).toBeGreaterThan(b[41]!);
    expect(b[41]).toBeCloseTo(b[39]!, 7); // symmetric
    expect(b[41]).toBeCloseTo(b[31]!, 7);
  });

  it('blurs only spatial axes of [H, W, C] inputs', () => {
    const img = new Float32Array(4 * 4 * 2);
    for (let p = 0; p < 16; p++) img[p * 2] = 1; // channel 0 all ones, channel 1 zeros
    const b = gaussianBlur(img, [4, 4, 2], [0, 1], 1.5);
    for (let p = 0; p < 16; p++) {
      expect(b[p * 2]).toBeCloseTo(1, 6);
      expect(b[p * 2 + 1]).toBeCloseTo(0, 6);
    }
  });
});

describe('resolveBaselines', () => {
  const x = Float32Array.from(randomInputs(2, [4], 3).flat());
  const base = { inputs: x, n: 2, inputShape: [4], samples: 0, random: createRandom(1) };

  it('broadcasts one baseline to every example and takes per-example ones as they are', async () => {
    const one = await resolveBaselines({ ...base, spec: { kind: 'values', values: [1, 2, 3, 4], shape: [4] } });
    expect(Array.from(one.values)).toEqual([1, 2, 3, 4, 1, 2, 3, 4]);
    const each = await resolveBaselines({ ...base, spec: { kind: 'values', values: [1, 2, 3, 4, 5, 6, 7, 8], shape: [2, 4] } });
    expect(Array.from(each.values)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('draws seeded uniform noise within each example’s range, several per example when asked', async () => {
    const a = await resolveBaselines({ ...base, spec: { kind: 'uniform' }, samples: 3 });
    const b = await resolveBaselines({ ...base, spec: { kind: 'uniform' }, samples: 3 });
    const c = await resolveBaselines({ ...base, spec: { kind: 'uniform' }, samples: 3, random: createRandom(2) });
    expect(a.perExample).toBe(3);
    expect(a.values.length).toBe(2 * 3 * 4);
    expect(Array.from(a.values)).toEqual(Array.from(b.values));
    expect(Array.from(a.values)).not.toEqual(Array.from(c.values));
    for (let i = 0; i < 2; i++) {
      const row = Array.from(x.subarray(i * 4, i * 4 + 4));
      const [lo, hi] = [Math.min(...row), Math.max(...row)];
      a.values.subarray(i * 12, i * 12 + 12).forEach((v) => expect(v >= lo && v < hi + 1e-7).toBe(true));
    }
  });

  it('uses a whole reference set by default, or seeded draws from it', async () => {
    const set = { kind: 'set' as const, values: [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2], shape: [3, 4] };
    const all = await resolveBaselines({ ...base, spec: set });
    expect(all.perExample).toBe(3);
    expect(Array.from(all.values.subarray(0, 12))).toEqual(set.values);
    const drawn = await resolveBaselines({ ...base, spec: set, samples: 2 });
    expect(drawn.perExample).toBe(2);
    const firsts = [0, 1, 2, 3].map((q) => drawn.values[q * 4]);
    expect(firsts[0]).not.toBe(firsts[1]); // without replacement within an example
    expect(firsts[2]).not.toBe(firsts[3]);
  });
});

describe('integrated gradients with each kind of baseline', () => {
  const x = randomInputs(2, [6], 4);

  it('a constant baseline equals the same values given explicitly', async () => {
    const m = createTinyMlp();
    const c = await integratedGradients({ baseline: 0.25 }).explain(m, x, { target: 1 });
    const v = await integratedGradients({ baseline: [0.25, 0.25, 0.25, 0.25, 0.25, 0.25] }).explain(m, x, { target: 1 });
    expect(Array.from(c.attributions)).toEqual(Array.from(v.attributions));
    m.dispose!();
  });

  it('a reference set gives the mean of the IGs from each of its baselines (expected gradients), and completeness against the mean f(b)', async () => {
    const m = createTinyMlp({ seed: 6 });
    const refs = randomInputs(3, [6], 77);
    const e = await integratedGradients({ baseline: { kind: 'set', values: refs.flat(), shape: [3, 6] } }).explain(m, x, { target: 2 });
    const singles = await Promise.all(refs.map((r) => integratedGradients({ baseline: r }).explain(m, x, { target: 2 })));
    e.attributions.forEach((v, i) => expect(v).toBeCloseTo(singles.reduce((s, s1) => s + s1.attributions[i]!, 0) / 3, 6));
    const fb = (e.diagnostics.fBaselines as number[])[0];
    expect(fb).toBeCloseTo(singles.reduce((s, s1) => s + (s1.diagnostics.fBaselines as number[])[0]!, 0) / 3, 6);
    e.convergenceDelta!.forEach((d) => expect(Math.abs(d)).toBeLessThan(1e-5));
    expect(e.diagnostics).toMatchObject({ baselinesPerExample: 3, gradientEvaluations: 2 * 3 * 50 });
    m.dispose!();
  });

  it('reads per-example baselines and reference sets from JSON files; refuses bad files with DATA_FILE_INVALID', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'glassbox-ig-'));
    const m = createTinyMlp();
    writeFileSync(join(dir, 'b.json'), JSON.stringify([[0.1, 0.2, 0.3, 0.4, 0.5, 0.6], [0, 0, 0, 0, 0, 0]]));
    writeFileSync(join(dir, 'set.json'), JSON.stringify({ baselines: [[0, 0, 0, 0, 0, 0], [1, 1, 1, 1, 1, 1]] }));
    writeFileSync(join(dir, 'bad.json'), '{ nope');
    const fromFile = await integratedGradients({ baseline: join(dir, 'b.json') }).explain(m, x, { target: 0 });
    const inline = await integratedGradients({ baseline: [[0.1, 0.2, 0.3, 0.4, 0.5, 0.6], [0, 0, 0, 0, 0, 0]] }).explain(m, x, { target: 0 });
    expect(Array.from(fromFile.attributions)).toEqual(Array.from(inline.attributions));
    const set = await integratedGradients({ baseline: `set:${join(dir, 'set.json')}` }).explain(m, x, { target: 0 });
    expect(set.diagnostics.baselinesPerExample).toBe(2);
    await expect(integratedGradients({ baseline: join(dir, 'missing.json') }).explain(m, x)).rejects.toMatchObject({ code: 'DATA_FILE_INVALID' });
    await expect(integratedGradients({ baseline: join(dir, 'bad.json') }).explain(m, x)).rejects.toMatchObject({ code: 'DATA_FILE_INVALID', message: expect.stringContaining('not valid JSON') });
    m.dispose!();
  });

  it('blur and uniform baselines run through the explainer, seeded', async () => {
    const m = createTinyMlp();
    const blur = await integratedGradients({ baseline: 'blur:1' }).explain(m, x, { target: 0 });
    expect(blur.convergenceDelta!.every((d) => Math.abs(d) < 1e-5)).toBe(true);
    const u1 = await integratedGradients({ baseline: 'uniform:-1:1', baselineSamples: 4 }).explain(m, x, { seed: 3 });
    const u2 = await integratedGradients({ baseline: 'uniform:-1:1', baselineSamples: 4 }).explain(m, x, { seed: 3 });
    const u3 = await integratedGradients({ baseline: 'uniform:-1:1', baselineSamples: 4 }).explain(m, x, { seed: 4 });
    expect(Array.from(u1.attributions)).toEqual(Array.from(u2.attributions));
    expect(Array.from(u1.attributions)).not.toEqual(Array.from(u3.attributions));
    await expect(integratedGradients({ baseline: 'blur:2:3x3' }).explain(m, x)).rejects.toMatchObject({ code: 'INVALID_OPTION', message: expect.stringContaining('has 9 elements; the input has 6') });
    m.dispose!();
  });
});
