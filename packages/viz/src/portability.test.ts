import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = dirname(fileURLToPath(import.meta.url));

describe('portability', () => {
  it('library sources use no Node or DOM APIs and import only fflate, the pure-JS image decoders, the tfjs-free numeric entry of core and types from core', () => {
    const files = readdirSync(SRC).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) {
      const text = readFileSync(join(SRC, f), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
      expect(text, f).not.toMatch(/from 'node:|require\(|\bBuffer\b|\bdocument\.|\bwindow\.|\bprocess\./);
      for (const m of text.matchAll(/^import (type )?.* from '([^']+)';$/gm)) {
        const ok = m[2]!.startsWith('./') || ['fflate', 'fast-png', 'jpeg-js', '@glassbox/core/numeric'].includes(m[2]!) || (m[2] === '@glassbox/core' && m[1] === 'type ');
        expect(ok, `${f} imports ${m[0]}`).toBe(true);
      }
    }
  });
});
