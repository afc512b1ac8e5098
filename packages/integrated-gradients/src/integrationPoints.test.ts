import { describe, it, expect } from 'vitest';
import { gaussLegendre } from './gaussLegendre';
import { integrationPoints, INTEGRATION_RULES, type IntegrationRule } from './integrationPoints';
import { captumReference } from '@glassbox/core/testing';

const ref = await captumReference();
const captumFiles = ['integrated_gradients.json', 'integrated_gradients_baseline_0.5.json'];
const cases = await Promise.all(captumFiles.map(async (file) => [file, await ref.variants(new URL(`../fixtures/captum/${file}`, import.meta.url))] as const));

describe('integration points match the ones Captum used', () => {
  for (const [file, variants] of cases) {
    for (const v of variants) {
      const p = v.params as { method: IntegrationRule; n_steps: number; alphas: number[]; step_sizes: number[] };
      it(`${file}: ${v.id}`, () => {
        const { alphas, weights } = integrationPoints(p.method, p.n_steps);
        expect(alphas.length).toBe(p.n_steps);
        // Captum's Riemann alphas come from a float32 linspace; Gauss–Legendre ones from numpy in float64.
        const tol = p.method === 'gausslegendre' ? 1e-14 : 1e-7;
        alphas.forEach((a, k) => expect(Math.abs(a - p.alphas[k]!)).toBeLessThanOrEqual(tol));
        // Weights: equal for Riemann rules; Gauss–Legendre ones differ from numpy's (eigenvalues, one
        // Newton step, renormalised) by at most 2.6e-15 (n = 200).
        weights.forEach((w, k) => expect(Math.abs(w - p.step_sizes[k]!)).toBeLessThanOrEqual(p.method === 'gausslegendre' ? 1e-14 : 1e-17));
      });
    }
  }
});

describe('gaussLegendre', () => {
  it('gives the textbook 3-point rule', () => {
    const { nodes, weights } = gaussLegendre(3);
    [-Math.sqrt(3 / 5), 0, Math.sqrt(3 / 5)].forEach((x, i) => expect(nodes[i]).toBeCloseTo(x, 15));
    [5 / 9, 8 / 9, 5 / 9].forEach((w, i) => expect(weights[i]).toBeCloseTo(w, 15));
    expect(Array.from(gaussLegendre(1).nodes)).toEqual([0]);
    expect(Array.from(gaussLegendre(1).weights)).toEqual([2]);
  });

  it('integrates polynomials of degree 2n − 1 exactly, for n up to 1000', () => {
    for (const n of [2, 7, 16, 50, 200, 1000]) {
      const { nodes, weights } = gaussLegendre(n);
      expect(weights.reduce((s, w) => s + w, 0)).toBeCloseTo(2, 12);
      for (let k = 1; k < nodes.length; k++) expect(nodes[k]).toBeGreaterThan(nodes[k - 1]!);
      for (const d of [1, 2, 2 * n - 2, 2 * n - 1].filter((d) => d >= 0 && d <= 60)) {
        const exact = d % 2 === 1 ? 0 : 2 / (d + 1);
        const got = nodes.reduce((s, x, i) => s + weights[i]! * x ** d, 0);
        expect(Math.abs(got - exact)).toBeLessThan(1e-12);
      }
    }
  });
});

describe('integrationPoints', () => {
  it('weights sum to 1 (trapezoid: (n − 1)/n, Captum’s convention) and alphas lie in [0, 1]', () => {
    for (const rule of INTEGRATION_RULES) {
      const { alphas, weights } = integrationPoints(rule, 10);
      const sum = weights.reduce((s, w) => s + w, 0);
      expect(sum).toBeCloseTo(rule === 'riemann_trapezoid' ? 0.9 : 1, 12);
      expect(alphas.every((a) => a >= 0 && a <= 1)).toBe(true);
    }
  });

  it('refuses steps < 1, non-integer steps, an unknown rule and a 1-step trapezoid with INVALID_OPTION', () => {
    expect(() => integrationPoints('gausslegendre', 0)).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    expect(() => integrationPoints('riemann_left', 2.5)).toThrow(/integer ≥ 1/);
    expect(() => integrationPoints('simpson' as IntegrationRule, 8)).toThrow(/one of riemann_left, riemann_right/);
    expect(() => integrationPoints('riemann_trapezoid', 1)).toThrow(/at least 2 steps/);
    expect(integrationPoints('riemann_left', 1).alphas[0]).toBe(0);
  });
});
