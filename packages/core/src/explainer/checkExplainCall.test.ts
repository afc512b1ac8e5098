import { describe, it, expect } from 'vitest';
import { referenceExplainer } from '../testing/referenceExplainer';
import { createTinyMlp, randomInputs } from '../testing/fixtures';
import { isGlassboxError } from '../errors/GlassboxError';

describe('explain call keys', () => {
  const model = createTinyMlp({ inputs: 4, outputs: 3, seed: 5 });
  const x = randomInputs(2, [4], 9);

  it('an unknown key is refused with INVALID_OPTION, naming the key meant, instead of explaining another class', async () => {
    const err = await referenceExplainer().explain(model, x, { targets: 1 } as never).catch((e: unknown) => e);
    expect(isGlassboxError(err) && err.code).toBe('INVALID_OPTION');
    expect((err as Error).message).toMatch(/Unknown explain call key "targets" \(did you mean "target"\?\); known keys: options, target, /);
    const method = await referenceExplainer().explain(model, x, { chunk: 1 } as never).catch((e: unknown) => e);
    expect((method as Error).message).toMatch(/Unknown explain call key "chunk"; .*method options go under "options"/);
  });

  it('a call that is not an object is refused; the known keys and no call at all are accepted', async () => {
    const err = await referenceExplainer().explain(model, x, null as never).catch((e: unknown) => e);
    expect(isGlassboxError(err) && err.code).toBe('INVALID_OPTION');
    const e = await referenceExplainer().explain(model, x, { target: 1, seed: 3, options: { chunk: 1 }, labels: undefined, memoryBudgetBytes: 1 << 20 });
    expect(e.targets).toEqual([1, 1]);
    expect((await referenceExplainer().explain(model, x)).targets).toHaveLength(2);
  });
});
