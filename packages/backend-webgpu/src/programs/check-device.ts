// The device the snippet checks compile on: the tfjs webgpu backend's own once it has started, before that one
// requested from navigator.gpu for the checks (prepareWebGPUBackend checks before the backend starts).
import * as tf from '@tensorflow/tfjs-core';
import type { CheckDevice } from './snippet-check.js';

/** The started tfjs `webgpu` backend's device; undefined before it starts (looked up without starting it). */
export function backendDevice(): CheckDevice | undefined {
  const registry = (tf.engine() as unknown as { registry: Record<string, { device?: CheckDevice } | undefined> }).registry;
  return registry['webgpu']?.device;
}

let own: Promise<CheckDevice | undefined> | undefined;

/** The backend's device, or else one of our own from navigator.gpu (requested once); undefined without WebGPU. */
export function checkingDevice(): Promise<CheckDevice | undefined> {
  const device = backendDevice();
  if (device !== undefined) return Promise.resolve(device);
  own ??= (async () => {
    const gpu = (globalThis as { navigator?: { gpu?: { requestAdapter(): Promise<{ requestDevice(): Promise<CheckDevice> } | null> } } }).navigator?.gpu;
    const adapter = await gpu?.requestAdapter().catch(() => null);
    return adapter?.requestDevice().catch(() => undefined) ?? undefined;
  })();
  return own;
}
