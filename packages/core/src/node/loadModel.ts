import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type * as tfc from '@tensorflow/tfjs-converter';

import { ModelFileError } from '../errors/ModelFileError';
import { UnsupportedModelError } from '../errors/UnsupportedModelError';
import { fromGraphModel, type GraphModelAdapterOptions } from '../model/fromGraphModel';
import { fromLayersModel, type LayersModelAdapterOptions, type LayersModelLike } from '../model/fromLayersModel';
import type { Model } from '../model/Model';
import { readModelArtifacts, type ReadModelOptions } from './readModelArtifacts';

// Loaded on first use: each is a 1.2-1.5 MB bundle, and a model needs only one of them.
const layers = () => import('@tensorflow/tfjs-layers');
const converter = () => import('@tensorflow/tfjs-converter');

const handler = (a: Awaited<ReturnType<typeof readModelArtifacts>>): tf.io.IOHandler =>
  tf.io.fromMemory({
    modelTopology: a.json.modelTopology,
    weightSpecs: a.weightSpecs as tf.io.WeightsManifestEntry[],
    weightData: a.weightData,
    format: a.json.format,
    generatedBy: a.json.generatedBy,
    convertedBy: a.json.convertedBy,
    signature: a.json.signature,
    userDefinedMetadata: a.json.userDefinedMetadata,
    modelInitializer: a.json.modelInitializer,
  });

const wrap = async <T>(path: string, fn: () => Promise<T>): Promise<T> => {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof ModelFileError) throw e;
    throw new ModelFileError('MODEL_FILE_INVALID', `${path} could not be built into a model: ${(e as Error).message}`, { path }, { cause: e });
  }
};

/**
 * Loads a tfjs Layers model (model.json + binary shards) from disk, validated before allocation.
 * Custom layers (e.g. `@glassbox/attention`'s) must be registered (imported) first.
 *
 * @example
 * ```ts
 * const layers = await loadLayersModel('examples/mnist/model/model.json');
 * ```
 */
export async function loadLayersModel(modelJsonPath: string, options: ReadModelOptions = {}): Promise<tfl.LayersModel> {
  const artifacts = await readModelArtifacts(modelJsonPath, options);
  if (artifacts.format !== 'layers-model') throw new ModelFileError('MODEL_FILE_INVALID', `${modelJsonPath} is a graph model; use loadGraphModel`, { path: modelJsonPath });
  return wrap(modelJsonPath, async () => (await layers()).loadLayersModel(handler(artifacts)));
}

/** Loads a tfjs Graph model (converted SavedModel) from disk, validated before allocation. */
export async function loadGraphModel(modelJsonPath: string, options: ReadModelOptions = {}): Promise<tfc.GraphModel> {
  const artifacts = await readModelArtifacts(modelJsonPath, options);
  if (artifacts.format !== 'graph-model') throw new ModelFileError('MODEL_FILE_INVALID', `${modelJsonPath} is a layers model; use loadLayersModel`, { path: modelJsonPath });
  return wrap(modelJsonPath, async () => (await converter()).loadGraphModel(handler(artifacts)));
}

/**
 * Loads either format and adapts it to a Glassbox {@link Model}.
 *
 * @example
 * ```ts
 * const model = await loadModel('model/model.json');
 * const e = await saliency().explain(model, inputs);
 * ```
 */
export async function loadModel(modelJsonPath: string, options: ReadModelOptions & LayersModelAdapterOptions & GraphModelAdapterOptions = {}): Promise<Model> {
  const artifacts = await readModelArtifacts(modelJsonPath, options);
  if (artifacts.format === 'graph-model') {
    const converterModule = await converter();
    const g = await wrap(modelJsonPath, () => converterModule.loadGraphModel(handler(artifacts)));
    return { ...fromGraphModel(g as never, { registerOp: converterModule.registerOp, ...options }), dispose: () => g.dispose() };
  }
  if (options.inputName !== undefined || options.outputName !== undefined) {
    throw new UnsupportedModelError(`${modelJsonPath} is a layers model; inputName/outputName (--input-name/--output) apply to graph models only`, { path: modelJsonPath });
  }
  const m = await wrap(modelJsonPath, async () => (await layers()).loadLayersModel(handler(artifacts)));
  const meta = (artifacts.json.userDefinedMetadata ?? {}) as { glassbox?: { classNames?: string[]; featureNames?: string[] } };
  const adapter = fromLayersModel(m as unknown as LayersModelLike, {
    classNames: meta.glassbox?.classNames,
    featureNames: meta.glassbox?.featureNames,
    ...options,
  });
  return {
    ...adapter,
    dispose: () => {
      adapter.dispose?.();
      m.dispose();
    },
  };
}
