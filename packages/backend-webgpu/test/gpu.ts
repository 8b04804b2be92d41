// Prepares the webgpu backend for the tests (Dawn on SwiftShader where there is no GPU). Without an adapter the
// tests skip with the reason printed; in CI that is an error, so a broken setup cannot pass silently.
import * as tf from '@tensorflow/tfjs-core';
import { webgpuOrSkip } from '@kanjs/testing';
import { prepareWebGPUBackend } from '../src/index.js';

export function webgpuForTests(): Promise<{ skip: boolean; reason?: string }> {
  return webgpuOrSkip(async () => {
    const gpu = await prepareWebGPUBackend();
    return 'reason' in gpu ? gpu.reason : null;
  });
}

/** Makes a backend active (webgpu, or cpu for references), once it has started. */
export async function activate(name: 'webgpu' | 'cpu'): Promise<void> {
  if (!(await tf.setBackend(name))) throw new Error(`the ${name} backend did not start.`);
  await tf.ready();
}
