import type { Explanation } from '@glassbox/core';
import { formatNumber } from './ColorScale';

/**
 * A one-line caption for example `example` naming what the picture explains: the source file
 * (when the inputs came from images), the method, the target class by name and its output, and the
 * top class when it differs. Undefined when the explanation has neither class names nor sources,
 * so pictures of unnamed outputs keep no title.
 *
 * @example
 * ```ts
 * explanationTitle(e, 0); // 'china.jpg  saliency  Neutral 0.97'
 * ```
 */
export function explanationTitle(e: Explanation, example = 0): string | undefined {
  const classes = e.labels?.classes;
  const source = e.preprocessing?.sources[example]?.name;
  if (!classes && !source) return undefined;
  const per = e.outputShape.slice(1).reduce((a, b) => a * b, 1);
  const out = e.outputs.subarray(example * per, (example + 1) * per);
  const name = (k: number) => classes?.[k] ?? `output ${k}`;
  const t = e.targets[example];
  const parts = [source, e.method].filter((p): p is string => !!p);
  if (t !== undefined) parts.push(`${name(t)} ${formatNumber(out[t] ?? NaN)}`);
  let top = 0;
  for (let k = 1; k < out.length; k++) if (out[k]! > out[top]!) top = k;
  if (t !== undefined && top !== t && out.length > 1) parts.push(`(top: ${name(top)} ${formatNumber(out[top]!)})`);
  return parts.join('  ');
}
