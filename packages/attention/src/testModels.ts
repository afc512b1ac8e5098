import { attentionModel } from './attentionModel';
import { createTinyTransformer, type TinyTransformerOptions } from './createTinyTransformer';
import type { Model } from '@glassbox/core';

/** Vocabulary of the tiny test transformers: id 0 is padding, 1 is [CLS]. */
export const TINY_VOCABULARY = ['[PAD]', '[CLS]', ...Array.from({ length: 18 }, (_, i) => `w${i + 2}`)];

/** A seeded tiny transformer adapted with decoding, owning its weights (tests only). */
export function tinyAttentionModel(options: TinyTransformerOptions = {}): Model {
  return attentionModel(createTinyTransformer({ vocabularySize: TINY_VOCABULARY.length, ...options }), {
    ownsModel: true,
    vocabulary: TINY_VOCABULARY,
  });
}

/** Three padded id sequences of length 6 for the tiny models. */
export const TINY_IDS = [
  [1, 4, 7, 2, 0, 0],
  [1, 9, 3, 3, 5, 11],
  [1, 2, 0, 0, 0, 0],
];
