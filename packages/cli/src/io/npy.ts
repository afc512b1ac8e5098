import { DataFileError } from '@glassbox/core';

/** A numeric array as NumPy's `.npy` holds it, converted to float32. */
export interface NpyArray {
  values: Float32Array;
  shape: number[];
  /** The file's dtype (`<f4`, `<f8`, `|u1` …) before conversion. */
  dtype: string;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
/** Most dimensions and values an `.npy` input may declare. */
export const NPY_LIMITS = { dims: 32, values: 2 ** 31 - 1, headerBytes: 1 << 20 } as const;

type Reader = (view: DataView, offset: number, little: boolean) => number;
const DTYPES: Record<string, { size: number; read: Reader }> = {
  f2: { size: 2, read: (v, o, l) => half(v.getUint16(o, l)) },
  f4: { size: 4, read: (v, o, l) => v.getFloat32(o, l) },
  f8: { size: 8, read: (v, o, l) => v.getFloat64(o, l) },
  i1: { size: 1, read: (v, o) => v.getInt8(o) },
  u1: { size: 1, read: (v, o) => v.getUint8(o) },
  b1: { size: 1, read: (v, o) => v.getUint8(o) },
  i2: { size: 2, read: (v, o, l) => v.getInt16(o, l) },
  u2: { size: 2, read: (v, o, l) => v.getUint16(o, l) },
  i4: { size: 4, read: (v, o, l) => v.getInt32(o, l) },
  u4: { size: 4, read: (v, o, l) => v.getUint32(o, l) },
  i8: { size: 8, read: (v, o, l) => Number(v.getBigInt64(o, l)) },
  u8: { size: 8, read: (v, o, l) => Number(v.getBigUint64(o, l)) },
};

function half(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * 2 ** -14 * (f / 1024);
  if (e === 31) return f ? NaN : s * Infinity;
  return s * 2 ** (e - 15) * (1 + f / 1024);
}

/**
 * Reads a NumPy `.npy` file (format versions 1–3): numeric dtypes (float16/32/64, signed and
 * unsigned 8–64-bit integers, bool), either byte order, C order. Values become float32. Anything
 * else (object arrays, Fortran order, structured dtypes, a size that does not match the shape) is a
 * `DataFileError` naming what was expected.
 *
 * @example
 * ```ts
 * const { values, shape } = readNpy(await readFile('inputs.npy'), 'inputs.npy');
 * ```
 */
export function readNpy(bytes: Uint8Array, file: string): NpyArray {
  const fail = (why: string): never => {
    throw new DataFileError(`${file} is not a usable .npy array: ${why}`, { file });
  };
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) fail('it does not start with the \\x93NUMPY magic');
  const major = bytes[6]!; // at least 10 bytes, checked above
  if (major < 1 || major > 3) fail(`format version ${major}.${bytes[7]}; expected 1.0, 2.0 or 3.0`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = major === 1 ? view.getUint16(8, true) : bytes.length >= 12 ? view.getUint32(8, true) : fail('truncated header');
  const start = major === 1 ? 10 : 12;
  if (headerLength > NPY_LIMITS.headerBytes) fail(`header of ${headerLength} bytes; the limit on .npy headers is ${NPY_LIMITS.headerBytes} bytes`);
  if (start + headerLength > bytes.length) fail('truncated header');
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(start, start + headerLength));
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1] ?? fail(`no 'descr' in header ${JSON.stringify(header.slice(0, 80))}`);
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1] ?? fail("no 'fortran_order' in header");
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1] ?? fail("no 'shape' in header");
  if (fortran === 'True') fail("Fortran order; save it with numpy.ascontiguousarray first");
  const m = /^([<>|=])([fiub])(\d+)$/.exec(descr);
  const dtype = m ? DTYPES[`${m[2]}${m[3]}`] : undefined;
  if (!m || !dtype) return fail(`dtype ${JSON.stringify(descr)}; expected a numeric dtype such as <f4, <f8, <i8 or |u1`);
  const parts = shapeText.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (parts.length > NPY_LIMITS.dims) fail(`${parts.length} dimensions; the limit on dimensions is ${NPY_LIMITS.dims}`);
  const shape = parts.map((s) => (/^\d+L?$/.test(s) ? Number.parseInt(s, 10) : fail(`shape entry ${JSON.stringify(s)} is not a size`)));
  const count = shape.reduce((a, b) => a * b, 1);
  if (!Number.isSafeInteger(count) || count > NPY_LIMITS.values) fail(`${count} values; the limit on one array is ${NPY_LIMITS.values} values`);
  const dataStart = start + headerLength;
  const expected = count * dtype.size;
  if (bytes.length - dataStart !== expected) fail(`shape (${shape.join(', ')}) of ${descr} needs ${expected} bytes of data; the file holds ${bytes.length - dataStart}`);
  const little = m[1] !== '>';
  const values = new Float32Array(count);
  if (m[2] === 'f' && dtype.size === 4 && little && dataStart % 4 === 0 && (bytes.byteOffset + dataStart) % 4 === 0) {
    values.set(new Float32Array(bytes.buffer, bytes.byteOffset + dataStart, count));
  } else {
    for (let i = 0, o = dataStart; i < count; i++, o += dtype.size) values[i] = dtype.read(view, o, little);
  }
  return { values, shape, dtype: descr };
}

/**
 * The header of a little-endian float32 `.npy` file of `shape` (format 1.0, or 2.0 when the header
 * needs more than 65,535 bytes), padded so that the data starts on a 64-byte boundary.
 *
 * @example
 * ```ts
 * const bytes = Buffer.concat([npyHeader([2, 3]), Buffer.from(new Float32Array(6).buffer)]);
 * ```
 */
export function npyHeader(shape: readonly number[]): Uint8Array {
  const dict = `{'descr': '<f4', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  for (const version of [1, 2]) {
    const prefix = version === 1 ? 10 : 12;
    const total = Math.ceil((prefix + dict.length + 1) / 64) * 64;
    const headerLength = total - prefix;
    if (version === 1 && headerLength > 0xffff) continue;
    const out = new Uint8Array(total);
    out.set(MAGIC, 0);
    out[6] = version;
    out[7] = 0;
    const view = new DataView(out.buffer);
    if (version === 1) view.setUint16(8, headerLength, true);
    else view.setUint32(8, headerLength, true);
    out.set(new TextEncoder().encode(dict.padEnd(headerLength - 1, ' ') + '\n'), prefix);
    return out;
  }
  throw new Error('unreachable');
}

/**
 * Writes float32 values as `.npy` through `write`, in pieces of at most 16 MiB, so that arrays of
 * any size stream out without a second copy in memory.
 */
export async function writeNpy(write: (chunk: Uint8Array) => Promise<void>, values: Float32Array, shape: readonly number[]): Promise<void> {
  await write(npyHeader(shape));
  const little = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  const step = 4 * 1024 * 1024;
  for (let i = 0; i < values.length; i += step) {
    const part = values.subarray(i, Math.min(values.length, i + step));
    if (little) await write(new Uint8Array(part.buffer, part.byteOffset, part.byteLength));
    else {
      const buf = new Uint8Array(part.length * 4);
      const view = new DataView(buf.buffer);
      part.forEach((v, j) => view.setFloat32(j * 4, v, true));
      await write(buf);
    }
  }
}
