// The compiled kernels on disk, so that a new process loads them instead of compiling again with NVRTC (a
// training step's ~40 kernels take seconds to compile). A kernel's file is named by a hash of its source, its
// name and the device's architecture, NVRTC and driver versions; it is written to a temporary file, then
// renamed. The cache only saves time: a file that cannot be read or loaded is compiled again, and a folder
// that cannot be written leaves kernels in memory only.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { CudaAddon, DeviceInfo } from './native.js';

/** The cache folder: $KANJS_CUDA_CACHE, or ~/.cache/kanjs/cuda; `off` (or "") turns it off. */
export function defaultKernelCacheDir(): string | false {
  const configured = process.env['KANJS_CUDA_CACHE'];
  if (configured === 'off' || configured === '') return false;
  return configured ?? join(homedir(), '.cache', 'kanjs', 'cuda');
}

export class KernelCache {
  private readonly tag: string;
  private writable = true;

  constructor(
    private readonly dir: string,
    device: DeviceInfo,
  ) {
    this.tag = `sm_${device.computeCapability}|nvrtc ${device.nvrtcVersion}|driver ${device.driverVersion}`;
  }

  /** The kernel's function index: loaded from the cache, or compiled (and then stored). */
  load(native: CudaAddon, source: string, kernelName: string): number {
    const file = join(this.dir, `${createHash('sha256').update(`${this.tag}\0${kernelName}\0${source}`).digest('hex').slice(0, 40)}.cubin`);
    let cached: Uint8Array | undefined;
    try {
      cached = new Uint8Array(readFileSync(file));
    } catch {
      cached = undefined; // not cached yet
    }
    if (cached !== undefined && cached.length > 0) {
      try {
        return native.load(cached, kernelName);
      } catch {
        // a damaged or foreign file: compile again and replace it
      }
    }
    const cubin = native.compileCubin(source, kernelName);
    this.store(file, cubin);
    return native.load(cubin, kernelName);
  }

  private store(file: string, cubin: Uint8Array): void {
    if (!this.writable) return;
    const temporary = `${file}.${process.pid}.tmp`;
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileSync(temporary, cubin);
      renameSync(temporary, file);
    } catch {
      this.writable = false; // a read-only or full disk: keep compiling in memory
    }
  }
}
