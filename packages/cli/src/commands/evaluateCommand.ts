import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { checkSeed, DataFileError, explanationFromJSON, InvalidOptionError, isGlassboxError, jsonDepth, MAX_SEED, PluginError, type ExplainCall, type ExplainInput, type Model } from '@glassbox/core';
import { loadModel } from '@glassbox/core/node';
import { evaluate, type Metric } from '@glassbox/metrics';
import { discoverPlugins } from '../plugins/discoverPlugins';
import { importCustomLayers } from '../plugins/importCustomLayers';
import { takeNumber, takeValue } from '../args/flagValues';
import { progressBar } from '../io/progressBar';
import { checkOutputPath } from '../io/checkOutputPath';
import { modelInputFiles } from '../io/modelInputFiles';
import { writeAtomic } from '../io/writeAtomic';
import { writeExplanationJson } from '../io/writeExplanationJson';
import { selectBackend } from './selectBackend';
import type { Io } from '../io/Io';

const USAGE =
  'glassbox evaluate --model <model.json> --explanation <result.json> --metrics <completeness,deletion,insertion,infidelity,max-sensitivity,randomization> [--<metric>.<option> <value>] [--seed <n>] [--backend <name>] [--out <file.json>]';

/** Deepest nesting accepted in an explanation file (arrays of up to 32 dimensions, plus fields). */
const MAX_EXPLANATION_DEPTH = 64;

/** Reads a saved explanation; any problem is DATA_FILE_INVALID naming the file. */
export async function readExplanationFile(path: string, display: string) {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new DataFileError(`Cannot read explanation ${display}: ${(e as Error).message}`, { file: display });
  }
  if (jsonDepth(json, MAX_EXPLANATION_DEPTH) > MAX_EXPLANATION_DEPTH) {
    throw new DataFileError(`${display} is nested more than ${MAX_EXPLANATION_DEPTH} levels deep; the limit on explanation files is ${MAX_EXPLANATION_DEPTH}`, { file: display, limit: MAX_EXPLANATION_DEPTH });
  }
  try {
    return explanationFromJSON(json);
  } catch (e) {
    if (isGlassboxError(e)) throw new DataFileError(`${display}: ${e.message}`, { file: display, ...e.details });
    throw new DataFileError(`${display} is not a Glassbox explanation: ${(e as Error).message}`, { file: display });
  }
}

/**
 * `glassbox evaluate`: computes metrics of a saved explanation against its model. Metrics that
 * re-explain use the installed explainer named by the explanation's `method`, with its options.
 */
export async function evaluateCommand(io: Io, flags: Map<string, string>): Promise<number> {
  const modelPath = takeValue(flags, 'model', 'a model.json path');
  const explanationPath = takeValue(flags, 'explanation', 'a result .json written by glassbox explain');
  const metricList = takeValue(flags, 'metrics', 'metric names such as completeness,deletion');
  if (!modelPath || !explanationPath || !metricList) throw new InvalidOptionError(`Missing ${!modelPath ? '--model' : !explanationPath ? '--explanation' : '--metrics'}; usage: ${USAGE}`);
  const out = takeValue(flags, 'out', 'an output .json file');
  const seed = checkSeed(takeNumber(flags, 'seed', { integer: true, min: 0, max: MAX_SEED, what: 'seed of the random source, 32 bits' }) ?? 0, '--seed');
  const backend = takeValue(flags, 'backend', 'a backend name such as cpu, wasm or native');
  const fallback = takeValue(flags, 'fallback', 'backend names such as wasm,cpu');
  const metrics = metricList.split(',').map((m) => m.trim()).filter(Boolean);
  // Null-prototype records: a flag such as --constructor.x or --__proto__.x cannot reach Object.
  const perMetric = Object.create(null) as Record<string, Record<string, string>>;
  for (const [flag, value] of flags) {
    const dot = flag.indexOf('.');
    if (dot < 1) throw new InvalidOptionError(`Unknown flag --${flag}; metric options are written --<metric>.<option> (usage: ${USAGE})`, { flag });
    const metric = flag.slice(0, dot);
    const options = (perMetric[metric] ??= Object.create(null) as Record<string, string>);
    options[flag.slice(dot + 1)] = value;
  }
  const inputs = [...(await modelInputFiles(resolve(io.cwd, modelPath))), resolve(io.cwd, explanationPath)];
  const target = out ? await checkOutputPath(io.cwd, '--out', out, ['.json'], inputs) : undefined;
  const explanation = await readExplanationFile(resolve(io.cwd, explanationPath), explanationPath);
  const plugins = await discoverPlugins(io.cwd);
  for (const line of plugins.errors) io.err(`warning: plugin ${line}`);
  const available = await metricsOf(plugins.metrics, io);
  await selectBackend(io, backend, fallback, plugins.backends);
  const producer = plugins.explainers.find((x) => x.explainer.name === explanation.method)?.explainer;
  await importCustomLayers(resolve(io.cwd, modelPath), plugins.layers);
  const model = await loadModel(resolve(io.cwd, modelPath));
  const bar = progressBar();
  try {
    const report = await evaluate(explanation, model, {
      metrics,
      options: perMetric,
      seed,
      available,
      onProgress: bar.update,
      ...(producer ? { explainer: { explain: (m: Model, x: ExplainInput, call?: ExplainCall<unknown>) => producer.explain(m, x, { ...call, options: { ...explanation.options, ...call?.options } }) } } : {}),
    });
    bar.done();
    for (const [name, r] of Object.entries(report.results)) io.err(`${name}: ${r.score.toPrecision(4)} (${r.better} is better)`);
    if (target) {
      await writeAtomic(target.path, async (write) => {
        await write(`{"results":${JSON.stringify(report.results)},"explanation":`);
        await writeExplanationJson(write, report.explanation);
        await write('}');
      }, target.display);
      io.err(`wrote ${out}`);
    } else io.out(JSON.stringify(report.results));
    return 0;
  } finally {
    bar.done();
    model.dispose?.();
  }
}

/** Metrics from plugins: built-in ones first; a plugin metric may not reuse a built-in name. */
async function metricsOf(modules: Awaited<ReturnType<typeof discoverPlugins>>['metrics'], io: Io): Promise<Metric<any>[]> {
  const out: Metric<any>[] = [];
  const owner = new Map<string, string>();
  for (const m of modules) {
    let list: unknown[];
    try {
      list = await m.load();
    } catch (e) {
      io.err(`warning: plugin [PLUGIN_REFUSED] ${m.packageName}: ${(e as Error).message}`);
      continue;
    }
    for (const metric of list as Metric<any>[]) {
      if (!metric || typeof metric.name !== 'string' || typeof metric.compute !== 'function') {
        io.err(`warning: plugin [PLUGIN_REFUSED] ${new PluginError(`${m.packageName} exports a metric without name or compute`, { plugin: m.packageName }).message}`);
        continue;
      }
      const first = owner.get(metric.name);
      if (first) {
        io.err(`warning: plugin [PLUGIN_REFUSED] metric "${metric.name}" from ${m.packageName} is refused: already provided by ${first}`);
        continue;
      }
      owner.set(metric.name, `${m.packageName} (${m.via})`);
      out.push(metric);
    }
  }
  return out;
}
