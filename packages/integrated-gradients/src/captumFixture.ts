// Test helper (not exported): the Captum reference model, inputs and attributions in fixtures/captum.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadModel } from '@glassbox/core/node';
import type { Model } from '@glassbox/core';

const dir = fileURLToPath(new URL('../fixtures/captum/', import.meta.url));

export interface CaptumVariant {
  id: string;
  params: Record<string, unknown>;
  attributions: number[][];
  convergence_delta?: number[];
}

/** The reference inputs `[5, 20]` and targets. */
export const captumInputs = JSON.parse(readFileSync(`${dir}inputs.json`, 'utf8')) as { inputs: number[][]; targets: number[]; f_x: number[][] };

/** The variants of one reference case file. */
export function captumCase(file: string): CaptumVariant[] {
  return (JSON.parse(readFileSync(`${dir}${file}`, 'utf8')) as { variants: CaptumVariant[] }).variants;
}

/** The reference model (Dense 20→32 tanh → 16 relu → 3 softmax). */
export function captumModel(): Promise<Model> {
  return loadModel(`${dir}model/model.json`);
}

/**
 * The worst per-example ratio of `max|got − ref|` to the allowed `1e-4·max|ref| + 1e-7`
 * (≤ 1 passes). Returns the ratio so a failure message shows by how much.
 */
export function worstRatio(got: ArrayLike<number>, ref: number[][]): number {
  let worst = 0;
  const per = ref[0].length;
  ref.forEach((row, i) => {
    let maxRef = 0, maxDiff = 0;
    row.forEach((r, j) => {
      maxRef = Math.max(maxRef, Math.abs(r));
      maxDiff = Math.max(maxDiff, Math.abs(got[i * per + j] - r));
    });
    worst = Math.max(worst, maxDiff / (1e-4 * maxRef + 1e-7));
  });
  return worst;
}

/** The worst per-example ratio of |Δgot − Δref| to the allowed `1e-5·max(1, Σ_j |ref|)`. */
export function worstDeltaRatio(got: number[], ref: number[], attributions: number[][]): number {
  return Math.max(...ref.map((d, i) => Math.abs(got[i] - d) / (1e-5 * Math.max(1, attributions[i].reduce((s, v) => s + Math.abs(v), 0)))));
}
