/** Share of the currently available memory that the default budget takes (Node). */
export const MEMORY_BUDGET_FRACTION = 0.5;
/** Default budget where free memory cannot be read (browsers): 512 MiB. */
export const BROWSER_MEMORY_BUDGET = 512 * 1024 * 1024;
/** The default budget of the CPU backends (cpu, native, wasm): 256 MiB, see `BackendProvider.preferredMemoryBudgetBytes`. */
export const CPU_MEMORY_BUDGET = 256 * 1024 * 1024;
/** Memory assumed available where it cannot be read (browsers): 2 GiB. One example larger than this is refused. */
export const BROWSER_MEMORY_LIMIT = 2 * 1024 * 1024 * 1024;

interface NodeProcess {
  versions?: { node?: string };
  availableMemory?: () => number;
  getBuiltinModule?: (id: string) => { freemem?: () => number } | undefined;
}

/**
 * Bytes of memory available to this process right now, or `undefined` where that cannot be read.
 * Node: `process.availableMemory()` (free memory, within a container's limit), else `os.freemem()`.
 * Browsers expose no such number.
 */
export function availableMemoryBytes(): number | undefined {
  const p = (globalThis as { process?: NodeProcess }).process;
  if (!p?.versions?.node) return undefined;
  const bytes = p.availableMemory?.() ?? p.getBuiltinModule?.('node:os')?.freemem?.();
  return typeof bytes === 'number' && Number.isFinite(bytes) && bytes > 0 ? bytes : undefined;
}

/**
 * The memory budget an explanation gets when the caller gives none: bytes one chunk of batched
 * work may allocate. In Node, {@link MEMORY_BUDGET_FRACTION} of the memory available when it is
 * called (so it fits the machine and what else runs on it); in browsers {@link BROWSER_MEMORY_BUDGET}.
 * Chunks shrink below the budget down to one example; one example is refused only when it needs
 * more than the memory available ({@link memoryLimitBytes}).
 *
 * @example
 * ```ts
 * defaultMemoryBudget(); // e.g. 12 GB on a machine with 24 GB free
 * ```
 */
export function defaultMemoryBudget(): number {
  const free = availableMemoryBytes();
  return free === undefined ? BROWSER_MEMORY_BUDGET : Math.max(16 * 1024 * 1024, Math.floor(free * MEMORY_BUDGET_FRACTION));
}

/** The most one work item may need before it is refused: the memory available, or {@link BROWSER_MEMORY_LIMIT}. */
export function memoryLimitBytes(): number {
  return availableMemoryBytes() ?? BROWSER_MEMORY_LIMIT;
}
