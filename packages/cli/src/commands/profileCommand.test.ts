import { describe, it, expect } from 'vitest';
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

  it('refuses missing flags with a typed error', async () => {
    const r = await cli('profile', '--model', ws.model, '--method', 'saliency');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/\[INVALID_OPTION\].*--input/);
  });
});
