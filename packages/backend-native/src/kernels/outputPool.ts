/**
 * Recycles the float32 buffers native kernels write their outputs into.
 *
 * V8 frees an ArrayBuffer only when it garbage-collects it, and counts its bytes as external memory
 * until then. An explanation makes hundreds of MB of short-lived tensors, so V8 collected every few
 * milliseconds for "external memory pressure" (a fifth of a MobileNetV2 saliency map's time). Here a
 * buffer comes back when its tensor's data is disposed (refcount 0) and serves the next output that
 * fits it (the shortest pooled buffer at most twice the length asked for, as a view of its start),
 * so no new memory is allocated and none waits for a collection.
 *
 * Only buffers that native kernels allocated are recycled, and never one that a JavaScript kernel
 * was given as an input (it may keep a view of it: the cpu Slice returns a subarray) or that a
 * read returned: the backend's `readSync`/`read` hand out copies of them.
 */
export interface OutputPool {
  /** A recycled buffer of n elements (a view of a pooled one up to twice as long), or undefined. */
  take(n: number): Float32Array | undefined;
  /** Marks a buffer a native kernel allocated as recyclable. */
  own(values: Float32Array): void;
  owns(values: unknown): values is Float32Array;
  /** Never recycles `values` (something outside the native kernels may hold it). */
  taint(values: unknown): void;
  /** Takes a buffer back whose tensor data was disposed; false when it is not recyclable or the pool is full. */
  give(values: unknown): boolean;
  /** Drops every pooled buffer (the garbage collector frees them). */
  clear(): void;
  /** Bytes held now, and the most it holds. */
  readonly bytes: number;
  readonly capacityBytes: number;
}

/** The default most bytes held: the size of one default explanation chunk on CPU backends. */
export const DEFAULT_POOL_BYTES = 256 * 1024 * 1024;

/** The pool's capacity from `GLASSBOX_NATIVE_POOL_MB` (0 turns recycling off), else the default. */
export function poolCapacityFromEnv(env: Record<string, string | undefined> = process.env): number {
  const raw = env.GLASSBOX_NATIVE_POOL_MB;
  const mb = raw === undefined || raw.trim() === '' ? NaN : Number(raw);
  return Number.isFinite(mb) && mb >= 0 ? Math.floor(mb * 1024 * 1024) : DEFAULT_POOL_BYTES;
}

/** A pooled buffer serves requests down to this fraction of its length (less would waste more than half). */
const MIN_FILL = 0.5;

export function createOutputPool(capacityBytes: number): OutputPool {
  const free = new Map<number, Float32Array[]>(); // by length
  const owned = new WeakSet<Float32Array>(); // recyclable buffers, as allocated
  const baseOf = new WeakMap<Float32Array, Float32Array>(); // a handed-out view -> its buffer
  let bytes = 0;
  const base = (v: unknown): Float32Array | undefined =>
    v instanceof Float32Array ? (owned.has(v) ? v : baseOf.get(v)) : undefined;
  return {
    take(n) {
      // Best fit: the shortest pooled buffer that holds n elements and is at most twice as long.
      let best = 0;
      for (const [len, list] of free) if (list.length > 0 && len >= n && len * MIN_FILL <= n && (best === 0 || len < best)) best = len;
      if (best === 0) return undefined;
      const buffer = free.get(best)!.pop()!;
      bytes -= buffer.byteLength;
      if (best === n) return buffer;
      const view = new Float32Array(buffer.buffer, buffer.byteOffset, n);
      baseOf.set(view, buffer);
      return view;
    },
    own(values) {
      if (capacityBytes > 0) owned.add(values);
    },
    owns(values): values is Float32Array {
      const b = base(values);
      return b !== undefined && owned.has(b);
    },
    taint(values) {
      const b = base(values);
      if (b) owned.delete(b);
    },
    give(values) {
      const b = base(values);
      if (!b || !owned.has(b) || bytes + b.byteLength > capacityBytes) return false;
      const list = free.get(b.length);
      if (list) list.push(b);
      else free.set(b.length, [b]);
      bytes += b.byteLength;
      return true;
    },
    clear() {
      free.clear();
      bytes = 0;
    },
    get bytes() {
      return bytes;
    },
    capacityBytes,
  };
}

/**
 * The process's pool, on `globalThis` like tfjs's kernel registry, so that every copy of this
 * module (an ESM and a CJS build) recycles into one.
 */
export const outputPool: OutputPool = ((globalThis as Record<symbol, unknown>)[Symbol.for('glassbox.backend-native.outputPool')] ??=
  createOutputPool(poolCapacityFromEnv())) as OutputPool;
