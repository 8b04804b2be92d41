// Turns a backend name into a ready tfjs backend in Node. `auto` picks wasm, then cpu.
import * as tf from '@tensorflow/tfjs-core';

export const BACKEND_NAMES = ['auto', 'cuda', 'webgpu', 'wasm', 'cpu', 'tensorflow'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

const LOADERS: Record<string, () => Promise<unknown>> = {
  wasm: () => import('@tensorflow/tfjs-backend-wasm'),
  cpu: () => import('@tensorflow/tfjs-backend-cpu'),
};

/** Thrown when a backend cannot be used; the message says why and what is available. */
export class BackendError extends Error {
  override readonly name = 'BackendError';
}

/** Sets the tfjs backend by name and returns the name in use. */
export async function useBackend(name: string): Promise<string> {
  // tfjs's one-time console notes (e.g. "install the node backend") are not for our users.
  tf.env().set('PROD', true);
  if (!(BACKEND_NAMES as readonly string[]).includes(name)) {
    throw new BackendError(`unknown backend "${name}"; expected one of ${BACKEND_NAMES.join(', ')}.`);
  }
  const candidates = name === 'auto' ? ['wasm', 'cpu'] : [name];
  const failures: string[] = [];
  for (const candidate of candidates) {
    const load = LOADERS[candidate];
    if (load === undefined) {
      failures.push(`${candidate}: not available in this version of kanjs-mnist (available: wasm, cpu)`);
      continue;
    }
    try {
      await load();
      if (await tf.setBackend(candidate)) {
        await tf.ready();
        return tf.getBackend();
      }
      failures.push(`${candidate}: tf.setBackend("${candidate}") failed`);
    } catch (error) {
      failures.push(`${candidate}: ${(error as Error).message}`);
    }
  }
  throw new BackendError(`backend "${name}" is not available: ${failures.join('; ')}.`);
}
