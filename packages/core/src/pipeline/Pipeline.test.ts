import { describe, it, expect, expectTypeOf } from 'vitest';
import { pipeline } from './Pipeline';
import { absolute, normalize, clipPercentile } from './postprocess';
import { percentile } from '../util/percentile';
import { noiseTunnel } from './noiseTunnel';
import type { PipelineStep } from './PipelineStep';
import type { Explanation } from '../explanation/Explanation';
import { referenceExplainer } from '../testing/referenceExplainer';
import { createTinyMlp, randomInputs } from '../testing/fixtures';
import { trackTensors } from '../testing/trackTensors';

const model = createTinyMlp({ inputs: 5, outputs: 2, seed: 3 });
const x = randomInputs(3, [5], 4);

describe('pipelines', () => {
  it('runs explainer → absolute → normalize and records each step', async () => {
    const plain = await referenceExplainer().explain(model, x, { target: 1 });
    const e = await pipeline(referenceExplainer()).use(absolute()).use(normalize()).run(model, x, { target: 1 });
    for (let i = 0; i < 3; i++) {
      const row = Array.from(plain.attributions.slice(i * 5, i * 5 + 5)).map(Math.abs);
      const max = Math.max(...row);
      row.forEach((v, j) => expect(e.attributions[i * 5 + j]).toBeCloseTo(v / max, 6));
    }
    expect((e.diagnostics.postprocessing as { step: string }[]).map((p) => p.step)).toEqual(['absolute', 'normalize']);
  });

  it('clips to percentiles', async () => {
    expect(percentile([0, 10], 50)).toBe(5);
    const e = await pipeline(referenceExplainer()).use(clipPercentile(20, 80)).run(model, x);
    const row = Array.from(e.attributions.slice(0, 5));
    expect(Math.max(...row) - Math.min(...row)).toBeLessThanOrEqual(Math.max(...row.map(Math.abs)) * 2);
    expect(() => clipPercentile(90, 10)).toThrow(/lower < upper/);
  });

  it('names the failing step and its plugin, and leaks nothing', async () => {
    const broken: PipelineStep<Explanation<'attribution'>, Explanation<'attribution'>> = {
      name: 'explode',
      plugin: 'my-plugin',
      run: () => {
        throw new Error('kaboom');
      },
    };
    const r = await trackTensors(() => pipeline(referenceExplainer()).use(absolute()).use(broken).run(model, x));
    expect(r.error).toMatchObject({ code: 'PIPELINE_STEP_FAILED', message: 'Pipeline step 2 "explode" (plugin my-plugin) failed: kaboom' });
    expect(r.leaked).toBe(0);
  });

  it('checks accepted kinds at run time for untyped callers', async () => {
    const treeOnly = { name: 'tree-render', plugin: 'x', accepts: ['surrogate'] as const, run: (e: unknown) => e };
    await expect(pipeline(referenceExplainer()).use(treeOnly as never).run(model, x)).rejects.toThrow(/accepts explanations of kind surrogate; got attribution/);
  });

  it('rejects a step of the wrong kind at compile time', () => {
    const treeStep: PipelineStep<Explanation<'surrogate'>, string> = { name: 't', plugin: 'p', run: () => 'svg' };
    const p = pipeline(referenceExplainer());
    // @ts-expect-error an attribution explanation does not fit a surrogate-tree step
    p.use(treeStep);
    const rendered = p.use(absolute()).use({ name: 'count', plugin: 'p', run: (e: Explanation<'attribution'>) => e.attributions.length });
    expectTypeOf(rendered.run).returns.resolves.toBeNumber();
    // @ts-expect-error a number is not an explanation
    rendered.use(absolute());
  });

  it('describes its steps', () => {
    expect(pipeline(referenceExplainer()).use(absolute()).describe()).toEqual(['reference-gradient-x-input', 'absolute']);
  });
});

describe('noiseTunnel', () => {
  it('is deterministic under a seed, averages, and leaks nothing', async () => {
    const smooth = noiseTunnel(referenceExplainer(), { samples: 6, noiseLevel: 0.1 });
    const a = await smooth.explain(model, x, { seed: 5, target: 0 });
    const r = await trackTensors(() => smooth.explain(model, x, { seed: 5, target: 0 }));
    expect(r.leaked).toBe(0);
    expect(Array.from(r.value!.attributions)).toEqual(Array.from(a.attributions));
    const c = await smooth.explain(model, x, { seed: 6, target: 0 });
    expect(Array.from(c.attributions)).not.toEqual(Array.from(a.attributions));
    expect(a.options).toMatchObject({ samples: 6, noiseLevel: 0.1, aggregate: 'smoothgrad', chunk: 2 });
  });

  it('with zero noise equals the wrapped method; vargrad is then zero', async () => {
    const plain = await referenceExplainer().explain(model, x, { target: 1 });
    const zero = await noiseTunnel(referenceExplainer(), { samples: 3, noiseLevel: 0 }).explain(model, x, { target: 1 });
    zero.attributions.forEach((v, i) => expect(v).toBeCloseTo(plain.attributions[i]!, 6));
    const vg = await noiseTunnel(referenceExplainer(), { samples: 3, noiseLevel: 0, aggregate: 'vargrad' }).explain(model, x, { target: 1 });
    vg.attributions.forEach((v) => expect(Math.abs(v)).toBeLessThan(1e-6));
  });

  it('chunks samples under a small memory budget with the same result', async () => {
    const t = noiseTunnel(referenceExplainer(), { samples: 5 });
    const big = await t.explain(model, x, { seed: 1 });
    const small = await t.explain(model, x, { seed: 1, memoryBudgetBytes: 3 * 5 * 4 * 8 * 2 });
    expect(small.diagnostics.chunkSize).toBe(2);
    small.attributions.forEach((v, i) => expect(v).toBeCloseTo(big.attributions[i]!, 6));
  });
});
