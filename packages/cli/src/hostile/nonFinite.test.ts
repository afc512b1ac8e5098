import { describe, it, expect } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { nonFiniteExamples } from '../io/nonFiniteExamples';
import { runCli } from './hostileWorkspace';
import { useCliWorkspace } from '../useCliWorkspace';

// Issue 18 item 5: non-finite attributions are detected, named by example, and fail unless allowed.
const { ws } = useCliWorkspace();

describe('non-finite results', () => {
  it('SmoothGrad on inputs near the float32 limit: NON_FINITE_RESULT naming the examples, exit 2; --allow-non-finite: warning, exit 0', async () => {
    const big = join(ws.dir, 'near-limit.json');
    await writeFile(big, JSON.stringify({ inputs: [[0.1, 0.2, 0.3, 0.4, 0.5, 0.6], [3e38, -3e38, 3e38, -3e38, 3e38, -3e38]] }));
    const out = join(ws.dir, 'nan.json');
    const r = await runCli(ws.dir, 'explain', '--model', ws.model, '--input', big, '--method', 'smoothgrad', '--samples', '4', '--seed', '3', '--out', out);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/error \[NON_FINITE_RESULT\]: \d+ attribution value\(s\) are NaN or infinite, in example\(s\) 1;.*--allow-non-finite/);
    const written = JSON.parse(await readFile(out, 'utf8'));
    expect(written.attributions[1]).toContain(null); // written (nothing lost), but not silently
    const ok = await runCli(ws.dir, 'explain', '--model', ws.model, '--input', big, '--method', 'smoothgrad', '--samples', '4', '--seed', '3', '--out', out, '--allow-non-finite');
    expect(ok.code).toBe(0);
    expect(ok.err).toMatch(/warning: .* in example\(s\) 1; .*allowed by --allow-non-finite/);
  });

  it('nonFiniteExamples names each affected example once', () => {
    expect(nonFiniteExamples(Float32Array.of(1, NaN, 2, 3, Infinity, -Infinity), [3, 2])).toEqual({ examples: [0, 2], count: 3 });
    expect(nonFiniteExamples(Float32Array.of(1, 2), [1, 2])).toEqual({ examples: [], count: 0 });
  });
});
