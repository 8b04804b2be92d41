// Fused LayerNorm (FastKAN's input normalisation over the last axis, biased variance), as on WebGPU: one launch
// forward instead of about ten element-wise and reduction kernels, and four backward. Rows are reduced by one
// 256-thread block each, in two passes (mean, then centred squares), as tf.moments and PyTorch do; dγ and dβ,
// sums over the rows, by slices of 64 rows across the device, added in a fixed order.
import { LAYER_NORM_KERNELS, kernelConfigs, registerFusedLayerNorm } from '@kanjs/kernels';
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import type { CudaBackend } from '../backend.js';

const ROW_HELPERS = `
#define T 256
__device__ float block_sum(float v, float* buf) {
  buf[threadIdx.x] = v;
  __syncthreads();
  for (int s = T / 2; s > 0; s >>= 1) {
    if (threadIdx.x < s) buf[threadIdx.x] += buf[threadIdx.x + s];
    __syncthreads();
  }
  float total = buf[0];
  __syncthreads();
  return total;
}

// Mean and 1/sqrt(var + eps) of one row.
__device__ float2 row_stats(const float* __restrict__ x, int n, float eps, float* buf) {
  float s = 0.0f;
  for (int i = threadIdx.x; i < n; i += T) s += x[i];
  const float mean = block_sum(s, buf) / (float)n;
  float s2 = 0.0f;
  for (int i = threadIdx.x; i < n; i += T) { const float d = x[i] - mean; s2 += d * d; }
  return make_float2(mean, 1.0f / sqrtf(block_sum(s2, buf) / (float)n + eps));
}
`;

const SOURCES = {
  forward: `${ROW_HELPERS}
extern "C" __global__ void __launch_bounds__(T) kan_layer_norm_forward(float* __restrict__ y, const float* __restrict__ x,
    const float* __restrict__ gamma, const float* __restrict__ beta, int rows, int n, float eps) {
  __shared__ float buf[T];
  for (int row = blockIdx.x; row < rows; row += gridDim.x) {
    const float* xr = x + (size_t)row * n;
    const float2 st = row_stats(xr, n, eps, buf);
    for (int i = threadIdx.x; i < n; i += T) y[(size_t)row * n + i] = (xr[i] - st.x) * st.y * gamma[i] + beta[i];
  }
}
`,
  // dx = r·(g − mean(g) − x̂·mean(g·x̂)), g = dy·γ, x̂ = (x − mean)·r, r = 1/√(var + ε).
  gradInput: `${ROW_HELPERS}
extern "C" __global__ void __launch_bounds__(T) kan_layer_norm_grad_input(float* __restrict__ dx, const float* __restrict__ dy,
    const float* __restrict__ x, const float* __restrict__ gamma, int rows, int n, float eps) {
  __shared__ float buf[T];
  for (int row = blockIdx.x; row < rows; row += gridDim.x) {
    const float* xr = x + (size_t)row * n;
    const float* dyr = dy + (size_t)row * n;
    const float2 st = row_stats(xr, n, eps, buf);
    float sg = 0.0f, sgx = 0.0f;
    for (int i = threadIdx.x; i < n; i += T) {
      const float g = dyr[i] * gamma[i];
      sg += g;
      sgx += g * (xr[i] - st.x) * st.y;
    }
    const float meanG = block_sum(sg, buf) / (float)n;
    const float meanGX = block_sum(sgx, buf) / (float)n;
    for (int i = threadIdx.x; i < n; i += T) {
      const float xhat = (xr[i] - st.x) * st.y;
      dx[(size_t)row * n + i] = st.y * (dyr[i] * gamma[i] - meanG - xhat * meanGX);
    }
  }
}
`,
  stats: `${ROW_HELPERS}
extern "C" __global__ void __launch_bounds__(T) kan_layer_norm_stats(float* __restrict__ stats, const float* __restrict__ x, int rows, int n, float eps) {
  __shared__ float buf[T];
  for (int row = blockIdx.x; row < rows; row += gridDim.x) {
    const float2 st = row_stats(x + (size_t)row * n, n, eps, buf);
    if (threadIdx.x == 0) { stats[2 * row] = st.x; stats[2 * row + 1] = st.y; }
  }
}
`,
  // dγ[f] = Σ_b dy[b, f]·x̂[b, f] (withXhat) or dβ[f] = Σ_b dy[b, f], over the rows of slice blockIdx.y: a block
  // of 32 × 8 threads covers 32 features (coalesced), its 8 row phases added in a fixed order. One slice writes
  // the result; several write partial sums that kan_column_sum adds in slice order, so the result is the same every run.
  columnPartial: `
extern "C" __global__ void __launch_bounds__(256) kan_layer_norm_column_partial(float* __restrict__ out, const float* __restrict__ dy,
    const float* __restrict__ x, const float* __restrict__ stats, int rows, int n, int rowsPerSlice, int withXhat) {
  __shared__ float buf[8][33];
  const int f = blockIdx.x * 32 + threadIdx.x;
  const int first = blockIdx.y * rowsPerSlice;
  const int last = min(rows, first + rowsPerSlice);
  float s = 0.0f;
  if (f < n) {
    for (int b = first + threadIdx.y; b < last; b += 8) {
      const size_t i = (size_t)b * n + f;
      s += withXhat ? dy[i] * (x[i] - stats[2 * b]) * stats[2 * b + 1] : dy[i];
    }
  }
  buf[threadIdx.y][threadIdx.x] = s;
  __syncthreads();
  if (threadIdx.y == 0 && f < n) {
    float t = buf[0][threadIdx.x];
    for (int k = 1; k < 8; k++) t += buf[k][threadIdx.x];
    out[(size_t)blockIdx.y * n + f] = t;
  }
}
`,
  columnSum: `
extern "C" __global__ void kan_column_sum(float* __restrict__ out, const float* __restrict__ partial, int slices, int n) {
  for (int f = blockIdx.x * blockDim.x + threadIdx.x; f < n; f += blockDim.x * gridDim.x) {
    float t = partial[f];
    for (int k = 1; k < slices; k++) t += partial[(size_t)k * n + f];
    out[f] = t;
  }
}
`,
};

const epsilonOf = (attrs: unknown) => (attrs as { epsilon: number }).epsilon;
const gridFor = (rows: number): [number, number, number] => [Math.max(1, Math.min(rows, 65535)), 1, 1];

function rowStats(cuda: CudaBackend, x: TensorInfo, epsilon: number): TensorInfo {
  const [rows, n] = x.shape as [number, number];
  const stats = cuda.makeOutput([rows, 2], 'float32');
  const fn = cuda.compiled('kan_layer_norm_stats', SOURCES.stats);
  cuda.launch(fn, gridFor(rows), [256, 1, 1], 0, 'ppiif', [cuda.pointer(stats), cuda.pointer(x), rows, n, epsilon]);
  return stats;
}

const forward: KernelConfig['kernelFunc'] = ({ inputs, backend, attrs }) => {
  const cuda = backend as CudaBackend;
  const [x, gamma, beta] = inputs as unknown as TensorInfo[];
  const [rows, n] = x!.shape as [number, number];
  const y = cuda.makeOutput(x!.shape, 'float32');
  if (rows * n > 0) {
    const fn = cuda.compiled('kan_layer_norm_forward', SOURCES.forward);
    cuda.launch(fn, gridFor(rows), [256, 1, 1], 0, 'ppppiif', [cuda.pointer(y), cuda.pointer(x!), cuda.pointer(gamma!), cuda.pointer(beta!), rows, n, epsilonOf(attrs)]);
  }
  return y;
};

const gradInput: KernelConfig['kernelFunc'] = ({ inputs, backend, attrs }) => {
  const cuda = backend as CudaBackend;
  const [dy, x, gamma] = inputs as unknown as TensorInfo[];
  const [rows, n] = x!.shape as [number, number];
  const dx = cuda.makeOutput(x!.shape, 'float32');
  if (rows * n > 0) {
    const fn = cuda.compiled('kan_layer_norm_grad_input', SOURCES.gradInput);
    cuda.launch(fn, gridFor(rows), [256, 1, 1], 0, 'ppppiif', [cuda.pointer(dx), cuda.pointer(dy!), cuda.pointer(x!), cuda.pointer(gamma!), rows, n, epsilonOf(attrs)]);
  }
  return dx;
};

/** dγ or dβ of an empty batch: zeros. */
function zeros(cuda: CudaBackend, n: number): TensorInfo {
  const out = cuda.makeOutput([n], 'float32');
  if (n > 0) cuda.native.fill32(cuda.pointer(out), n, 0);
  return out;
}

/** Rows per slice of the column sums: enough slices to fill the device, each thread adding about 8 rows. */
export const ROWS_PER_SLICE = 64;

/** dγ (with x and its row statistics) or dβ (without): the column sums of dy·x̂ or dy over the rows. */
function columnSums(cuda: CudaBackend, dy: TensorInfo, x: TensorInfo | null, stats: TensorInfo | null): TensorInfo {
  const [rows, n] = dy.shape as [number, number];
  const out = cuda.makeOutput([n], 'float32');
  const slices = Math.max(1, Math.ceil(rows / ROWS_PER_SLICE));
  const partial = slices === 1 ? out : cuda.makeOutput([slices, n], 'float32');
  const fn = cuda.compiled('kan_layer_norm_column_partial', SOURCES.columnPartial);
  const args = [cuda.pointer(partial), cuda.pointer(dy), x === null ? 0 : cuda.pointer(x), stats === null ? 0 : cuda.pointer(stats), rows, n, ROWS_PER_SLICE, x === null ? 0 : 1];
  cuda.launch(fn, [Math.ceil(n / 32), slices, 1], [32, 8, 1], 0, 'ppppiiii', args);
  if (slices > 1) {
    cuda.launch1d(cuda.compiled('kan_column_sum', SOURCES.columnSum), n, 'ppii', [cuda.pointer(out), cuda.pointer(partial), slices, n]);
    cuda.disposeData(partial.dataId);
  }
  return out;
}

const gradGamma: KernelConfig['kernelFunc'] = ({ inputs, backend, attrs }) => {
  const cuda = backend as CudaBackend;
  const [dy, x] = inputs as unknown as TensorInfo[];
  const [rows, n] = x!.shape as [number, number];
  if (n === 0 || rows === 0) return zeros(cuda, n);
  const stats = rowStats(cuda, x!, epsilonOf(attrs));
  const dgamma = columnSums(cuda, dy!, x!, stats);
  cuda.disposeData(stats.dataId);
  return dgamma;
};

const gradBeta: KernelConfig['kernelFunc'] = ({ inputs, backend }) => {
  const cuda = backend as CudaBackend;
  const [dy] = inputs as unknown as TensorInfo[];
  const [rows, n] = dy!.shape as [number, number];
  if (n === 0 || rows === 0) return zeros(cuda, n);
  return columnSums(cuda, dy!, null, null);
};

export const LAYER_NORM_CUDA_KERNELS: KernelConfig[] = kernelConfigs(LAYER_NORM_KERNELS, 'cuda', { forward, gradInput, gradGamma, gradBeta });

/** Declares the fused path to FastKAN's `layerNorm`. */
export function declareFusedLayerNorm(): void {
  registerFusedLayerNorm('cuda');
}
