import { describe, expect, it } from 'vitest';
import type { Explanation } from '@glassbox/core';
import { renderExplanation, RENDER_FORMATS } from './renderExplanation';
import { RENDER_MIME, registerRenderer, renderableKinds, renderFormats, rendererFor } from './renderTable';

describe('the kind × format render table', () => {
  it('lists every format and the kinds each renders; RENDER_FORMATS agrees with it', () => {
    expect(renderFormats()).toEqual(Object.keys(RENDER_MIME));
    for (const f of renderFormats()) expect(RENDER_FORMATS[f]).toEqual(renderableKinds(f));
    expect(renderFormats('surrogate')).toEqual(['png', 'svg', 'html']);
    expect(rendererFor('attribution', 'svg')).toBeTypeOf('function');
  });

  it('takes a renderer for a kind it did not know, and says which formats a kind has', () => {
    const e = { kind: 'bar-chart', method: 'm', attributions: new Float32Array([1, 2]), attributionShape: [1, 2] } as unknown as Explanation;
    expect(() => renderExplanation(e, { format: 'svg' })).toThrow(/"bar-chart" explanation cannot be rendered as svg: no renderer is registered for its kind/);
    registerRenderer('bar-chart' as never, 'svg', (x) => `<svg data-values="${Array.from(x.attributions).join(',')}"/>`);
    expect(renderExplanation(e, { format: 'svg' })).toEqual({ format: 'svg', mime: 'image/svg+xml', data: '<svg data-values="1,2"/>' });
    expect(renderFormats('bar-chart' as never)).toEqual(['svg']);
    expect(() => renderExplanation(e, { format: 'png' })).toThrow(/cannot be rendered as png; it can as svg/);
  });
});
