// A stand-in for the native addon that runs nothing: it hands out fake device pointers, returns zeros on
// download, and records every kernel source the backend compiles. With it, tests on a machine without a GPU
// can check which kernels a computation generates and that each compiles (with nvcc).
import type { CudaAddon, DeviceInfo, NativeMemory } from '../src/native.js';

export class RecordingAddon implements CudaAddon {
  readonly sources = new Map<string, string>();
  readonly launches: string[] = [];
  /** The byte length of every upload. */
  readonly uploads: number[] = [];
  private next = 0x10000;
  private readonly live = new Map<number, number>();
  private names: string[] = [];

  init(): DeviceInfo {
    return { name: 'recording stand-in', computeCapability: '9.0', multiprocessors: 132, totalMemory: 0, driverVersion: '0', nvrtcVersion: '0' };
  }
  alloc(bytes: number): number {
    const ptr = this.next;
    this.next += Math.ceil(Math.max(bytes, 1) / 512) * 512;
    this.live.set(ptr, bytes);
    return ptr;
  }
  free(ptr: number): boolean {
    return this.live.delete(ptr);
  }
  memory(): NativeMemory {
    const inUse = [...this.live.values()].reduce((a, b) => a + b, 0);
    return { inUse, cached: 0, graphs: 0, peak: inUse, blocks: this.live.size, deviceFree: 0, deviceTotal: 0 };
  }
  emptyCache(): void {}
  resetPeakMemory(): void {}
  upload(_ptr: number, values: ArrayBufferView): void {
    this.uploads.push(values.byteLength);
  }
  download(_ptr: number, into: ArrayBufferView): void {
    new Uint8Array(into.buffer, into.byteOffset, into.byteLength).fill(0);
  }
  async downloadAsync<T extends ArrayBufferView>(ptr: number, into: T): Promise<T> {
    this.download(ptr, into);
    return into;
  }
  copy(): void {}
  fill32(): void {}
  /** How many kernels were compiled (not loaded from a cache). */
  compiles = 0;
  compileCubin(source: string, kernelName: string): Uint8Array {
    const key = `${kernelName}#${this.sources.size}`;
    this.sources.set(key, source);
    this.compiles++;
    return new TextEncoder().encode(`cubin of ${kernelName}`);
  }
  load(cubin: Uint8Array, kernelName: string): number {
    if (new TextDecoder().decode(cubin) !== `cubin of ${kernelName}`) throw new Error(`cuModuleLoadData: not a CUBIN of ${kernelName}`);
    this.names.push(kernelName);
    return this.names.length - 1;
  }
  launch(fn: number): void {
    this.launches.push(this.names[fn]!);
  }
  /** The arguments of every gemm call, in order. */
  readonly gemms: Parameters<CudaAddon['gemm']>[] = [];
  gemm(...args: Parameters<CudaAddon['gemm']>): void {
    this.gemms.push(args);
    this.launches.push('cublasSgemmStridedBatched');
  }
  setTF32(): void {}
  synchronize(): void {}
  recordEvent(): number {
    return 0;
  }
  elapsed(): number {
    return 0;
  }
  /** Graphs captured (id → the launches recorded while capturing it), and how often each was replayed. */
  readonly graphs = new Map<number, string[]>();
  readonly replays = new Map<number, number>();
  private capturing: { id: number; from: number } | null = null;
  beginCapture(): number {
    if (this.capturing !== null) throw new Error('cuda: beginCapture: captures do not nest');
    this.capturing = { id: this.graphs.size + 1, from: this.launches.length };
    return this.capturing.id;
  }
  endCapture(keep: boolean): number {
    const capture = this.capturing;
    if (capture === null) throw new Error('cuda: endCapture: no step is being captured');
    this.capturing = null;
    if (keep) this.graphs.set(capture.id, this.launches.slice(capture.from));
    return capture.id;
  }
  launchGraph(graph: number): void {
    if (!this.graphs.has(graph)) throw new Error(`cuda: launchGraph: no captured graph ${graph}`);
    this.replays.set(graph, (this.replays.get(graph) ?? 0) + 1);
  }
  destroyGraph(graph: number): void {
    this.graphs.delete(graph);
  }
}
