import type { Image } from './Image';
import { encodePng } from './encodePng';
import { toBase64 } from './base64';

/**
 * A `data:image/png;base64,…` URL of the image, for `<img src>` in a self-contained HTML file.
 * @example `html += \`<img src="${pngDataUrl(heat.image)}" alt="saliency">\`;`
 */
export function pngDataUrl(image: Image): string {
  return `data:image/png;base64,${toBase64(encodePng(image))}`;
}
