// The fused kernels' wasm module: compiled once from the bundled bytes, with its memory laid out per call. With
// threads (setKernelThreads), the threaded build on a shared memory instead, which the workers instantiate too.
import { MODULE_BASE64, THREADED_MODULE_BASE64 } from './module-bytes.js';
import { NO_POOL, runJobs, startThreads, stopThreads, threadsUnavailable, type Pool, type ThreadExport } from './threads.js';

interface Exports {
  readonly memory: WebAssembly.Memory;
  readonly SCRATCH_BYTES: WebAssembly.Global;
  heapBase(): number;
  useScratch(at: number): void;
  forward(...args: number[]): void;
  forwardAccumulate(...args: number[]): void;
  addBias(y: number, bias: number, rows: number, outP: number): void;
  unpad(at: number, rows: number, cols: number, stride: number): void;
  gradInput(...args: number[]): void;
  gradWeight(...args: number[]): void;
  packPanels(src: number, rows: number, cols: number, dst: number): void;
  packTransposed(src: number, rows: number, cols: number, dst: number): void;
  layerNormForward(x: number, gamma: number, beta: number, y: number, rows: number, n: number, eps: number): void;
  layerNormGradInput(dy: number, x: number, gamma: number, dx: number, rows: number, n: number, eps: number): void;
  layerNormGradGamma(dy: number, x: number, dgamma: number, xhat: number, rows: number, n: number, eps: number): void;
  layerNormGradBeta(dy: number, dbeta: number, rows: number, n: number): void;
  adamw(...args: number[]): void;
  softmaxCrossEntropy(labels: number, z: number, B: number, C: number, e: number): number;
  softmaxCrossEntropyGrad(dy: number, labels: number, z: number, dz: number, B: number, C: number): void;
}

/** The module's exports once `loadKernelModule` has resolved. */
let instance: Exports | undefined;
let loading: Promise<Exports> | undefined;
/** The workers running the threaded module with `instance` (none: one thread). */
let pool: Pool = NO_POOL;
/** Bytes after heapBase() that the workers' scratch holds (layout starts after them). */
let reserved = 0;

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A new instance of the single-threaded module, with its own memory. */
async function singleThreaded(): Promise<Exports> {
  return (await WebAssembly.instantiate(await WebAssembly.compile(decodeBase64(MODULE_BASE64)))).exports as unknown as Exports;
}

/** Whether this JavaScript engine validates wasm SIMD (simd128), which the module needs. */
export function hasWasmSimd(): boolean {
  // (module (func (result v128) i32.const 0 i32x4.splat))
  const probe = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 8, 1, 6, 0, 65, 0, 253, 17, 11]);
  return typeof WebAssembly === 'object' && WebAssembly.validate(probe);
}

/** Compiles and instantiates the module (once); rejects with the reason where wasm SIMD is missing. */
export function loadKernelModule(): Promise<Exports> {
  loading ??= (async () => {
    if (!hasWasmSimd()) throw new Error('@kanjs/backend-wasm: this JavaScript engine has no wasm SIMD (simd128), which the fused kernels need.');
    instance = await singleThreaded();
    return instance;
  })();
  return loading;
}

/** The loaded module; throws if `loadKernelModule` has not resolved. */
export function kernelModule(): Exports {
  if (instance === undefined) throw new Error('@kanjs/backend-wasm: the kernel module is not loaded; await registerWasmKernels() first.');
  return instance;
}

/** How many threads the kernels run on, and, where that is fewer than asked for, why. */
export interface KernelThreads {
  readonly threads: number;
  readonly threadsRequested: number;
  readonly reason?: string;
}

let threadsRequested = 1;
let threadsReason: string | undefined;
let switching: Promise<KernelThreads> = Promise.resolve({ threads: 1, threadsRequested: 1 });

/** The kernels' threads now. */
export const kernelThreads = (): KernelThreads => ({ threads: pool.threads.length + 1, threadsRequested, ...(threadsReason === undefined ? {} : { reason: threadsReason }) });

/**
 * Runs the kernels on `count` threads from the next call on (1: the single-threaded module, no workers). Where
 * worker threads or shared memory are missing it stays on one and says why. Results do not depend on the count:
 * threads split rows, columns or inputs, and every value sums the same terms in the same order.
 */
export function setKernelThreads(count: number): Promise<KernelThreads> {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`@kanjs/backend-wasm: expected a positive integer number of kernel threads, got ${count}.`);
  switching = switching.catch(() => undefined).then(async () => {
    await loadKernelModule();
    const reason = count > 1 ? await threadsUnavailable() : undefined;
    const threads = reason === undefined ? count : 1;
    if (threads !== pool.threads.length + 1) {
      let next: { instance: Exports; pool: Pool; reserved: number };
      if (threads === 1) {
        next = { instance: await singleThreaded(), pool: NO_POOL, reserved: 0 };
      } else {
        const compiled = await WebAssembly.compile(decodeBase64(THREADED_MODULE_BASE64));
        const memory = new WebAssembly.Memory({ initial: 2, maximum: 65536, shared: true });
        const main = (await WebAssembly.instantiate(compiled, { env: { memory } })).exports as unknown as Exports;
        const scratch = main.SCRATCH_BYTES.value as number;
        next = { instance: main, pool: await startThreads(compiled, memory, threads - 1, (t) => main.heapBase() + t * scratch), reserved: (threads - 1) * scratch };
      }
      const previous = pool;
      // swapped together, between two kernel calls
      ({ instance, pool, reserved } = next);
      await stopThreads(previous);
    }
    threadsRequested = count;
    threadsReason = reason;
    return kernelThreads();
  });
  return switching;
}

/**
 * Runs `name` once per job, on this thread and the workers (see runJobs; `strides`: the bytes between two threads'
 * scratch, per scratch argument). A single job runs here alone.
 */
export function parallel(module: Exports, name: ThreadExport, jobs: readonly (readonly number[])[], strides: readonly number[]): void {
  if (jobs.length === 1 || pool.threads.length === 0) for (const job of jobs) (module[name] as (...args: number[]) => void)(...job);
  else runJobs(pool, module, name, jobs, strides);
}

/**
 * Lays out buffers of the given float counts in the module's memory (16-byte aligned, growing it when needed)
 * and returns their byte offsets, in order. Offsets stay valid until the next call.
 */
export function layout(module: Exports, floats: readonly number[]): number[] {
  let offset = module.heapBase() + reserved;
  const offsets = floats.map((count) => {
    const at = offset;
    offset += Math.ceil(count / 4) * 16;
    return at;
  });
  const missing = offset - module.memory.buffer.byteLength;
  if (missing > 0) module.memory.grow(Math.ceil(missing / 65536));
  return offsets;
}

/**
 * Copies `inputs` into the module's memory and lays out room for `outputs` (float counts) after them; returns
 * the byte offsets of the inputs, then of the outputs. Offsets stay valid until the next call.
 */
export function stage(module: Exports, inputs: readonly Float32Array[], outputs: readonly number[] = []): number[] {
  const offsets = layout(module, [...inputs.map((values) => values.length), ...outputs]);
  inputs.forEach((values, i) => view(module, offsets[i]!, values.length).set(values));
  return offsets;
}

/** A Float32Array view of `count` floats at byte `offset` of the module's memory (after any growth). */
export function view(module: Exports, offset: number, count: number): Float32Array {
  return new Float32Array(module.memory.buffer, offset, count);
}
