// WebGPU for tests in Node: Dawn on SwiftShader where no Vulkan driver is chosen, and the skip policy of the
// WebGPU test suites (skip with the reason printed; fail under CI=true, where WebGPU must be there).
import { existsSync } from 'node:fs';
import { SWIFTSHADER_ICD } from '@kanjs/kernels';
import { unavailable } from './harness.js';

/** Points Vulkan at SwiftShader when no driver is chosen (VK_ICD_FILENAMES, VK_DRIVER_FILES) and it is installed. */
export function preferSwiftShader(): void {
  if (process.env['VK_ICD_FILENAMES'] === undefined && process.env['VK_DRIVER_FILES'] === undefined && existsSync(SWIFTSHADER_ICD)) {
    process.env['VK_ICD_FILENAMES'] = SWIFTSHADER_ICD;
  }
}

/**
 * Starts WebGPU for a test suite: `start` makes the backend ready and gives null, or the reason it cannot. Returns
 * whether the suite skips; under CI=true a missing WebGPU throws instead.
 */
export async function webgpuOrSkip(start: () => Promise<string | null>): Promise<{ skip: boolean; reason?: string }> {
  preferSwiftShader();
  const reason = await start();
  if (reason === null) return { skip: false };
  unavailable('WebGPU', reason, true);
  return { skip: true, reason };
}
