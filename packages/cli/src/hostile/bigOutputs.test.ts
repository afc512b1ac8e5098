import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createRandom, EXPLANATION_SPEC_VERSION, explanationToJSON, nest, type Explanation } from '@glassbox/core';
import { writeAtomic } from '../io/writeAtomic';
import { writeExplanationJson, writeNestedJson } from '../io/writeExplanationJson';
import { npyHeader, readNpy, writeNpy } from '../io/npy';
import { runCli } from './hostileWorkspace';
import { useCliWorkspace } from '../useCliWorkspace';

// Issue 18 item 4 (and issue 14 item 5): outputs of any size, JSON streamed, .npy in and out.
const { ws } = useCliWorkspace();

const collect = async (fn: (write: (c: string | Uint8Array) => Promise<void>) => Promise<void>) => {
  const parts: string[] = [];
  await fn(async (c) => void parts.push(typeof c === 'string' ? c : Buffer.from(c).toString('latin1')));
  return parts.join('');
};

function fakeExplanation(batch: number, per: number[], seed = 1): Explanation {
  const rng = createRandom(seed);
  const n = batch * per.reduce((a, b) => a * b, 1);
  const values = Float32Array.from({ length: n }, () => rng.normal() * 1e-3);
  return {
    specVersion: EXPLANATION_SPEC_VERSION, kind: 'attribution', method: 'm', explainer: { name: 'm', version: '1' }, options: { a: 1 }, seed: 0, backend: 'cpu',
    model: { name: 'x', inputShape: per, outputShape: [2] }, inputs: values, inputShape: [batch, ...per], targets: Array(batch).fill(0),
    outputs: new Float32Array(batch * 2), outputShape: [batch, 2], attributions: values, attributionShape: [batch, ...per], diagnostics: {}, metrics: {},
    timing: { startedAt: 'now', durationMs: 1 },
  };
}

describe('big outputs', () => {
  it('streamed JSON is byte-identical to JSON.stringify of the nested arrays, for 300 seeded shapes and block sizes', async () => {
    const rng = createRandom(18);
    for (let c = 0; c < 300; c++) {
      const dims = 1 + Math.floor(rng.uniform(0, 5));
      const shape = Array.from({ length: dims }, () => Math.floor(rng.uniform(0, 5)));
      const n = shape.reduce((a, b) => a * b, 1);
      const values = Float32Array.from({ length: n }, () => (rng.uniform(0, 1) < 0.05 ? NaN : rng.normal()));
      const block = 1 + Math.floor(rng.uniform(0, 40));
      expect(await collect((w) => writeNestedJson(w, values, shape, block)), `${shape} / ${block}`).toBe(JSON.stringify(nest(values, shape)));
    }
    const e = { ...fakeExplanation(3, [4, 5]), convergenceDelta: [NaN, 1, 2] };
    expect(await collect((w) => writeExplanationJson(w, e, { fidelity: 0.5 }))).toBe(JSON.stringify({ ...explanationToJSON(e), fidelity: 0.5 }));
  });

  it('writes an explanation whose JSON exceeds the largest V8 string (~512 MiB), which JSON.stringify cannot', async () => {
    // 2 × 12 M float32 values (inputs and attributions) → about 560 MB of JSON.
    const e = fakeExplanation(1, [1, 1]);
    const values = new Float32Array(12 * 1024 * 1024).map((_, i) => Math.sin(i) * 1e-3);
    Object.assign(e, { inputs: values, attributions: values, inputShape: [12, 1024, 1024], attributionShape: [12, 1024, 1024], targets: Array(12).fill(0), outputs: new Float32Array(24), outputShape: [12, 2] });
    const path = join(ws.dir, 'huge.json');
    await writeAtomic(path, (w) => writeExplanationJson(w, e));
    const size = (await stat(path)).size;
    expect(size).toBeGreaterThan(2 ** 29); // V8's string limit is 2^29 − 24 characters
    // Spot-check: the file starts as an explanation.
    const head = await new Promise<string>((ok) => createReadStream(path, { start: 0, end: 300 }).on('data', (d) => ok(String(d))));
    expect(head.startsWith('{"specVersion":')).toBe(true);
    await rm(path);
  }, 300_000);

  it('.npy round-trips any shape, header versions 1 and 2, and reads NumPy dtypes', async () => {
    for (const shape of [[3], [2, 3], [1, 2, 3, 4], [0, 5]]) {
      const n = shape.reduce((a, b) => a * b, 1);
      const values = Float32Array.from({ length: n }, (_, i) => i / 7 - 1);
      const bytes = Buffer.from(await collect((w) => writeNpy(w, values, shape)), 'latin1');
      expect(bytes.length % 1).toBe(0);
      expect(bytes.indexOf(0x0a)).toBe(npyHeader(shape).length - 1); // header ends with \n, data 64-aligned
      const back = readNpy(new Uint8Array(bytes), 'x.npy');
      expect(back.shape).toEqual(shape);
      expect(Array.from(back.values)).toEqual(Array.from(values));
    }
    // a header too long for version 1 switches to version 2
    expect(npyHeader(Array(30000).fill(1))[6]).toBe(2);
    // float64 big-endian, int64 and uint8, as NumPy writes them
    const f8 = Buffer.concat([Buffer.from("\x93NUMPY\x01\x00", 'latin1'), Buffer.alloc(2), Buffer.from("{'descr': '>f8', 'fortran_order': False, 'shape': (2,), }\n")]);
    f8.writeUInt16LE(f8.length - 10, 8);
    const data = Buffer.alloc(16);
    data.writeDoubleBE(1.5, 0);
    data.writeDoubleBE(-2.25, 8);
    expect(Array.from(readNpy(new Uint8Array(Buffer.concat([f8, data])), 'f8.npy').values)).toEqual([1.5, -2.25]);
  });

  it('explain --input x.npy and --out y.npy: same attributions as through JSON', async () => {
    const inputs = JSON.parse(await readFile(ws.inputs, 'utf8')).inputs as number[][];
    const npyIn = join(ws.dir, 'inputs.npy');
    await writeAtomic(npyIn, (w) => writeNpy(w, Float32Array.from(inputs.flat()), [inputs.length, inputs[0]!.length]));
    const viaJson = JSON.parse((await runCli(ws.dir, 'explain', '--model', ws.model, '--input', ws.inputs, '--method', 'saliency')).out);
    const out = join(ws.dir, 'attr.npy');
    const r = await runCli(ws.dir, 'explain', '--model', ws.model, '--input', npyIn, '--method', 'saliency', '--out', out);
    expect(r.code, r.err).toBe(0);
    const back = readNpy(new Uint8Array(await readFile(out)), 'attr.npy');
    expect(back.shape).toEqual([3, 6]);
    expect(Array.from(back.values)).toEqual((viaJson.attributions as number[][]).flat().map(Math.fround));
  });

  it('NumPy itself reads what Glassbox writes (when python3 with numpy is installed)', async () => {
    let hasNumpy = true;
    try {
      execFileSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' });
    } catch {
      hasNumpy = false;
    }
    if (!hasNumpy) return;
    const path = join(ws.dir, 'np.npy');
    await writeAtomic(path, (w) => writeNpy(w, Float32Array.of(1, 2, 3, 4, 5, 6), [2, 3]));
    expect(execFileSync('python3', ['-c', `import numpy; a = numpy.load(${JSON.stringify(path)}); print(a.dtype, a.shape, a.sum())`]).toString().trim()).toBe('float32 (2, 3) 21.0');
    execFileSync('python3', ['-c', `import numpy; numpy.save(${JSON.stringify(join(ws.dir, 'from-numpy.npy'))}, numpy.arange(12, dtype=numpy.float64).reshape(2, 6))`]);
    const back = readNpy(new Uint8Array(await readFile(join(ws.dir, 'from-numpy.npy'))), 'from-numpy.npy');
    expect(back).toMatchObject({ shape: [2, 6], dtype: '<f8' });
    await writeFile(join(ws.dir, 'unused'), '');
  });
});
