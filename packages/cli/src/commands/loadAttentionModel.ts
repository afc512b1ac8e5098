import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Model } from '@glassbox/core';
import { loadLayersModel } from '@glassbox/core/node';

/**
 * Transformer models built with @glassbox/attention's layers, adapted for attention methods. A
 * `tokenizer.json` beside model.json with a `vocabulary` array names the tokens in the output.
 */
export async function loadAttentionModel(path: string): Promise<Model> {
  const { attentionModel } = await import('@glassbox/attention'); // registers the custom layers
  let vocabulary: string[] | undefined;
  try {
    const t = JSON.parse(await readFile(join(dirname(path), 'tokenizer.json'), 'utf8')) as { vocabulary?: unknown };
    if (Array.isArray(t.vocabulary) && t.vocabulary.every((v) => typeof v === 'string')) vocabulary = t.vocabulary as string[];
  } catch {
    /* no tokenizer: tokens are named by id */
  }
  return attentionModel(await loadLayersModel(path), {
    ownsModel: true,
    decode: vocabulary ? (ids) => ids.map((id) => vocabulary![id] ?? `#${id}`) : undefined,
  });
}
