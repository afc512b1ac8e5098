/** A stroke as points in [0, 1]² of the drawing area (x right, y down). */
export type Stroke = [number, number][];

/** Points along a circular arc from angle `from` to `to` (degrees, 0 = right, 90 = down). */
function arc(cx: number, cy: number, r: number, from: number, to: number, n = 14): Stroke {
  return Array.from({ length: n + 1 }, (_, i) => {
    const a = ((from + ((to - from) * i) / n) * Math.PI) / 180;
    return [cx + r * Math.cos(a), cy + r * Math.sin(a)];
  });
}

/**
 * A handwritten-looking "3" in one stroke: two bowls open to the left. Used by the end-to-end test
 * and the screenshots, so every run draws the same digit.
 */
export const STROKE_THREE: Stroke = [...arc(0.5, 0.33, 0.16, -160, 90), ...arc(0.5, 0.66, 0.18, -90, 160).slice(1)];
