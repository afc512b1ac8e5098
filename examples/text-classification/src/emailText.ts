/** Decodes quoted-printable soft line breaks and `=XX` bytes (as Latin-1; enough for tokens). */
function decodeQuotedPrintable(s: string): string {
  return s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Strips HTML to its text: drops style/script blocks, comments and tags, decodes common entities. */
function htmlToText(s: string): string {
  return s
    .replace(/<(style|script)[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#\d+|[a-z]+);/gi, (m, e: string) => (e[0] === '#' ? String.fromCharCode(Number(e.slice(1)) || 32) : (ENTITIES[e.toLowerCase()] ?? ' ')));
}

/**
 * The text of a raw RFC 822 e-mail that a classifier should read: the `Subject:` line and the body,
 * with quoted-printable decoded, HTML stripped, and MIME boundaries, part headers and base64 blocks
 * dropped. Other headers (routing, dates, addresses) are left out on purpose: they identify the
 * corpus more than the message.
 *
 * @example
 * ```ts
 * emailText('Subject: Hi\n\n<b>Cheap</b> pills'); // 'Hi\nCheap pills'
 * ```
 */
export function emailText(raw: string): string {
  const split = raw.search(/\r?\n\r?\n/);
  const head = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? '' : raw.slice(split);
  const subject = /^subject:[ \t]*(.*(?:\r?\n[ \t].*)*)/im.exec(head)?.[1]?.replace(/\r?\n[ \t]+/g, ' ') ?? '';
  const lines = decodeQuotedPrintable(body)
    .split(/\r?\n/)
    .filter((l) => !/^--\S/.test(l) && !/^content-[a-z-]+:/i.test(l) && !/^[A-Za-z0-9+/=]{60,}$/.test(l.trim()));
  return `${subject}\n${htmlToText(lines.join('\n'))}`
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}
