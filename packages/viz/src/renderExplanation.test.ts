import { describe, expect, it } from 'vitest';
import { renderExplanation, RENDER_FORMATS } from './renderExplanation';
import { renderStep } from './renderStep';
import { decodePng } from './decodePng';
import { fixtureExplanation } from './__fixtures__/explanations';

describe('renderExplanation', () => {
  const e = fixtureExplanation();

  it('renders attributions as PNG, SVG and HTML with the right MIME types', () => {
    const png = renderExplanation(e, { format: 'png' });
    expect(png.mime).toBe('image/png');
    expect(decodePng(png.data as Uint8Array).width).toBeGreaterThan(100);
    const svg = renderExplanation(e, { format: 'svg', example: 1 });
    expect(svg).toMatchObject({ format: 'svg', mime: 'image/svg+xml' });
    expect(svg.data as string).toMatch(/^<svg /);
    expect(renderExplanation(e, { format: 'html' }).data as string).toMatch(/^<!doctype html>/);
  });

  it('draws surrogate trees from data as SVG and PNG, and refuses unknown formats and kinds', () => {
    const s = fixtureExplanation({ kind: 'surrogate' });
    s.data = { feature: 'a', threshold: 1, left: { prediction: 'x' }, right: { prediction: 'y' } };
    expect(renderExplanation(s, { format: 'svg' }).data as string).toContain('a ≤ 1');
    const png = renderExplanation(s, { format: 'png', title: 'tree' });
    expect(png.mime).toBe('image/png');
    expect(decodePng(png.data as Uint8Array).width).toBeGreaterThan(50);
    expect(() => renderExplanation(e, { format: 'gif' as never })).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    const odd = fixtureExplanation({ kind: 'histogram' as never });
    expect(() => renderExplanation(odd, { format: 'png' })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringMatching(/"histogram" explanation cannot be rendered as png/) }));
    s.data = undefined;
    expect(() => renderExplanation(s, { format: 'svg' })).toThrow(/no tree/);
    expect(() => renderExplanation(s, { format: 'png' })).toThrow(/no tree/);
  });

  it('renders every explanation kind to every format', () => {
    const tokens = fixtureExplanation({ kind: 'token-attribution', method: 'integrated-gradients' });
    tokens.attributionShape = [2, 4, 2];
    tokens.attributions = Float32Array.from({ length: 16 }, (_, i) => (i % 5) / 4 - 0.5);
    tokens.labels = { tokens: [['<b>', 'not', 'bad', '!'], ['fine', 'film', 'ok', '.']] };
    const attention = fixtureExplanation({ kind: 'attention-map', method: 'attention-rollout' });
    attention.attributionShape = [2, 3, 3];
    attention.attributions = Float32Array.from({ length: 18 }, (_, i) => (i % 4) / 4);
    const surrogate = fixtureExplanation({ kind: 'surrogate', method: 'surrogate-tree' });
    surrogate.data = { tree: { feature: 'x0', threshold: 0.5, left: { prediction: 1.5 }, right: { prediction: -1 } } };
    const all = [e, fixtureExplanation({ kind: 'layer-attribution', method: 'grad-cam' }), tokens, attention, surrogate];
    expect(new Set(all.map((x) => x.kind)).size).toBe(5);
    for (const x of all) {
      for (const format of ['png', 'svg', 'html'] as const) {
        expect(RENDER_FORMATS[format]).toContain(x.kind);
        const out = renderExplanation(x, { format, example: 1 });
        if (format === 'png') expect(decodePng(out.data as Uint8Array).width, `${x.kind} png`).toBeGreaterThan(20);
        else expect(out.data as string, `${x.kind} ${format}`).toMatch(format === 'svg' ? /^<svg [\s\S]*<\/svg>$/ : /^<!doctype html>/);
      }
    }
    // Token pictures show example 1's tokens; the SVG escapes markup in tokens of example 0.
    expect(renderExplanation(tokens, { format: 'svg', example: 1 }).data as string).toContain('>film</text>');
    expect(renderExplanation(tokens, { format: 'svg' }).data as string).toContain('>&lt;b&gt;</text>');
  });
});

describe('renderStep', () => {
  it('is a pipeline step named after its format that renders the explanation', async () => {
    const step = renderStep({ format: 'png', overlay: true });
    expect(step).toMatchObject({ name: 'render-png', plugin: '@glassbox/viz' });
    expect(step.accepts).toContain('attribution');
    expect(step.accepts).toContain('token-attribution');
    const out = await step.run(e(), {} as never);
    expect(out.mime).toBe('image/png');
  });
});

function e() {
  return fixtureExplanation();
}
