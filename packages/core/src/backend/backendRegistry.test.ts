import { describe, it, expect, afterEach } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { registerBackend, useBackend, listBackends, currentBackend, withBackend } from './backendRegistry';

afterEach(async () => {
  await useBackend('cpu');
});

describe('backend registry', () => {
  it('always has cpu', async () => {
    expect(listBackends().map((b) => b.name)).toContain('cpu');
    expect(await useBackend('cpu')).toEqual({ name: 'cpu', failures: [], fellBack: false });
    expect(currentBackend()).toBe('cpu');
  });

  it('falls back in order and reports every failure', async () => {
    registerBackend({ name: 'broken-a', priority: 90, init: async () => { throw new Error('no adapter found'); } });
    const sel = await useBackend('broken-a', { fallback: ['nope', 'cpu'] });
    expect(sel.name).toBe('cpu');
    expect(sel.fellBack).toBe(true);
    expect(sel.failures).toEqual([
      { backend: 'broken-a', reason: 'no adapter found' },
      { backend: 'nope', reason: expect.stringContaining('not registered') },
    ]);
  });

  it('throws one typed error listing every backend when all fail', async () => {
    registerBackend({ name: 'broken-b', priority: 91, init: async () => { throw new Error('wasm file missing'); } });
    const err = await useBackend('broken-b', { fallback: ['broken-a'] }).catch((e) => e);
    expect(err).toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
    expect(err.message).toContain('broken-b: wasm file missing');
    expect(err.message).toContain('broken-a: no adapter found');
    expect(err.failures).toHaveLength(2);
  });

  it('initialises lazily, once, and runs warm-up with progress', async () => {
    let inits = 0, warmups = 0;
    const events: string[] = [];
    registerBackend({
      name: 'cpu-alias',
      priority: -1,
      tfjsName: 'cpu',
      init: async () => { inits++; },
      warmup: async () => { warmups++; },
    });
    expect(inits).toBe(0);
    await useBackend('cpu-alias', { onProgress: (p) => events.push(p.message ?? '') });
    await useBackend('cpu-alias');
    expect(inits).toBe(1);
    expect(warmups).toBe(1);
    expect(events).toEqual(['initialising cpu-alias', 'warming up cpu-alias', 'cpu-alias ready']);
  });

  it('auto picks by priority and withBackend switches back', async () => {
    registerBackend({ name: 'fake-gpu', priority: 100, tfjsName: 'fake-gpu', init: async () => {
      tf.registerBackend('fake-gpu', () => { throw new Error('not really'); });
    } });
    const sel = await useBackend('auto');
    expect(sel.failures[0]!.backend).toBe('fake-gpu');
    await withBackend('cpu', async () => expect(tf.getBackend()).toBe('cpu'));
  });
});
