import { encodePng } from './encodePng';
import type { AttentionOptions, MatrixInput } from './attentionLayout';
import { renderAttentionMatrixImage } from './renderAttentionMatrixImage';

/**
 * {@link renderAttentionMatrixImage} encoded as PNG bytes.
 * @example `await fs.writeFile('attn.png', renderAttentionMatrixPng(weights, tokens));`
 */
export function renderAttentionMatrixPng(matrix: MatrixInput, tokens: readonly string[], options: AttentionOptions = {}): Uint8Array {
  return encodePng(renderAttentionMatrixImage(matrix, tokens, options).image);
}
