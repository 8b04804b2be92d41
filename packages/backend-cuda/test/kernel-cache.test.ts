// Compiled kernels on disk: a second backend loads them instead of compiling; a damaged file is compiled again
// and replaced; a folder that cannot be written only costs the saving. Runs without a GPU (recording stand-in).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CudaBackend } from '../src/index.js';
import { defaultKernelCacheDir } from '../src/kernel-cache.js';
import { RecordingAddon } from './recording-addon.js';

const dir = mkdtempSync(join(tmpdir(), 'kanjs-cuda-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SOURCE = 'extern "C" __global__ void kan_probe(float* y) { y[0] = 42.0f; }';

describe('the kernel cache', () => {
  it('stores a compiled kernel and loads it in a new backend without compiling', () => {
    const first = new RecordingAddon();
    new CudaBackend({ native: first, kernelCache: dir }).compiled('kan_probe', SOURCE);
    expect(first.compiles).toBe(1);
    const files = readdirSync(dir).filter((f) => f.endsWith('.cubin'));
    expect(files).toHaveLength(1);
    expect(readFileSync(join(dir, files[0]!), 'utf8')).toBe('cubin of kan_probe');

    const second = new RecordingAddon();
    const backend = new CudaBackend({ native: second, kernelCache: dir });
    const fn = backend.compiled('kan_probe', SOURCE);
    expect(second.compiles).toBe(0);
    backend.launch(fn, [1, 1, 1], [1, 1, 1], 0, 'p', [0]);
    expect(second.launches).toEqual(['kan_probe']);
    // Another source, name or device gets its own file.
    backend.compiled('kan_probe', SOURCE.replace('42.0f', '7.0f'));
    expect(second.compiles).toBe(1);
    expect(readdirSync(dir).filter((f) => f.endsWith('.cubin'))).toHaveLength(2);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('compiles a damaged file again and replaces it', () => {
    const file = readdirSync(dir).find((f) => readFileSync(join(dir, f), 'utf8') === 'cubin of kan_probe')!;
    writeFileSync(join(dir, file), 'garbage');
    const addon = new RecordingAddon();
    new CudaBackend({ native: addon, kernelCache: dir }).compiled('kan_probe', SOURCE);
    expect(addon.compiles).toBe(1);
    expect(readFileSync(join(dir, file), 'utf8')).toBe('cubin of kan_probe');
  });

  it('keeps working when the folder cannot be made or written', () => {
    const notAFolder = join(dir, 'a-file');
    writeFileSync(notAFolder, 'in the way'); // even root cannot make a folder where a file is
    const addon = new RecordingAddon();
    const backend = new CudaBackend({ native: addon, kernelCache: join(notAFolder, 'kernels') });
    backend.compiled('kan_probe', SOURCE);
    backend.compiled('kan_probe', SOURCE);
    expect(addon.compiles).toBe(1); // still kept in memory
    expect(readFileSync(notAFolder, 'utf8')).toBe('in the way');
  });

  it('is configured by KANJS_CUDA_CACHE: a folder, or off', () => {
    const saved = process.env['KANJS_CUDA_CACHE'];
    try {
      process.env['KANJS_CUDA_CACHE'] = '/somewhere/kernels';
      expect(defaultKernelCacheDir()).toBe('/somewhere/kernels');
      process.env['KANJS_CUDA_CACHE'] = 'off';
      expect(defaultKernelCacheDir()).toBe(false);
      delete process.env['KANJS_CUDA_CACHE'];
      expect(defaultKernelCacheDir()).toMatch(/\.cache\/kanjs\/cuda$/);
    } finally {
      if (saved === undefined) delete process.env['KANJS_CUDA_CACHE'];
      else process.env['KANJS_CUDA_CACHE'] = saved;
    }
  });
});
