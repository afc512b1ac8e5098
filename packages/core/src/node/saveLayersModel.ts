import * as tf from '@tensorflow/tfjs-core';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Metadata Glassbox stores in model.json (`userDefinedMetadata.glassbox`). */
export interface GlassboxModelMetadata {
  classNames?: string[];
  featureNames?: string[];
  [key: string]: unknown;
}

/**
 * Saves a tfjs Layers model to `dir` as `model.json` + `weights.bin` (the format
 * `tf.loadLayersModel` reads), with optional Glassbox metadata (class and feature names).
 *
 * @example
 * ```ts
 * await saveLayersModel(model, 'examples/mnist/model', { classNames: ['not 3', '3'] });
 * ```
 */
export async function saveLayersModel(
  model: { save(handler: tf.io.IOHandler): Promise<tf.io.SaveResult> },
  dir: string,
  metadata?: GlassboxModelMetadata,
): Promise<{ modelJson: string; weightBytes: number }> {
  await mkdir(dir, { recursive: true });
  let weightBytes = 0;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const data = artifacts.weightData ? new Uint8Array(tf.io.concatenateArrayBuffers(artifacts.weightData as ArrayBuffer | ArrayBuffer[])) : new Uint8Array(0);
      weightBytes = data.byteLength;
      const json = {
        format: artifacts.format ?? 'layers-model',
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        modelTopology: artifacts.modelTopology,
        userDefinedMetadata: { ...(artifacts.userDefinedMetadata ?? {}), ...(metadata ? { glassbox: metadata } : {}) },
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }],
      };
      await writeFile(join(dir, 'weights.bin'), data);
      await writeFile(join(dir, 'model.json'), JSON.stringify(json));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: data.byteLength } };
    }),
  );
  return { modelJson: join(dir, 'model.json'), weightBytes };
}
