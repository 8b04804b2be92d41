// Makes the tfjs `webgpu` backend ready for kanjs: WebGPU itself (Dawn in Node), tfjs-backend-webgpu, the fused
// kernels, the device reduction gradients, Dawn's settings and the check of every registered basis's snippet.
import { useDeviceReductionGradients } from '@kanjs/kernels';
import { configureForDawn } from './dawn/dawn-settings.js';
import { ensureWebGPU, isNode, type AdapterSummary } from './dawn/dawn.js';
import { checkRegisteredBases } from './kernels/basis-linear.js';
import { registerWebGPUKernels } from './register-all-kernels.js';

/**
 * Prepares the `webgpu` backend (it is registered with tfjs, not yet active: `tf.setBackend('webgpu')` starts it)
 * and compiles the WGSL snippet of every basis registered so far (see `checkFusedBasis`).
 * Returns the adapter, or the reason there is none (no adapter, or a package missing, with the command that
 * installs it).
 */
export async function prepareWebGPUBackend(): Promise<{ adapter: AdapterSummary } | { reason: string }> {
  const gpu = await ensureWebGPU();
  if ('reason' in gpu) return gpu;
  let webgpu: typeof import('@tensorflow/tfjs-backend-webgpu');
  try {
    webgpu = await import('@tensorflow/tfjs-backend-webgpu');
  } catch (error) {
    return { reason: `@tensorflow/tfjs-backend-webgpu is not installed (npm install @tensorflow/tfjs-backend-webgpu): ${(error as Error).message}` };
  }
  registerWebGPUKernels();
  useDeviceReductionGradients('webgpu'); // Sum's and Mean's gradients broadcast dy instead of uploading ones
  // The cpu backend, registered but not active: layers run small read-back computations there (webgpu in Node
  // cannot read synchronously). Optional: without it those computations stay on webgpu.
  await import('@tensorflow/tfjs-backend-cpu').catch(() => undefined);
  if (isNode) configureForDawn(webgpu.WebGPUBackend);
  // Bases registered by now take the fused kernels from their first call if their snippets compile.
  await checkRegisteredBases();
  return gpu;
}
