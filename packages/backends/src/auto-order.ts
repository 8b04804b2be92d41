// The order in which `useBackend('auto')` tries backends, and the loop that takes the first one that starts.

/** Where kanjs runs: Node, or a browser (any other JavaScript environment counts as one). */
export type Environment = 'node' | 'browser';

/**
 * The backends `auto` tries, best first. Node: cuda, webgpu (on a real GPU), wasm, cpu. A browser: webgpu (on a
 * real GPU), webgl (where @tensorflow/tfjs-backend-webgl is installed or registered), wasm, cpu.
 */
export function autoOrder(environment: Environment): readonly ('cuda' | 'webgpu' | 'webgl' | 'wasm' | 'cpu')[] {
  return environment === 'node' ? ['cuda', 'webgpu', 'wasm', 'cpu'] : ['webgpu', 'webgl', 'wasm', 'cpu'];
}

/**
 * Tries `start` on each candidate in order and returns what the first that does not throw gives; otherwise the
 * reason of each, in order (each error's message, its final full stop dropped).
 */
export async function firstToStart<N extends string, T>(
  candidates: readonly N[],
  start: (name: N) => Promise<T>,
): Promise<{ started: T } | { reasons: string[] }> {
  const reasons: string[] = [];
  for (const candidate of candidates) {
    try {
      return { started: await start(candidate) };
    } catch (error) {
      reasons.push((error as Error).message.replace(/\.$/, ''));
    }
  }
  return { reasons };
}
