import { describe, expect, it } from 'vitest';
import { renderFormats } from '@glassbox/viz';
import { EXPLAIN_FORMATS } from './writeExplanationOutput';

describe('EXPLAIN_FORMATS', () => {
  it("lists JSON, NumPy and exactly the formats of viz's render table (kept static so that viz loads only for pictures)", () => {
    expect(EXPLAIN_FORMATS).toEqual(['.json', '.npy', ...renderFormats().map((f) => `.${f}`)]);
  });
});
