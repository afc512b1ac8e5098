import { readFileSync } from 'node:fs';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { BackendUnavailableError, registerBackend, useBackend, type BackendProvider } from '@glassbox/core';
import { afterAll, describe, expect, it } from 'vitest';
import { loadAddonFrom } from './addon/loadAddon';
import { nativeBackend } from './nativeBackend';
import { nativeInfo } from './nativeInfo';
import { setNativeThreads } from './threads';
import { requireNative } from './testing/kernelHarness';

const addon = requireNative();
afterAll(() => setNativeThreads(2));

describe('nativeBackend()', () => {
  it('is a provider named native, above cpu', () => {
    const p = nativeBackend();
    expect(p.name).toBe('native');
    expect(p.tfjsName).toBe('native');
    expect(p.priority).toBeGreaterThan(0);
  });

  it('selects the native tfjs backend through useBackend and computes there', async () => {
    registerBackend(nativeBackend({ threads: 2 }));
    const sel = await useBackend('native');
    expect(sel).toMatchObject({ name: 'native', fellBack: false });
    expect(tf.getBackend()).toBe('native');
    const y = tf.matMul(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor2d([[5], [6]]));
    expect(Array.from(y.dataSync())).toEqual([17, 39]);
    y.dispose();
    await useBackend('cpu');
  });

  it('falls back, saying why, when the addon cannot load', async () => {
    const broken: BackendProvider = {
      ...nativeBackend(),
      name: 'native-broken',
      async init() {
        loadAddonFrom(mkdtempSync(join(tmpdir(), 'gb-native-')));
      },
    };
    registerBackend(broken);
    const sel = await useBackend('native-broken', { fallback: ['cpu'] });
    expect(sel.name).toBe('cpu');
    expect(sel.failures[0]!.reason).toMatch(/^native addon not built: .*glassbox_native\.node is missing/);
    await expect(useBackend('native-broken')).rejects.toBeInstanceOf(BackendUnavailableError);
  });
});

describe('loadAddonFrom()', () => {
  it('reports the reason the install script recorded', () => {
    const root = mkdtempSync(join(tmpdir(), 'gb-native-'));
    mkdirSync(join(root, 'build'));
    writeFileSync(join(root, 'build', 'why-unavailable.txt'), 'no C++ compiler found\n');
    expect(() => loadAddonFrom(root)).toThrow('native addon not built: no C++ compiler found');
  });
});

describe('nativeInfo() and setNativeThreads()', () => {
  it('reports the ISA and thread count', () => {
    setNativeThreads(3);
    const info = nativeInfo();
    expect(info.loaded).toBe(true);
    expect(['avx512', 'avx2', 'portable']).toContain(info.isa);
    expect(info.threads).toBe(3);
    expect(addon.info().threads).toBe(3);
  });

  it('marks the malloc heap for transparent huge pages where glibc allows it', () => {
    const glibc = !!(process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header?.glibcVersionRuntime;
    // The advice is recorded whatever /sys/kernel/mm/transparent_hugepage/enabled says; it takes
    // effect where that is `madvise` or `always`.
    const expected = process.platform === 'linux' && glibc && process.env.GLASSBOX_NATIVE_MALLOC !== 'default';
    expect(nativeInfo().hugePageHeap).toBe(expected);
    if (!expected) return;
    // The kernel sees the advice: a mapping of at least the 1 GiB pad (the heap, or where glibc put
    // it when the heap could not grow in place) carries the `hg` flag.
    const smaps = readFileSync('/proc/self/smaps', 'utf8').split('\n');
    let size = 0, advised = false;
    for (const line of smaps) {
      const m = /^Size:\s+(\d+) kB/.exec(line);
      if (m) size = Number(m[1]) * 1024;
      else if (line.startsWith('VmFlags:') && / hg( |$)/.test(line) && size >= 2 ** 30) advised = true;
    }
    expect(advised).toBe(true);
  });

  it('rejects invalid thread counts with a typed error', () => {
    expect(() => setNativeThreads(0)).toThrow(/threads must be an integer/);
    expect(() => setNativeThreads(1.5)).toThrow(/threads must be an integer/);
  });
});
