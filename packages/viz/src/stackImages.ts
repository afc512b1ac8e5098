import { drawText, fitText, GLYPH_HEIGHT, textWidth } from './bitmapFont';
import { createImage, INK, WHITE, type Image } from './Image';
import { blit } from './imageOps';

/**
 * Stacks pictures top to bottom on white, centred, `gap` pixels apart and `pad` around, with an
 * optional title line (built-in font) above them.
 * @example `stackImages([heat, legend], { title: 'saliency' });`
 */
export function stackImages(parts: Image[], options: { gap?: number | undefined; pad?: number | undefined; title?: string | undefined } = {}): Image {
  const gap = options.gap ?? 4, pad = options.pad ?? 4;
  const inner = Math.max(0, ...parts.map((p) => p.width));
  const title = options.title ? fitText(options.title, Math.max(inner, 60)) : '';
  const width = Math.max(inner, textWidth(title)) + 2 * pad;
  const titleH = title ? GLYPH_HEIGHT + gap : 0;
  const height = 2 * pad + titleH + parts.reduce((s, p) => s + p.height, 0) + gap * Math.max(0, parts.length - 1);
  const out = createImage(width, height, WHITE);
  if (title) drawText(out, title, Math.floor((width - textWidth(title)) / 2), pad, INK);
  let y = pad + titleH;
  for (const p of parts) {
    blit(out, p, Math.floor((width - p.width) / 2), y);
    y += p.height + gap;
  }
  return out;
}
