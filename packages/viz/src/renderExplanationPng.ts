import type { Explanation } from '@glassbox/core';
import { encodePng } from './encodePng';
import { renderExplanationImage, type ExplanationImageOptions } from './renderExplanationImage';

/**
 * {@link renderExplanationImage} encoded as PNG bytes.
 *
 * @example
 * ```ts
 * await fs.writeFile('ig.png', renderExplanationPng(e, { example: 0, overlay: true }));
 * ```
 */
export function renderExplanationPng(e: Explanation, options: ExplanationImageOptions = {}): Uint8Array {
  return encodePng(renderExplanationImage(e, options).image);
}
