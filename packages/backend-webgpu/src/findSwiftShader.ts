// Self-contained (no relative imports): the package's vitest config loads this file directly.
type NodeProcess = { versions?: { node?: string }; getBuiltinModule?: (n: string) => unknown; env: Record<string, string | undefined> };
const nodeProcess = (globalThis as { process?: NodeProcess }).process;
const isNode = () => typeof nodeProcess?.versions?.node === 'string' && typeof (globalThis as { window?: unknown }).window === 'undefined';
async function builtin<T>(name: string): Promise<T> {
  const sync = nodeProcess?.getBuiltinModule?.(name);
  if (sync) return sync as T;
  const specifier = name;
  return (await import(/* webpackIgnore: true */ /* @vite-ignore */ specifier)) as T;
}

/** Where Chromium's software Vulkan driver is, and the environment that selects it for Dawn. */
export interface SwiftShader {
  /** The Vulkan ICD manifest, `…/vk_swiftshader_icd.json`. */
  icd: string;
  /** Its folder; holds `libvk_swiftshader.so` and, in Chromium builds, a Vulkan loader. */
  dir: string;
  /**
   * Variables to add to a process's environment before it starts (the Vulkan loader reads them
   * once): `VK_ICD_FILENAMES`, `LD_LIBRARY_PATH` (Chromium's `libvulkan.so.1`, for machines
   * without `libvulkan1`) and `XDG_RUNTIME_DIR` when unset.
   */
  env: Record<string, string>;
}

/** Folders where Linux distributions and Chrome install SwiftShader's ICD. */
export const SWIFTSHADER_ICD_CANDIDATES = [
  '/usr/lib/chromium/vk_swiftshader_icd.json', // Debian, Ubuntu (deb): package chromium-common
  '/usr/lib64/chromium-browser/vk_swiftshader_icd.json', // Fedora
  '/usr/lib/chromium-browser/vk_swiftshader_icd.json',
  '/opt/google/chrome/vk_swiftshader_icd.json', // Google Chrome
  '/snap/chromium/current/usr/lib/chromium-browser/vk_swiftshader_icd.json',
];

/**
 * Finds SwiftShader, the CPU implementation of Vulkan that ships with Chromium, so WebGPU runs in
 * Node without a GPU (for correctness checks and CI; it is slow). `GLASSBOX_SWIFTSHADER_ICD`
 * overrides the search. `undefined` outside Node or when none is installed
 * (`apt-get install chromium` on Debian).
 *
 * @example
 * ```ts
 * const ss = await findSwiftShader();
 * if (ss) spawn(process.execPath, ['explain.js'], { env: { ...process.env, ...ss.env } });
 * ```
 */
export async function findSwiftShader(env: Record<string, string | undefined> = nodeProcess?.env ?? {}): Promise<SwiftShader | undefined> {
  if (!isNode()) return undefined;
  const fs = await builtin<typeof import('node:fs')>('node:fs');
  const path = await builtin<typeof import('node:path')>('node:path');
  const os = await builtin<typeof import('node:os')>('node:os');
  const candidates = env.GLASSBOX_SWIFTSHADER_ICD ? [env.GLASSBOX_SWIFTSHADER_ICD] : SWIFTSHADER_ICD_CANDIDATES;
  const icd = candidates.find((c) => fs.existsSync(c));
  if (!icd) return undefined;
  const dir = path.dirname(icd);
  const vars: Record<string, string> = { VK_ICD_FILENAMES: icd };
  if (fs.existsSync(path.join(dir, 'libvulkan.so.1'))) {
    vars.LD_LIBRARY_PATH = env.LD_LIBRARY_PATH ? `${dir}${path.delimiter}${env.LD_LIBRARY_PATH}` : dir;
  }
  if (!env.XDG_RUNTIME_DIR) {
    const runtime = path.join(os.tmpdir(), `glassbox-xdg-${os.userInfo().uid}`);
    fs.mkdirSync(runtime, { recursive: true, mode: 0o700 });
    vars.XDG_RUNTIME_DIR = runtime;
  }
  return { icd, dir, env: vars };
}
