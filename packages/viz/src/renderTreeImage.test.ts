import { describe, expect, it } from 'vitest';
import { renderTreeImage } from './renderTreeImage';
import { renderTreePng } from './renderTreePng';
import { decodePng } from './decodePng';
import { OKABE_ITO } from './okabeIto';
import type { Image } from './Image';
import type { TreeNode } from './TreeNode';
import { expectGoldenPng } from './__fixtures__/golden';

const IRIS_TREE: TreeNode = {
  feature: 'petal width', threshold: 0.8, samples: 150, impurity: 0.667,
  left: { prediction: 'setosa', samples: 50, value: [50, 0, 0], impurity: 0 },
  right: {
    feature: 'petal length', threshold: 4.95, samples: 100, impurity: 0.5,
    left: { prediction: 'versicolor', samples: 54, value: [0, 49, 5] },
    right: { prediction: 'virginica', samples: 46, value: [0, 1, 45] },
  },
};

const REGRESSION: TreeNode = {
  feature: 'income', threshold: 52000, samples: 60,
  left: { feature: 'debt ratio', threshold: 0.35, left: { prediction: -2.5, samples: 10 }, right: { prediction: 0.75, samples: 20 } },
  right: { prediction: 3.1, samples: 30 },
};

function countColour(img: Image, hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  let n = 0;
  for (let i = 0; i < img.data.length; i += 4) if (img.data[i] === r && img.data[i + 1] === g && img.data[i + 2] === b) n++;
  return n;
}

describe('renderTreeImage (golden, pixel-exact)', () => {
  it('classification: splits, samples, yes/no edges, leaves in Okabe–Ito colours, title', () => {
    expectGoldenPng('tree-classes', renderTreeImage(IRIS_TREE, { title: 'surrogate (fidelity 0.97)' }));
  });

  it('regression at text scale 2: leaves on viridis with a legend of the predicted range', () => {
    expectGoldenPng('tree-regression', renderTreeImage(REGRESSION, { textScale: 2 }));
  });
});

describe('renderTreeImage', () => {
  it('tints one leaf colour per class and none for absent classes', () => {
    const img = renderTreeImage(IRIS_TREE);
    const areas = OKABE_ITO.slice(0, 4).map((hex) => countColour(img, hex));
    expect(areas[0]).toBeGreaterThan(1000);
    expect(areas[1]).toBeGreaterThan(1000);
    expect(areas[2]).toBeGreaterThan(1000);
    expect(areas[3]).toBe(0);
  });

  it('cuts subtrees deeper than maxDepth', () => {
    const full = renderTreeImage(IRIS_TREE);
    const cut = renderTreeImage(IRIS_TREE, { maxDepth: 1 });
    expect(cut.height).toBeLessThan(full.height);
    expect(cut.width).toBeLessThan(full.width);
    expect(countColour(cut, OKABE_ITO[1])).toBe(0);
    const leaf = renderTreeImage({ prediction: 'only', samples: 3 });
    expect(leaf.width).toBeGreaterThan(20);
  });

  it('shortens lines wider than maxNodeWidth instead of widening every box', () => {
    const long: TreeNode = { feature: 'mean concave points of the worst nucleus', threshold: 0.14561, left: { prediction: 'benign' }, right: { prediction: 'malignant' } };
    const free = renderTreeImage(long, { maxNodeWidth: 1000 });
    const capped = renderTreeImage(long, { maxNodeWidth: 100 });
    // Two leaves side by side: 2 × (box + 12 px gap) + 12 px, inside stackImages' 4 px padding.
    expect(capped.width).toBe(2 * (100 + 12) + 12 + 8);
    expect(free.width).toBeGreaterThan(2 * (250 + 12));
  });

  it('refuses what is not a tree and bad options, with typed errors', () => {
    expect(() => renderTreeImage(null as never)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => renderTreeImage(IRIS_TREE, { textScale: 5 })).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    expect(() => renderTreeImage(IRIS_TREE, { maxDepth: -1 })).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
  });

  it('encodes as PNG', () => {
    expect(decodePng(renderTreePng(IRIS_TREE))).toMatchObject(renderTreeImage(IRIS_TREE));
  });
});
