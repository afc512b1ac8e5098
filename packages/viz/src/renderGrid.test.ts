import { describe, expect, it } from 'vitest';
import { renderGrid } from './renderGrid';
import { renderExplanationGrid } from './renderExplanationGrid';
import { renderHeatmap } from './renderHeatmap';
import { createImage } from './Image';
import { fixtureExplanation } from './__fixtures__/explanations';
import { expectGoldenPng } from './__fixtures__/golden';

const methods = () => [
  fixtureExplanation({ method: 'saliency', variant: 0 }),
  fixtureExplanation({ method: 'smoothgrad', variant: 1 }),
  fixtureExplanation({ method: 'integrated-gradients', variant: 2 }),
];

describe('renderExplanationGrid (golden, pixel-exact)', () => {
  it('digit | saliency | smoothgrad | IG, one row per digit, one shared scale and legend per column', () => {
    expectGoldenPng('grid-methods', renderExplanationGrid(methods()));
  });

  it('per-image scales get legends in percent of each picture’s range', () => {
    expectGoldenPng('grid-per-image', renderExplanationGrid(methods(), { shareScale: 'image', signed: false, input: false }));
  });
});

describe('renderGrid', () => {
  it('sizes the canvas from its cells, labels and legends', () => {
    const heat = renderHeatmap([0, 1, 2, 3], 2, 2, { scale: 10 });
    const img = renderGrid([{ label: 'a', images: [createImage(20, 20), heat] }], { columns: ['x', 'y'] });
    expect(img.width).toBe(4 + 5 + 6 + 20 + 6 + 20 + 4);
    expect(img.height).toBeGreaterThan(20 + 7);
    expect(renderGrid([]).width).toBeGreaterThan(0);
  });
});
