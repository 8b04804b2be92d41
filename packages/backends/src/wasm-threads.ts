// tfjs-wasm's thread pool: how many threads `useBackend('wasm')` asks it for (set before the backend starts,
// since tfjs-wasm sizes its pool once, by default from the machine's core count), and what it reports once it
// has started.

/** How many threads to ask tfjs-wasm for, and, where it cannot use more than one here, why. */
export interface WasmThreadPlan {
  readonly threads: number;
  /** Why tfjs-wasm runs single-threaded in this environment, if it does whatever is asked. */
  readonly singleThreaded?: string;
}

/** What `useBackend('wasm')` reports about the pool in `BackendInfo.details`. */
export interface WasmThreadDetails {
  /** The threads tfjs-wasm's XNNPACK pool has (its `getThreadsCount()`). */
  readonly threads: number;
  /** The threads asked for: `options.threads`, else the cores available to this process. */
  readonly threadsRequested: number;
  /** `multi-threaded`, or `single-threaded: ` and the reason. */
  readonly threading: string;
}

const NODE_SINGLE_THREADED =
  'tfjs-backend-wasm runs single-threaded in Node (it loads its threaded build only in browsers, tensorflow/tfjs#3830)';
const NOT_ISOLATED =
  'the page is not cross-origin isolated, so it has no SharedArrayBuffer (serve it with Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp)';

const NODE_OS = 'node:os'; // a variable, so that bundlers for the browser leave the import alone

/** `options.threads` checked: undefined, or a positive integer; anything else throws one sentence. */
export function checkThreads(threads: unknown): number | undefined {
  if (threads === undefined) return undefined;
  if (typeof threads !== 'number' || !Number.isInteger(threads) || threads < 1) {
    throw new RangeError(`useBackend: expected options.threads to be a positive integer, got ${typeof threads === 'number' ? threads : JSON.stringify(threads) ?? String(threads)}.`);
  }
  return threads;
}

/** The cores this Node process may run on (its CPU affinity, so `taskset` counts), at least 1. */
async function nodeCores(): Promise<number> {
  const os = (await import(/* @vite-ignore */ NODE_OS)) as typeof import('node:os');
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

/**
 * The pool to ask for: `requested`, else the cores available (Node: os.availableParallelism(); a browser:
 * navigator.hardwareConcurrency, and only when the page is cross-origin isolated, since tfjs-wasm's threads need
 * SharedArrayBuffer; otherwise 1).
 */
export async function planWasmThreads(requested: number | undefined, environment: 'node' | 'browser'): Promise<WasmThreadPlan> {
  if (environment === 'node') return { threads: requested ?? (await nodeCores()), singleThreaded: NODE_SINGLE_THREADED };
  const scope = globalThis as { crossOriginIsolated?: boolean; navigator?: { hardwareConcurrency?: number } };
  if (scope.crossOriginIsolated !== true) return { threads: 1, singleThreaded: NOT_ISOLATED };
  return { threads: requested ?? Math.max(1, scope.navigator?.hardwareConcurrency ?? 1) };
}

/** The details once tfjs-wasm has started with `actual` threads; `startedBefore`: it had started before this call. */
export function wasmThreadDetails(plan: WasmThreadPlan, actual: number, startedBefore: boolean): WasmThreadDetails {
  let threading = 'multi-threaded';
  if (actual <= 1) {
    const reason = startedBefore
      ? 'the wasm backend had already started with one thread (pass threads to the first useBackend(\'wasm\'))'
      : plan.singleThreaded ?? (plan.threads <= 1 ? 'one thread was asked for' : 'tfjs-backend-wasm loaded its single-threaded build (no wasm threads or SharedArrayBuffer here)');
    threading = `single-threaded: ${reason}`;
  }
  return { threads: actual, threadsRequested: plan.threads, threading };
}
