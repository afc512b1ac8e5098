import { describe, expect, it } from 'vitest';
import { createRandom } from '@glassbox/core';
import { fitTree } from './fitTree';
import { treeRules } from './treeRules';
import { treeToText } from './treeToText';
import { applyTree, decisionPath, predictTree } from './predictTree';

// size 1..8; red is a one-hot-style 0/1 column. Malignant when size > 5 and red.
const X = [[1, 0], [2, 1], [3, 0], [4, 1], [5, 0], [6, 1], [7, 0], [8, 1]];
const y = [0, 0, 0, 0, 0, 1, 0, 1];
const names = { featureNames: ['size', 'colour.red'], classNames: ['benign', 'malignant'] };

describe('treeToText and treeRules', () => {
  it('prints the tree with binary features as = 0 / = 1', () => {
    expect(treeToText(fitTree(X, y, names))).toBe(
      [
        '|--- size <= 5.5',
        '|   |--- benign (n = 5, 100% agree)',
        '|--- size > 5.5',
        '|   |--- colour.red = 0',
        '|   |   |--- benign (n = 1, 100% agree)',
        '|   |--- colour.red = 1',
        '|   |   |--- malignant (n = 2, 100% agree)',
      ].join('\n'),
    );
    expect(treeToText(fitTree(X, y, { ...names, maxDepth: 0 }))).toBe('|--- benign (n = 8, 75% agree)');
  });

  it('one rule per leaf, with support and agreement that never rounds up to 100%', () => {
    const rules = treeRules(fitTree(X, y, { ...names, maxDepth: 1 }));
    expect(rules.map((r) => r.text)).toEqual(['if size <= 5.5 then benign (n = 5, 100% agree)', 'if size > 5.5 then malignant (n = 3, 66.6% agree)']);
    expect(rules[1]).toMatchObject({ prediction: 1, label: 'malignant', samples: 3, weight: 3, conditions: [{ feature: 0, name: 'size', greaterThan: 5.5 }] });
  });

  it('merges repeated tests of a feature into a range', () => {
    const t = fitTree([[1], [2], [3], [4], [5], [6], [7], [8], [9]], [0, 0, 0, 1, 1, 1, 0, 0, 0], { featureNames: ['x'] });
    expect(treeRules(t).map((r) => r.text)).toEqual([
      'if x <= 3.5 then class 0 (n = 3, 100% agree)',
      'if 3.5 < x <= 6.5 then class 1 (n = 3, 100% agree)',
      'if x > 6.5 then class 0 (n = 3, 100% agree)',
    ]);
  });

  it('regression rules give the mean and spread under the target name', () => {
    const t = fitTree([[1], [2], [3], [4]], [1, 3, 10, 10], { task: 'regression', maxDepth: 1, targetName: 'P(bad)', featureNames: ['x'] });
    expect(treeRules(t).map((r) => r.text)).toEqual(['if x <= 2.5 then P(bad) = 2 (n = 2, sd 1)', 'if x > 2.5 then P(bad) = 10 (n = 2, sd 0)']);
    expect(treeToText(t).split('\n')[1]).toBe('|   |--- P(bad) = 2 (n = 2, sd 1)');
  });

  it('each sample satisfies exactly the rule of its leaf', () => {
    const rng = createRandom(4);
    const data = Array.from({ length: 300 }, () => [rng.normal(), rng.int(2), rng.normal() * 5]);
    const labels = data.map((r) => (r[0]! > 0.2 && r[1] === 1 ? 1 : r[2]! > 3 ? 2 : 0));
    const tree = fitTree(data, labels, { maxDepth: 5 });
    const rules = treeRules(tree);
    const holds = (c: (typeof rules)[0]['conditions'][0], v: number) =>
      (c.equals === undefined || v === c.equals) && (c.atMost === undefined || v <= c.atMost) && (c.greaterThan === undefined || v > c.greaterThan);
    const leaves = applyTree(tree, data);
    data.forEach((row, i) => {
      const matching = rules.filter((r) => r.conditions.every((c) => holds(c, Math.fround(row[c.feature]!))));
      expect(matching.map((r) => r.leaf)).toEqual([leaves[i]]);
    });
    expect(rules.reduce((a, r) => a + r.samples, 0)).toBe(300);
  });
});

describe('predictTree and decisionPath', () => {
  it('routes a sample and reports each decision', () => {
    const tree = fitTree(X, y, names);
    const path = decisionPath(tree, [7.5, 1]);
    expect(path.steps.map((s) => [s.name, s.left, s.value])).toEqual([['size', false, 7.5], ['colour.red', false, 1]]);
    expect(tree.nodes[path.leaf]!.prediction).toBe(1);
    expect(Array.from(predictTree(tree, [[7.5, 1], [7.5, 0], [2, 1]]))).toEqual([1, 0, 0]);
    expect(() => predictTree(tree, [[1, 2, 3]])).toThrow(/3 columns; the tree was fitted on 2 features/);
    expect(() => decisionPath(tree, [1])).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});
