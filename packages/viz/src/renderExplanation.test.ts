import { describe, expect, it } from 'vitest';
import { renderExplanation } from './renderExplanation';
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

  it('draws surrogate trees from data and refuses what a kind cannot be', () => {
    const s = fixtureExplanation({ kind: 'surrogate' });
    s.data = { feature: 'a', threshold: 1, left: { prediction: 'x' }, right: { prediction: 'y' } };
    expect(renderExplanation(s, { format: 'svg' }).data as string).toContain('a ≤ 1');
    expect(() => renderExplanation(s, { format: 'png' })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringMatching(/svg, html/) }));
    expect(() => renderExplanation(e, { format: 'gif' as never })).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    s.data = undefined;
    expect(() => renderExplanation(s, { format: 'svg' })).toThrow(/no tree/);
  });
});

describe('renderStep', () => {
  it('is a pipeline step named after its format that renders the explanation', async () => {
    const step = renderStep({ format: 'png', overlay: true });
    expect(step).toMatchObject({ name: 'render-png', plugin: '@glassbox/viz' });
    expect(step.accepts).toContain('attribution');
    expect(step.accepts).not.toContain('token-attribution');
    const out = await step.run(e(), {} as never);
    expect(out.mime).toBe('image/png');
  });
});

function e() {
  return fixtureExplanation();
}
