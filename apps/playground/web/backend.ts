// Picks the training backend by availability: WebGPU (with kanjs's fused KAN kernels), else wasm, else cpu. The
// backends are imported here, not through @kanjs/backends' optional imports, so that Vite bundles them.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

export const PLAYGROUND_BACKENDS = ['webgpu', 'wasm', 'cpu'] as const;

/** Registers a backend with tfjs; throws why it cannot be used. */
const PREPARE: Record<string, () => Promise<void>> = {
  webgpu: async () => {
    const { prepareWebGPUBackend } = await import('@kanjs/backend-webgpu');
    const prepared = await prepareWebGPUBackend();
    if ('reason' in prepared) throw new Error(`webgpu: ${prepared.reason}`);
  },
  wasm: async () => {
    // The .wasm files are part of the build (Vite's `?url` imports), never fetched from a CDN.
    setWasmPaths({
      'tfjs-backend-wasm.wasm': wasmUrl,
      'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
      'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimdUrl,
    });
  },
  cpu: async () => undefined,
};

/** The backend chosen and why the ones before it were passed over. */
export interface BackendChoice {
  readonly name: string;
  readonly skipped: readonly string[];
}

/** Makes the first of `candidates` that starts the active tfjs backend. */
export async function chooseBackend(candidates: readonly string[]): Promise<BackendChoice> {
  const skipped: string[] = [];
  for (const name of candidates) {
    const prepare = PREPARE[name];
    if (prepare === undefined) throw new Error(`expected ?backend= to list ${PLAYGROUND_BACKENDS.join(', ')}, got "${name}".`);
    try {
      await prepare();
      if (await tf.setBackend(name)) {
        await tf.ready();
        return { name, skipped };
      }
      skipped.push(`${name}: did not start`);
    } catch (error) {
      skipped.push((error as Error).message);
    }
  }
  throw new Error(`expected one of the backends ${candidates.join(', ')} to start, but none did (${skipped.join('; ')}).`);
}

/** The backends named by `?backend=a,b`, or all of them, fastest first. */
export function backendCandidates(list: string | null): string[] {
  return list === null || list.trim() === '' ? [...PLAYGROUND_BACKENDS] : list.split(',').map((name) => name.trim());
}
