import { encodePng } from './encodePng';
import { renderTokensImage, type TokensImageOptions } from './renderTokensImage';

/**
 * {@link renderTokensImage} encoded as PNG bytes.
 * @example `await fs.writeFile('tokens.png', renderTokensPng(tokens, scores, { title: 'IG' }));`
 */
export function renderTokensPng(tokens: readonly string[], scores: ArrayLike<number>, options: TokensImageOptions = {}): Uint8Array {
  return encodePng(renderTokensImage(tokens, scores, options).image);
}
