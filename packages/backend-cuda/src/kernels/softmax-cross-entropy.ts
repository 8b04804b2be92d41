// The fused softmax cross-entropy (SOFTMAX_CROSS_ENTROPY_KERNELS): the mean loss over the batch in one launch
// (one block; each thread takes rows, then a fixed-order block reduction, so the sum is deterministic), and
// dlogits in one launch (a thread per row: its log-sum-exp, then the row's C gradients). The composition tfjs-core
// runs instead is about 35 kernels forward and backward.
import { SOFTMAX_CROSS_ENTROPY_KERNELS } from '@kanjs/basis-core';
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import type { CudaBackend } from '../backend.js';

const LSE = `// log Σ_c exp(z[c]) over one row, shifted by the row's max as tfjs-core's logSumExp is.
__device__ __forceinline__ float kan_row_lse(const float* __restrict__ z, int C) {
  float m = __int_as_float(0xff800000); // −∞ (NVRTC has no math.h)
  for (int c = 0; c < C; c++) m = fmaxf(m, z[c]);
  float s = 0.0f;
  for (int c = 0; c < C; c++) s += expf(z[c] - m);
  return m + logf(s);
}
`;

/** Threads of the forward kernel's single block. */
const FORWARD_THREADS = 512;

const FORWARD = `${LSE}
extern "C" __global__ void kan_softmax_ce(float* __restrict__ loss, const float* __restrict__ labels, const float* __restrict__ z, int B, int C) {
  __shared__ float warps[${FORWARD_THREADS / 32}];
  float sum = 0.0f;
  for (int b = threadIdx.x; b < B; b += blockDim.x) {
    const float* zr = z + (size_t)b * C;
    const float* lr = labels + (size_t)b * C;
    const float lse = kan_row_lse(zr, C);
    float row = 0.0f;
    for (int c = 0; c < C; c++) row += lr[c] * (zr[c] - lse);
    sum -= row;
  }
  for (int offset = 16; offset > 0; offset >>= 1) sum += __shfl_down_sync(0xffffffffu, sum, offset);
  if ((threadIdx.x & 31) == 0) warps[threadIdx.x >> 5] = sum;
  __syncthreads();
  if (threadIdx.x == 0) {
    float total = 0.0f;
    for (int w = 0; w < ${FORWARD_THREADS / 32}; w++) total += warps[w];
    loss[0] = total / (float)B;
  }
}
`;

const GRAD = `${LSE}
extern "C" __global__ void kan_softmax_ce_grad(float* __restrict__ dz, const float* __restrict__ dy, const float* __restrict__ labels, const float* __restrict__ z, int B, int C) {
  const float scale = dy[0] / (float)B;
  for (int b = blockIdx.x * blockDim.x + threadIdx.x; b < B; b += gridDim.x * blockDim.x) {
    const float* zr = z + (size_t)b * C;
    const float* lr = labels + (size_t)b * C;
    float* out = dz + (size_t)b * C;
    const float lse = kan_row_lse(zr, C);
    for (int c = 0; c < C; c++) out[c] = scale * (expf(zr[c] - lse) - lr[c]);
  }
}
`;

function check(labels: TensorInfo, logits: TensorInfo): [number, number] {
  if (logits.shape.length !== 2 || labels.shape.join() !== logits.shape.join() || labels.dtype !== 'float32' || logits.dtype !== 'float32') {
    throw new Error(`cuda: ${SOFTMAX_CROSS_ENTROPY_KERNELS.forward} expects float32 labels and logits of one shape [batch, classes], got ${labels.dtype} [${labels.shape.join(', ')}] and ${logits.dtype} [${logits.shape.join(', ')}].`);
  }
  return logits.shape as [number, number];
}

const forward: KernelConfig = {
  kernelName: SOFTMAX_CROSS_ENTROPY_KERNELS.forward,
  backendName: 'cuda',
  kernelFunc: ({ inputs, backend }) => {
    const cuda = backend as CudaBackend;
    const [labels, logits] = inputs as unknown as [TensorInfo, TensorInfo];
    const [B, C] = check(labels, logits);
    const loss = cuda.makeOutput([], 'float32');
    cuda.launch(cuda.compiled('kan_softmax_ce', FORWARD), [1, 1, 1], [FORWARD_THREADS, 1, 1], 0, 'pppii', [cuda.pointer(loss), cuda.pointer(labels), cuda.pointer(logits), B, C]);
    return loss;
  },
};

const grad: KernelConfig = {
  kernelName: SOFTMAX_CROSS_ENTROPY_KERNELS.grad,
  backendName: 'cuda',
  kernelFunc: ({ inputs, backend }) => {
    const cuda = backend as CudaBackend;
    const [dy, labels, logits] = inputs as unknown as [TensorInfo, TensorInfo, TensorInfo];
    const [B, C] = check(labels, logits);
    const dz = cuda.makeOutput([B, C], 'float32');
    if (B * C > 0) cuda.launch1d(cuda.compiled('kan_softmax_ce_grad', GRAD), B, 'ppppii', [cuda.pointer(dz), cuda.pointer(dy), cuda.pointer(labels), cuda.pointer(logits), B, C], 128);
    return dz;
  },
};

export const SOFTMAX_CROSS_ENTROPY_CUDA_KERNELS: KernelConfig[] = [forward, grad];
