import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureGradients, type Model } from '@glassbox/core';
import { trackTensors } from '@glassbox/core/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { explainMessage } from './explainMessage';
import { loadSpamClassifier, MODEL_DIR } from './loadSpamClassifier';
import { reportHtml } from './reportHtml';
import { loadSpamAssassin, type Email } from './spamAssassin';
import type { WordTokenizer } from './WordTokenizer';

let model: Model;
let tokenizer: WordTokenizer;
let test: Email[];

beforeAll(async () => {
  await ensureGradients();
  ({ model, tokenizer } = await loadSpamClassifier());
  ({ test } = loadSpamAssassin());
});
afterAll(() => model?.dispose?.());

describe('the committed spam classifier', () => {
  it('loads from model.json with its custom layers and reaches the recorded held-out accuracy', async () => {
    const record = JSON.parse(readFileSync(join(MODEL_DIR, 'training.json'), 'utf8')) as { heldOutAccuracy: number; heldOutExamples: number };
    expect(record.heldOutExamples).toBe(test.length);
    const x = tf.tensor2d(test.map((m) => tokenizer.encode(m.text)));
    const p = await model.predict(x);
    const probs = (await p.data()) as Float32Array;
    tf.dispose([x, p]);
    let right = 0;
    test.forEach((m, i) => (right += Number((probs[2 * i + 1]! > probs[2 * i]! ? 1 : 0) === m.label)));
    const accuracy = right / test.length;
    expect(accuracy).toBeCloseTo(record.heldOutAccuracy, 6); // the number in TRAINING.md, recomputed
    expect(accuracy).toBeGreaterThan(0.95);
  });

  it('explains a held-out spam with every method: finite scores per token, named tokens, no leaks', async () => {
    const spam = test.find((m) => m.label === 1)!;
    const r = await trackTensors(() => explainMessage(model, tokenizer, spam.text, { steps: 16 }));
    expect(r.error).toBeUndefined();
    expect(r.leaked).toBe(0);
    const e = r.value!;
    expect(e.methods.map((m) => m.method)).toEqual(['attention', 'attention-rollout', 'attention-flow', 'attention-grad-rollout', 'token-integrated-gradients']);
    expect(e.tokens[0]).toBe('[CLS]');
    expect(e.tokens.slice(1)).toEqual(tokenizer.tokens(spam.text).slice(1));
    for (const m of e.methods) {
      expect(m.scores).toHaveLength(e.tokens.length);
      expect(m.scores.every(Number.isFinite)).toBe(true);
      expect(m.explanation.labels?.tokens?.[0]!.slice(0, e.tokens.length)).toEqual(e.tokens);
    }
    expect(e.rollout).toHaveLength(e.tokens.length ** 2);
    // The [CLS] row of rollout, flow's scores and raw attention rows are distributions over the tokens.
    for (const name of ['attention', 'attention-rollout', 'attention-flow']) {
      const s = e.methods.find((m) => m.method === name)!.scores.reduce((a, b) => a + b, 0);
      expect(s).toBeCloseTo(1, 4);
    }
  });

  it('writes an HTML report where hostile message text stays text', async () => {
    const hostile = 'Subject: <script>alert("pwned")</script>\n<img src=x onerror="steal()"> FREE money & "quotes" \'single\' </pre><b>now</b>';
    const r = await explainMessage(model, tokenizer, hostile, { steps: 8 });
    const html = reportHtml(r, { title: '<title>"evil"</title>', text: hostile, rolloutPng: 'rollout.png" onload="x' });
    expect(html).not.toMatch(/<script|<img src=x|<\/pre><b>|onerror="|onload="/i);
    expect(html.match(/<img /g)).toHaveLength(1); // ours: the rollout picture, its src escaped
    expect(html).toContain('<img src="rollout.png&quot; onload=&quot;x"');
    expect(html).toContain('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;title&gt;&quot;evil&quot;&lt;/title&gt;');
    expect(html).toContain('&amp; &quot;quotes&quot; &#39;single&#39;');
    expect(html.match(/<script/gi)).toBeNull();
    expect(html).toContain("default-src 'none'"); // and a content security policy besides
  });
});
