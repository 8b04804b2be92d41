// Finds a WebGPU adapter for the conformance suite (SwiftShader where there is no GPU). Without one, webgpu is
// skipped with the reason printed; in CI that is an error, so a broken setup cannot pass silently.
import { webgpuOrSkip } from '@kanjs/testing';
import { listBackends } from '@kanjs/backends';

export function ensureGpuOrSkip(): Promise<{ skip: boolean; reason?: string }> {
  return webgpuOrSkip(async () => {
    const webgpu = (await listBackends()).find((b) => b.name === 'webgpu')!;
    return webgpu.available ? null : (webgpu.reason ?? 'unknown');
  });
}
