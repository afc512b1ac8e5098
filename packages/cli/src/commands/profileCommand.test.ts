import { describe, it, expect } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useCliWorkspace } from '../useCliWorkspace';

const { ws, cli } = useCliWorkspace();

describe('glassbox profile', () => {
  it('prints time per kernel, where each ran, time outside kernels and peak memory (cpu: all JavaScript)', async () => {
    const r = await cli('profile', '--model', ws.model, '--input', ws.inputs, '--method', 'saliency', '--target', '1');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^saliency on cpu: explain [\d.]+ s \(kernels [\d.]+ s, outside kernels -?[\d.]+ s\)/);
    expect(r.out).toMatch(/^kernel\s+calls\s+ms\s+%\s+where$/m);
    expect(r.out).toMatch(/^\w+\s+\d+\s+[\d.]+\s+[\d.]+\s+JavaScript$/m);
    expect(r.out).toMatch(/peak tensor memory [\d.]+ MiB; peak resident set [\d.]+ MiB/);
  });

  it('on native, says which kernels ran natively and the share of kernel time left in JavaScript (--json)', async () => {
    const r = await cli('profile', '--model', ws.model, '--input', ws.inputs, '--method', 'integrated-gradients', '--steps', '8', '--backend', 'native', '--json');
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.backend).toBe('native');
    const rows = j.kernels as { kernel: string; calls: number; ms: number; where: string }[];
    expect(rows.find((k) => k.kernel === 'BatchMatMul' || k.kernel === '_FusedMatMul')?.where).toBe('native');
    expect(rows.every((k) => k.calls > 0 && k.ms >= 0)).toBe(true);
    expect(j.javaScriptKernelMs).toBeGreaterThanOrEqual(0);
    expect(j.peakTensorBytes).toBeGreaterThan(0);
  });

  it('lists custom-gradient ops apart from kernels, never adding their time (it includes their kernels); a transformer runs natively', async () => {
    const model = fileURLToPath(new URL('../../../../examples/text-classification/model/model.json', import.meta.url));
    await writeFile(join(ws.dir, 'ids-profile.json'), JSON.stringify([[2, 40, 41, 42, ...new Array(60).fill(0)]]));
    const r = await cli('profile', '--model', model, '--input', join(ws.dir, 'ids-profile.json'), '--method', 'attention-grad-rollout', '--target', '1', '--backend', 'native', '--json');
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    const kernels = (j.kernels as { kernel: string; ms: number }[]).map((k) => k.kernel);
    const scopes = (j.customGradientScopes as { scope: string; calls: number; ms: number }[]).map((s) => s.scope);
    // The transformer's embedding lookup and layer norms are tf.customGrad ops: tf.profile names them by scope.
    expect(scopes.length).toBeGreaterThan(0);
    expect(scopes.some((s) => kernels.includes(s))).toBe(false);
    expect(kernels).toContain('GatherV2');
    expect(j.kernelMs).toBeCloseTo((j.kernels as { ms: number }[]).reduce((a, k) => a + k.ms, 0), 6);
    expect(j.kernelMs).toBeLessThanOrEqual(j.explainMs);
    // On native, every kernel of the transformer's forward and gradient that computes anything runs natively
    // (the embedding gather, casts of token ids and masks, pow, zerosLike included); only data-sharing ones stay.
    const inJavaScript = (j.kernels as { kernel: string; where: string }[]).filter((k) => k.where !== 'native').map((k) => k.kernel);
    expect(inJavaScript.filter((k) => k !== 'Identity' && k !== 'Reshape')).toEqual([]);
    expect(j.javaScriptSharingKernelMs).toBeCloseTo(j.javaScriptKernelMs, 6);
  });

  it('refuses missing flags with a typed error', async () => {
    const r = await cli('profile', '--model', ws.model, '--method', 'saliency');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/\[INVALID_OPTION\].*--input/);
  });
});
