import { afterAll, describe, it } from 'vitest';
import { registerBackend } from '@glassbox/core';
import { backendConformance } from '@glassbox/core/testing';
import { wasmBackend } from './wasmBackend';
import { conformanceCases } from '../test/conformanceCases';

registerBackend(wasmBackend());

/**
 * Tolerance: per example, max|wasm − cpu| ≤ 1e-4 · max|cpu| + 1e-6. XNNPACK sums in blocks with
 * SIMD multiply-adds where tfjs's cpu backend sums left to right, so each dot product differs by
 * a few float32 ulps; through two layers, a backward pass and 16 integration steps the measured
 * worst case is 6e-7 relative (printed after the suite), while a wrong kernel (a missed transpose,
 * a padding off by one row, the stock OneHot's int bits) errs by 1e-1 to 1. 1e-4 leaves more than
 * two orders of magnitude on both sides.
 */
const tolerance = { rtol: 1e-4, atol: 1e-6 };

describe('backend conformance: wasm vs cpu', () => {
  const worst: string[] = [];
  const report = (r: { explainer: string; relativeError: number }) => worst.push(`${r.explainer} ${r.relativeError.toExponential(1)}`);
  for (const check of backendConformance({ backend: 'wasm', cases: conformanceCases(), tolerance, report })) it(check.name, check.run);
  afterAll(() => console.log(`wasm vs cpu, worst relative error per case: ${worst.join(', ')}`));
});
