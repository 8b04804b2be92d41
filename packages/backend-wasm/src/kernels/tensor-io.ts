// Reading a tfjs tensor's values as a Float32Array and making an output from one, on tfjs-backend-wasm (whose
// tensors live in its own wasm heap) and on tfjs-backend-cpu (JS typed arrays).
import type * as tf from '@tensorflow/tfjs-core';

/** The backends the fused kernels are registered for. */
export type CpuBackendName = 'wasm' | 'cpu';

/** How a kernel reads its inputs and makes its output on one backend. */
export interface TensorIO {
  /** The tensor's values; a view into the backend's memory, valid until the backend allocates again. */
  read(tensor: tf.TensorInfo): Float32Array;
  /** A float32 output of this shape holding `values`. */
  write(shape: number[], values: Float32Array): tf.TensorInfo;
}

interface WasmBackend {
  typedArrayFromHeap(tensor: tf.TensorInfo): Float32Array;
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
}

interface CpuBackend {
  readSync(dataId: tf.DataId): unknown;
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): tf.TensorInfo;
}

function asFloat32(values: unknown, kernel: string): Float32Array {
  if (values instanceof Float32Array) return values;
  if (ArrayBuffer.isView(values)) return Float32Array.from(values as unknown as ArrayLike<number>);
  throw new Error(`${kernel}: expected a numeric tensor, got ${Object.prototype.toString.call(values)}.`);
}

/** The reader and writer of tensors on `backend`, a tfjs-backend-wasm or tfjs-backend-cpu instance. */
export function tensorIO(name: CpuBackendName, backend: unknown, kernel: string): TensorIO {
  if (name === 'wasm') {
    const wasm = backend as WasmBackend;
    return {
      read: (tensor) => asFloat32(wasm.typedArrayFromHeap(tensor), kernel),
      write(shape, values) {
        const out = wasm.makeOutput(shape, 'float32');
        wasm.typedArrayFromHeap(out).set(values);
        return out;
      },
    };
  }
  const cpu = backend as CpuBackend;
  return {
    read: (tensor) => asFloat32(cpu.readSync(tensor.dataId), kernel),
    write: (shape, values) => cpu.makeTensorInfo(shape, 'float32', values),
  };
}
