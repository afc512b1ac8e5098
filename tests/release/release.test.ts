import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

describe('release path', () => {
  it('publishes to a local registry, installs the minimal set with npm, and survives a minor core release', () => {
    const out = execFileSync('node', [join(root, 'scripts', 'release-check.mjs')], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 900_000 });
    const summary = JSON.parse(out.slice(out.indexOf('{'), out.lastIndexOf('}') + 1));
    expect(summary.rounds).toHaveLength(2);
    const [first, second] = summary.rounds;
    expect(first.consumer.installed).toEqual({
      '@glassbox/backend-wasm': expect.any(String),
      '@glassbox/core': expect.any(String),
      '@glassbox/integrated-gradients': expect.any(String),
    });
    for (const r of [...first.consumer.results, ...second.consumer.results]) {
      expect(r.backend).toBe('wasm');
      expect(Math.abs(r.delta[0])).toBeLessThan(1e-3);
    }
    // The first round releases what the pending changesets say; the second is one minor core bump on top.
    const [major, minor] = String(first.consumer.installed['@glassbox/core']).replace(/^[^\d]*/, '').split('.').map(Number);
    expect(second.published).toEqual([`@glassbox/core@${major}.${minor + 1}.0`]);
    expect(second.consumer.installed['@glassbox/integrated-gradients']).toBe(first.consumer.installed['@glassbox/integrated-gradients']);
    console.log(JSON.stringify(first.consumer.sizes));
  }, 900_000);
});
