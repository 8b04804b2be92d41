// The native addon: built by the package's build target where nvcc is (CI included), loadable, and clear about
// what is missing on a machine without a GPU.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findNvcc } from '@kanjs/testing';
import { ADDON_PATH, describeDevice } from '../src/index.js';
import { loadAddon } from '../src/native.js';

const built = existsSync(ADDON_PATH);
if (!built && findNvcc() !== null && process.env['CI'] === 'true') throw new Error(`nvcc is here but the addon was not built at ${ADDON_PATH} (CI=true).`);

describe('the cuda addon', () => {
  it.skipIf(!built)('loads and exports the device functions', () => {
    const addon = loadAddon();
    for (const name of ['init', 'alloc', 'free', 'upload', 'download', 'downloadAsync', 'compileCubin', 'load', 'launch', 'gemm', 'memory']) {
      expect(typeof (addon as unknown as Record<string, unknown>)[name]).toBe('function');
    }
  });

  it.skipIf(!built)('describeDevice names the GPU, or says in one sentence what is missing', () => {
    let message = '';
    try {
      const info = describeDevice();
      expect(info.name.length).toBeGreaterThan(0);
      expect(info.computeCapability).toMatch(/^\d+\.\d+$/);
      return;
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^cuda: (no NVIDIA driver: .*tried libcuda\.so\.1|no GPU|NVRTC .*not found; tried|cuBLAS .*not found; tried)/);
    expect(message.split('\n')).toHaveLength(1);
  });
});
