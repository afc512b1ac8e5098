import { describe, expect, it } from 'vitest';
import { CLS, PAD, UNK, WordTokenizer } from './WordTokenizer';

describe('WordTokenizer', () => {
  const texts = ['Win $1000 now!', 'win win WIN a prize!!', "Don't miss the meeting at 10", 'the meeting moved'];
  const tok = WordTokenizer.build(texts, { maxVocabulary: 8, sequenceLength: 6, minCount: 2 });

  it('splits lowercase words, digits and $ ! % as tokens', () => {
    expect(WordTokenizer.words("Don't PAY $99.50 -- 100% off!!")).toEqual(["don't", 'pay', '$', '99', '50', '100', '%', 'off', '!', '!']);
  });

  it('keeps the most frequent words (ties alphabetical) after the reserved tokens, capped', () => {
    // counts: win 4, ! 3, meeting 2, the 2; everything else once (below minCount)
    expect(tok.vocabulary).toEqual(['[PAD]', '[CLS]', '[UNK]', 'win', '!', 'meeting', 'the']);
    const capped = WordTokenizer.build(texts, { maxVocabulary: 5, sequenceLength: 6, minCount: 1 });
    expect(capped.vocabulary).toEqual(['[PAD]', '[CLS]', '[UNK]', 'win', '!']);
  });

  it('encodes [CLS] first, unknown words as [UNK], cut and padded to the sequence length', () => {
    expect(tok.encode('Win the prize!')).toEqual([CLS, 3, 6, UNK, 4, PAD]);
    expect(tok.encode('win win win win win win win')).toEqual([CLS, 3, 3, 3, 3, 3]);
    expect(tok.encode('')).toEqual([CLS, PAD, PAD, PAD, PAD, PAD]);
    expect(tok.decode(tok.encode('Win the prize!'))).toEqual(['[CLS]', 'win', 'the', '[UNK]', '!', '[PAD]']);
    expect(tok.tokens('Win the prize! and more')).toEqual(['[CLS]', 'win', 'the', 'prize', '!', 'and']);
    expect(tok.decode([99])).toEqual(['<99>']);
  });

  it('treats hostile text as words only', () => {
    expect(WordTokenizer.words('<script>alert("x")</script><img onerror=1>')).toEqual(['script', 'alert', 'x', 'script', 'img', 'onerror', '1']);
  });

  it('round-trips through JSON and refuses malformed files with a typed error', () => {
    const back = WordTokenizer.fromJSON(JSON.parse(JSON.stringify(tok.toJSON())));
    expect(back.vocabulary).toEqual(tok.vocabulary);
    expect(back.encode('the meeting')).toEqual(tok.encode('the meeting'));
    expect(() => WordTokenizer.fromJSON({ format: 'other' })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => WordTokenizer.fromJSON({ ...tok.toJSON(), vocabulary: ['a', 'b', 'c'] })).toThrow(/starts with \[PAD\]/);
    expect(() => WordTokenizer.fromJSON({ ...tok.toJSON(), sequenceLength: 1 })).toThrow(/sequenceLength/);
  });
});
