/**
 * How the method ids a plugin package declares (its manifest's `"methods"`) differ from the ids its
 * explainers really have once imported: `undefined` when they are the same set, else a clause that
 * names the ids declared but not exported and those exported but not declared.
 *
 * @example
 * ```ts
 * declaredMethodsMismatch(['saliency', 'grad-cam'], ['saliency', 'gradcam']);
 * // 'declares methods it does not export: grad-cam; exports methods it does not declare: gradcam'
 * ```
 */
export function declaredMethodsMismatch(declared: readonly string[], exported: readonly string[]): string | undefined {
  const missing = declared.filter((id) => !exported.includes(id));
  const extra = [...new Set(exported.filter((id) => !declared.includes(id)))];
  if (!missing.length && !extra.length) return undefined;
  return [
    missing.length ? `declares methods it does not export: ${missing.join(', ')}` : '',
    extra.length ? `exports methods it does not declare: ${extra.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('; ');
}
