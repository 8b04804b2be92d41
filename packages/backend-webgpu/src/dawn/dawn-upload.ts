// Uploads for tfjs-webgpu on Dawn in Node. tfjs uploads a tensor's CPU values through a fresh staging buffer
// (createBuffer, map, copy); in Node each createBuffer crosses N-API into Dawn and was the largest single cost
// of a small op in a CPU profile on an H200 (23% of the time). queue.writeBuffer
// does the same upload in one call, with no new buffer: the destination comes from tfjs's buffer pool, is not
// referenced by any unsubmitted command, and the queue orders the write before the commands that read it.

interface TensorData {
  dtype: string;
  shape: number[];
  values: ArrayLike<number> | null;
  resource: unknown;
}

interface BackendInternals {
  tensorMap: { get(dataId: object): TensorData };
  bufferManager: { acquireBuffer(size: number, usage: number): unknown };
  queue: { writeBuffer(buffer: unknown, offset: number, data: ArrayBufferView): void };
  uploadToGPU(dataId: object): void;
}

const STORAGE_COPY = 0x0080 | 0x0004 | 0x0008; // GPUBufferUsage.STORAGE | COPY_SRC | COPY_DST
let patched = false;

/** Replaces WebGPUBackend.prototype.uploadToGPU with a writeBuffer upload (once per process). */
export function useWriteBufferUploads(backendClass: { prototype: unknown }): void {
  if (patched) return;
  patched = true;
  const prototype = backendClass.prototype as BackendInternals;
  const original = prototype.uploadToGPU;
  prototype.uploadToGPU = function (this: BackendInternals, dataId: object): void {
    const data = this.tensorMap.get(dataId);
    if (data.resource != null || data.values == null || data.dtype === 'complex64' || data.dtype === 'string') {
      original.call(this, dataId);
      return;
    }
    const count = data.shape.reduce((a, b) => a * b, 1);
    const integer = data.dtype === 'int32' || data.dtype === 'bool';
    const view = integer
      ? data.values instanceof Int32Array ? data.values : Int32Array.from(data.values)
      : data.values instanceof Float32Array ? data.values : Float32Array.from(data.values);
    const buffer = this.bufferManager.acquireBuffer(count * 4, STORAGE_COPY);
    if (count > 0) this.queue.writeBuffer(buffer, 0, view.subarray(0, count));
    data.values = null;
    data.resource = buffer;
  };
}
