import { describe, expect, it } from 'vitest';
import type { Explanation } from '@glassbox/core';
import { renderReport } from './renderReport';
import { attention, fixtureExplanation } from './__fixtures__/explanations';
import { HOSTILE } from './renderTokensHtml.test';

function textExplanation(): Explanation {
  const e = fixtureExplanation({ kind: 'token-attribution', method: HOSTILE, digits: ['1'] });
  e.attributionShape = [1, 4];
  e.attributions = Float32Array.from([0.5, -0.25, 0.1, 0.9]);
  e.labels = { tokens: [[HOSTILE, 'is', 'not', 'safe']], classes: Array.from({ length: 10 }, (_, i) => `class ${i} ${HOSTILE}`) };
  e.options = { [HOSTILE]: HOSTILE };
  e.backend = HOSTILE;
  e.metrics = { [HOSTILE]: 1 };
  return e;
}

function attentionExplanation(): Explanation {
  const e = fixtureExplanation({ kind: 'attention-map', method: 'attention-rollout', digits: ['2'] });
  e.attributionShape = [1, 2, 6, 6];
  e.attributions = Float32Array.from([...attention(6).flat(), ...attention(6).flat()]);
  return e;
}

describe('renderReport', () => {
  const images = [fixtureExplanation({ method: 'saliency' }), fixtureExplanation({ method: 'integrated-gradients', variant: 2 })];
  const surrogate = fixtureExplanation({ kind: 'surrogate', method: 'surrogate-tree', digits: ['0'] });
  surrogate.attributionShape = [1, 784];
  surrogate.attributions = new Float32Array(784).map((_, i) => (i === 300 ? 0.7 : i === 301 ? -0.2 : 0));
  surrogate.data = { tree: { feature: 'pixel 300', threshold: 0.5, left: { prediction: 'zero' }, right: { prediction: 'other' } } };
  surrogate.labels = { features: Array.from({ length: 784 }, (_, i) => `pixel ${i}`) };
  const html = renderReport([...images, textExplanation(), attentionExplanation(), surrogate], { title: 'Test report' });

  it('is one self-contained HTML document: inline pictures, no external resources, no executable script', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).not.toMatch(/<link|@import|url\(http/);
    expect(html.match(/<script(?![^>]*type="application\/json")/g)).toBeNull();
    expect(html).toContain('src="data:image/png;base64,');
  });

  it('shows every explanation: provenance, options, metrics, predictions and pictures', () => {
    expect(html).toContain('<h2>saliency</h2>');
    expect(html).toContain('<h2>Side by side</h2>');
    expect(html).toContain('@glassbox/integrated-gradients@0.1.0');
    expect(html).toContain('deletion-auc');
    expect(html).toContain('target 3 (output 0.91)');
    expect(html).toContain('convergence δ 1.2e-3');
    expect(html).toContain('class="gb-tokens"');
    expect(html).toContain('aria-label="attention matrix"');
    expect(html).toContain('aria-label="decision tree"');
    expect(html).toContain('pixel 300');
  });

  it('embeds the JSON each section came from, parseable and complete', () => {
    const blocks = [...html.matchAll(/<script type="application\/json" class="gb-explanation-json">([^<]*)<\/script>/g)];
    expect(blocks).toHaveLength(5);
    const first = JSON.parse(blocks[0]![1]!);
    expect(first.method).toBe('saliency');
    expect(first.attributions).toHaveLength(2);
    expect(first.attributions[0]).toHaveLength(28);
    expect(first.attributions[0][10][20][0]).toBeCloseTo(images[0]!.attributions[10 * 28 + 20]!, 6);
    expect(JSON.parse(blocks[2]![1]!).method).toBe(HOSTILE);
  });

  it('escapes hostile text everywhere (tokens, method, options, backend, metrics, class names)', () => {
    for (const raw of ['<script>alert', 'alert("x")', `'quotes'`, '& \'']) expect(html.includes(raw), raw).toBe(false);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;');
    expect(html).toContain('\\u003cscript\\u003ealert');
  });

  it('is deterministic', () => {
    expect(renderReport(images)).toBe(renderReport(images));
    expect(renderReport(images, { generatedAt: '2025-01-01' })).toContain('generated 2025-01-01');
  });

  it('uses a custom toJSON when given', () => {
    const out = renderReport([images[0]!], { toJSON: (e) => ({ method: e.method, custom: true }) });
    expect(out).toContain('{"method":"saliency","custom":true}');
  });
});
