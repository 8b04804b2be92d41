import { listBackends } from '@kanjs/backends';

/** null when a webgpu adapter exists, else the reason. */
export async function ensureWebGPUForTests(): Promise<string | null> {
  const webgpu = (await listBackends()).find((b) => b.name === 'webgpu')!;
  return webgpu.available ? null : (webgpu.reason ?? 'unknown');
}
