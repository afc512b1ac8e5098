import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useCliWorkspace } from '../useCliWorkspace';

// The CLI has no per-plugin branches: what a method needs from the host comes from its explainer
// object (adaptModel for the attention methods, withBackground for the local surrogate).
const { ws, cli } = useCliWorkspace();
describe('explainers declare what they need from the host', () => {
  it("loads a transformer through the attention method's adaptModel, naming tokens from tokenizer.json", async () => {
    const dir = fileURLToPath(new URL('../../../../examples/text-classification/model/', import.meta.url));
    const { vocabulary } = JSON.parse(await readFile(join(dir, 'tokenizer.json'), 'utf8')) as { vocabulary: string[] };
    const words = ['[CLS]', 'you', 'won', 'a', 'free', 'prize'].map((w) => Math.max(0, vocabulary.indexOf(w)));
    await writeFile(join(ws.dir, 'ids.json'), JSON.stringify([[...words, ...new Array(64 - words.length).fill(0)]]));
    const r = await cli('explain', '--model', join(dir, 'model.json'), '--input', join(ws.dir, 'ids.json'), '--method', 'attention-rollout');
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ kind: 'attention-map', method: 'attention-rollout', explainer: { package: '@glassbox/attention', version: '1.0.0' } });
    expect(j.labels.tokens[0].slice(0, 3)).toEqual(['[CLS]', 'you', vocabulary[words[2]!]]);
  });

  it("loads a model with a plugin's custom layers for any method, not only that plugin's (the manifest's \"layers\")", async () => {
    // --method imports only the package of that method; the text model's layers come from @glassbox/attention.
    const model = fileURLToPath(new URL('../../../../examples/text-classification/model/model.json', import.meta.url));
    await writeFile(join(ws.dir, 'ids2.json'), JSON.stringify([[2, 40, 41, 42, ...new Array(60).fill(0)]]));
    const ablation = await cli('explain', '--model', model, '--input', join(ws.dir, 'ids2.json'), '--method', 'feature-ablation', '--target', '1');
    expect(ablation.code, ablation.err).toBe(0);
    expect(JSON.parse(ablation.out).attributions[0]).toHaveLength(64);
    // A gradient method gets a typed error that says why (token ids are not differentiable) and what to use.
    const ig = await cli('explain', '--model', model, '--input', join(ws.dir, 'ids2.json'), '--method', 'integrated-gradients', '--target', '1');
    expect(ig.code).toBe(2);
    expect(ig.err).toMatch(/\[NO_GRADIENT\].*does not depend differentiably on its input.*token-integrated-gradients/);
  });

  it("gives the local surrogate the whole CSV as background when --rows picks one row", async () => {
    const r = await cli('explain', '--model', ws.model, '--method', 'surrogate-tree-local', '--data', ws.csv, '--rows', '4', '--samples', '200', '--max-depth', '2');
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.attributions).toHaveLength(1);
    expect(j.data.instances).toHaveLength(1);
  });
});
