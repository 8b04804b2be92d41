// Reductions over any axes (Sum, Mean, Prod, Max, Min, All, Any), ArgMax/ArgMin and Softmax. Reduced axes that
// are not one contiguous block are first moved last with a transpose; then the input is [outer, R, inner] and
// each output is one reduction over R.
import { backend_util, util, type DataType, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import type { CudaBackend } from '../backend.js';
import { cType } from './elementwise.js';
import { transpose } from './shape.js';

const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

interface Reducer {
  readonly init: (t: string) => string;
  readonly combine: string; // in a, b
  readonly final?: string; // in acc and R
  readonly outDtype: (input: DataType) => DataType;
}

const REDUCERS: Record<string, Reducer> = {
  Sum: { init: () => '0', combine: 'a + b', outDtype: (d) => (d === 'float32' ? 'float32' : 'int32') },
  Mean: { init: () => '0', combine: 'a + b', final: 'acc / (float)R', outDtype: () => 'float32' },
  Prod: { init: () => '1', combine: 'a * b', outDtype: (d) => (d === 'float32' ? 'float32' : 'int32') },
  Max: { init: (t) => (t === 'float' ? '-__int_as_float(0x7f800000)' : '(-2147483647 - 1)'), combine: `(b > a || b != b) ? b : a`, outDtype: (d) => d },
  Min: { init: (t) => (t === 'float' ? '__int_as_float(0x7f800000)' : '2147483647'), combine: `(b < a || b != b) ? b : a`, outDtype: (d) => d },
  All: { init: () => '1', combine: '(a != 0) && (b != 0)', outDtype: () => 'bool' },
  Any: { init: () => '0', combine: '(a != 0) || (b != 0)', outDtype: () => 'bool' },
};

/** The input as [outer, R, inner] for reducing `axes`, transposing first when they are not contiguous. */
function arrange(backend: CudaBackend, x: TensorInfo, axes: number[]): { input: TensorInfo; outer: number; R: number; inner: number; temporary: boolean } {
  const sorted = [...axes].sort((a, b) => a - b);
  const contiguous = sorted.every((a, i) => i === 0 || a === sorted[i - 1]! + 1);
  if (contiguous && sorted.length > 0) {
    const first = sorted[0]!;
    const last = sorted[sorted.length - 1]!;
    return { input: x, outer: sizeOf(x.shape.slice(0, first)), R: sizeOf(x.shape.slice(first, last + 1)), inner: sizeOf(x.shape.slice(last + 1)), temporary: false };
  }
  const perm = backend_util.getAxesPermutation(sorted, x.shape.length)!;
  const moved = transpose(backend, x, perm);
  const R = sizeOf(sorted.map((a) => x.shape[a]!));
  return { input: moved, outer: sizeOf(x.shape) / R, R, inner: 1, temporary: true };
}

/**
 * How many pieces to cut each reduction into, so that the GPU has enough threads: a few long reductions (the
 * sum of a whole tensor, a bias gradient over a large batch) would otherwise run on a handful of threads, each
 * walking the whole axis. Each piece is reduced to a partial result; the partials are then reduced the same way.
 */
export function splitCount(outer: number, R: number, inner: number, multiprocessors: number): number {
  if (inner === 1) {
    // Rows: a block of 256 threads per row; cut rows longer than 4096 until there are two blocks per SM.
    if (outer >= 2 * multiprocessors || R <= 4096) return 1;
    return Math.min(Math.ceil((2 * multiprocessors) / outer), Math.ceil(R / 4096));
  }
  // Columns: a thread per output; cut the axis into pieces of at least 32 until about 1024 threads per SM run.
  const outputs = outer * inner;
  if (outputs >= 1024 * multiprocessors || R <= 256) return 1;
  return Math.min(Math.ceil((1024 * multiprocessors) / outputs), Math.ceil(R / 32));
}

function reduceKernel(kernelName: string, reducer: Reducer): KernelConfig {
  return {
    kernelName,
    backendName: 'cuda',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const cuda = backend as CudaBackend;
      const x = (inputs as { x: TensorInfo }).x;
      // Max names its axes `reductionIndices`; the other reductions `axis`.
      const { axis, reductionIndices, keepDims } = attrs as unknown as { axis?: number | number[]; reductionIndices?: number | number[]; keepDims: boolean };
      const axes = util.parseAxisParam(axis ?? reductionIndices!, x.shape);
      const [kept] = backend_util.computeOutAndReduceShapes(x.shape, axes);
      const outShape = keepDims ? backend_util.expandShapeToKeepDim(kept, axes) : kept;
      const out = cuda.makeOutput(outShape, reducer.outDtype(x.dtype));
      const { input, outer, R, inner, temporary } = arrange(cuda, x, axes);
      if (outer * inner > 0) reduceInto(cuda, kernelName, reducer, out, input, outer, R, inner, R);
      if (temporary) cuda.disposeData(input.dataId);
      return out;
    },
  };
}

/**
 * Reduces `input` as [outer, R, inner] over R into `out` [outer, inner], applying the reducer's final step with
 * `total` (the length of the original axis: partials of a Mean are summed, then divided once).
 */
function reduceInto(cuda: CudaBackend, kernelName: string, reducer: Reducer, out: TensorInfo, input: TensorInfo, outer: number, R: number, inner: number, total: number): void {
  const float = input.dtype === 'float32' || kernelName === 'Mean';
  const acc = float ? 'float' : 'int';
  const pieces = splitCount(outer, R, inner, cuda.device.multiprocessors);
  const chunk = Math.ceil(R / pieces);
  const S = Math.ceil(R / chunk);
  const target = S === 1 ? out : cuda.makeOutput([outer * S * inner], float ? 'float32' : 'int32');
  const t = cType(input.dtype);
  const o = cType(target.dtype);
  const final = S === 1 ? (reducer.final ?? 'acc') : 'acc';
  // A block per row for long rows, or while rows are few; a thread per output otherwise.
  const rows = inner === 1 && (chunk >= 256 || outer * S <= 1024);
  const name = `reduce_${kernelName.toLowerCase()}_${t}_${o}_${rows ? 'rows' : 'cols'}${S === 1 ? '' : '_partial'}`;
  // Each output (row, s, j) reduces input[row, s·chunk … min(R, (s+1)·chunk), j]; S = 1 is a plain reduction.
  const source = () => rows
    ? `extern "C" __global__ void ${name}(${o}* __restrict__ out, const ${t}* __restrict__ x, int outer, int R, int chunk, int S, int total) {
  __shared__ ${acc} buf[256];
  for (int block = blockIdx.x; block < outer * S; block += gridDim.x) {
    const int row = block / S, s = block % S;
    const int begin = s * chunk, end = min(R, begin + chunk);
    ${acc} a = ${reducer.init(acc)};
    for (int r = begin + threadIdx.x; r < end; r += blockDim.x) { ${acc} b = (${acc})x[(size_t)row * R + r]; a = ${reducer.combine}; }
    buf[threadIdx.x] = a;
    __syncthreads();
    for (int step = blockDim.x / 2; step > 0; step >>= 1) {
      if (threadIdx.x < step) { ${acc} a2 = buf[threadIdx.x], b = buf[threadIdx.x + step]; { ${acc} a = a2; buf[threadIdx.x] = ${reducer.combine}; } }
      __syncthreads();
    }
    if (threadIdx.x == 0) { ${acc} acc = buf[0]; const int R = total; out[block] = (${o})(${final}); }
    __syncthreads();
  }
}
`
    : `extern "C" __global__ void ${name}(${o}* __restrict__ out, const ${t}* __restrict__ x, int outer, int R, int inner, int chunk, int S, int total) {
  const long long n = (long long)outer * S * inner;
  for (long long idx = blockIdx.x * (long long)blockDim.x + threadIdx.x; idx < n; idx += (long long)blockDim.x * gridDim.x) {
    const int j = (int)(idx % inner);
    const long long t = idx / inner;
    const int s = (int)(t % S), row = (int)(t / S);
    const int begin = s * chunk, end = min(R, begin + chunk);
    const ${t}* p = x + ((size_t)row * R + begin) * inner + j;
    ${acc} a = ${reducer.init(acc)};
    #pragma unroll 4
    for (int r = begin; r < end; r++, p += inner) { ${acc} b = (${acc})*p; a = ${reducer.combine}; }
    ${acc} acc = a;
    const int R = total;
    out[idx] = (${o})(${final});
  }
}
`;
  const fn = cuda.compiled(name, source, `${name}|${acc}|${final}`);
  if (rows) {
    cuda.launch(fn, [Math.min(outer * S, 65535), 1, 1], [256, 1, 1], 0, 'ppiiiii', [cuda.pointer(target), cuda.pointer(input), outer, R, chunk, S, total]);
  } else {
    cuda.launch1d(fn, outer * S * inner, 'ppiiiiii', [cuda.pointer(target), cuda.pointer(input), outer, R, inner, chunk, S, total]);
  }
  if (S > 1) {
    reduceInto(cuda, kernelName, reducer, out, target, outer, S, inner, total);
    cuda.disposeData(target.dataId);
  }
}

function argKernel(kernelName: 'ArgMax' | 'ArgMin'): KernelConfig {
  return {
    kernelName,
    backendName: 'cuda',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const cuda = backend as CudaBackend;
      const x = (inputs as { x: TensorInfo }).x;
      const axes = util.parseAxisParam((attrs as { axis: number | number[] }).axis, x.shape);
      const [outShape] = backend_util.computeOutAndReduceShapes(x.shape, axes);
      const out = cuda.makeOutput(outShape, 'int32');
      const { input, outer, R, inner, temporary } = arrange(cuda, x, axes);
      const n = outer * inner;
      const t = cType(x.dtype);
      const better = kernelName === 'ArgMax' ? 'v > best' : 'v < best';
      const name = `${kernelName.toLowerCase()}_${t}`;
      // Like tfjs's cpu kernel: the first index of the extreme value; NaN never wins after the first element.
      const source = `extern "C" __global__ void ${name}(int* __restrict__ out, const ${t}* __restrict__ x, int outer, int R, int inner) {
  int n = outer * inner;
  for (int idx = blockIdx.x * blockDim.x + threadIdx.x; idx < n; idx += blockDim.x * gridDim.x) {
    int j = idx % inner, row = idx / inner;
    const ${t}* p = x + (size_t)row * R * inner + j;
    ${t} best = p[0]; int at = 0;
    for (int r = 1; r < R; r++) { ${t} v = p[(size_t)r * inner]; if (${better}) { best = v; at = r; } }
    out[idx] = at;
  }
}
`;
      if (n > 0) cuda.launch1d(cuda.compiled(name, source), n, 'ppiii', [cuda.pointer(out), cuda.pointer(input), outer, R, inner]);
      if (temporary) cuda.disposeData(input.dataId);
      return out;
    },
  };
}

const softmax: KernelConfig = {
  kernelName: 'Softmax',
  backendName: 'cuda',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const cuda = backend as CudaBackend;
    const logits = (inputs as { logits: TensorInfo }).logits;
    const dim = util.parseAxisParam((attrs as { dim: number }).dim, logits.shape)[0]!;
    if (dim !== logits.shape.length - 1) throw new Error(`cuda: Softmax over axis ${dim} of a rank-${logits.shape.length} tensor; expected the last axis.`);
    const out = cuda.makeOutput(logits.shape, 'float32');
    const cols = logits.shape[dim]!;
    const rows = sizeOf(logits.shape) / Math.max(cols, 1);
    // One block per row: the row's max, then Σ exp(x − max), then exp(x − max) / Σ — tfjs's cpu order of operations.
    const source = `extern "C" __global__ void softmax_rows(float* __restrict__ out, const float* __restrict__ x, int rows, int cols) {
  __shared__ float buf[128];
  for (int row = blockIdx.x; row < rows; row += gridDim.x) {
    const float* p = x + (size_t)row * cols;
    float m = -__int_as_float(0x7f800000);
    for (int c = threadIdx.x; c < cols; c += blockDim.x) m = fmaxf(m, p[c]);
    buf[threadIdx.x] = m; __syncthreads();
    for (int s = blockDim.x / 2; s > 0; s >>= 1) { if (threadIdx.x < s) buf[threadIdx.x] = fmaxf(buf[threadIdx.x], buf[threadIdx.x + s]); __syncthreads(); }
    m = buf[0]; __syncthreads();
    float sum = 0.0f;
    for (int c = threadIdx.x; c < cols; c += blockDim.x) sum += expf(p[c] - m);
    buf[threadIdx.x] = sum; __syncthreads();
    for (int s = blockDim.x / 2; s > 0; s >>= 1) { if (threadIdx.x < s) buf[threadIdx.x] += buf[threadIdx.x + s]; __syncthreads(); }
    sum = buf[0]; __syncthreads();
    for (int c = threadIdx.x; c < cols; c += blockDim.x) out[(size_t)row * cols + c] = expf(p[c] - m) / sum;
  }
}
`;
    if (rows > 0 && cols > 0) cuda.launch(cuda.compiled('softmax_rows', source), [Math.min(rows, 65535), 1, 1], [128, 1, 1], 0, 'ppii', [cuda.pointer(out), cuda.pointer(logits), rows, cols]);
    return out;
  },
};

export const REDUCE_KERNELS: KernelConfig[] = [...Object.entries(REDUCERS).map(([name, r]) => reduceKernel(name, r)), argKernel('ArgMax'), argKernel('ArgMin'), softmax];
