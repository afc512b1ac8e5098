// CART fitting speed: 100,000 rows × 20 features at depth 8 (the target: a few seconds).
// Run from the repo root: node --import tsx packages/surrogate-tree/bench/cart.bench.ts [--runs 5]
// Prints seconds per fit and writes bench/results/surrogate-tree.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRandom } from '@glassbox/core';
import { fitTree } from '../src/tree/fitTree';
import type { FitTreeOptions } from '../src/tree/resolveTreeOptions';

const ROWS = 100_000;
const FEATURES = 20;
const DEPTH = 8;
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const out = join(dirname(fileURLToPath(import.meta.url)), '../../../bench/results/surrogate-tree.json');

// Seeded data: 15 continuous features (3 decimals, so values repeat as in real tables) and 5 binary
// ones; a class and a score that depend on 6 of them non-linearly, plus noise.
const rng = createRandom(2024);
const X = new Float32Array(ROWS * FEATURES);
const classes = new Int32Array(ROWS);
const scores = new Float64Array(ROWS);
for (let i = 0; i < ROWS; i++) {
  const r = X.subarray(i * FEATURES, (i + 1) * FEATURES);
  for (let j = 0; j < 15; j++) r[j] = Math.round(rng.normal() * 1000) / 1000;
  for (let j = 15; j < FEATURES; j++) r[j] = rng.next() < 0.3 ? 1 : 0;
  const s = r[0]! + 0.8 * r[1]! * r[2]! - Math.abs(r[3]!) + 0.7 * r[15]! - 0.5 * r[16]! * r[4]! + 0.4 * rng.normal();
  scores[i] = s;
  classes[i] = s > 0.4 ? 2 : s > -0.6 ? 1 : 0;
}
const data = { values: X, shape: [ROWS, FEATURES] };

interface Case {
  name: string;
  y: ArrayLike<number>;
  options: FitTreeOptions;
}
const cases: Case[] = [
  { name: 'classification, gini', y: classes, options: { criterion: 'gini' } },
  { name: 'classification, entropy', y: classes, options: { criterion: 'entropy' } },
  { name: 'classification, gini, sample weights', y: classes, options: { criterion: 'gini', sampleWeight: Float64Array.from({ length: ROWS }, (_, i) => 0.5 + (i % 7) / 4) } },
  { name: 'regression, squared error', y: scores, options: { task: 'regression' } },
];

const median = (v: number[]): number => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
const results = [];
console.log(`CART fit: ${ROWS.toLocaleString('en')} rows × ${FEATURES} features, max depth ${DEPTH}, ${runs} runs each (median)`);
for (const c of cases) {
  fitTree(data, c.y, { ...c.options, maxDepth: DEPTH }); // warm-up (JIT)
  const wall: number[] = [];
  const cpu: number[] = [];
  let leaves = 0;
  for (let r = 0; r < runs; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const tree = fitTree(data, c.y, { ...c.options, maxDepth: DEPTH });
    wall.push((performance.now() - t0) / 1000);
    const used = process.cpuUsage(c0);
    cpu.push((used.user + used.system) / 1e6);
    leaves = tree.leaves;
  }
  const row = { name: c.name, rows: ROWS, features: FEATURES, maxDepth: DEPTH, leaves, seconds: median(wall), cpuSeconds: median(cpu), wallSeconds: wall, runs };
  results.push(row);
  console.log(`  ${c.name.padEnd(38)} ${row.seconds.toFixed(3)} s (cpu ${row.cpuSeconds.toFixed(3)} s, ${leaves} leaves)`);
}
mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  JSON.stringify(
    {
      package: '@glassbox/surrogate-tree',
      benchmark: 'cart-fit',
      date: new Date().toISOString(),
      node: process.version,
      cpu: cpus()[0]?.model,
      cores: cpus().length,
      loadAverage: loadavg()[0],
      results,
    },
    null,
    2,
  ) + '\n',
);
console.log(`wrote ${out}`);
