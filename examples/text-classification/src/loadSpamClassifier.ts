import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { attentionModel } from '@glassbox/attention'; // importing registers the custom layers
import { loadLayersModel } from '@glassbox/core/node';
import type { Model } from '@glassbox/core';
import { CLASS_NAMES } from './spamAssassin';
import { WordTokenizer } from './WordTokenizer';

/** Where the committed model, tokenizer and training record live. */
export const MODEL_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../model');

/**
 * Loads the committed spam classifier (Layers format, custom layers from `@glassbox/attention`)
 * as a Glassbox model with the `attention` capability, and its tokenizer.
 *
 * @example
 * ```ts
 * const { model, tokenizer } = await loadSpamClassifier();
 * const p = await model.predict(tf.tensor2d([tokenizer.encode('Win $1000 now!')]));
 * ```
 */
export async function loadSpamClassifier(dir = MODEL_DIR): Promise<{ model: Model; tokenizer: WordTokenizer }> {
  const tokenizer = WordTokenizer.fromJSON(JSON.parse(await readFile(join(dir, 'tokenizer.json'), 'utf8')));
  const layers = await loadLayersModel(join(dir, 'model.json'));
  const model = attentionModel(layers, {
    name: 'spam-transformer',
    classNames: [...CLASS_NAMES],
    decode: (ids) => tokenizer.decode(ids),
    ownsModel: true,
  });
  return { model, tokenizer };
}
