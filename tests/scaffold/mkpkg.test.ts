import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const read = (...p: string[]) => readFileSync(join(...p), 'utf8');

describe('scripts/mkpkg.mjs', () => {
  it('scaffolds what the real packages have (scripts, peers, configs, LICENSE) and never overwrites', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'mkpkg-')), 'packages', 'demo');
    const run = () => execFileSync('node', [join(root, 'scripts', 'mkpkg.mjs'), dir, '@glassbox/demo', 'A demo package'], { cwd: root });
    run();
    const made = JSON.parse(read(dir, 'package.json'));
    const real = JSON.parse(read(root, 'packages', 'metrics', 'package.json'));
    expect(made.scripts).toEqual(real.scripts);
    expect(made.peerDependencies).toEqual(real.peerDependencies);
    for (const k of ['type', 'sideEffects', 'main', 'module', 'types', 'engines', 'publishConfig']) expect(made[k], k).toEqual(real[k]);
    expect(made.exports['.']).toEqual(real.exports['.']);
    // The configs most packages share (9 of 11 vitest configs, as attention's).
    for (const f of ['tsup.config.ts', 'tsconfig.json', 'vitest.config.ts', 'LICENSE']) expect(read(dir, f), f).toBe(read(root, 'packages', 'attention', f));
    writeFileSync(join(dir, 'tsconfig.json'), '{"edited": true}\n');
    run();
    expect(read(dir, 'tsconfig.json')).toBe('{"edited": true}\n');
  });
});
