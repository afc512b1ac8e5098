import { escapeHtml, renderTokensHtml } from '@glassbox/viz';
import { topTokens } from '@glassbox/attention';
import type { MessageExplanation } from './explainMessage';
import { CLASS_NAMES } from './spamAssassin';

/** Tokens left out of the top lists: the query token itself and padding. */
export const skipSpecial = (token: string) => token === '[CLS]' || token === '[PAD]';

/**
 * A self-contained HTML page for one explained message: the prediction, each method's tokens
 * highlighted by score, its top tokens, the rollout matrix picture, and the message text. Every
 * piece of message text is HTML-escaped (e-mail bodies are hostile input); nothing is loaded from
 * elsewhere.
 *
 * @example
 * ```ts
 * await writeFile('out/explanation.html', reportHtml(result, { title: 'spam-2/00042', text, rolloutPng: 'rollout.png' }));
 * ```
 */
export function reportHtml(r: MessageExplanation, options: { title: string; text: string; rolloutPng?: string }): string {
  const label = CLASS_NAMES[r.predicted];
  const sections = r.methods.map((m) => {
    const top = topTokens(r.tokens, m.scores, 8, skipSpecial)
      .map((t) => `<li><code>${escapeHtml(t.token)}</code> ${escapeHtml(t.score.toPrecision(3))}</li>`)
      .join('');
    // [CLS] is the query of the attention methods (its own score is mostly the residual): left out.
    const keep = r.tokens.flatMap((t, i) => (skipSpecial(t) ? [] : [i]));
    const highlighted = renderTokensHtml(
      keep.map((i) => r.tokens[i]!),
      keep.map((i) => m.scores[i]!),
      { style: false },
    );
    return `<section><h2>${escapeHtml(m.title)} <small>(${escapeHtml(m.method)})</small></h2><p class="note">${escapeHtml(m.note)}</p>
${highlighted}<ol class="top">${top}</ol></section>`;
  });
  const picture = options.rolloutPng
    ? `<section><h2>Rollout matrix</h2><p class="note">Row = token in the last layer, column = input token; the [CLS] row is the rollout score above. Colours clipped at the 98th percentile: the diagonal (the residual path) would otherwise hide the rest.</p><img src="${escapeHtml(options.rolloutPng)}" alt="attention rollout matrix"></section>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'">
<title>${escapeHtml(options.title)}: ${escapeHtml(label)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:1100px;margin:24px auto;padding:0 16px;color:#222}
h1{font-size:22px}h2{font-size:17px;margin:28px 0 4px}small{color:#777;font-weight:normal}.note{color:#555;margin:0 0 6px}
.top{columns:4;font-size:13px}pre{white-space:pre-wrap;background:#f6f6f6;padding:10px;font-size:12px;max-height:320px;overflow:auto}
.gb-tokens{font:14px/2 ui-monospace,monospace}.gb-token{padding:2px 3px;margin:0 1px;border-radius:3px;white-space:pre-wrap}
.gb-legend{font:12px sans-serif;color:#444;display:flex;align-items:center;gap:6px}.gb-bar{display:inline-block;width:120px;height:10px;border-radius:2px}</style></head>
<body><h1>${escapeHtml(options.title)}: predicted <b>${escapeHtml(label)}</b> (p = ${escapeHtml(r.probabilities[r.predicted]!.toFixed(3))})</h1>
<p class="note">Scores explain the predicted class. [CLS], the token the classifier reads, is left out of the highlighting.</p>
${sections.join('\n')}
${picture}
<section><h2>Message text (as the model reads it, first ${r.tokens.length - 1} words used)</h2><pre>${escapeHtml(options.text.slice(0, 4000))}</pre></section>
</body></html>
`;
}
