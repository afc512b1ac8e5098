#!/usr/bin/env node
// Runs every workspace test suite in one vitest run and ends with the line CI reads:
// "N passed, N failed" (vitest's own summary is not recognised there).
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'test-results', 'vitest.json');
mkdirSync(join(root, 'test-results'), { recursive: true });
rmSync(out, { force: true });
const args = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...process.argv.slice(2)];
const r = spawnSync('npx', args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1' } });
let summary;
try {
  summary = JSON.parse(readFileSync(out, 'utf8'));
} catch {
  console.log('0 passed, 1 failed');
  console.error('vitest produced no JSON report (it crashed before running tests)');
  process.exit(r.status || 1);
}
const passed = summary.numPassedTests ?? 0;
// A file that fails to load runs no test: count it as one failure so it cannot pass silently.
const brokenFiles = (summary.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length;
const failed = (summary.numFailedTests ?? 0) + brokenFiles;
const skipped = (summary.numPendingTests ?? 0) + (summary.numTodoTests ?? 0);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || r.status ? r.status || 1 : 0);
