// Picks the fastest tfjs backend this browser has: webgpu, then webgl, then wasm, then cpu.
import * as tf from '@tensorflow/tfjs-core';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

export const BROWSER_BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BrowserBackend = (typeof BROWSER_BACKENDS)[number];

const LOADERS: Record<BrowserBackend, () => Promise<unknown>> = {
  webgpu: () => import('@tensorflow/tfjs-backend-webgpu'),
  webgl: () => import('@tensorflow/tfjs-backend-webgl'),
  wasm: async () => {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    // The .wasm files are part of the build (Vite's `?url` imports), never fetched from a CDN.
    wasm.setWasmPaths({
      'tfjs-backend-wasm.wasm': wasmUrl,
      'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
      'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimdUrl,
    });
  },
  cpu: () => import('@tensorflow/tfjs-backend-cpu'),
};

/** The backend chosen and why the faster ones were passed over. */
export interface BackendChoice {
  readonly name: BrowserBackend;
  readonly skipped: readonly string[];
}

/** Sets the first backend of `candidates` that initialises (default: all, fastest first). */
export async function chooseBackend(candidates: readonly BrowserBackend[] = BROWSER_BACKENDS): Promise<BackendChoice> {
  // Registered but not active: kan-layers computes a KANLinear's initial fit on cpu when it can, since it needs
  // synchronous reads, which WebGPU does only through a canvas.
  await LOADERS.cpu();
  const skipped: string[] = [];
  for (const name of candidates) {
    try {
      await LOADERS[name]();
      if (await tf.setBackend(name)) {
        await tf.ready();
        return { name, skipped };
      }
      skipped.push(`${name}: did not initialise`);
    } catch (error) {
      skipped.push(`${name}: ${(error as Error).message}`);
    }
  }
  throw new Error(`no tfjs backend could be set up (${skipped.join('; ')}).`);
}

/** The backends named by a `?backend=a,b` list, in the fallback order when the list is absent or empty. */
export function backendCandidates(list: string | null): BrowserBackend[] {
  if (list === null || list.trim() === '') return [...BROWSER_BACKENDS];
  const names = list.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(BROWSER_BACKENDS as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`unknown backend ${unknown.join(', ')} in ?backend=; expected ${BROWSER_BACKENDS.join(', ')}.`);
  return names as BrowserBackend[];
}
