import { resolve } from 'node:path';
import { InvalidOptionError, listBackends, sizeOf, type Explainer, type Model } from '@glassbox/core';
import { discoverMethod } from '../plugins/discoverMethod';
import { selectBackend } from '../commands/selectBackend';
import { loadModelFor } from '../commands/loadModelFor';
import type { Io } from '../io/Io';
import type { RunSpec } from './RunSpec';

/** A run ready to explain: the explainer, the model (owned: call `dispose`) and the spec. */
export interface LoadedRun {
  spec: RunSpec;
  explainer: Explainer<any, any, any>;
  model: Model;
  /** Values per example. */
  inputSize: number;
  /** The backend's kernels use every core (`BackendProvider.usesAllCores`): one worker is best. */
  usesAllCores: boolean;
  dispose(): void;
}

const silent: Io = { out() {}, err() {}, cwd: process.cwd() };

/**
 * Finds the method among the installed plugins (importing only the package that provides it),
 * activates the backend and loads the model, the same way in the CLI's main thread, in worker
 * threads and in queue workers. Methods that explain a whole dataset at once (kind `surrogate`) are
 * refused: a dataset run explains examples.
 */
export async function loadRun(spec: RunSpec, io: Io = silent): Promise<LoadedRun> {
  const { found, plugins } = await discoverMethod(spec.cwd, spec.method);
  if (found.explainer.kind === 'surrogate') {
    throw new InvalidOptionError(`Method "${spec.method}" fits one surrogate to a whole dataset; dataset runs (.jsonl out) explain each example. Use --out result.json`, {
      method: spec.method,
    });
  }
  const backend = await selectBackend(io, spec.backend, spec.fallback, plugins.backends);
  const usesAllCores = listBackends().find((p) => p.name === backend.name)?.usesAllCores === true;
  const path = resolve(spec.cwd, spec.model);
  const model = await loadModelFor(found.explainer, path, undefined, plugins.layers);
  return { spec, explainer: found.explainer, model, inputSize: sizeOf(model.inputShape), usesAllCores, dispose: () => model.dispose?.() };
}
