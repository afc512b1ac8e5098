import { InvalidOptionError } from '@glassbox/core';
import { gaussLegendre } from './gaussLegendre';

/** The integration rules of Captum's `IntegratedGradients`. */
export const INTEGRATION_RULES = ['riemann_left', 'riemann_right', 'riemann_middle', 'riemann_trapezoid', 'gausslegendre'] as const;
export type IntegrationRule = (typeof INTEGRATION_RULES)[number];

/**
 * The points `alphas` in [0, 1] along the path from baseline to input and the weights of the
 * gradients there, exactly as Captum builds them (float64 here; Captum's Riemann points come from
 * a float32 `linspace`):
 * - `riemann_left` k/n, `riemann_right` (k+1)/n, `riemann_middle` (k+½)/n, weights 1/n;
 * - `riemann_trapezoid` k/(n−1) with weights 1/n, halved at both ends (Captum's convention; n ≥ 2);
 * - `gausslegendre` the Gauss–Legendre nodes mapped to [0, 1], weights halved.
 *
 * @example
 * ```ts
 * const { alphas, weights } = integrationPoints('gausslegendre', 50);
 * ```
 */
export function integrationPoints(rule: IntegrationRule, steps: number): { alphas: Float64Array; weights: Float64Array } {
  if (!Number.isInteger(steps) || steps < 1) {
    throw new InvalidOptionError(`Option "steps": expected an integer ≥ 1, got ${JSON.stringify(steps)}`, { option: 'steps', received: steps });
  }
  if (!(INTEGRATION_RULES as readonly string[]).includes(rule)) {
    throw new InvalidOptionError(`Option "rule": expected one of ${INTEGRATION_RULES.join(', ')}, got ${JSON.stringify(rule)}`, {
      option: 'rule',
      received: rule,
      expected: [...INTEGRATION_RULES],
    });
  }
  const n = steps;
  const alphas = new Float64Array(n);
  const weights = new Float64Array(n).fill(1 / n);
  switch (rule) {
    case 'gausslegendre': {
      const { nodes, weights: w } = gaussLegendre(n);
      for (let k = 0; k < n; k++) {
        alphas[k] = 0.5 * (1 + nodes[k]!);
        weights[k] = 0.5 * w[k]!;
      }
      break;
    }
    case 'riemann_trapezoid':
      if (n < 2) {
        throw new InvalidOptionError('Option "steps": the riemann_trapezoid rule needs at least 2 steps; got 1', { option: 'steps', received: n, rule });
      }
      for (let k = 0; k < n; k++) alphas[k] = k / (n - 1);
      weights[0]! /= 2;
      weights[n - 1]! /= 2;
      break;
    default: {
      const offset = rule === 'riemann_left' ? 0 : rule === 'riemann_right' ? 1 : 0.5;
      for (let k = 0; k < n; k++) alphas[k] = (k + offset) / n;
    }
  }
  return { alphas, weights };
}
