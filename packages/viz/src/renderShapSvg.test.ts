import { describe, it, expect } from 'vitest';
import { renderShapBarSvg } from './renderShapBarSvg';
import { renderBeeswarmSvg } from './renderBeeswarmSvg';

describe('SHAP pictures', () => {
  it('bar/force: bars from the base value add up to f(x), largest first, the rest summed', () => {
    const svg = renderShapBarSvg({ features: ['a', 'b', 'c', 'd'], values: [0.1, -0.3, 0.05, 0.02], featureValues: [1, 2, 3, 4], baseValue: 0.4, top: 2, title: 'x<y' });
    expect(svg).toContain('E[f] = 0.4');
    expect(svg).toContain('f(x) = 0.27');
    expect(svg.indexOf('b = 2')).toBeLessThan(svg.indexOf('a = 1'));
    expect(svg).toContain('2 other features');
    expect(svg).toContain('x&lt;y');
    expect(() => renderShapBarSvg({ features: ['a'], values: [1, 2], baseValue: 0 })).toThrow(/1 features but 2 values/);
  });

  it('beeswarm: one row per feature by mean |SHAP|, one dot per example', () => {
    const values = [[0.1, -1], [0.2, 1], [-0.1, 0.5]];
    const svg = renderBeeswarmSvg({ features: ['small', 'large'], values, featureValues: [[1, 0], [2, 1], [3, 2]] });
    expect(svg.indexOf('>large<')).toBeLessThan(svg.indexOf('>small<'));
    expect(svg.match(/<circle/g)).toHaveLength(6);
    expect(() => renderBeeswarmSvg({ features: ['a'], values: [[1, 2]] })).toThrow(/needs 1 values/);
  });
});
