import * as tf from '@tensorflow/tfjs-core';
import type { Model } from '@glassbox/core';

/**
 * Exact Shapley values of each feature of one input `x` for the game
 * `v(S) = mean_b f(x_S, b_¬S)[target]` over background rows `bg`, by enumerating every coalition
 * (`2^M` of them; for tests and small M only): `φ_i = Σ_S |S|!(M−|S|−1)!/M! · (v(S ∪ i) − v(S))`.
 */
export async function exactShapley(model: Model, x: readonly number[], bg: readonly (readonly number[])[], target: number): Promise<number[]> {
  const m = x.length;
  const rows: number[][] = [];
  for (let s = 0; s < 2 ** m; s++) for (const b of bg) rows.push(b.map((v, j) => ((s >> j) & 1 ? x[j]! : v)));
  const input = tf.tensor2d(rows);
  const out = await model.predict(input);
  const y = (await out.array()) as number[][];
  tf.dispose([input, out]);
  const v = Array.from({ length: 2 ** m }, (_, s) => bg.reduce((acc, _b, k) => acc + y[s * bg.length + k]![target]! / bg.length, 0));
  const fact = [1];
  for (let i = 1; i <= m; i++) fact.push(fact[i - 1]! * i);
  const phi = new Array<number>(m).fill(0);
  for (let s = 0; s < 2 ** m; s++) {
    let size = 0;
    for (let j = 0; j < m; j++) size += (s >> j) & 1;
    for (let i = 0; i < m; i++) {
      if ((s >> i) & 1) continue;
      phi[i]! += (fact[size]! * fact[m - size - 1]! / fact[m]!) * (v[s | (1 << i)]! - v[s]!);
    }
  }
  return phi;
}
