import { InvalidInputError } from '@glassbox/core';

/** Reserved ids: padding (masked out by the model), the `[CLS]` token the classifier reads, unknown words. */
export const PAD = 0;
export const CLS = 1;
export const UNK = 2;
const SPECIAL = ['[PAD]', '[CLS]', '[UNK]'];

/** What {@link WordTokenizer.toJSON} writes (the committed `tokenizer.json`). */
export interface WordTokenizerJSON {
  format: 'glassbox-word-tokenizer';
  version: 1;
  sequenceLength: number;
  /** Tokens by id; ids 0–2 are `[PAD]`, `[CLS]`, `[UNK]`. */
  vocabulary: string[];
}

/**
 * A lowercase word-level tokenizer with a capped vocabulary built from training texts: words are
 * runs of letters (with inner apostrophes), runs of digits, and the symbols `$ ! %` (strong spam
 * cues). Sequences start with `[CLS]`, are cut to `sequenceLength` and padded with `[PAD]`.
 *
 * @example
 * ```ts
 * const tok = WordTokenizer.build(trainTexts, { maxVocabulary: 2000, sequenceLength: 64 });
 * tok.encode('Win $1000 now!'); // [1, id('win'), id('$'), id('1000'), id('now'), id('!'), 0, 0, …]
 * ```
 */
export class WordTokenizer {
  readonly vocabulary: readonly string[];
  readonly sequenceLength: number;
  private readonly ids: Map<string, number>;

  constructor(vocabulary: readonly string[], sequenceLength: number) {
    if (vocabulary.length < 3 || SPECIAL.some((s, i) => vocabulary[i] !== s)) {
      throw new InvalidInputError(`A vocabulary starts with ${SPECIAL.join(', ')}; got ${JSON.stringify(vocabulary.slice(0, 3))}`);
    }
    if (!Number.isInteger(sequenceLength) || sequenceLength < 2) throw new InvalidInputError(`sequenceLength must be an integer ≥ 2; got ${sequenceLength}`);
    this.vocabulary = [...vocabulary];
    this.sequenceLength = sequenceLength;
    this.ids = new Map(this.vocabulary.map((w, i) => [w, i]));
    if (this.ids.size !== this.vocabulary.length) throw new InvalidInputError('The vocabulary has duplicate tokens');
  }

  /** The words of `text`, lowercased, in order. */
  static words(text: string): string[] {
    return text.toLowerCase().match(/[a-z]+(?:'[a-z]+)*|\d+|[$!%]/g) ?? [];
  }

  /** Builds the vocabulary from the most frequent words of `texts` (ties alphabetical), at least `minCount` times each. */
  static build(texts: Iterable<string>, options: { maxVocabulary: number; sequenceLength: number; minCount?: number }): WordTokenizer {
    const counts = new Map<string, number>();
    for (const t of texts) for (const w of WordTokenizer.words(t)) counts.set(w, (counts.get(w) ?? 0) + 1);
    const words = [...counts]
      .filter(([, c]) => c >= (options.minCount ?? 2))
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, options.maxVocabulary - SPECIAL.length)
      .map(([w]) => w);
    return new WordTokenizer([...SPECIAL, ...words], options.sequenceLength);
  }

  /** `[CLS]` + the ids of the first `sequenceLength − 1` words (unknown ones `[UNK]`), padded. */
  encode(text: string): number[] {
    const ids = [CLS, ...WordTokenizer.words(text).slice(0, this.sequenceLength - 1).map((w) => this.ids.get(w) ?? UNK)];
    while (ids.length < this.sequenceLength) ids.push(PAD);
    return ids;
  }

  /** The tokens of `ids` (`<id>` for ids outside the vocabulary). */
  decode(ids: readonly number[]): string[] {
    return ids.map((i) => this.vocabulary[i] ?? `<${i}>`);
  }

  /** The words of `text` as the model sees them (`[CLS]`, unknown words as they were, no padding). */
  tokens(text: string): string[] {
    return ['[CLS]', ...WordTokenizer.words(text).slice(0, this.sequenceLength - 1)];
  }

  toJSON(): WordTokenizerJSON {
    return { format: 'glassbox-word-tokenizer', version: 1, sequenceLength: this.sequenceLength, vocabulary: [...this.vocabulary] };
  }

  static fromJSON(json: unknown): WordTokenizer {
    const j = json as Partial<WordTokenizerJSON>;
    if (!j || j.format !== 'glassbox-word-tokenizer' || j.version !== 1 || !Array.isArray(j.vocabulary) || !j.vocabulary.every((w) => typeof w === 'string')) {
      throw new InvalidInputError('Not a glassbox-word-tokenizer v1 file (expected { format, version: 1, sequenceLength, vocabulary: string[] })');
    }
    return new WordTokenizer(j.vocabulary, j.sequenceLength as number);
  }
}
