import { describe, expect, it } from 'vitest';
import { renderHeatmapSvg } from './renderHeatmapSvg';
import { renderAttentionMatrixSvg } from './renderAttentionMatrixSvg';
import { renderTreeSvg } from './renderTreeSvg';
import { renderCurveSvg } from './renderCurveSvg';
import { areaUnderCurve as curveAuc } from '@glassbox/core/numeric';
import type { TreeNode } from './TreeNode';
import { attention, syntheticAttribution, syntheticDigit, TOKENS } from './__fixtures__/explanations';
import { expectGoldenText } from './__fixtures__/golden';

const HOSTILE = `<script>alert("x")</script> & 'quotes'`;

const IRIS_TREE: TreeNode = {
  feature: 'petal width', threshold: 0.8, samples: 150, impurity: 0.667,
  left: { prediction: 'setosa', samples: 50, value: [50, 0, 0], impurity: 0 },
  right: {
    feature: 'petal length', threshold: 4.95, samples: 100, impurity: 0.5,
    left: { prediction: 'versicolor', samples: 54, value: [0, 49, 5] },
    right: { prediction: 'virginica', samples: 46, value: [0, 1, 45] },
  },
};

describe('SVG renderers (golden text)', () => {
  it('heatmap: one rect per run of equal colour, legend with zero', () => {
    const v = syntheticAttribution(syntheticDigit('3'), 0);
    const svg = renderHeatmapSvg(v, 28, 28, { scale: 5, title: 'saliency' });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect((svg.match(/<rect /g) ?? []).length).toBeLessThan(784);
    expectGoldenText('heatmap.svg', svg);
  });

  it('attention matrix with token labels and tooltips', () => {
    expectGoldenText('attention.svg', renderAttentionMatrixSvg(attention(6), TOKENS, { title: 'layer 0, head mean' }));
  });

  it('surrogate tree: splits, samples, leaves coloured by class', () => {
    const svg = renderTreeSvg(IRIS_TREE, { title: 'surrogate (fidelity 0.97)' });
    expect(svg).toContain('petal width ≤ 0.8');
    expect(svg).toContain('>yes<');
    expectGoldenText('tree.svg', svg);
  });

  it('regression trees colour leaves by value, and deep trees are cut', () => {
    const deep = (d: number): TreeNode => (d === 0 ? { prediction: d } : { feature: `f${d}`, threshold: d, left: deep(d - 1), right: { prediction: d * 10 } });
    const svg = renderTreeSvg(deep(12), { maxDepth: 3 });
    expect(svg).toContain('…');
    expect(svg).not.toContain('f8 ≤');
  });

  it('deletion / insertion curves with AUC in the legend', () => {
    const y = Array.from({ length: 11 }, (_, i) => 1 - i / 10);
    const svg = renderCurveSvg([
      { label: 'deletion', y },
      { label: 'insertion', y: y.map((v) => 1 - v * v) },
    ], { title: 'integrated-gradients' });
    expect(svg).toContain('deletion (AUC 0.5)');
    expectGoldenText('curves.svg', svg);
  });

  it('curveAuc is the trapezoid rule', () => {
    expect(curveAuc([1, 0.5, 0])).toBeCloseTo(0.5, 12);
    expect(curveAuc([2, 2], [0, 3])).toBe(6);
    expect(curveAuc([1])).toBe(0);
  });
});

describe('hostile text in SVG', () => {
  it('is escaped in attention labels, tree features and curve labels', () => {
    const svgs = [
      renderAttentionMatrixSvg([[1]], [HOSTILE], { title: HOSTILE }),
      renderTreeSvg({ feature: HOSTILE, threshold: 1, left: { prediction: HOSTILE }, right: { prediction: 'b' } }, { title: HOSTILE }),
      renderCurveSvg([{ label: HOSTILE, y: [1, 0] }], { title: HOSTILE, xLabel: HOSTILE }),
      renderHeatmapSvg([1], 1, 1, { title: HOSTILE }),
    ];
    for (const svg of svgs) {
      expect(svg).not.toContain('<script');
      expect(svg).not.toContain(`"x"`);
      expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;'.slice(0, 20));
    }
  });
});
