import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { AbortedError } from '../errors/AbortedError';
import { CapabilityError } from '../errors/CapabilityError';
import { InvalidInputError } from '../errors/InvalidInputError';
import { InvalidOptionError } from '../errors/InvalidOptionError';
import { EXPLANATION_SPEC_VERSION, type Explanation, type ExplanationKind } from '../explanation/Explanation';
import { createRandom } from '../random/createRandom';
import { sizeOf } from '../util/shape';
import { ensureGradients } from '../backend/ensureGradients';
import { withBackendLock } from '../backend/backendLock';
import { currentBackend, currentBackendProvider, useBackendUnlocked } from '../backend/backendRegistry';
import { BackendSwitchedError } from '../errors/BackendSwitchedError';
import { checkSeed } from '../random/checkSeed';
import type { ExplainCall, ExplainInput, Explainer } from './Explainer';
import type { ExplainContext } from './ExplainContext';
import { resolveOptions } from './resolveOptions';
import { checkExplainCall } from './checkExplainCall';
import { resolveTargets } from './resolveTargets';
import { toInputTensor } from './toInputTensor';
import { asNoGradientError } from '../tensor/asNoGradientError';
import { defaultMemoryBudget, MEMORY_BUDGET_FRACTION } from '../tensor/defaultMemoryBudget';
import type { Model } from '../model/Model';

/**
 * Bytes a model file's weights may need before it is refused (256 MiB), and the budget of helpers
 * called outside an explanation. Explanations default to {@link defaultMemoryBudget} instead.
 */
export const DEFAULT_MEMORY_BUDGET = 256 * 1024 * 1024;

/** Builds the context an explainer runs with. */
export function createContext(call: Pick<ExplainCall<unknown>, 'signal' | 'onProgress' | 'seed' | 'memoryBudgetBytes'> = {}): ExplainContext {
  const budget = call.memoryBudgetBytes;
  if (budget !== undefined && !(typeof budget === 'number' && Number.isFinite(budget) && budget > 0)) {
    throw new InvalidOptionError(`memoryBudgetBytes ${String(budget)}: expected a positive number of bytes`, { memoryBudgetBytes: String(budget) });
  }
  const signal = call.signal ?? new AbortController().signal;
  return {
    signal,
    progress: (p) => call.onProgress?.(p),
    throwIfAborted: () => {
      if (signal.aborted) throw new AbortedError('The explanation was aborted', { reason: String(signal.reason ?? '') });
    },
    random: createRandom(call.seed ?? 0),
    backend: currentBackend(),
    memoryBudgetBytes: memoryBudget(call.memoryBudgetBytes),
  };
}

/**
 * The budget of an explanation on the active backend: the one given, else the machine-sized default
 * or the backend's preferred one when smaller; then no more than half of what a bounded backend can
 * still hold (`BackendProvider.preferredMemoryBudgetBytes`, `memoryLimitBytes`).
 */
function memoryBudget(given: number | undefined): number {
  const provider = currentBackendProvider();
  const positive = (v: number | undefined) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined);
  const budget = given ?? Math.min(defaultMemoryBudget(), positive(provider?.preferredMemoryBudgetBytes) ?? Infinity);
  const limit = positive(provider?.memoryLimitBytes?.());
  return limit === undefined ? budget : Math.max(1, Math.min(budget, Math.floor(limit * MEMORY_BUDGET_FRACTION)));
}

/** Refuses a model that lacks a capability the explainer needs. */
export function checkCapabilities(explainer: Pick<Explainer, 'name' | 'requires'>, model: Model): void {
  const missing = explainer.requires.filter((c) => !model.capabilities.has(c));
  if (missing.length) {
    throw new CapabilityError(
      `Method "${explainer.name}" needs a model with ${missing.join(', ')}; model "${model.name}" has ${[...model.capabilities].join(', ') || 'no capabilities (black box)'}`,
      { method: explainer.name, missing, has: [...model.capabilities] },
    );
  }
}

/**
 * The body of every explainer's `explain`: validation, targets, context, timing and packaging.
 * Tensors it creates are released on every path, including throws and aborts. It runs under the
 * backend lock: on `call.backend` when given (the previous backend is restored afterwards), else
 * on the active one, and the result is labelled with the backend that really computed it.
 */
export async function runExplainer<O, K extends ExplanationKind, D>(
  explainer: Explainer<O, K, D>,
  model: Model,
  inputs: ExplainInput,
  call: ExplainCall<O> = {},
): Promise<Explanation<K, D>> {
  checkExplainCall(call);
  checkCapabilities(explainer, model);
  const options = resolveOptions(explainer.options, call.options as Record<string, unknown>, `method "${explainer.name}"`);
  if (call.seed !== undefined) checkSeed(call.seed);
  return withBackendLock(async () => {
    if (tf.getBackend() == null) await tf.ready(); // tfjs's default backend, so that its name is known before the run
    const previous = call.backend === undefined ? undefined : currentBackend();
    if (call.backend !== undefined) await useBackendUnlocked(call.backend, call.fallback === undefined ? {} : { fallback: call.fallback });
    try {
      const e = await runLocked(explainer, model, inputs, call, options);
      const now = currentBackend();
      if (now !== e.backend) throw new BackendSwitchedError(e.backend, now);
      return e;
    } finally {
      if (previous !== undefined && currentBackend() !== previous) await useBackendUnlocked(previous);
    }
  });
}

async function runLocked<O, K extends ExplanationKind, D>(
  explainer: Explainer<O, K, D>,
  model: Model,
  inputs: ExplainInput,
  call: ExplainCall<O>,
  options: O,
): Promise<Explanation<K, D>> {
  const started = Date.now();
  const startedAt = new Date(started).toISOString();
  await ensureGradients();
  const context = createContext(call);
  context.throwIfAborted();
  const { tensor, owned } = await toInputTensor(inputs, model.inputShape);
  try {
    const batch = tensor.shape[0];
    const outputSize = sizeOf(model.outputShape);
    // Numeric targets need no outputs before the run: an explainer that evaluates the model at the
    // inputs anyway writes them, and the separate forward pass is saved.
    const deferred = explainer.collectsOutputs === true && (typeof call.target === 'number' || Array.isArray(call.target));
    let outputs = deferred ? new Float32Array(batch * outputSize).fill(NaN) : await predictOutputs(model, tensor, batch * outputSize);
    const targets = resolveTargets(call.target, outputs, batch, outputSize);
    context.throwIfAborted();
    let result;
    try {
      result = await explainer.run({ model, inputs: tensor, targets, options, context, outputs });
    } catch (e) {
      throw asNoGradientError(e);
    }
    let attributions: Float32Array;
    let attributionShape: number[];
    if (result.attributions instanceof tf.Tensor) {
      const t = result.attributions;
      attributionShape = [...t.shape];
      attributions = Float32Array.from((await t.data()) as Float32Array);
      t.dispose();
    } else {
      attributions = result.attributions.values;
      attributionShape = [...result.attributions.shape];
    }
    if (deferred && outputs.some(Number.isNaN)) outputs = await predictOutputs(model, tensor, batch * outputSize);
    return {
      specVersion: EXPLANATION_SPEC_VERSION,
      kind: explainer.kind,
      method: explainer.name,
      explainer: { name: explainer.name, version: explainer.version, package: explainer.package },
      options: { ...(options as Record<string, unknown>) },
      seed: call.seed ?? 0,
      backend: context.backend,
      model: { name: model.name, inputShape: [...model.inputShape], outputShape: [...model.outputShape] },
      inputs: Float32Array.from((await tensor.data()) as Float32Array),
      inputShape: [...tensor.shape],
      targets,
      outputs,
      outputShape: [batch, ...model.outputShape],
      attributions,
      attributionShape,
      convergenceDelta: result.convergenceDelta,
      diagnostics: result.diagnostics ?? {},
      metrics: {},
      labels: mergeLabels(call.labels, result.labels, model),
      timing: { startedAt, durationMs: Date.now() - started },
      data: result.data,
    };
  } finally {
    if (owned) tensor.dispose();
  }
}

async function predictOutputs(model: Model, tensor: tf.Tensor, expected: number): Promise<Float32Array> {
  const out = await model.predict(tensor);
  const outputs = Float32Array.from((await out.data()) as Float32Array);
  out.dispose();
  if (outputs.length !== expected) {
    throw new InvalidInputError(`Model returned ${outputs.length} outputs for ${tensor.shape[0]} examples; its outputShape needs ${expected}`);
  }
  return outputs;
}

function mergeLabels(given: ExplainCall<unknown>['labels'], fromResult: Explanation['labels'], model: Model): Explanation['labels'] {
  const labels = { ...fromResult, ...given };
  if (!labels.features && model.featureNames) labels.features = [...model.featureNames];
  if (!labels.classes && model.classNames) labels.classes = [...model.classNames];
  return Object.keys(labels).length ? labels : undefined;
}
