/**
 * The data set's attributes behind its one-hot columns ("Purpose.NewCar" → "Purpose"), in order of
 * first appearance, and each column's attribute index: a feature mask with one player per attribute.
 */
export function oneHotAttributes(header: readonly string[]): { attributes: string[]; mask: number[] } {
  const attributes: string[] = [];
  const mask = header.map((h) => {
    const name = h.split('.')[0]!;
    if (!attributes.includes(name)) attributes.push(name);
    return attributes.indexOf(name);
  });
  return { attributes, mask };
}
