import { describe, expect, it } from 'vitest';
import { renderTokensHtml } from './renderTokensHtml';
import { escapeHtml, safeJson } from './escapeHtml';
import { expectGoldenText } from './__fixtures__/golden';

export const HOSTILE = `<script>alert("x")</script> & 'quotes'`;
const ESCAPED = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;';

describe('renderTokensHtml', () => {
  it('colours tokens by signed score on a diverging map (golden)', () => {
    const html = renderTokensHtml(['the', 'movie', 'was', 'not', 'great'], [0.01, 0.2, -0.05, -0.8, 0.9]);
    expect(html).toContain('title="0.01">the<');
    expectGoldenText('tokens.html', html);
  });

  it('escapes hostile tokens: no markup survives, the text does', () => {
    const html = renderTokensHtml([HOSTILE, 'ok'], [1, -1], { style: false });
    expect(html).not.toContain('<script');
    expect(html).not.toContain(`"x"`);
    expect(html).not.toContain(`'quotes'`);
    expect(html).toContain(`>${ESCAPED}</span>`);
  });

  it('uses viridis for absolute scores and checks lengths', () => {
    expect(renderTokensHtml(['a', 'b'], [0, 1], { clip: 100 })).toContain('background:#fde725');
    expect(() => renderTokensHtml(['a'], [1, 2])).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});

describe('escapeHtml / safeJson', () => {
  it('escapes the five HTML specials', () => {
    expect(escapeHtml(HOSTILE)).toBe(ESCAPED);
    expect(escapeHtml(3)).toBe('3');
  });

  it('keeps JSON from closing a script element and round-trips', () => {
    const v = { s: HOSTILE, l: '\u2028' };
    const j = safeJson(v);
    expect(j).not.toMatch(/[<>&'\u2028]/);
    expect(JSON.parse(j)).toEqual(v);
    expect(safeJson(undefined)).toBe('null');
  });
});
