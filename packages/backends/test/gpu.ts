// Finds a WebGPU adapter for the tests (SwiftShader where there is no GPU). Without one, tests skip with the
// reason printed; in CI (CI set) that is an error, so a broken setup cannot pass silently.
import { existsSync } from 'node:fs';
import { SWIFTSHADER_ICD } from '@kanjs/backends';
import { ensureWebGPUForTests } from './gpu-setup.js';

export async function ensureGpuOrSkip(): Promise<{ skip: boolean; reason?: string }> {
  if (process.env['VK_ICD_FILENAMES'] === undefined && process.env['VK_DRIVER_FILES'] === undefined && existsSync(SWIFTSHADER_ICD)) {
    process.env['VK_ICD_FILENAMES'] = SWIFTSHADER_ICD;
  }
  const reason = await ensureWebGPUForTests();
  if (reason === null) return { skip: false };
  if (process.env['CI']) throw new Error(`WebGPU is required in CI but not available: ${reason}`);
  console.warn(`skipping WebGPU tests: ${reason}`);
  return { skip: true, reason };
}
