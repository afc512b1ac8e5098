import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Explainer, Model } from '@glassbox/core';
import { loadLayersModel, loadModel } from '@glassbox/core/node';
import type { LayerModule } from '../plugins/discoverPlugins';
import { importCustomLayers } from '../plugins/importCustomLayers';

/**
 * Loads a model file for an explainer: with the explainer's own `adaptModel` when it declares one
 * (e.g. attention methods need attention access), else with core's `loadModel`. A `tokenizer.json`
 * beside model.json with a `vocabulary` array of strings is handed to the adapter to name tokens.
 * `options` (graph models' input/output names) go to `loadModel`. First, the plugin packages of
 * `customLayers` that declare a layer the model uses are imported (see `importCustomLayers`).
 */
export async function loadModelFor(
  explainer: Pick<Explainer, 'adaptModel'>,
  path: string,
  options?: Parameters<typeof loadModel>[1],
  customLayers: readonly LayerModule[] = [],
): Promise<Model> {
  await importCustomLayers(path, customLayers);
  if (!explainer.adaptModel) return loadModel(path, options);
  let vocabulary: string[] | undefined;
  try {
    const t = JSON.parse(await readFile(join(dirname(path), 'tokenizer.json'), 'utf8')) as { vocabulary?: unknown };
    if (Array.isArray(t.vocabulary) && t.vocabulary.every((v) => typeof v === 'string')) vocabulary = t.vocabulary as string[];
  } catch {
    /* no tokenizer: tokens are named by id */
  }
  const layers = await loadLayersModel(path);
  try {
    return explainer.adaptModel(layers, vocabulary ? { vocabulary } : {});
  } catch (e) {
    layers.dispose();
    throw e;
  }
}
