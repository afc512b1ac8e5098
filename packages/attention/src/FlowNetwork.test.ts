import { describe, expect, it } from 'vitest';
import { createRandom } from '@glassbox/core';
import { FlowNetwork } from './FlowNetwork';
import { flowScores } from './flowScores';
import { rolloutMatrix } from './rolloutMatrix';

/** Minimum s–t cut by enumerating every partition (max-flow = min-cut). */
function bruteForceMinCut(n: number, edges: [number, number, number][], s: number, t: number): number {
  const others = Array.from({ length: n }, (_, i) => i).filter((v) => v !== s && v !== t);
  let best = Infinity;
  for (let mask = 0; mask < 1 << others.length; mask++) {
    const sourceSide = new Set([s, ...others.filter((_, i) => mask & (1 << i))]);
    let cut = 0;
    for (const [u, v, c] of edges) if (sourceSide.has(u) && !sourceSide.has(v)) cut += c;
    best = Math.min(best, cut);
  }
  return best;
}

describe('FlowNetwork (Dinic on float capacities)', () => {
  it('solves the textbook network (CLRS fig. 26.1): 23', () => {
    const net = new FlowNetwork(6);
    const edges: [number, number, number][] = [
      [0, 1, 16], [0, 2, 13], [1, 3, 12], [2, 1, 4], [2, 4, 14], [3, 2, 9], [3, 5, 20], [4, 3, 7], [4, 5, 4],
    ];
    for (const [u, v, c] of edges) net.addEdge(u, v, c);
    expect(net.maxFlow(0, 5)).toBeCloseTo(23, 10);
    expect(net.maxFlow(0, 5)).toBeCloseTo(23, 10); // reusable: every call starts from zero flow
  });

  it('solves a float instance worked by hand: 0.9', () => {
    // s→a .6, s→b .5, a→b .25, a→t .3, b→t .6. Cuts: {s} 1.1, {s,a} 1.05, {s,b} 1.2, {s,a,b} .9 (the minimum);
    // a flow of .9: a→t .3, a→b .25, b→t .6 (b gets .25 from a and .35 from s).
    const net = new FlowNetwork(4);
    net.addEdge(0, 1, 0.6);
    net.addEdge(0, 2, 0.5);
    net.addEdge(1, 2, 0.25);
    net.addEdge(1, 3, 0.3);
    net.addEdge(2, 3, 0.6);
    expect(net.maxFlow(0, 3)).toBeCloseTo(0.9, 12);
    expect(net.maxFlow(3, 0)).toBe(0);
  });

  it('equals the brute-force minimum cut on random float networks', () => {
    const rng = createRandom(11);
    for (let trial = 0; trial < 40; trial++) {
      const n = 7;
      const edges: [number, number, number][] = [];
      for (let u = 0; u < n; u++) for (let v = 0; v < n; v++) if (u !== v && rng.next() < 0.45) edges.push([u, v, rng.next()]);
      const net = new FlowNetwork(n);
      for (const [u, v, c] of edges) net.addEdge(u, v, c);
      expect(net.maxFlow(0, n - 1)).toBeCloseTo(bruteForceMinCut(n, edges, 0, n - 1), 9);
    }
  });

  it('refuses bad edges and nodes', () => {
    const net = new FlowNetwork(3);
    expect(() => net.addEdge(0, 3, 1)).toThrow(RangeError);
    expect(() => net.addEdge(0, 1, -1)).toThrow(/capacity/);
    expect(() => net.addEdge(0, 1, NaN)).toThrow(/capacity/);
    expect(() => net.maxFlow(1, 1)).toThrow(/differ/);
  });
});

describe('flowScores (attention flow)', () => {
  it('matches a two-token, two-layer case solved by hand', () => {
    // Â1 = norm(A1 + I) = [[1, 0], [.5, .5]];  Â2 = norm(A2 + I) = [[.5, .5], [0, 1]].
    const a1 = Float32Array.of(1, 0, 1, 0);
    const a2 = Float32Array.of(0, 1, 0, 1);
    // Sink: token 0 of layer 2, fed by (1,0) and (1,1) with capacity .5 each.
    // From input token 0: via (1,0) min(1, .5) = .5 and via (1,1) min(.5, .5) = .5 → 1.
    // From input token 1: only via (1,1) (its edge to (1,0) has capacity 0): min(.5, .5) → .5.
    const raw = flowScores([a1, a2], 2, 0, { normalize: false });
    expect(raw[0]).toBeCloseTo(1, 9);
    expect(raw[1]).toBeCloseTo(0.5, 9);
    const normalized = flowScores([a1, a2], 2, 0);
    expect(normalized[0]).toBeCloseTo(2 / 3, 6);
    expect(normalized[1]).toBeCloseTo(1 / 3, 6);
    // Rollout of the same layers gives row 0 = [.75, .25]: flow and rollout differ.
    const r = rolloutMatrix([a1, a2], 2);
    expect(r[0]).toBeCloseTo(0.75, 6);
  });

  it('with one layer equals that layer’s residual attention row (= rollout)', () => {
    const rng = createRandom(5);
    const t = 5;
    const a = new Float32Array(t * t);
    for (let i = 0; i < t; i++) {
      let s = 0;
      for (let j = 0; j < t; j++) s += a[i * t + j] = rng.next();
      for (let j = 0; j < t; j++) a[i * t + j]! /= s;
    }
    const r = rolloutMatrix([a], t);
    for (let q = 0; q < t; q++) {
      const f = flowScores([a], t, q);
      for (let j = 0; j < t; j++) expect(f[j]).toBeCloseTo(r[q * t + j]!, 5);
    }
  });

  it('gives inactive (padding) tokens no flow and refuses a query out of range', () => {
    const a = Float32Array.of(0.5, 0.5, 0, 0.5, 0.5, 0, 1 / 3, 1 / 3, 1 / 3);
    const f = flowScores([a, a], 3, 0, { active: [true, true, false] });
    expect(f[2]).toBe(0);
    expect(f[0]! + f[1]!).toBeCloseTo(1, 6);
    expect(() => flowScores([a], 3, 3)).toThrow(/query 3/);
  });
});
