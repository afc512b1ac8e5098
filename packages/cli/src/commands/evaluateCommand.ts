import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DataFileError, explanationFromJSON, explanationToJSON, InvalidOptionError } from '@glassbox/core';
import { loadModel } from '@glassbox/core/node';
import { evaluate } from '@glassbox/metrics';
import { discoverPlugins } from '../plugins/discoverPlugins';
import { takeFlag } from '../parseArgs';
import { progressBar } from '../io/progressBar';
import { selectBackend } from './selectBackend';
import type { Io } from '../io/Io';

const USAGE =
  'glassbox evaluate --model <model.json> --explanation <result.json> --metrics <completeness,deletion,insertion,infidelity,max-sensitivity,randomization> [--<metric>.<option> <value>] [--seed <n>] [--backend <name>] [--out <file.json>]';

/**
 * `glassbox evaluate`: computes metrics of a saved explanation against its model. Metrics that
 * re-explain use the installed explainer named by the explanation's `method`, with its options.
 */
export async function evaluateCommand(io: Io, flags: Map<string, string>): Promise<number> {
  const modelPath = takeFlag(flags, 'model');
  const explanationPath = takeFlag(flags, 'explanation');
  const metricList = takeFlag(flags, 'metrics');
  if (!modelPath || !explanationPath || !metricList) throw new InvalidOptionError(`Missing ${!modelPath ? '--model' : !explanationPath ? '--explanation' : '--metrics'}; usage: ${USAGE}`);
  const out = takeFlag(flags, 'out');
  const seedFlag = takeFlag(flags, 'seed');
  const backend = takeFlag(flags, 'backend');
  const fallback = takeFlag(flags, 'fallback');
  const seed = seedFlag === undefined ? 0 : Number(seedFlag);
  if (!Number.isInteger(seed)) throw new InvalidOptionError(`--seed ${seedFlag}: expected an integer`);
  const metrics = metricList.split(',').map((m) => m.trim()).filter(Boolean);
  const perMetric: Record<string, Record<string, string>> = {};
  for (const [flag, value] of flags) {
    const dot = flag.indexOf('.');
    if (dot < 1) throw new InvalidOptionError(`Unknown flag --${flag}; metric options are written --<metric>.<option> (usage: ${USAGE})`, { flag });
    (perMetric[flag.slice(0, dot)] ??= {})[flag.slice(dot + 1)] = value;
  }
  let json: unknown;
  try {
    json = JSON.parse(await readFile(resolve(io.cwd, explanationPath), 'utf8'));
  } catch (e) {
    throw new DataFileError(`Cannot read explanation ${explanationPath}: ${(e as Error).message}`, { file: explanationPath });
  }
  const explanation = explanationFromJSON(json);
  await selectBackend(io, backend, fallback);
  const { explainers } = await discoverPlugins(io.cwd);
  const producer = explainers.find((x) => x.explainer.name === explanation.method)?.explainer;
  const model = await loadModel(resolve(io.cwd, modelPath));
  const bar = progressBar();
  try {
    const report = await evaluate(explanation, model, {
      metrics,
      options: perMetric,
      seed,
      onProgress: bar.update,
      explainer: producer
        ? { explain: (m, x, call) => producer.explain(m, x, { ...call, options: { ...explanation.options, ...call?.options } }) }
        : undefined,
    });
    bar.done();
    for (const [name, r] of Object.entries(report.results)) io.err(`${name}: ${r.score.toPrecision(4)} (${r.better} is better)`);
    const text = JSON.stringify({ results: report.results, explanation: explanationToJSON(report.explanation) });
    if (out) {
      await writeFile(resolve(io.cwd, out), text);
      io.err(`wrote ${out}`);
    } else io.out(JSON.stringify(report.results));
    return 0;
  } finally {
    bar.done();
    model.dispose?.();
  }
}
