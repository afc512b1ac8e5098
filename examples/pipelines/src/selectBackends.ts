import { listBackends, useBackend } from '@glassbox/core';

/**
 * Makes the named backends available: `cpu` always is; `wasm` registers on first use through
 * `@glassbox/backend-wasm/register`. Each is initialised once, so per-stage switches are cheap.
 */
export async function prepareBackends(names: readonly string[]): Promise<void> {
  for (const name of new Set(names)) {
    if (name === 'wasm' && !listBackends().some((b) => b.name === 'wasm')) await import('@glassbox/backend-wasm/register');
    await useBackend(name);
  }
  await useBackend(names[0] ?? 'cpu');
}
