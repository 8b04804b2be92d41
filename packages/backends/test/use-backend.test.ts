import * as tf from '@tensorflow/tfjs-core';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BACKEND_NAMES, BackendError, listBackends, useBackend } from '@kanjs/backends';

const hasNvidiaDevice = existsSync('/dev/nvidiactl');
/** What `cuda` says without a GPU: the package missing, its addon not built, or no driver (naming the paths tried). */
const CUDA_MISSING =
  /^cuda: (@kanjs\/backend-cuda is not installed or does not load\. .*NVIDIA GPU.*CUDA toolkit|the native addon is not built \(expected .*\); .*build:addon|no NVIDIA driver: .*tried libcuda\.so\.1|no GPU: .*)/;

describe('useBackend', () => {
  it('turns cpu and wasm into the active backend and says which', async () => {
    expect((await useBackend('cpu')).name).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect((await useBackend('wasm')).name).toBe('wasm');
    await useBackend('cpu');
  });

  it('picks wasm for auto on a machine without a GPU device', async () => {
    const { existsSync } = await import('node:fs');
    const hasGpu = ['/dev/dri', '/dev/nvidiactl', '/dev/kfd'].some(existsSync);
    const info = await useBackend('auto');
    if (!hasGpu) expect(info.name).toBe('wasm');
    await useBackend('cpu');
  });

  it('gives one clear sentence for names it does not know and backends that are missing', async () => {
    await expect(useBackend('tpu')).rejects.toThrow(`unknown backend "tpu"; expected one of ${BACKEND_NAMES.join(', ')}.`);
    await expect(useBackend('tensorflow')).rejects.toThrow(/^tensorflow: @tensorflow\/tfjs-node-gpu is not installed or does not load\. Install it with `npm install @tensorflow\/tfjs-node-gpu`; it needs CUDA 11\.2 and cuDNN 8\.1/);
    // In this workspace @kanjs/backend-cuda is installed; where its addon is built but there is no GPU, the addon
    // says what is missing. (On a GPU machine cuda starts, so there is nothing to check.)
    if (!hasNvidiaDevice) {
      await expect(useBackend('cuda')).rejects.toThrow(CUDA_MISSING);
      await expect(useBackend('cuda')).rejects.toBeInstanceOf(BackendError);
    }
    await expect(useBackend('webgl')).rejects.toThrow('webgl: needs a browser (WebGL is not available in Node).');
    await expect(useBackend('webgl')).rejects.toBeInstanceOf(BackendError);
  });

  it('lists every backend with its availability and reason', async () => {
    const list = await listBackends();
    expect(list.map((b) => b.name).sort()).toEqual(['cpu', 'cuda', 'tensorflow', 'wasm', 'webgl', 'webgpu']);
    expect(list.find((b) => b.name === 'cpu')!.available).toBe(true);
    const cuda = list.find((b) => b.name === 'cuda')!;
    if (!hasNvidiaDevice) {
      expect(cuda.available).toBe(false);
      expect(cuda.reason).toMatch(CUDA_MISSING);
    }
  });
});

describe('the webgpu entry', () => {
  it('uses @kanjs/backend-webgpu once it is imported, as a bundled browser app does (no import by name)', async () => {
    const key = Symbol.for('@kanjs/backend-webgpu');
    const globals = globalThis as Record<symbol, unknown>;
    const saved = globals[key];
    let calls = 0;
    globals[key] = {
      prepareWebGPUBackend: async () => {
        calls++;
        return { reason: 'the stand-in module was asked' };
      },
    };
    try {
      await expect(useBackend('webgpu')).rejects.toThrow('webgpu: the stand-in module was asked');
      expect(calls).toBe(1);
    } finally {
      globals[key] = saved;
    }
  });

  it('is registered under that key by importing @kanjs/backend-webgpu', async () => {
    const module = await import('@kanjs/backend-webgpu');
    const registered = (globalThis as Record<symbol, unknown>)[Symbol.for('@kanjs/backend-webgpu')] as Record<string, unknown>;
    expect(registered['prepareWebGPUBackend']).toBe(module.prepareWebGPUBackend);
  });
});
