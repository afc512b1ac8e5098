/**
 * Explains one e-mail with every attention method: prints the top tokens per method and writes
 * explanation.html (tokens highlighted) and rollout.png (the rollout matrix). Run from the repo root:
 *   node --import tsx examples/text-classification/src/explain.ts [--index 3 | --file mail.eml | --text "…"] [--out dir]
 * --index picks a held-out e-mail of the corpus (default: the first held-out spam).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { ensureGradients } from '@glassbox/core';
import { topTokens } from '@glassbox/attention';
import { renderAttentionMatrixPng } from '@glassbox/viz';
import { emailText } from './emailText';
import { explainMessage } from './explainMessage';
import { loadSpamClassifier, MODEL_DIR } from './loadSpamClassifier';
import { reportHtml, skipSpecial } from './reportHtml';
import { CLASS_NAMES, loadSpamAssassin } from './spamAssassin';

const { values: args } = parseArgs({
  options: {
    index: { type: 'string' },
    file: { type: 'string' },
    text: { type: 'string' },
    out: { type: 'string', default: resolve(MODEL_DIR, '../out') },
    steps: { type: 'string', default: '64' },
  },
});

await ensureGradients();
tf.env().set('PROD', true);
await tf.setBackend('cpu');
let title: string;
let text: string;
if (args.text !== undefined) {
  title = 'message from --text';
  text = args.text;
} else if (args.file !== undefined) {
  title = args.file;
  text = emailText(await readFile(args.file, 'utf8'));
} else {
  const { test } = loadSpamAssassin();
  const index = args.index !== undefined ? Number(args.index) : test.findIndex((m) => m.label === 1);
  if (!Number.isInteger(index) || index < 0 || index >= test.length) throw new RangeError(`--index must be an integer in [0, ${test.length - 1}]`);
  const message = test[index]!; // in range, checked above
  title = `held-out #${index} (${message.id}, labelled ${CLASS_NAMES[message.label]})`;
  text = message.text;
}
const { model, tokenizer } = await loadSpamClassifier();
const r = await explainMessage(model, tokenizer, text, { steps: Number(args.steps) });
console.log(`${title}\npredicted ${CLASS_NAMES[r.predicted]} (ham ${r.probabilities[0]!.toFixed(3)}, spam ${r.probabilities[1]!.toFixed(3)}); ${r.tokens.length - 1} words read`);
for (const m of r.methods) {
  const top = topTokens(r.tokens, m.scores, 8, skipSpecial).map((t) => `${t.token} ${t.score.toPrecision(3)}`);
  console.log(`  ${m.method.padEnd(27)} ${top.join(', ')}`);
}
await mkdir(args.out, { recursive: true });
const png = renderAttentionMatrixPng(r.rollout, r.tokens, { title: 'Attention rollout', cell: 12, clip: 98 });
await writeFile(join(args.out, 'rollout.png'), png);
await writeFile(join(args.out, 'explanation.html'), reportHtml(r, { title, text, rolloutPng: 'rollout.png' }));
console.log(`wrote ${join(args.out, 'explanation.html')} and rollout.png`);
model.dispose?.();
