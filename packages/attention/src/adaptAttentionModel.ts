import type { Model } from '@glassbox/core';
import { attentionModel } from './attentionModel';

/**
 * The attention explainers' `adaptModel`: how a host that loads a model file (the CLI) makes the
 * attention-capable model they need from a loaded Layers model built with this package's layers
 * (registered when the package is imported). The model owns the Layers model; a vocabulary from a
 * `tokenizer.json` beside the file names the tokens.
 *
 * @example
 * ```ts
 * const model = adaptAttentionModel(await loadLayersModel('model/model.json'), { vocabulary });
 * ```
 */
export function adaptAttentionModel(layersModel: unknown, files: { vocabulary?: string[] }): Model {
  return attentionModel(layersModel, { ownsModel: true, ...(files.vocabulary ? { vocabulary: files.vocabulary } : {}) });
}
