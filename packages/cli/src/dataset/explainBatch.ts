import type { Explanation } from '@glassbox/core';
import type { LoadedRun } from './loadRun';
import type { ResultRecord, ResultsHeader } from './ResultRecord';
import { exampleSeed, type ExampleId } from './hashId';
import { float32Json, float32Text } from './float32Json';

/** A batch of examples, flat (transferable between threads). */
export interface Batch {
  ids: ExampleId[];
  /** `ids.length × inputSize` values. */
  values: Float32Array;
  /** Per example: the record's target, or null. */
  targets: (number | null)[];
}

/** The explained batch: one JSON line per example (no newline), and the run's header. */
export interface BatchResult {
  lines: string[];
  header: ResultsHeader;
}

const headerOf = (e: Explanation, run: LoadedRun): ResultsHeader => {
  const labels = e.labels && { ...(e.labels.features ? { features: e.labels.features } : {}), ...(e.labels.classes ? { classes: e.labels.classes } : {}) };
  return {
    glassboxResults: 1,
    method: e.method,
    kind: e.kind,
    explainer: e.explainer,
    options: e.options,
    seed: run.spec.seed,
    ...(run.spec.target !== undefined ? { target: run.spec.target } : {}),
    model: e.model,
    attributionShape: e.attributionShape.slice(1),
    ...(labels && Object.keys(labels).length ? { labels } : {}),
    backend: e.backend,
  };
};

function linesOf(e: Explanation, ids: readonly ExampleId[], seeds: readonly number[], ms: number): string[] {
  const inShape = e.inputShape.slice(1);
  const outShape = e.outputShape.slice(1);
  const attShape = e.attributionShape.slice(1);
  const per = (s: number[]) => s.reduce((a, b) => a * b, 1);
  const [pi, po, pa] = [per(inShape), per(outShape), per(attShape)];
  return ids.map((id, i) => {
    // The text of JSON.stringify(record: ResultRecord), with the arrays written by float32Json.
    const head: Pick<ResultRecord, 'id' | 'target' | 'seed'> = { id, target: e.targets[i]!, seed: seeds[i]! };
    const timing: ResultRecord['timing'] = { ms: Math.round((ms / ids.length) * 1000) / 1000 };
    return (
      `${JSON.stringify(head).slice(0, -1)},"input":${float32Json(e.inputs, inShape, i * pi)},"outputs":${float32Json(e.outputs, outShape, i * po)}` +
      `,"attributions":${float32Json(e.attributions, attShape, i * pa)}` +
      `${e.convergenceDelta ? `,"convergenceDelta":${float32Text(Math.fround(e.convergenceDelta[i]!))}` : ''},"timing":${JSON.stringify(timing)}}`
    );
  });
}

/**
 * Explains a batch the way every worker does. When the run is `batched` and the batch's targets
 * are all given (or all left to `--target`/the prediction), one call explains it; otherwise each
 * example is explained alone with its own seed. Either way an example's line depends only on the
 * run, its id and its input.
 */
export async function explainBatch(run: LoadedRun, batch: Batch, signal?: AbortSignal): Promise<BatchResult> {
  const { spec, explainer, model, inputSize } = run;
  const seeds = batch.ids.map((id) => exampleSeed(spec.seed, id));
  const targets = batch.targets.map((t) => t ?? spec.target ?? null);
  const call = (values: Float32Array, n: number, seed: number, target: number[] | 'predicted') =>
    explainer.explain(model, { values, shape: [n, ...model.inputShape] }, {
      options: spec.options,
      seed,
      target,
      ...(signal ? { signal } : {}),
      ...(spec.memoryBudgetBytes !== undefined ? { memoryBudgetBytes: spec.memoryBudgetBytes } : {}),
    }) as Promise<Explanation>;
  const all = targets.every((t) => t !== null);
  const none = targets.every((t) => t === null);
  if (spec.batched && (all || none)) {
    const t0 = performance.now();
    const e = await call(batch.values, batch.ids.length, spec.seed, all ? (targets as number[]) : 'predicted');
    return { lines: linesOf(e, batch.ids, seeds, performance.now() - t0), header: headerOf(e, run) };
  }
  const lines: string[] = [];
  let header: ResultsHeader | undefined;
  for (let i = 0; i < batch.ids.length; i++) {
    const t0 = performance.now();
    const t = targets[i];
    const e = await call(batch.values.subarray(i * inputSize, (i + 1) * inputSize), 1, seeds[i]!, t === null ? 'predicted' : [t!]);
    lines.push(...linesOf(e, [batch.ids[i]!], [seeds[i]!], performance.now() - t0));
    header ??= headerOf(e, run);
  }
  return { lines, header: header! };
}
