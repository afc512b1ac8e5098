import { defineConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.ts';
import { findSwiftShader } from './src/findSwiftShader.ts';

// Dawn's Vulkan loader reads these once, when a test process starts: set them here, before vitest
// forks its workers (they inherit this environment). Without a GPU, SwiftShader (from Debian's
// chromium package) is the Vulkan driver; a VK_ICD_FILENAMES set by the caller wins.
if (!process.env.VK_ICD_FILENAMES) {
  const swiftShader = await findSwiftShader();
  if (swiftShader) Object.assign(process.env, swiftShader.env);
}

export default defineConfig(sharedTestConfig(import.meta.dirname));
