import { describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tinyGraphModel, type TinyGraphModelOptions } from '@glassbox/core/testing';
import { useCliWorkspace } from '../useCliWorkspace';

const { ws, cli } = useCliWorkspace(async (ws) => {
  await writeFile(join(ws.dir, 'rows.json'), JSON.stringify({ inputs: [[0.1, -0.5, 0.3, 0.9], [1, 0.2, -0.7, 0.05]] }));
});

/** Writes a converter-format graph model into the workspace. */
async function graph(name: string, options: TinyGraphModelOptions): Promise<string> {
  const dir = join(ws.dir, name);
  await mkdir(dir, { recursive: true });
  const { modelJson, weightData } = tinyGraphModel(options);
  await writeFile(join(dir, 'model.json'), JSON.stringify(modelJson));
  await writeFile(join(dir, 'weights.bin'), new Uint8Array(weightData));
  return join(dir, 'model.json');
}

describe('glassbox explain on graph models', () => {
  it('needs no shape flags: a graph without signature or output shape explains as is', async () => {
    const r = await cli('explain', '--model', await graph('plain', {}), '--input', join(ws.dir, 'rows.json'), '--method', 'saliency');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).model).toMatchObject({ inputShape: [4], outputShape: [3] });
  });

  it('--output picks one of several outputs; without it the error lists them', async () => {
    const path = await graph('two-outputs', { twoOutputs: true });
    const none = await cli('explain', '--model', path, '--input', join(ws.dir, 'rows.json'), '--method', 'saliency');
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/^glassbox: error \[UNSUPPORTED_MODEL\]: .*2 outputs \(Identity, Identity_1\).*--output NAME/);
    const named = await cli('explain', '--model', path, '--input', join(ws.dir, 'rows.json'), '--method', 'saliency', '--output', 'Identity_1');
    expect(named.code, named.err).toBe(0);
    const wrong = await cli('explain', '--model', path, '--input', join(ws.dir, 'rows.json'), '--method', 'saliency', '--output', 'logits:7');
    expect(wrong.err).toMatch(/^glassbox: error \[UNSUPPORTED_MODEL\]: The graph model has no output "logits:7"/);
  });

  it('--input-name picks one of several inputs; it is refused on layers models', async () => {
    const path = await graph('two-inputs', { twoInputs: true });
    const none = await cli('explain', '--model', path, '--input', join(ws.dir, 'rows.json'), '--method', 'saliency');
    expect(none.err).toMatch(/^glassbox: error \[UNSUPPORTED_MODEL\]: .*2 inputs \(x, bias\).*--input-name NAME/);
    const layers = await cli('explain', '--model', ws.model, '--input', ws.inputs, '--method', 'saliency', '--input-name', 'x');
    expect(layers.code).toBe(2);
    expect(layers.err).toMatch(/UNSUPPORTED_MODEL.*graph models only/);
  });

  it('an op without a gradient (TopK) is one NO_GRADIENT line naming it and the methods that need none', async () => {
    const r = await cli('explain', '--model', await graph('topk', { topK: true }), '--input', join(ws.dir, 'rows.json'), '--method', 'integrated-gradients', '--steps', '4');
    expect(r.code).toBe(2);
    expect(r.err.split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/^glassbox: error \[NO_GRADIENT\]: The model uses the operation "TopK".*occlusion, surrogate-tree/);
  });
});

describe('--memory-budget-mb', () => {
  it.each(['abc', '0', '-5', '', 'NaN', 'Infinity', '1e99', '0x10'])('refuses %j with one INVALID_OPTION line before loading anything', async (value) => {
    const r = await cli('explain', '--model', ws.model, '--input', ws.inputs, '--method', 'saliency', `--memory-budget-mb=${value}`);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^glassbox: error \[INVALID_OPTION\]: --memory-budget-mb .*expected a positive number of mebibytes/);
  });

  it('accepts a fraction of a MiB, and a budget below one example still explains (one example per chunk)', async () => {
    const r = await cli('explain', '--model', ws.model, '--input', ws.inputs, '--method', 'saliency', '--memory-budget-mb', '0.0001');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).diagnostics.chunkSize).toBe(1);
  });

  it('is documented in --help', async () => {
    const r = await cli('--help');
    expect(r.out).toMatch(/--memory-budget-mb/);
    expect(r.out).toMatch(/--input-name/);
  });
});
