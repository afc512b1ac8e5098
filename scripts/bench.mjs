#!/usr/bin/env node
// `pnpm bench`: runs every package benchmark (packages/*/bench/*.bench.{ts,mjs}) one after another
// (they share 2 cores: never in parallel), each writing JSON to bench/results/, then prints an index.
// GLASSBOX_BENCH_BACKENDS (default "cpu,wasm,native") selects the backends the gradient benchmarks
// compare; GLASSBOX_BENCH_ONLY=<substring> runs a subset. The browser benchmark (MobileNetV2 on wasm
// in headless Chromium, threads off and on: needs Chromium, about 2 minutes) is not among them:
// `pnpm bench:browser` runs it (examples/browser-demo/scripts/benchMobilenet.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const backends = (process.env.GLASSBOX_BENCH_BACKENDS ?? 'cpu,wasm,native').split(',').filter(Boolean);
const only = process.env.GLASSBOX_BENCH_ONLY;
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
const files = [];
for (const pkg of readdirSync(join(root, 'packages'))) {
  const dir = join(root, 'packages', pkg, 'bench');
  if (!existsSync(dir)) continue;
  for (const f of readdirSync(dir).sort()) if (/\.bench\.(ts|mjs)$/.test(f)) files.push(join(dir, f));
}
let failed = 0;
for (const f of files) {
  if (only && !f.includes(only)) continue;
  const rel = f.slice(root.length);
  console.log(`\n=== ${rel} ===`);
  const args = f.endsWith('.ts') ? ['--import', 'tsx', f] : [f];
  const r = spawnSync('node', [...args, ...backends], { cwd: root, stdio: 'inherit', env: { ...process.env, GLASSBOX_BENCH_BACKENDS: backends.join(',') } });
  if (r.status !== 0) {
    failed++;
    console.error(`${rel} failed with status ${r.status}`);
  }
}
console.log('\nResults (bench/results/):');
for (const f of readdirSync(join(root, 'bench', 'results')).filter((f) => f.endsWith('.json')).sort()) {
  const j = JSON.parse(readFileSync(join(root, 'bench', 'results', f), 'utf8'));
  console.log(`  ${f}${j.generatedAt ? `  (${j.generatedAt})` : ''}`);
}
process.exit(failed ? 1 : 0);
