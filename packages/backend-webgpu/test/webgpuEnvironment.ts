import { existsSync } from 'node:fs';

/**
 * Why WebGPU tests cannot run here, or undefined when they can. They need a Vulkan driver for Dawn:
 * the vitest config points VK_ICD_FILENAMES at Chromium's SwiftShader when it finds one
 * (`apt-get install chromium`), and CI installs it. Only its absence skips; a driver that is
 * present but broken fails the tests.
 */
export function webgpuSkipReason(): string | undefined {
  const icd = process.env.VK_ICD_FILENAMES;
  if (!icd) return 'no Vulkan driver: install Debian\'s chromium package (its SwiftShader ICD) or set VK_ICD_FILENAMES';
  if (!icd.split(':').some((f) => existsSync(f))) return `VK_ICD_FILENAMES=${icd} names no existing file`;
  return undefined;
}
