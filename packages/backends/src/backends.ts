// Backends by name: each entry knows how to load its tfjs backend, and what to say when it cannot.
import * as tf from '@tensorflow/tfjs-core';
import type { AdapterSummary } from '@kanjs/backend-webgpu';
import { autoOrder, firstToStart } from './auto-order.js';
import { checkThreads, planWasmThreads, wasmThreadDetails } from './wasm-threads.js';

/** The backend names `useBackend` takes. */
export const BACKEND_NAMES = ['auto', 'cuda', 'webgpu', 'webgl', 'wasm', 'cpu', 'tensorflow'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

/** Thrown when a backend cannot be used: one sentence that says why and what to do. */
export class BackendError extends Error {
  override readonly name = 'BackendError';

  constructor(message: string) {
    super(/[.!?]$/.test(message) ? message : `${message}.`);
  }
}

/** What a loaded backend is. */
export interface BackendInfo {
  /** The tfjs backend name now active. */
  readonly name: string;
  /** The WebGPU adapter, for webgpu. */
  readonly adapter?: AdapterSummary;
  /** Free-form details from the backend (e.g. the CUDA device). */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** Whether a backend can be used here, and if not, why. */
export interface BackendAvailability {
  readonly name: Exclude<BackendName, 'auto'>;
  readonly available: boolean;
  readonly reason?: string;
  /** For webgpu: the adapter, which may be a software one. */
  readonly adapter?: AdapterSummary;
}

/** What an entry's `prepare` gives: the info, and what to add to its details once the backend has started. */
type Prepared = Omit<BackendInfo, 'name'> & { readonly started?: () => Readonly<Record<string, unknown>> };

interface Entry {
  /** Loads the backend's module and registers it with tfjs; throws a BackendError with the reason. */
  prepare(options: UseBackendOptions): Promise<Prepared>;
}

const isBrowser = typeof window !== 'undefined' && typeof document !== 'undefined';
const isNode = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node !== undefined;

/** import() of an optional package that may be missing; the specifier is a variable so bundlers leave it alone. */
async function optional(specifier: string): Promise<Record<string, unknown>> {
  return (await import(/* @vite-ignore */ specifier)) as Record<string, unknown>;
}

type WebGPUModule = typeof import('@kanjs/backend-webgpu');

/** @kanjs/backend-webgpu (the fused WGSL kernels and Dawn's setup); throws a BackendError with the install hint. */
async function loadWebGPU(): Promise<WebGPUModule> {
  // A bundled browser app cannot import a package by a variable name: there the app imports
  // @kanjs/backend-webgpu once, and the module leaves itself under this key.
  const imported = (globalThis as Record<symbol, unknown>)[Symbol.for('@kanjs/backend-webgpu')];
  if (imported !== undefined) return imported as WebGPUModule;
  try {
    return (await optional('@kanjs/backend-webgpu')) as unknown as WebGPUModule;
  } catch (error) {
    throw new BackendError(
      'webgpu: @kanjs/backend-webgpu is not installed or does not load. Install it with `npm install @kanjs/backend-webgpu @tensorflow/tfjs-backend-webgpu` (in a bundled browser app, also `import \'@kanjs/backend-webgpu\'` once), ' +
        `plus \`webgpu\` in Node (${(error as Error).message.split('\n')[0]})`,
    );
  }
}

/**
 * Registers the fused kernels of @kanjs/backend-wasm (on wasm and cpu) where it is installed, and runs them on
 * `threads` threads where the environment allows (its `setKernelThreads`). Without it, or without wasm SIMD, the
 * layers run the generic composition there; `details.fusedKernels` says which, `details.kernelThreads` how many
 * threads the fused kernels have (and `kernelThreading` why one, where more were asked for).
 */
async function registerFusedCpuKernels(threads: number): Promise<Omit<BackendInfo, 'name'>> {
  let wasm: WasmKernelsModule;
  try {
    // As for webgpu: a bundled browser app imports @kanjs/backend-wasm once, and it leaves itself under this key.
    wasm = ((globalThis as Record<symbol, unknown>)[Symbol.for('@kanjs/backend-wasm')] ?? (await optional('@kanjs/backend-wasm'))) as WasmKernelsModule;
    await wasm.registerWasmKernels();
  } catch (error) {
    return { details: { fusedKernels: `none: ${(error as Error).message.split('\n')[0]}` } };
  }
  const pool = (await wasm.setKernelThreads?.(threads)) ?? { threads: 1, reason: 'this @kanjs/backend-wasm has no kernel threads' };
  return { details: { fusedKernels: '@kanjs/backend-wasm', kernelThreads: pool.threads, ...(pool.reason === undefined ? {} : { kernelThreading: `single-threaded: ${pool.reason}` }) } };
}

interface WasmKernelsModule {
  registerWasmKernels(): Promise<void>;
  setKernelThreads?(threads: number): Promise<{ threads: number; reason?: string }>;
}

const ENTRIES: Record<Exclude<BackendName, 'auto'>, Entry> = {
  cpu: {
    async prepare(options) {
      await import('@tensorflow/tfjs-backend-cpu').catch((error: Error) => {
        throw new BackendError(`cpu: @tensorflow/tfjs-backend-cpu is not installed (npm install @tensorflow/tfjs-backend-cpu): ${error.message}`);
      });
      return registerFusedCpuKernels((await planWasmThreads(options.threads, isNode ? 'node' : 'browser')).threads);
    },
  },
  wasm: {
    async prepare(options) {
      const wasm = await import('@tensorflow/tfjs-backend-wasm').catch((error: Error) => {
        throw new BackendError(`wasm: @tensorflow/tfjs-backend-wasm is not installed (npm install @tensorflow/tfjs-backend-wasm): ${error.message}`);
      });
      // tfjs-wasm sizes its pool once, when it starts: ask for the cores actually available before that.
      const plan = await planWasmThreads(options.threads, isNode ? 'node' : 'browser');
      const startedBefore = tf.engine().registry['wasm'] !== undefined;
      if (!startedBefore) wasm.setThreadsCount(plan.threads);
      const fused = await registerFusedCpuKernels(plan.threads);
      return { ...fused, started: () => ({ ...wasmThreadDetails(plan, wasm.getThreadsCount(), startedBefore) }) };
    },
  },
  webgl: {
    async prepare() {
      if (!isBrowser) throw new BackendError('webgl: needs a browser (WebGL is not available in Node)');
      if (tf.findBackendFactory('webgl') !== null) return {}; // the app imported @tensorflow/tfjs-backend-webgl itself
      await import('@tensorflow/tfjs-backend-webgl').catch((error: Error) => {
        throw new BackendError(`webgl: @tensorflow/tfjs-backend-webgl is not installed: ${error.message}`);
      });
      return {};
    },
  },
  webgpu: {
    async prepare() {
      const gpu = await (await loadWebGPU()).prepareWebGPUBackend();
      if ('reason' in gpu) throw new BackendError(`webgpu: ${gpu.reason}`);
      return { adapter: gpu.adapter };
    },
  },
  tensorflow: {
    async prepare() {
      try {
        await optional('@tensorflow/tfjs-node-gpu');
      } catch (error) {
        throw new BackendError(
          'tensorflow: @tensorflow/tfjs-node-gpu is not installed or does not load. Install it with `npm install @tensorflow/tfjs-node-gpu`; ' +
            `it needs CUDA 11.2 and cuDNN 8.1, and its install script downloads libtensorflow 2.9.1 (${(error as Error).message.split('\n')[0]})`,
        );
      }
      return {};
    },
  },
  cuda: {
    async prepare() {
      let module: Record<string, unknown>;
      try {
        module = await optional('@kanjs/backend-cuda');
        cudaModule = module;
      } catch (error) {
        throw new BackendError(
          'cuda: @kanjs/backend-cuda is not installed or does not load. Install it with `npm install @kanjs/backend-cuda`; it needs an NVIDIA GPU, ' +
            `its driver and the CUDA toolkit (${(error as Error).message.split('\n')[0]})`,
        );
      }
      const describe = module['describeDevice'];
      if (typeof describe !== 'function') return {};
      try {
        return { details: (await describe()) as Record<string, unknown> };
      } catch (error) {
        // Its own sentence: the addon not built, no driver or GPU, or a toolkit library missing (paths tried).
        throw new BackendError((error as Error).message);
      }
    },
  },
};

/** @kanjs/backend-cuda, once loaded (for its setTF32). */
let cudaModule: Record<string, unknown> | undefined;

/** Options of `useBackend`. */
export interface UseBackendOptions {
  /** On cuda: let fp32 matrix products use TF32 tensor cores (cuBLAS and the fused KAN kernels). Other backends ignore it. Default false. */
  readonly tf32?: boolean;
  /**
   * On wasm: the threads of tfjs-wasm's pool, set before the backend starts (later calls cannot change it). On
   * wasm and cpu: also the threads of @kanjs/backend-wasm's fused kernels (Node only; each call sets them).
   * Default: the cores available (Node: os.availableParallelism(), which follows `taskset`; a browser:
   * navigator.hardwareConcurrency when the page is cross-origin isolated, else 1). A positive integer.
   */
  readonly threads?: number;
}

async function activate(name: Exclude<BackendName, 'auto'>, options: UseBackendOptions): Promise<BackendInfo> {
  const { started, ...info } = await ENTRIES[name].prepare(options);
  let ok: boolean;
  try {
    ok = await tf.setBackend(name);
  } catch (error) {
    throw new BackendError(`${name}: the backend failed to start: ${(error as Error).message}`);
  }
  if (!ok) throw new BackendError(`${name}: the backend failed to start (tf.setBackend returned false)`);
  await tf.ready();
  if (started === undefined) return { name: tf.getBackend(), ...info };
  return { name: tf.getBackend(), ...info, details: { ...info.details, ...started() } };
}

/**
 * Makes a tfjs backend active by name and returns what it is. `auto` takes the first that starts of (Node) cuda,
 * webgpu on a real GPU (SwiftShader counts as none), wasm, cpu, or (a browser) webgpu on a real GPU, webgl, wasm,
 * cpu. On cuda, `options.tf32` switches TF32 tensor cores on (or off: the default). On wasm, `options.threads`
 * sizes tfjs-wasm's pool (default: the cores available), and `details` says what it got (`WasmThreadDetails`);
 * on wasm and cpu it also sizes the fused kernels' threads (`details.kernelThreads`).
 */
export async function useBackend(name: BackendName | string = 'auto', options: UseBackendOptions = {}): Promise<BackendInfo> {
  try {
    checkThreads(options.threads);
  } catch (error) {
    throw new BackendError((error as Error).message);
  }
  const info = await pick(name, options);
  if (info.name === 'cuda') (cudaModule?.['setTF32'] as ((on: boolean) => void) | undefined)?.(options.tf32 ?? false);
  return info;
}

async function pick(name: string, options: UseBackendOptions): Promise<BackendInfo> {
  if (!(BACKEND_NAMES as readonly string[]).includes(name)) {
    throw new BackendError(`unknown backend "${name}"; expected one of ${BACKEND_NAMES.join(', ')}.`);
  }
  if (name !== 'auto') return activate(name as Exclude<BackendName, 'auto'>, options);
  const result = await firstToStart(autoOrder(isNode ? 'node' : 'browser'), async (candidate) => {
    if (candidate === 'webgpu') await checkWebGPUForAuto();
    return activate(candidate, options);
  });
  if ('started' in result) return result.started;
  throw new BackendError(`no backend is available: ${result.reasons.join('; ')}`);
}

/** Throws the reason to skip webgpu in `auto`: no GPU device node, no adapter, or a software adapter (SwiftShader). */
async function checkWebGPUForAuto(): Promise<void> {
  const missing = await missingGpuDevice();
  if (missing !== null) throw new Error(`webgpu: ${missing}`);
  const gpu = await loadWebGPU().then(
    (webgpu) => webgpu.ensureWebGPU(),
    (error: Error) => ({ reason: error.message.replace(/^webgpu: |\.$/g, '') }),
  );
  if ('reason' in gpu) throw new Error(`webgpu: ${gpu.reason}`);
  if (gpu.adapter.software) throw new Error(`webgpu: the adapter is ${gpu.adapter.description || gpu.adapter.architecture}, a software renderer`);
}

/**
 * On Linux in Node, a reason to skip webgpu in `auto` when the machine has no GPU device node at all (no
 * /dev/dri, no /dev/nvidiactl): probing Dawn there finds only CPU Vulkan drivers and prints their warnings.
 */
const NODE_FS = 'node:fs'; // a variable, so that bundlers for the browser leave the import alone

async function missingGpuDevice(): Promise<string | null> {
  const node = (globalThis as { process?: { platform?: string } }).process;
  if (!isNode || node?.platform !== 'linux') return null;
  const { existsSync } = (await import(/* @vite-ignore */ NODE_FS)) as typeof import('node:fs');
  return ['/dev/dri', '/dev/nvidiactl', '/dev/kfd'].some(existsSync) ? null : 'no GPU device (/dev/dri, /dev/nvidiactl) on this machine';
}

/** What each backend would do here: available or not, and why. Does not change the active backend. */
export async function listBackends(): Promise<BackendAvailability[]> {
  const result: BackendAvailability[] = [];
  for (const name of Object.keys(ENTRIES) as Exclude<BackendName, 'auto'>[]) {
    try {
      const info = await ENTRIES[name].prepare({});
      result.push({ name, available: true, ...(info.adapter === undefined ? {} : { adapter: info.adapter }) });
    } catch (error) {
      result.push({ name, available: false, reason: (error as Error).message });
    }
  }
  return result;
}
