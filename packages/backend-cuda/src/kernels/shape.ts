// Kernels that move values without arithmetic: Transpose, Slice, StridedSlice, Concat, Pack, Unpack, SplitV,
// PadV2, Tile, GatherV2 and OneHot. The first seven are strided copies.
import { backend_util, slice_util, util, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import type { CudaBackend } from '../backend.js';
import { bits, cType, floatLiteral, stridedCopy } from './elementwise.js';
import { MAX_RANK, stridesOf } from './strided.js';

const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** Transpose of x by `perm`, as a new tensor. */
export function transpose(backend: CudaBackend, x: TensorInfo, perm: readonly number[]): TensorInfo {
  const shape = perm.map((p) => x.shape[p]!);
  const out = backend.makeOutput(shape, x.dtype);
  const inStrides = stridesOf(x.shape);
  stridedCopy(backend, out, 0, stridesOf(shape), x, 0, perm.map((p) => inStrides[p]!), shape);
  return out;
}

const transposeKernel: KernelConfig = {
  kernelName: 'Transpose',
  backendName: 'cuda',
  kernelFunc: ({ inputs, backend, attrs }) => transpose(backend as CudaBackend, (inputs as { x: TensorInfo }).x, (attrs as { perm: number[] }).perm),
};

/** x[begin : begin + size] with per-axis steps. */
function strided(backend: CudaBackend, x: TensorInfo, begin: readonly number[], size: readonly number[], steps: readonly number[]): TensorInfo {
  const out = backend.makeOutput(size, x.dtype);
  const inStrides = stridesOf(x.shape);
  const base = begin.reduce((sum, b, d) => sum + b * inStrides[d]!, 0);
  stridedCopy(backend, out, 0, stridesOf(size), x, base, inStrides.map((s, d) => s * steps[d]!), size);
  return out;
}

const slice: KernelConfig = {
  kernelName: 'Slice',
  backendName: 'cuda',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const x = (inputs as { x: TensorInfo }).x;
    const { begin, size } = attrs as unknown as { begin: number | number[]; size: number | number[] };
    const [$begin, $size] = slice_util.parseSliceParams(x, begin, size);
    slice_util.assertParamsValid(x, $begin!, $size!);
    return strided(backend as CudaBackend, x, $begin!, $size!, x.shape.map(() => 1));
  },
};

const stridedSlice: KernelConfig = {
  kernelName: 'StridedSlice',
  backendName: 'cuda',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const x = (inputs as { x: TensorInfo }).x;
    const a = attrs as unknown as { begin: number[]; end: number[]; strides: number[]; beginMask: number; endMask: number; ellipsisMask: number; newAxisMask: number; shrinkAxisMask: number };
    const info = slice_util.sliceInfo(x.shape, a.begin, a.end, a.strides, a.beginMask, a.endMask, a.ellipsisMask, a.newAxisMask, a.shrinkAxisMask);
    const cuda = backend as CudaBackend;
    if (info.isIdentity) return cuda.share(x, info.finalShape);
    const sparse = strided(cuda, x, info.begin, info.finalShapeSparse, info.strides);
    return { ...sparse, shape: info.finalShape };
  },
};

const concat: KernelConfig = {
  kernelName: 'Concat',
  backendName: 'cuda',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const cuda = backend as CudaBackend;
    const tensors = Object.values(inputs as Record<string, TensorInfo>);
    const axis = util.parseAxisParam((attrs as { axis: number }).axis, tensors[0]!.shape)[0]!;
    const shape = backend_util.computeOutShape(tensors.map((t) => t.shape), axis);
    const dtype = tensors.map((t) => t.dtype).reduce((a, b) => (a === 'float32' || b === 'float32' ? 'float32' : a));
    const out = cuda.makeOutput(shape, dtype);
    const outStrides = stridesOf(shape);
    let offset = 0;
    for (const t of tensors) {
      if (sizeOf(t.shape) > 0) {
        const source = t.dtype === dtype ? t : castTo(cuda, t, dtype);
        stridedCopy(cuda, out, offset * outStrides[axis]!, outStrides, source, 0, stridesOf(t.shape), t.shape);
        if (source !== t) cuda.disposeData(source.dataId);
      }
      offset += t.shape[axis]!;
    }
    return out;
  },
};

const pack: KernelConfig = {
  kernelName: 'Pack',
  backendName: 'cuda',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const cuda = backend as CudaBackend;
    const tensors = Object.values(inputs as Record<string, TensorInfo>);
    const first = tensors[0]!;
    const axis = util.parseAxisParam((attrs as { axis: number }).axis, [...first.shape, 1])[0]!;
    const dtype = tensors.map((t) => t.dtype).reduce((a, b) => (a === 'float32' || b === 'float32' ? 'float32' : a));
    const shape = [...first.shape.slice(0, axis), tensors.length, ...first.shape.slice(axis)];
    const out = cuda.makeOutput(shape, dtype);
    const outStrides = stridesOf(shape);
    const laneStrides = outStrides.filter((_, d) => d !== axis);
    tensors.forEach((t, n) => {
      if (t.shape.join(',') !== first.shape.join(',')) throw new Error(`cuda: Pack: every tensor must have shape [${first.shape.join(', ')}]; tensor ${n} has [${t.shape.join(', ')}].`);
      const source = t.dtype === dtype ? t : castTo(cuda, t, dtype);
      stridedCopy(cuda, out, n * outStrides[axis]!, laneStrides, source, 0, stridesOf(t.shape), t.shape);
      if (source !== t) cuda.disposeData(source.dataId);
    });
    return out;
  },
};

/** x cut along `axis` into pieces of the given sizes, each a strided copy; `drop` removes the axis (Unpack). */
function split(backend: CudaBackend, x: TensorInfo, axis: number, sizes: readonly number[], drop: boolean): TensorInfo[] {
  const begin = x.shape.map(() => 0);
  return sizes.map((size) => {
    const shape = x.shape.map((d, i) => (i === axis ? size : d));
    const piece = strided(backend, x, begin, shape, x.shape.map(() => 1));
    begin[axis]! += size;
    return drop ? { ...piece, shape: shape.filter((_, i) => i !== axis) } : piece;
  });
}

const unpack: KernelConfig = {
  kernelName: 'Unpack',
  backendName: 'cuda',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const value = (inputs as { value: TensorInfo }).value;
    const axis = util.parseAxisParam((attrs as { axis: number }).axis, value.shape)[0]!;
    return split(backend as CudaBackend, value, axis, Array.from({ length: value.shape[axis]! }, () => 1), true);
  },
};

const splitV: KernelConfig = {
  kernelName: 'SplitV',
  backendName: 'cuda',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const x = (inputs as { x: TensorInfo }).x;
    const { numOrSizeSplits, axis } = attrs as unknown as { numOrSizeSplits: number | number[]; axis: number };
    const $axis = util.parseAxisParam(axis, x.shape)[0]!;
    return split(backend as CudaBackend, x, $axis, backend_util.prepareSplitSize(x, numOrSizeSplits, $axis), false);
  },
};

function castTo(backend: CudaBackend, t: TensorInfo, dtype: string): TensorInfo {
  return backend.runKernel('Cast', { x: t }, { dtype });
}

const pad: KernelConfig = {
  kernelName: 'PadV2',
  backendName: 'cuda',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const cuda = backend as CudaBackend;
    const x = (inputs as { x: TensorInfo }).x;
    const { paddings, constantValue } = attrs as unknown as { paddings: [number, number][]; constantValue: number };
    const shape = x.shape.map((d, i) => paddings[i]![0] + d + paddings[i]![1]);
    const out = cuda.makeOutput(shape, x.dtype);
    cuda.native.fill32(cuda.pointer(out), sizeOf(shape), bits(constantValue, x.dtype));
    const outStrides = stridesOf(shape);
    const base = paddings.reduce((sum, [before], d) => sum + before * outStrides[d]!, 0);
    stridedCopy(cuda, out, base, outStrides, x, 0, stridesOf(x.shape), x.shape);
    return out;
  },
};

const tile: KernelConfig = {
  kernelName: 'Tile',
  backendName: 'cuda',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const cuda = backend as CudaBackend;
    const x = (inputs as { x: TensorInfo }).x;
    const reps = (attrs as { reps: number[] }).reps;
    const shape = x.shape.map((d, i) => d * reps[i]!);
    const out = cuda.makeOutput(shape, x.dtype);
    if (x.shape.length > MAX_RANK) throw new Error(`cuda: Tile supports rank ${MAX_RANK} or less; got rank ${x.shape.length}.`);
    const pad = MAX_RANK - x.shape.length;
    const inDims = [...new Array<number>(pad).fill(1), ...x.shape];
    const outDims = [...new Array<number>(pad).fill(1), ...shape];
    const inStrides = stridesOf(inDims);
    const t = cType(x.dtype);
    const args = Array.from({ length: MAX_RANK }, (_, d) => `int d${d}, int e${d}, int s${d}`).join(', ');
    const body = Array.from({ length: MAX_RANK }, (_, k) => MAX_RANK - 1 - k)
      .map((d) => `{ int q = rest % d${d}; rest /= d${d}; o += (q % e${d}) * s${d}; }`)
      .join(' ');
    const source = `extern "C" __global__ void tile_${t}(${t}* __restrict__ out, const ${t}* __restrict__ x, int n, ${args}) {
  for (int idx = blockIdx.x * blockDim.x + threadIdx.x; idx < n; idx += blockDim.x * gridDim.x) {
    int rest = idx, o = 0;
    ${body}
    out[idx] = x[o];
  }
}
`;
    const n = sizeOf(shape);
    if (n > 0) {
      const fn = cuda.compiled(`tile_${t}`, source);
      cuda.launch1d(fn, n, 'ppi' + 'iii'.repeat(MAX_RANK), [cuda.pointer(out), cuda.pointer(x), n, ...outDims.flatMap((d, i) => [d, inDims[i]!, inStrides[i]!])]);
    }
    return out;
  },
};

const gather: KernelConfig = {
  kernelName: 'GatherV2',
  backendName: 'cuda',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const cuda = backend as CudaBackend;
    const { x, indices } = inputs as { x: TensorInfo; indices: TensorInfo };
    const { axis, batchDims } = attrs as unknown as { axis: number; batchDims?: number };
    const parsedAxis = util.parseAxisParam(axis, x.shape)[0]!;
    const info = backend_util.segment_util.collectGatherOpShapeInfo(x, indices, parsedAxis, batchDims ?? 0);
    const count = sizeOf(indices.shape) / info.batchSize;
    const out = cuda.makeOutput(info.outputShape, x.dtype);
    const n = sizeOf(info.outputShape);
    if (n === 0) return out;
    const t = cType(x.dtype);
    // out [batch, outer, count, slice] from x [batch, outer, dim, slice] and indices [batch, count]; an index out
    // of [0, dim) gives 0.
    const source = `extern "C" __global__ void gather_${t}(${t}* __restrict__ out, const ${t}* __restrict__ x, const int* __restrict__ indices, int n, int outer, int count, int dim, int slice) {
  for (int idx = blockIdx.x * blockDim.x + threadIdx.x; idx < n; idx += blockDim.x * gridDim.x) {
    int s = idx % slice; int rest = idx / slice;
    int c = rest % count; rest /= count;
    int o = rest % outer; int b = rest / outer;
    int i = indices[b * count + c];
    out[idx] = (i >= 0 && i < dim) ? x[((b * outer + o) * dim + i) * slice + s] : (${t})0;
  }
}
`;
    const fn = cuda.compiled(`gather_${t}`, source);
    const idx = indices.dtype === 'int32' ? indices : castTo(cuda, indices, 'int32');
    cuda.launch1d(fn, n, 'pppiiiii', [cuda.pointer(out), cuda.pointer(x), cuda.pointer(idx), n, info.outerSize, count, info.dimSize, info.sliceSize]);
    if (idx !== indices) cuda.disposeData(idx.dataId);
    return out;
  },
};

const oneHot: KernelConfig = {
  kernelName: 'OneHot',
  backendName: 'cuda',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const cuda = backend as CudaBackend;
    const indices = (inputs as { indices: TensorInfo }).indices;
    const { depth, onValue, offValue, dtype } = attrs as unknown as { depth: number; onValue: number; offValue: number; dtype: 'float32' | 'int32' };
    const outDtype = dtype ?? 'int32';
    const out = cuda.makeOutput([...indices.shape, depth], outDtype);
    const n = sizeOf(out.shape);
    if (n === 0) return out;
    const t = cType(outDtype);
    const on = t === 'float' ? floatLiteral(onValue) : String(onValue | 0);
    const off = t === 'float' ? floatLiteral(offValue) : String(offValue | 0);
    const source = `extern "C" __global__ void one_hot_${t}(${t}* __restrict__ out, const ${cType(indices.dtype)}* __restrict__ indices, int n, int depth) {
  for (int idx = blockIdx.x * blockDim.x + threadIdx.x; idx < n; idx += blockDim.x * gridDim.x) {
    out[idx] = ((int)indices[idx / depth] == idx % depth) ? (${t})(${on}) : (${t})(${off});
  }
}
`;
    cuda.launch1d(cuda.compiled(`one_hot_${t}`, source), n, 'ppii', [cuda.pointer(out), cuda.pointer(indices), n, depth]);
    return out;
  },
};

export const SHAPE_KERNELS: KernelConfig[] = [transposeKernel, slice, stridedSlice, concat, pack, unpack, splitV, pad, tile, gather, oneHot];
