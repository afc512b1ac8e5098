import { readFile, writeFile } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import { explanationToJSON, InvalidOptionError, UnknownMethodError, type Explanation, type Model, type OptionSpec } from '@glassbox/core';
import { loadLayersModel, loadModel, readInputsFile } from '@glassbox/core/node';
import { discoverPlugins } from '../plugins/discoverPlugins';
import { takeFlag } from '../parseArgs';
import { progressBar } from '../io/progressBar';
import { selectBackend } from './selectBackend';
import { parseRows, readCsvInputs } from './readCsvInputs';
import { imageShapeFor, renderOutput } from './renderOutput';
import { readTensorOptions } from './readTensorOptions';
import type { Io } from '../io/Io';

const USAGE =
  'glassbox explain --model <model.json> (--input <inputs.json> | --data <data.csv>) --method <id> [--target <i> | --targets <i,j,...>] [--backend <name>] [--fallback <a,b>] [--seed <n>] [--out <result.json|.png|.svg|.html>] [method options]';

const parseTargets = (flags: Map<string, string>): number | number[] | undefined => {
  const one = takeFlag(flags, 'target');
  const many = takeFlag(flags, 'targets');
  if (one !== undefined && many !== undefined) throw new InvalidOptionError('Give either --target or --targets, not both');
  const num = (s: string) => {
    const n = Number(s);
    if (s.trim() === '' || !Number.isFinite(n)) throw new InvalidOptionError(`Target "${s}" is not a number; expected an integer output index`, { target: s });
    return n;
  };
  if (one !== undefined) return num(one);
  if (many !== undefined) return many.split(',').map(num);
  return undefined;
};

/** `glassbox explain`: explain a batch and write JSON or a picture. */
export async function explainCommand(io: Io, flags: Map<string, string>): Promise<number> {
  const modelPath = takeFlag(flags, 'model');
  const inputPath = takeFlag(flags, 'input');
  const dataPath = takeFlag(flags, 'data');
  const method = takeFlag(flags, 'method');
  if (!modelPath || !method || (!inputPath && !dataPath)) {
    throw new InvalidOptionError(`Missing ${!modelPath ? '--model' : !method ? '--method' : '--input or --data'}; usage: ${USAGE}`);
  }
  const target = parseTargets(flags);
  const backend = takeFlag(flags, 'backend');
  const fallback = takeFlag(flags, 'fallback');
  const seedFlag = takeFlag(flags, 'seed');
  const budget = takeFlag(flags, 'memory-budget-mb');
  const out = takeFlag(flags, 'out');
  const example = takeFlag(flags, 'example');
  const imageShapeFlag = takeFlag(flags, 'image-shape');
  const rowsFlag = takeFlag(flags, 'rows');
  const labelColumn = takeFlag(flags, 'label-column');
  if (labelColumn !== undefined && !dataPath) throw new InvalidOptionError('--label-column applies to --data CSV files');
  const seed = seedFlag === undefined ? 0 : Number(seedFlag);
  if (!Number.isInteger(seed)) throw new InvalidOptionError(`--seed ${seedFlag}: expected an integer`);
  if (out && !['.json', '.png', '.svg', '.html'].includes(extname(out).toLowerCase())) {
    throw new InvalidOptionError(`--out ${out}: expected a .json, .png, .svg or .html file`);
  }

  const { explainers } = await discoverPlugins(io.cwd);
  const found = explainers.find((e) => e.explainer.name === method);
  if (!found) {
    throw new UnknownMethodError(`No installed explainer "${method}"; installed: ${explainers.map((e) => e.explainer.name).join(', ') || 'none'}`, {
      method,
      installed: explainers.map((e) => e.explainer.name),
    });
  }
  const selection = await selectBackend(io, backend, fallback);
  const loaded = found.explainer.requires.includes('attention')
    ? await loadAttentionModel(resolve(io.cwd, modelPath))
    : await loadModel(resolve(io.cwd, modelPath));
  let model = loaded;
  try {
    const all = inputPath ? await readInputsFile(resolve(io.cwd, inputPath)) : await readCsvInputs(resolve(io.cwd, dataPath!), model, labelColumn);
    // Rules and labels use the CSV's names when the model does not name its features.
    if ('header' in all && Array.isArray(all.header) && !model.featureNames) model = { ...model, featureNames: all.header as string[] };
    const rows = parseRows(rowsFlag, all.shape[0]);
    const per = all.values.length / all.shape[0];
    const inputs = rows
      ? { ...all, values: Float32Array.from(rows.flatMap((r) => Array.from(all.values.subarray(r * per, (r + 1) * per)))), shape: [rows.length, ...all.shape.slice(1)] }
      : all;
    let explainer = found.explainer;
    if (explainer.name === 'surrogate-tree-local' && rows) {
      // The local surrogate learns feature spreads from a background: the whole file, not only the chosen rows.
      const { surrogateTreeLocal } = await import('@glassbox/surrogate-tree');
      explainer = surrogateTreeLocal({ background: { values: all.values, shape: all.shape as [number, number] } });
    }
    const fileTargets = (inputs.extra as { targets?: number[] }).targets;
    const bar = progressBar();
    const options = await readTensorOptions(explainer.options as Record<string, OptionSpec>, Object.fromEntries(flags), io.cwd);
    let e: Explanation;
    try {
      e = await explainer.explain(model, { values: inputs.values, shape: inputs.shape }, {
        options,
        target: target ?? fileTargets,
        seed,
        memoryBudgetBytes: budget ? Number(budget) * 1024 * 1024 : undefined,
        onProgress: bar.update,
        labels: (inputs.extra as { labels?: Explanation['labels'] }).labels,
      });
    } finally {
      bar.done();
    }
    const summary = `${e.method} on ${e.backend}${selection.fellBack ? ' (fallback)' : ''}: ${e.inputShape[0]} example(s) in ${e.timing.durationMs} ms`;
    io.err(summary);
    if (e.convergenceDelta) io.err(`convergence delta: ${e.convergenceDelta.map((d) => d.toExponential(2)).join(', ')}`);
    const fidelity = (e.data as { fidelity?: number } | undefined)?.fidelity;
    if (fidelity !== undefined) io.err(`held-out fidelity: ${fidelity.toFixed(4)}`);
    if (!out) {
      io.out(JSON.stringify({ ...explanationToJSON(e), ...(fidelity !== undefined ? { fidelity } : {}) }));
      return 0;
    }
    const path = resolve(io.cwd, out);
    const ext = extname(out).toLowerCase();
    if (ext === '.json') {
      await writeFile(path, JSON.stringify({ ...explanationToJSON(e), ...(fidelity !== undefined ? { fidelity } : {}) }));
    } else {
      await writeFile(path, await renderOutput(e, ext as '.png' | '.svg' | '.html', { example: example ? Number(example) : undefined, imageShape: imageShapeFor(e, imageShapeFlag) }));
    }
    io.err(`wrote ${out}`);
    return 0;
  } finally {
    loaded.dispose?.();
  }
}

/**
 * Transformer models built with @glassbox/attention's layers, adapted for attention methods. A
 * `tokenizer.json` beside model.json with a `vocabulary` array names the tokens in the output.
 */
async function loadAttentionModel(path: string): Promise<Model> {
  const { attentionModel } = await import('@glassbox/attention'); // registers the custom layers
  let vocabulary: string[] | undefined;
  try {
    const t = JSON.parse(await readFile(join(dirname(path), 'tokenizer.json'), 'utf8')) as { vocabulary?: unknown };
    if (Array.isArray(t.vocabulary) && t.vocabulary.every((v) => typeof v === 'string')) vocabulary = t.vocabulary as string[];
  } catch {
    /* no tokenizer: tokens are named by id */
  }
  return attentionModel(await loadLayersModel(path), {
    ownsModel: true,
    decode: vocabulary ? (ids) => ids.map((id) => vocabulary![id] ?? `#${id}`) : undefined,
  });
}
