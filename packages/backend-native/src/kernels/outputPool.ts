/**
 * Recycles the float32 buffers native kernels write their outputs into.
 *
 * V8 frees an ArrayBuffer only when it garbage-collects it, and counts its bytes as external memory
 * until then. An explanation makes hundreds of MB of short-lived tensors, so V8 collected every few
 * milliseconds for "external memory pressure" (a fifth of a MobileNetV2 saliency map's time). Here a
 * buffer comes back when its tensor's data is disposed (refcount 0) and is handed to the next
 * output of the same length, so no new memory is allocated and none waits for a collection.
 *
 * Only buffers that native kernels allocated are recycled, and never one that a JavaScript kernel
 * was given as an input (it may keep a view of it: the cpu Slice returns a subarray) or that a
 * read returned: the backend's `readSync`/`read` hand out copies of them.
 */
export interface OutputPool {
  /** A recycled buffer of exactly n elements, or undefined. */
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

export function createOutputPool(capacityBytes: number): OutputPool {
  const free = new Map<number, Float32Array[]>();
  const owned = new WeakSet<Float32Array>();
  let bytes = 0;
  return {
    take(n) {
      const list = free.get(n);
      const v = list?.pop();
      if (v) bytes -= v.byteLength;
      return v;
    },
    own(values) {
      if (capacityBytes > 0) owned.add(values);
    },
    owns(values): values is Float32Array {
      return values instanceof Float32Array && owned.has(values);
    },
    taint(values) {
      if (values instanceof Float32Array) owned.delete(values);
    },
    give(values) {
      if (!(values instanceof Float32Array) || !owned.has(values) || bytes + values.byteLength > capacityBytes) return false;
      const list = free.get(values.length);
      if (list) list.push(values);
      else free.set(values.length, [values]);
      bytes += values.byteLength;
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
