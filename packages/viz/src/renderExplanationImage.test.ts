import { describe, expect, it } from 'vitest';
import { renderExplanationImage } from './renderExplanationImage';
import { renderExplanationPng } from './renderExplanationPng';
import { decodePng } from './decodePng';
import { fixtureExplanation } from './__fixtures__/explanations';
import { expectGoldenPng } from './__fixtures__/golden';

describe('renderExplanationImage (golden, pixel-exact)', () => {
  const e = fixtureExplanation();

  it('signed attributions: diverging RdBu centred on zero, p99 clip, legend, title', () => {
    const { image, colorScale } = renderExplanationImage(e, { title: 'integrated-gradients' });
    expect(colorScale.signed).toBe(true);
    expect(colorScale.min).toBe(-colorScale.max);
    expectGoldenPng('heatmap-signed', image);
  });

  it('absolute attributions: viridis from zero', () => {
    const { image, colorScale } = renderExplanationImage(e, { signed: false, example: 1 });
    expect(colorScale).toMatchObject({ signed: false, min: 0, colormap: 'viridis' });
    expectGoldenPng('heatmap-absolute', image);
  });

  it('overlay on the input, opacity by magnitude (signed) and constant (absolute)', () => {
    expectGoldenPng('overlay-signed', renderExplanationImage(e, { overlay: 0.8 }).image);
    expectGoldenPng('overlay-absolute', renderExplanationImage(e, { overlay: 0.5, signed: false, colormap: 'magma' }).image);
  });

  it('opacity 0 shows the input unchanged', () => {
    const { image } = renderExplanationImage(e, { overlay: 0, overlayMode: 'constant', legend: false, scale: 1, clip: 100 });
    // pixel (x, y) of the 28×28 picture sits at (4 + x, 4 + y) inside the padding
    const at = (x: number, y: number) => image.data[((4 + y) * image.width + 4 + x) * 4];
    expect(at(0, 0)).toBe(0);
    expect(at(10, 4)).toBe(255);
  });

  it('layer attributions (7×7 Grad-CAM) are resampled to the 28×28 input', () => {
    const cam = fixtureExplanation({ kind: 'layer-attribution', method: 'grad-cam' });
    cam.attributionShape = [2, 7, 7, 1];
    cam.attributions = Float32Array.from({ length: 98 }, (_, i) => ((i % 49) % 7) * Math.floor((i % 49) / 7) / 36);
    const { image } = renderExplanationImage(cam, { overlay: 0.6, title: 'grad-cam' });
    expectGoldenPng('layer-attribution-overlay', image);
  });

  it('views flat 784-vectors as 28×28 with imageShape, and says so when it is missing', () => {
    const flat = fixtureExplanation();
    flat.attributionShape = [2, 784];
    flat.inputShape = [2, 784];
    const a = renderExplanationImage(flat, { imageShape: [28, 28] }).image;
    const b = renderExplanationImage(e).image;
    expect(Buffer.from(a.data).equals(Buffer.from(b.data))).toBe(true);
    expect(() => renderExplanationImage(flat)).toThrow(/imageShape/);
  });

  it('encodes to a PNG that decodes to the same picture', () => {
    const png = renderExplanationPng(e, { example: 1 });
    const same = Buffer.from(decodePng(png).data).equals(Buffer.from(renderExplanationImage(e, { example: 1 }).image.data));
    expect(same).toBe(true);
  });

  it('rejects kinds it cannot draw with a coded error', () => {
    const tok = fixtureExplanation({ kind: 'token-attribution' });
    expect(() => renderExplanationImage(tok)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => renderExplanationImage(e, { example: 5 })).toThrow(/out of range/);
  });
});
