import type { Rgba } from './Image';

/**
 * Text colour readable on `bg`: near-black on light colours, white on dark ones (luma > 140, the
 * rule the HTML and SVG renderers use).
 * @example `inkOn([253, 231, 37, 255]); // [17, 17, 17, 255]`
 */
export function inkOn(bg: Rgba): Rgba {
  return bg[0] * 0.299 + bg[1] * 0.587 + bg[2] * 0.114 > 140 ? [17, 17, 17, 255] : [255, 255, 255, 255];
}
