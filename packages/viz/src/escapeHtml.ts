const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes `& < > " '` so any string is safe as HTML/SVG text or inside a quoted attribute.
 * @example `escapeHtml('<b x="1">&'); // '&lt;b x=&quot;1&quot;&gt;&amp;'`
 */
export function escapeHtml(text: unknown): string {
  return String(text).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/**
 * JSON for a `<script type="application/json">` block: `<`, `>`, `&`, `'` and the line separators
 * U+2028/2029 become `\u` escapes, so no value can close the script element.
 * @example `safeJson({ s: '</script>' }); // '{"s":"\\u003c/script\\u003e"}'`
 */
export function safeJson(value: unknown, indent?: number): string {
  return (JSON.stringify(value, null, indent) ?? 'null')
    .replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/'/g, '\\u0027')
    .replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
