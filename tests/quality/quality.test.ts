import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';

const root = join(import.meta.dirname, '..', '..');

describe('package quality', () => {
  it('every package type-checks (strict) and is publint and are-the-types-wrong clean', () => {
    // scripts/test.mjs sets FORCE_COLOR=1 outside CI: ask for plain text and strip colour codes anyway,
    // so that the summary matches in an ordinary terminal as in CI.
    const r = spawnSync('pnpm', ['exec', 'turbo', 'run', 'typecheck', 'lint', '--concurrency=1', '--output-logs=errors-only', '--no-color'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 900_000,
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    });
    const stdout = stripVTControlCharacters(r.stdout);
    expect(r.status, `${stdout}\n${stripVTControlCharacters(r.stderr)}`.slice(-4000)).toBe(0);
    expect(stdout).toMatch(/Tasks:\s+(\d+) successful, \1 total/);
  }, 900_000);
});
