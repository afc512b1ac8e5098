/**
 * The nesting depth of parsed JSON (a scalar is 0, `[]` is 1), measured without recursion and
 * stopping as soon as it exceeds `limit`: so that a pathological file is refused with a message
 * instead of overflowing the stack of the recursive code that reads it next.
 *
 * @example
 * ```ts
 * jsonDepth(JSON.parse('[[1]]'), 64); // 2
 * ```
 */
export function jsonDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (!v || typeof v !== 'object') continue;
    const depth = d + 1;
    if (depth > deepest) deepest = depth;
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (child && typeof child === 'object') stack.push([child, depth]);
  }
  return deepest;
}
