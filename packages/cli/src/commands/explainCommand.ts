import { resolve } from 'node:path';
import { checkSeed, InvalidOptionError, MAX_SEED, type Explanation, type OptionSpec } from '@glassbox/core';
import { loadModelFor } from './loadModelFor';
import { discoverMethod } from '../plugins/discoverMethod';
import { takeFlag } from '../parseArgs';
import { flagsToOptions, takeBoolean, takeNumber, takeValue } from '../args/flagValues';
import { progressBar } from '../io/progressBar';
import { phaseTimer } from '../io/phaseTimer';
import { describeDeltas } from '../io/describeDeltas';
import { parseMemoryBudget } from './parseMemoryBudget';
import { checkOutputPath, type OutputTarget } from '../io/checkOutputPath';
import { modelInputFiles } from '../io/modelInputFiles';
import { readInputs } from '../io/readInputs';
import { EXPLAIN_FORMATS, writeExplanationOutput } from '../io/writeExplanationOutput';
import { explanationJsonText } from '../io/explanationJsonText';
import { reportNonFinite } from '../io/reportNonFinite';
import { selectBackend } from './selectBackend';
import { parseRows, readCsvInputs } from './readCsvInputs';
import { imageShapeFor } from './renderOutput';
import { readTensorOptions } from './readTensorOptions';
import type { Io } from '../io/Io';
import { takeImageFlags } from '../images/takeImageFlags';
import { isImageInput, listImageFiles, readImageInputs, type ImageInputs } from '../images/readImageInputs';
import { readLabels } from '../images/readLabels';
import { explainDatasetCommand, isDatasetRun } from '../dataset/explainDatasetCommand';
import { withoutUndefined } from '../withoutUndefined';

const USAGE = `glassbox explain --model <model.json> (--input <inputs.json|.npy|pictures> | --data <data.csv>) --method <id> [--target <i> | --targets <i,j,...>] [--backend <name>] [--fallback <a,b>] [--seed <n>] [--memory-budget-mb <n>] [--out <result${EXPLAIN_FORMATS.join('|')}>] [--allow-non-finite] [method options]`;

const parseTargets = (flags: Map<string, string>): number | number[] | undefined => {
  const one = takeFlag(flags, 'target');
  const many = takeFlag(flags, 'targets');
  if (one !== undefined && many !== undefined) throw new InvalidOptionError('Give either --target or --targets, not both');
  const num = (s: string) => {
    const n = /^\s*\d+\s*$/.test(s) ? Number(s) : /^\s*-\d+\s*$/.test(s) ? Number(s) : NaN;
    if (!Number.isSafeInteger(n)) throw new InvalidOptionError(`Target ${JSON.stringify(s.slice(0, 40))} is not an integer; expected an output index`, { target: s.slice(0, 40) });
    return n;
  };
  if (one !== undefined) return num(one);
  if (many !== undefined) return many.split(',').map(num);
  return undefined;
};

/** `glassbox explain`: explain a batch and write JSON or a picture. */
export async function explainCommand(io: Io, flags: Map<string, string>): Promise<number> {
  if (isDatasetRun(flags, io.cwd)) return explainDatasetCommand(io, flags);
  const modelPath = takeValue(flags, 'model', 'a model.json path');
  const inputPath = takeValue(flags, 'input', 'an inputs .json or .npy file');
  const dataPath = takeValue(flags, 'data', 'a .csv file');
  const method = takeValue(flags, 'method', 'a method id (glassbox methods lists them)');
  if (!modelPath || !method || (!inputPath && !dataPath)) {
    throw new InvalidOptionError(`Missing ${!modelPath ? '--model' : !method ? '--method' : '--input or --data'}; usage: ${USAGE}`);
  }
  if (inputPath && dataPath) throw new InvalidOptionError('Give either --input or --data, not both', { flags: ['input', 'data'] });
  const target = parseTargets(flags);
  const backend = takeValue(flags, 'backend', 'a backend name such as cpu, wasm or native');
  const fallback = takeValue(flags, 'fallback', 'backend names such as wasm,cpu');
  const seed = checkSeed(takeNumber(flags, 'seed', { integer: true, min: 0, max: MAX_SEED, what: 'seed of the random source, 32 bits' }) ?? 0, '--seed');
  const budget = parseMemoryBudget(takeFlag(flags, 'memory-budget-mb'));
  const graphTensors = {
    inputName: takeValue(flags, 'input-name', 'the name of one of the graph model\'s inputs'),
    outputName: takeValue(flags, 'output', 'the name of one of the graph model\'s outputs'),
  };
  const out = takeValue(flags, 'out', 'an output file (.json, .npy, .png, .svg or .html)');
  const example = takeNumber(flags, 'example', { integer: true, min: 0, what: 'the example a picture shows' });
  const imageShapeFlag = takeValue(flags, 'image-shape', 'a shape such as 28,28');
  const rowsFlag = takeValue(flags, 'rows', 'data row indices such as 0,5,7');
  const labelColumn = takeValue(flags, 'label-column', 'a CSV column name or index');
  const allowNonFinite = takeBoolean(flags, 'allow-non-finite');
  const timings = takeBoolean(flags, 'timings') ? phaseTimer() : undefined;
  const imageFlags = takeImageFlags(flags);
  const labelsFlag = takeValue(flags, 'labels', 'class names: a JSON array, a .json file or a text file with one name per line');
  if (labelColumn !== undefined && !dataPath) throw new InvalidOptionError('--label-column applies to --data CSV files');
  // Checked before any work: a bad --out must not cost the computation.
  const pictures = inputPath !== undefined && (await isImageInput(io.cwd, inputPath));
  const inputFiles = [
    ...(await modelInputFiles(resolve(io.cwd, modelPath))),
    ...(pictures ? await listImageFiles(io.cwd, inputPath) : [inputPath, dataPath].filter((p): p is string => !!p).map((p) => resolve(io.cwd, p))),
    ...(labelsFlag !== undefined && !labelsFlag.trimStart().startsWith('[') ? [resolve(io.cwd, labelsFlag)] : []),
  ];
  const target_: OutputTarget | undefined = out ? await checkOutputPath(io.cwd, '--out', out, EXPLAIN_FORMATS, inputFiles) : undefined;

  timings?.mark('plugins');
  // Imports only the plugin package that provides this method (and those that do not say what they provide).
  const { found, plugins } = await discoverMethod(io.cwd, method, (lines) => lines.forEach((line) => io.err(`warning: plugin ${line}`)));
  timings?.mark('backend');
  const selection = await selectBackend(io, backend, fallback, plugins.backends);
  timings?.mark('model');
  const loaded = await loadModelFor(found.explainer, resolve(io.cwd, modelPath), withoutUndefined(graphTensors), plugins.layers);
  let model = loaded;
  try {
    timings?.mark('inputs');
    const images: ImageInputs | undefined = pictures ? await readImageInputs(io.cwd, inputPath, model, imageFlags.options) : undefined;
    if (!images && imageFlags.given.length) throw new InvalidOptionError(`${imageFlags.given.join(', ')} apply to pictures; give --input PNG/JPEG files or a folder of them`);
    for (const note of images?.notes ?? []) io.err(`note: ${note}`);
    const classes = labelsFlag === undefined ? undefined : await readLabels(io.cwd, labelsFlag, model);
    const all = images
      ? { values: images.values, shape: images.shape, extra: {} as Record<string, unknown> }
      : inputPath ? await readInputs(resolve(io.cwd, inputPath)) : await readCsvInputs(resolve(io.cwd, dataPath!), model, labelColumn);
    // Rules and labels use the CSV's names when the model does not name its features.
    if ('header' in all && Array.isArray(all.header) && !model.featureNames) model = { ...model, featureNames: all.header as string[] };
    const batch = all.shape[0]!; // every reader refuses inputs without a batch dimension
    const rows = parseRows(rowsFlag, batch);
    const per = all.values.length / batch;
    const inputs = rows
      ? { ...all, values: Float32Array.from(rows.flatMap((r) => Array.from(all.values.subarray(r * per, (r + 1) * per)))), shape: [rows.length, ...all.shape.slice(1)] }
      : all;
    // Methods that learn from the data set (a background) see the whole file, not only the chosen rows.
    const explainer = rows && found.explainer.withBackground ? found.explainer.withBackground({ values: all.values, shape: all.shape }) : found.explainer;
    const fileTargets = (inputs.extra as { targets?: number[] }).targets;
    const bar = progressBar();
    const options = await readTensorOptions(explainer.options as Record<string, OptionSpec>, flagsToOptions(flags), io.cwd);
    let e: Explanation;
    timings?.mark('explain');
    try {
      e = await explainer.explain(
        model,
        { values: inputs.values, shape: inputs.shape },
        withoutUndefined({
          options,
          target: target ?? fileTargets,
          seed,
          memoryBudgetBytes: budget,
          onProgress: bar.update,
          labels: { ...(inputs.extra as { labels?: Explanation['labels'] }).labels, ...(classes ? { classes } : {}) },
        }),
      );
      if (images) e = { ...e, preprocessing: { ...images.preprocessing, sources: (rows ?? images.photos.map((_, i) => i)).map((r) => images.preprocessing.sources[r]!) } };
    } finally {
      bar.done();
    }
    const summary = `${e.method} on ${e.backend}${selection.fellBack ? ' (fallback)' : ''}: ${e.inputShape[0]} example(s) in ${e.timing.durationMs} ms`;
    io.err(summary);
    if (e.convergenceDelta) io.err(`convergence delta: ${describeDeltas(e.convergenceDelta)}`);
    const fidelity = (e.data as { fidelity?: number } | undefined)?.fidelity;
    if (fidelity !== undefined) io.err(`held-out fidelity: ${fidelity.toFixed(4)}`);
    const extra = fidelity !== undefined ? { fidelity } : {};
    timings?.mark('write');
    if (!target_) {
      io.out(await explanationJsonText(e, extra));
    } else {
      await writeExplanationOutput(target_, e, extra, {
        example,
        imageShape: imageShapeFor(e, imageShapeFlag),
        photos: images && (rows ?? images.photos.map((_, i) => i)).map((r) => images.photos[r]!),
      });
      io.err(`wrote ${out}`);
    }
    if (timings) io.err(`timings: ${timings.summary()}`);
    reportNonFinite(io, e, allowNonFinite);
    return 0;
  } finally {
    loaded.dispose?.();
  }
}
