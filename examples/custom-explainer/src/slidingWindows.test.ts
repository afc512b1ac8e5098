import { describe, expect, it } from 'vitest';
import { slidingWindows } from './slidingWindows';

const all = (w: ReturnType<typeof slidingWindows>) => Array.from({ length: w.count }, (_, i) => Array.from(w.indices(i)));

describe('slidingWindows', () => {
  it('places windows as Captum does, clipping the last one at the edge', () => {
    // 5 elements, window 2, stride 2: starts 0, 2, 4 (ceil(3 / 2) + 1 = 3 positions), the last clipped to 1 element.
    const w = slidingWindows([5], [2], [2]);
    expect(all(w)).toEqual([[0, 1], [2, 3], [4]]);
    expect(Array.from(w.coverage)).toEqual([1, 1, 1, 1, 1]);
  });

  it('overlapping windows count how often each element is covered', () => {
    const w = slidingWindows([5], [2], [1]);
    expect(all(w)).toEqual([[0, 1], [1, 2], [2, 3], [3, 4]]);
    expect(Array.from(w.coverage)).toEqual([1, 2, 2, 2, 1]);
  });

  it('walks images channels-last, row-major', () => {
    // 3×3×2 image, 2×2×2 windows, stride 1: four windows, each covering 8 elements.
    const w = slidingWindows([3, 3, 2], [2, 2, 2], [1, 1, 1]);
    expect(w.count).toBe(4);
    expect(w.shifts).toEqual([2, 2, 1]);
    // (row, col, channel) → (row * 3 + col) * 2 + channel
    expect(all(w)[0]).toEqual([0, 1, 2, 3, 6, 7, 8, 9]);
    expect(all(w)[3]).toEqual([8, 9, 10, 11, 14, 15, 16, 17]);
    // The centre pixel is under all four windows, corners under one.
    expect(w.coverage[8]).toBe(4);
    expect(w.coverage[0]).toBe(1);
  });

  it('MNIST-style 4×4 windows with stride 2 make 13 × 13 positions covering all pixels', () => {
    const w = slidingWindows([28, 28, 1], [4, 4, 1], [2, 2, 1]);
    expect(w.count).toBe(169);
    expect(Math.min(...w.coverage)).toBeGreaterThanOrEqual(1);
  });

  it('refuses windows larger than the input and strides that would skip elements', () => {
    expect(() => slidingWindows([3], [4], [1])).toThrow(/larger than dimension 0/);
    expect(() => slidingWindows([6], [2], [3])).toThrow(/never be occluded/);
    // A window spanning the whole dimension allows any stride there.
    expect(slidingWindows([4, 2], [2, 2], [2, 5]).count).toBe(2);
  });
});
