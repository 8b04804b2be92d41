// The CLI's backend choice: @kanjs/backends by name (auto: cuda, then webgpu on a real GPU, then wasm, then cpu).
import * as tf from '@tensorflow/tfjs-core';
import { useBackend as selectBackend, type BackendInfo } from '@kanjs/backends';

export { BACKEND_NAMES, BackendError } from '@kanjs/backends';

/** Makes the named backend active; returns its name and, on webgpu, the adapter's description. */
export async function useBackend(name: string): Promise<string> {
  // tfjs's one-time console notes (e.g. "install the node backend") are not for our users.
  tf.env().set('PROD', true);
  const info: BackendInfo = await selectBackend(name);
  return info.adapter === undefined ? info.name : `${info.name} (${info.adapter.description || info.adapter.device || info.adapter.vendor})`;
}
