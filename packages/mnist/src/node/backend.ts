// The CLI's backend choice: @kanjs/backends by name (auto: cuda, then webgpu on a real GPU, then wasm, then cpu).
import * as tf from '@tensorflow/tfjs-core';
import { useBackend as selectBackend, type BackendInfo } from '@kanjs/backends';
import type { CaptureStepFn } from '../train/trainer.js';

export { BACKEND_NAMES, BackendError } from '@kanjs/backends';

/** Makes the named backend active; returns its name and, on webgpu, the adapter's description. */
export async function useBackend(name: string): Promise<string> {
  // tfjs's one-time console notes (e.g. "install the node backend") are not for our users.
  tf.env().set('PROD', true);
  const info: BackendInfo = await selectBackend(name);
  return info.adapter === undefined ? info.name : `${info.name} (${info.adapter.description || info.adapter.device || info.adapter.vendor})`;
}

/**
 * On cuda, unless `capture` is off: @kanjs/backend-cuda's captureStep (loaded by name: it is an optional peer), with
 * its notes logged once each.
 */
export async function stepCapture(capture: boolean, log: (line: string) => void): Promise<{ captureStep: CaptureStepFn; warn: (note: string) => void } | undefined> {
  if (!capture || tf.getBackend() !== 'cuda') return undefined;
  const name = '@kanjs/backend-cuda';
  const module = (await import(name)) as { captureStep?: CaptureStepFn };
  if (typeof module.captureStep !== 'function') return undefined;
  const notes = new Set<string>();
  const warn = (note: string) => {
    if (notes.has(note)) return;
    notes.add(note);
    log(note);
  };
  return { captureStep: module.captureStep, warn };
}
