import { readFile } from 'node:fs/promises';
import { ModelFileError } from '@glassbox/core';
import type { ModelMetadata } from './ModelMetadata';

/** The training record and scaler saved in an example's model.json. */
export async function readModelMetadata(modelJson: string): Promise<ModelMetadata> {
  const meta = JSON.parse(await readFile(modelJson, 'utf8'))?.userDefinedMetadata?.glassbox as ModelMetadata | undefined;
  if (!meta?.scaler || !meta.training) throw new ModelFileError('MODEL_FILE_INVALID', `${modelJson} has no glassbox training metadata (train the model with the example's train script)`, { file: modelJson });
  return meta;
}
