import { InvalidOptionError, type Explanation } from '@glassbox/core';
import { renderExplanation, renderFormats, type RenderFormat } from '@glassbox/viz';

/** What `--out` accepts: JSON, and every format of viz's render table. */
export const OUT_EXTENSIONS: readonly string[] = ['.json', ...renderFormats().map((f) => `.${f}`)];

/**
 * How to view a flat input as an image: `--image-shape h,w`, or a square guess for flat inputs of
 * at least 8×8 values (784 → 28×28); undefined for inputs that already have spatial dimensions.
 */
export function imageShapeFor(e: Explanation, flag: string | undefined): number[] | undefined {
  if (flag !== undefined) {
    const dims = flag.split(',').map(Number);
    if (dims.length < 2 || dims.some((d) => !Number.isInteger(d) || d < 1)) {
      throw new InvalidOptionError(`--image-shape ${flag}: expected two or three positive integers such as 28,28`);
    }
    return dims;
  }
  const per = e.inputShape.slice(1);
  if (per.length !== 1) return undefined;
  const side = Math.round(Math.sqrt(per[0]));
  return side * side === per[0] && side >= 8 ? [side, side] : undefined;
}

/** Renders an explanation for `--out file.<format>` (the picture chosen by viz's kind × format table). */
export async function renderOutput(
  e: Explanation,
  ext: string,
  options: { example?: number; imageShape?: number[] } = {},
): Promise<Uint8Array | string> {
  return renderExplanation(e, { format: ext.slice(1) as RenderFormat, example: options.example, imageShape: options.imageShape }).data;
}
