import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

describe('package quality', () => {
  it('every package type-checks (strict) and is publint and are-the-types-wrong clean', () => {
    const r = spawnSync('pnpm', ['exec', 'turbo', 'run', 'typecheck', 'lint', '--concurrency=1', '--output-logs=errors-only'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 900_000,
    });
    expect(r.status, `${r.stdout}\n${r.stderr}`.slice(-4000)).toBe(0);
    expect(r.stdout).toMatch(/Tasks:\s+(\d+) successful, \1 total/);
  }, 900_000);
});
