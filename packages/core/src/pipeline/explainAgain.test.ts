import { describe, it, expect } from 'vitest';
import { pipeline } from './Pipeline';
import { absolute } from './postprocess';
import type { PipelineStep } from './PipelineStep';
import type { Explanation } from '../explanation/Explanation';
import { referenceExplainer } from '../testing/referenceExplainer';
import { createTinyMlp, randomInputs } from '../testing/fixtures';

type E = Explanation<'attribution'>;

describe('PipelineContext.explainAgain', () => {
  it('replays the source and the transforming steps before the current one, skipping observers', async () => {
    const model = createTinyMlp({ inputs: 4, outputs: 2, seed: 1 });
    const x = randomInputs(2, [4], 1);
    const other = randomInputs(3, [4], 2);
    let observed = 0;
    const observer: PipelineStep<E, E> = { name: 'observer', plugin: 'test', observes: true, run: (e) => (observed++, e) };
    let replayed: E | undefined;
    let source: string | undefined;
    const probe: PipelineStep<E, E> = {
      name: 'probe',
      plugin: 'test',
      observes: true,
      run: async (e, context) => {
        source = context.source?.name;
        replayed = (await context.explainAgain!(context.model, other, { ...context.call, target: [1, 0, 1] })) as E;
        return e;
      },
    };
    await pipeline(referenceExplainer()).use(absolute()).use(observer).use(probe).run(model, x, { target: 0 });
    expect(observed).toBe(1); // the replay skipped the observer
    expect(source).toBe('reference-gradient-x-input');
    const direct = await referenceExplainer().explain(model, other, { target: [1, 0, 1] });
    expect(Array.from(replayed!.attributions)).toEqual(Array.from(direct.attributions).map(Math.abs));
    expect(replayed!.targets).toEqual([1, 0, 1]);
    model.dispose?.();
  });
});
