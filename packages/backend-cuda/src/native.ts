// Loads the N-API addon (build/Release/kanjs_cuda.node) and describes what it exports.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A device pointer. Device addresses fit in the 53 bits of a Number. */
export type Pointer = number;

/** What `init` reports about the device. */
export interface DeviceInfo {
  readonly name: string;
  readonly computeCapability: string;
  readonly multiprocessors: number;
  readonly totalMemory: number;
  readonly driverVersion: string;
  readonly nvrtcVersion: string;
}

/** The caching allocator's figures, in bytes, and the device's. */
export interface NativeMemory {
  readonly inUse: number;
  readonly cached: number;
  /** Bytes freed but kept by captured graphs (see captureStep). */
  readonly graphs: number;
  readonly peak: number;
  readonly blocks: number;
  readonly deviceFree: number;
  readonly deviceTotal: number;
}

/** The addon's functions; all work goes on one CUDA stream, in call order. */
export interface CudaAddon {
  init(device?: number): DeviceInfo;
  alloc(bytes: number): Pointer;
  free(ptr: Pointer): boolean;
  memory(): NativeMemory;
  emptyCache(): void;
  /** Starts memory().peak again from the bytes in use now. */
  resetPeakMemory(): void;
  upload(ptr: Pointer, values: ArrayBufferView): void;
  download(ptr: Pointer, into: ArrayBufferView): void;
  downloadAsync<T extends ArrayBufferView>(ptr: Pointer, into: T): Promise<T>;
  copy(dst: Pointer, src: Pointer, bytes: number): void;
  fill32(ptr: Pointer, count: number, bits: number): void;
  /** NVRTC: the CUBIN of a kernel's source, for this device's architecture. */
  compileCubin(source: string, kernelName: string): Uint8Array;
  /** The kernel of a CUBIN, as a function index for `launch`. */
  load(cubin: Uint8Array, kernelName: string): number;
  launch(fn: number, gx: number, gy: number, gz: number, bx: number, by: number, bz: number, sharedBytes: number, signature: string, args: Float64Array): void;
  /** Column-major C = op(A)·op(B) + beta·C (beta default 0) for `batch` strided matrices (cublasSgemmStridedBatched). */
  gemm(transA: boolean, transB: boolean, m: number, n: number, k: number, a: Pointer, lda: number, strideA: number, b: Pointer, ldb: number, strideB: number, c: Pointer, ldc: number, strideC: number, batch: number, beta?: number): void;
  setTF32(on: boolean): void;
  synchronize(): void;
  recordEvent(): number;
  elapsed(start: number, end: number): number;
  /** Starts recording the stream's work into a CUDA graph (relaxed capture); returns the graph's id. */
  beginCapture(): number;
  /** Ends the capture: with `keep`, instantiates the graph (throws if it broke), else discards it. */
  endCapture(keep: boolean): number;
  /** Queues one replay of a captured graph. */
  launchGraph(graph: number): void;
  /** Waits for the stream, then frees a graph, its staged uploads and its memory pool. */
  destroyGraph(graph: number): void;
}

/** The package's root: one folder above both src/ and dist/. */
const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Where the build target puts the addon. */
export const ADDON_PATH = join(packageRoot, 'build', 'Release', 'kanjs_cuda.node');

/** The GPU to use when none is named: $KANJS_CUDA_DEVICE, or 0. */
export function defaultDevice(): number {
  return Number(process.env['KANJS_CUDA_DEVICE'] ?? 0);
}

let addon: CudaAddon | undefined;

/** The addon, loaded once; throws one sentence saying what is missing and how to build it. */
export function loadAddon(): CudaAddon {
  if (addon !== undefined) return addon;
  if (!existsSync(ADDON_PATH)) {
    throw new Error(
      `cuda: the native addon is not built (expected ${ADDON_PATH}); install the CUDA toolkit (nvcc) and run \`npm run build:addon\` in @kanjs/backend-cuda.`,
    );
  }
  addon = createRequire(import.meta.url)(ADDON_PATH) as CudaAddon;
  return addon;
}
