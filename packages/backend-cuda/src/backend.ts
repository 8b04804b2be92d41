// The tfjs KernelBackend for NVIDIA GPUs: tensors live in device memory (the addon's caching allocator), kernels
// are CUDA C compiled once each by NVRTC and launched on one stream, in the order tfjs runs them.
import * as tf from '@tensorflow/tfjs-core';
import { DataStorage, KernelBackend, type BackendTimingInfo, type BackendValues, type DataId, type DataType, type TensorInfo } from '@tensorflow/tfjs-core';
import { defaultDevice, loadAddon, type CudaAddon, type DeviceInfo, type NativeMemory, type Pointer } from './native.js';
import { KernelCache, defaultKernelCacheDir } from './kernel-cache.js';

/** What the backend keeps per tensor: its device buffer, and host values until they are first needed there. */
interface TensorData {
  ptr: Pointer;
  values: BackendValues | null;
  readonly dtype: DataType;
  readonly shape: readonly number[];
  refCount: number;
}

/** dtypes held in device memory, and as what: bool is stored as int32 (0 or 1), like tfjs's WebGL backend. */
const DEVICE_DTYPES: ReadonlySet<DataType> = new Set<DataType>(['float32', 'int32', 'bool']);

/** One clear error for a dtype the backend cannot hold. */
export function unsupportedDtype(dtype: DataType, where: string): Error {
  return new Error(`cuda: ${where}: the ${dtype} dtype is not supported; expected float32, int32 or bool (string tensors stay on the host).`);
}

const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** Memory figures of `tf.memory()` on this backend (bytes). */
export interface CudaMemoryInfo {
  unreliable: boolean;
  /** Bytes in device buffers that tensors hold (rounded to the allocator's block sizes). */
  numBytesInGPU: number;
  /** Bytes the caching allocator keeps for reuse. */
  numBytesInGPUFree: number;
  /** inUse + cached: what the process holds from the device. */
  numBytesInGPUAllocated: number;
  /** The highest numBytesInGPU so far. */
  numBytesInGPUPeak: number;
  /** Bytes freed but kept by captured steps (their graphs' pools), until each step is disposed. */
  numBytesInGraphs: number;
}

/** Thrown by a read back (dataSync, data, a CPU-forwarded kernel) while a step is being captured. */
export class CaptureReadError extends Error {}

export class CudaBackend extends KernelBackend {
  readonly native: CudaAddon;
  readonly device: DeviceInfo;
  private readonly data: DataStorage<TensorData>;
  private readonly functions = new Map<string, number>();
  /** Kernels that ran on the cpu backend (name → calls), through CPU forwarding. */
  readonly forwarded = new Map<string, number>();
  private tf32Mode = false;
  private readonly kernelCache: KernelCache | undefined;
  /** The graph being captured (captureStep), or 0. */
  private capturingGraph = 0;
  /** The tensors whose buffers the last capture used (read or written), from `pointer`. */
  private captureUses = new Set<DataId>();

  /**
   * `native` replaces the addon (tests use a recording stand-in); `device` picks the GPU (default
   * $KANJS_CUDA_DEVICE or 0); `kernelCache` is the folder of compiled kernels (default $KANJS_CUDA_CACHE or
   * ~/.cache/kanjs/cuda), or false for none.
   */
  constructor(options: { device?: number; native?: CudaAddon; kernelCache?: string | false } = {}) {
    super();
    this.native = options.native ?? loadAddon();
    this.device = this.native.init(options.device ?? defaultDevice());
    this.data = new DataStorage(this, tf.engine());
    const dir = options.kernelCache ?? defaultKernelCacheDir();
    this.kernelCache = dir === false ? undefined : new KernelCache(dir, this.device);
  }

  // --- data ---

  override write(values: BackendValues, shape: number[], dtype: DataType): DataId {
    const dataId = {};
    this.move(dataId, values, shape, dtype, 1);
    return dataId;
  }

  override move(dataId: DataId, values: BackendValues, shape: number[], dtype: DataType, refCount: number): void {
    if (!DEVICE_DTYPES.has(dtype) && dtype !== 'string') throw unsupportedDtype(dtype, 'write');
    this.data.set(dataId, { ptr: 0, values, dtype, shape, refCount });
  }

  /** Whether fp32 products may use TF32 tensor cores (cuBLAS and the fused KAN kernels). */
  get tf32(): boolean {
    return this.tf32Mode;
  }

  set tf32(on: boolean) {
    this.native.setTF32(on);
    this.tf32Mode = on;
  }

  /** A new device tensor of a shape and dtype, for a kernel to fill. */
  makeOutput(shape: readonly number[], dtype: DataType): TensorInfo {
    if (!DEVICE_DTYPES.has(dtype)) throw unsupportedDtype(dtype, 'a kernel output');
    const dataId = {};
    this.data.set(dataId, { ptr: this.native.alloc(4 * sizeOf(shape)), values: null, dtype, shape, refCount: 1 });
    return { dataId, shape: [...shape], dtype };
  }

  /** The device buffer of a tensor, uploading its host values first if it has none yet. */
  pointer(info: TensorInfo): Pointer {
    const record = this.data.get(info.dataId);
    if (record === undefined) throw new Error('cuda: a kernel input is not a tensor of this backend (it was disposed, or belongs to another backend).');
    if (this.capturingGraph !== 0) this.captureUses.add(info.dataId);
    if (record.ptr !== 0) return record.ptr;
    if (!DEVICE_DTYPES.has(record.dtype)) throw unsupportedDtype(record.dtype, 'a kernel input');
    const count = sizeOf(record.shape);
    record.ptr = this.native.alloc(4 * count);
    const values = record.values as Float32Array | Int32Array | Uint8Array;
    // The addon copies out of the array before returning, so tfjs's own array is uploaded as it is where it can be.
    const device = record.dtype === 'float32' ? (values instanceof Float32Array ? values : Float32Array.from(values)) : values instanceof Int32Array ? values : Int32Array.from(values);
    if (count > 0) this.native.upload(record.ptr, device);
    return record.ptr;
  }

  override readSync(dataId: DataId): BackendValues {
    const record = this.record(dataId);
    if (record.values !== null) return record.values;
    this.refuseWhileCapturing();
    const host = this.hostArray(record);
    if (host.length > 0) this.native.download(record.ptr, host);
    return this.toTfjs(record, host);
  }

  override async read(dataId: DataId): Promise<BackendValues> {
    const record = this.record(dataId);
    if (record.values !== null) return record.values;
    this.refuseWhileCapturing();
    const host = this.hostArray(record);
    if (host.length > 0) await this.native.downloadAsync(record.ptr, host);
    return this.toTfjs(record, host);
  }

  /** A read back cannot be captured: one clear error instead of a broken capture. */
  private refuseWhileCapturing(): void {
    if (this.capturingGraph !== 0) throw new CaptureReadError('cuda: a tensor was read back (dataSync, data, or a kernel forwarded to the CPU) while a step was being captured; a captured step cannot read device values.');
  }

  private record(dataId: DataId): TensorData {
    const record = this.data.get(dataId);
    if (record === undefined) throw new Error('cuda: reading a tensor that was disposed.');
    return record;
  }

  private hostArray(record: TensorData): Float32Array | Int32Array {
    const count = sizeOf(record.shape);
    return record.dtype === 'float32' ? new Float32Array(count) : new Int32Array(count);
  }

  private toTfjs(record: TensorData, host: Float32Array | Int32Array): BackendValues {
    return record.dtype === 'bool' ? Uint8Array.from(host) : host;
  }

  override disposeData(dataId: DataId, force = false): boolean {
    const record = this.data.get(dataId);
    if (record === undefined) return true;
    record.refCount--;
    if (!force && record.refCount > 0) return false;
    if (record.ptr !== 0) this.native.free(record.ptr);
    this.data.delete(dataId);
    return true;
  }

  override refCount(dataId: DataId): number {
    return this.data.get(dataId)?.refCount ?? 0;
  }

  override incRef(dataId: DataId): void {
    const record = this.data.get(dataId);
    if (record !== undefined) record.refCount++;
  }

  override numDataIds(): number {
    return this.data.numDataIds();
  }

  /** A tensor that shares another's buffer with a new shape (Reshape, Identity, ExpandDims, Squeeze). */
  share(info: TensorInfo, shape: readonly number[]): TensorInfo {
    this.incRef(info.dataId);
    return { dataId: info.dataId, shape: [...shape], dtype: info.dtype };
  }

  // --- memory and timing ---

  override memory(): CudaMemoryInfo {
    const m: NativeMemory = this.native.memory();
    return {
      unreliable: false,
      numBytesInGPU: m.inUse,
      numBytesInGPUFree: m.cached,
      numBytesInGPUAllocated: m.inUse + m.cached + m.graphs,
      numBytesInGPUPeak: m.peak,
      numBytesInGraphs: m.graphs,
    };
  }

  // --- stream capture (captureStep) ---

  /** Whether a step is being captured now. */
  get capturing(): boolean {
    return this.capturingGraph !== 0;
  }

  /** Starts capturing the stream's work into a graph; returns its id. */
  beginCapture(): number {
    this.captureUses = new Set();
    this.capturingGraph = this.native.beginCapture();
    return this.capturingGraph;
  }

  /** Whether the last capture used a tensor's buffer (a kernel read or wrote it). */
  usedInCapture(dataId: DataId): boolean {
    return this.captureUses.has(dataId);
  }

  /** Ends the capture: `keep` instantiates the graph (throws if the capture broke), else discards it. */
  endCapture(keep: boolean): number {
    this.capturingGraph = 0;
    return this.native.endCapture(keep);
  }

  /** Starts `numBytesInGPUPeak` again from the bytes in use now, so that it measures what follows. */
  resetMemoryPeak(): void {
    this.native.resetPeakMemory();
  }

  override timerAvailable(): boolean {
    return true;
  }

  // Not `async`: an error in f (a kernel that fails to compile, say) reaches tf.profile's caller as it is, not as
  // an unhandled rejection followed by tfjs-core's "Cannot read properties of undefined".
  override time(f: () => void): Promise<BackendTimingInfo> {
    const begin = this.native.recordEvent();
    f();
    const end = this.native.recordEvent();
    return Promise.resolve({ kernelMs: this.native.elapsed(begin, end) });
  }

  override floatPrecision(): 16 | 32 {
    return 32;
  }

  override epsilon(): number {
    return 1e-7;
  }

  override dispose(): void {
    this.native.synchronize();
    this.native.emptyCache();
  }

  // --- kernels ---

  /**
   * A compiled kernel (CUDA C source with `extern "C" __global__ void <name>`), compiled once per source. With a
   * `key` that determines the source, the source is only generated (a function) the first time.
   */
  compiled(name: string, source: string | (() => string), key?: string): number {
    const id = key ?? (source as string);
    let fn = this.functions.get(id);
    if (fn === undefined) {
      const code = typeof source === 'string' ? source : source();
      fn = this.kernelCache?.load(this.native, code, name) ?? this.native.load(this.native.compileCubin(code, name), name);
      this.functions.set(id, fn);
    }
    return fn;
  }

  /** Launches `fn` on a 1-D grid that covers `threads` threads (grid-stride loops cover the rest). */
  launch1d(fn: number, threads: number, signature: string, args: number[], block = 256): void {
    const blocks = Math.max(1, Math.min(Math.ceil(threads / block), this.device.multiprocessors * 32));
    this.native.launch(fn, blocks, 1, 1, block, 1, 1, 0, signature, Float64Array.from(args));
  }

  /** Launches `fn` on an explicit grid. */
  launch(fn: number, grid: readonly [number, number, number], block: readonly [number, number, number], sharedBytes: number, signature: string, args: number[]): void {
    this.native.launch(fn, grid[0], grid[1], grid[2], block[0], block[1], block[2], sharedBytes, signature, Float64Array.from(args));
  }

  /** Runs another cuda kernel from inside a kernel (e.g. Cast before a copy). */
  runKernel(kernelName: string, inputs: Record<string, TensorInfo>, attrs: Record<string, unknown> = {}): TensorInfo {
    const config = tf.getKernel(kernelName, 'cuda');
    if (config === undefined) throw new Error(`cuda: no ${kernelName} kernel is registered.`);
    return config.kernelFunc({ inputs, backend: this, attrs: attrs as tf.NamedAttrMap }) as TensorInfo;
  }

  /** Which kernels ran through CPU forwarding, and how often, most-called first. */
  forwardingReport(): { kernel: string; calls: number }[] {
    return [...this.forwarded].map(([kernel, calls]) => ({ kernel, calls })).sort((a, b) => b.calls - a.calls);
  }
}
