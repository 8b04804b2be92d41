// The fused softmax cross-entropy (SOFTMAX_CROSS_ENTROPY_KERNELS). A warp takes a row at a time, its lanes
// striding over the classes (coalesced), with butterfly shuffles for the row's max, Σ exp and loss. The mean
// loss is two launches: per-block sums of the rows' losses (a fixed order in each block), then one thread adds
// the blocks' sums in order, so the loss is the same on every run. dlogits is one launch. The composition
// tfjs-core runs instead is about 35 kernels forward and backward.
import { SOFTMAX_CROSS_ENTROPY_KERNELS, softmaxCrossEntropyShape } from '@kanjs/kernels';
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import type { CudaBackend } from '../backend.js';

/** Warps per block, each a row at a time. */
const WARPS = 8;

const ROW = `#define WARPS ${WARPS}
__device__ __forceinline__ float kan_warp_max(float v) {
  for (int o = 16; o > 0; o >>= 1) v = fmaxf(v, __shfl_xor_sync(0xffffffffu, v, o));
  return v;
}
__device__ __forceinline__ float kan_warp_sum(float v) {
  for (int o = 16; o > 0; o >>= 1) v += __shfl_xor_sync(0xffffffffu, v, o);
  return v;
}
// log Σ_c exp(z[c]) of one row, shifted by the row's max as tfjs-core's logSumExp is; every lane gets it.
__device__ __forceinline__ float kan_row_lse(const float* __restrict__ z, int C, int lane) {
  float m = __int_as_float(0xff800000); // −∞ (NVRTC has no math.h)
  for (int c = lane; c < C; c += 32) m = fmaxf(m, z[c]);
  m = kan_warp_max(m);
  float s = 0.0f;
  for (int c = lane; c < C; c += 32) s += expf(z[c] - m);
  return m + logf(kan_warp_sum(s));
}
`;

const FORWARD_ROWS = `${ROW}
extern "C" __global__ void kan_softmax_ce_rows(float* __restrict__ partial, const float* __restrict__ labels, const float* __restrict__ z, int B, int C) {
  __shared__ float warps[WARPS];
  const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
  float sum = 0.0f;
  for (int b = blockIdx.x * WARPS + warp; b < B; b += gridDim.x * WARPS) {
    const float* zr = z + (size_t)b * C;
    const float* lr = labels + (size_t)b * C;
    const float lse = kan_row_lse(zr, C, lane);
    float row = 0.0f;
    for (int c = lane; c < C; c += 32) row += lr[c] * (zr[c] - lse);
    sum -= kan_warp_sum(row);
  }
  if (lane == 0) warps[warp] = sum;
  __syncthreads();
  if (threadIdx.x == 0) {
    float total = 0.0f;
    for (int w = 0; w < WARPS; w++) total += warps[w];
    partial[blockIdx.x] = total;
  }
}
`;

const FORWARD_TOTAL = `extern "C" __global__ void kan_softmax_ce_total(float* __restrict__ loss, const float* __restrict__ partial, int blocks, int B) {
  if (threadIdx.x == 0 && blockIdx.x == 0) {
    float total = 0.0f;
    for (int i = 0; i < blocks; i++) total += partial[i];
    loss[0] = total / (float)B;
  }
}
`;

const GRAD = `${ROW}
extern "C" __global__ void kan_softmax_ce_grad(float* __restrict__ dz, const float* __restrict__ dy, const float* __restrict__ labels, const float* __restrict__ z, int B, int C) {
  const int lane = threadIdx.x & 31;
  const float scale = dy[0] / (float)B;
  for (int b = blockIdx.x * WARPS + (threadIdx.x >> 5); b < B; b += gridDim.x * WARPS) {
    const float* zr = z + (size_t)b * C;
    const float* lr = labels + (size_t)b * C;
    float* out = dz + (size_t)b * C;
    const float lse = kan_row_lse(zr, C, lane);
    for (int c = lane; c < C; c += 32) out[c] = scale * (expf(zr[c] - lse) - lr[c]);
  }
}
`;

/** Blocks for B rows: one row per warp, up to `perSM` blocks per multiprocessor. */
const blocksFor = (cuda: CudaBackend, B: number, perSM: number) => Math.max(1, Math.min(Math.ceil(B / WARPS), cuda.device.multiprocessors * perSM));

const forward: KernelConfig = {
  kernelName: SOFTMAX_CROSS_ENTROPY_KERNELS.forward,
  backendName: 'cuda',
  kernelFunc: ({ inputs, backend }) => {
    const cuda = backend as CudaBackend;
    const [labels, logits] = inputs as unknown as [TensorInfo, TensorInfo];
    const [B, C] = softmaxCrossEntropyShape('cuda', labels, logits);
    const loss = cuda.makeOutput([], 'float32');
    const blocks = blocksFor(cuda, B, 2);
    const partial = cuda.makeOutput([blocks], 'float32');
    cuda.launch(cuda.compiled('kan_softmax_ce_rows', FORWARD_ROWS), [blocks, 1, 1], [32 * WARPS, 1, 1], 0, 'pppii', [cuda.pointer(partial), cuda.pointer(labels), cuda.pointer(logits), B, C]);
    cuda.launch(cuda.compiled('kan_softmax_ce_total', FORWARD_TOTAL), [1, 1, 1], [32, 1, 1], 0, 'ppii', [cuda.pointer(loss), cuda.pointer(partial), blocks, B]);
    cuda.disposeData(partial.dataId);
    return loss;
  },
};

const grad: KernelConfig = {
  kernelName: SOFTMAX_CROSS_ENTROPY_KERNELS.grad,
  backendName: 'cuda',
  kernelFunc: ({ inputs, backend }) => {
    const cuda = backend as CudaBackend;
    const [dy, labels, logits] = inputs as unknown as [TensorInfo, TensorInfo, TensorInfo];
    const [B, C] = softmaxCrossEntropyShape('cuda', labels, logits);
    const dz = cuda.makeOutput([B, C], 'float32');
    if (B * C > 0) {
      cuda.launch(cuda.compiled('kan_softmax_ce_grad', GRAD), [blocksFor(cuda, B, 8), 1, 1], [32 * WARPS, 1, 1], 0, 'ppppii', [cuda.pointer(dz), cuda.pointer(dy), cuda.pointer(labels), cuda.pointer(logits), B, C]);
    }
    return dz;
  },
};

export const SOFTMAX_CROSS_ENTROPY_CUDA_KERNELS: KernelConfig[] = [forward, grad];
