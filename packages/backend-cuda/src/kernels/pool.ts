// Max pooling, NHWC float32: MaxPool and its gradient MaxPoolGrad, one thread per output value. As on the cpu
// backend, a window's maximum is the first of its largest values in row-major order (a strict `>` from −∞, so NaN
// is passed over), and the gradient sends each dy to that one position; where windows overlap, a position sums
// its windows' dy in ascending output order, in double. Other dtypes run on the cpu backend (CPU forwarding).
import { backend_util, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import type { CudaBackend } from '../backend.js';
import { runOnCpu } from '../forwarding.js';
import { WINDOW_PARAMS, WINDOW_SIGNATURE, splitNhwc, windowArgs, windowInputs, windowsHolding } from './window.js';

type KernelArgs = Parameters<KernelConfig['kernelFunc']>[0];
type Shape4 = [number, number, number, number];

const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

// The position (window row · fw + column) of the first maximum of output (b, r, c, ch)'s window, or −1 if the
// window holds no value above −∞; its maximum in *best.
const ARGMAX = `
__device__ int window_argmax(const float* __restrict__ x, int b, int r, int c, int ch, float* best, ${WINDOW_PARAMS}) {
  float m = -__int_as_float(0x7f800000);
  int at = -1;
  ${windowInputs(`const float v = x[((size_t)(b * inH + xr) * inW + xc) * inC + ch];
        if (v > m) { m = v; at = wr * fw + wc; }`)}
  *best = m;
  return at;
}
`;

const ARGS = 'B, inH, inW, inC, outH, outW, outC, fh, fw, sh, sw, dh, dw, padTop, padLeft';

const MAX_POOL = `// max pool, NHWC
${ARGMAX}
extern "C" __global__ void max_pool(float* __restrict__ y, const float* __restrict__ x, ${WINDOW_PARAMS}) {
  const int n = B * outH * outW * outC;
  for (int idx = blockIdx.x * blockDim.x + threadIdx.x; idx < n; idx += blockDim.x * gridDim.x) {
    ${splitNhwc('outH', 'outW', 'outC', ['b', 'r', 'c', 'ch'])}
    float m;
    window_argmax(x, b, r, c, ch, &m, ${ARGS});
    y[idx] = m;
  }
}
`;

// dx[b, xr, xc, ch] = Σ dy[b, r, c, ch] over the outputs whose window's first maximum is at (xr, xc).
const MAX_POOL_GRAD = `// max pool gradient, NHWC
${ARGMAX}
extern "C" __global__ void max_pool_grad(float* __restrict__ dx, const float* __restrict__ dy, const float* __restrict__ x, ${WINDOW_PARAMS}) {
  const int n = B * inH * inW * inC;
  for (int idx = blockIdx.x * blockDim.x + threadIdx.x; idx < n; idx += blockDim.x * gridDim.x) {
    ${splitNhwc('inH', 'inW', 'inC', ['b', 'xr', 'xc', 'ch'])}
    double acc = 0.0;
    ${windowsHolding(`float m;
        if (window_argmax(x, b, r, c, ch, &m, ${ARGS}) == wr * fw + wc) acc += (double)dy[((size_t)(b * outH + r) * outW + c) * outC + ch];`)}
    dx[idx] = (float)acc;
  }
}
`;

interface PoolAttrs {
  filterSize: number | [number, number];
  strides: number | [number, number];
  pad: 'same' | 'valid' | number | backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

const poolInfo = (x: TensorInfo, attrs: PoolAttrs) => backend_util.computePool2DInfo(x.shape as Shape4, attrs.filterSize, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);

const maxPool: KernelConfig = {
  kernelName: 'MaxPool',
  backendName: 'cuda',
  kernelFunc: (args) => {
    const { x } = args.inputs as { x: TensorInfo };
    if (x.dtype !== 'float32') return runOnCpu('MaxPool', args as KernelArgs);
    const cuda = args.backend as CudaBackend;
    const info = poolInfo(x, args.attrs as unknown as PoolAttrs);
    const y = cuda.makeOutput(info.outShape, 'float32');
    const n = sizeOf(info.outShape);
    if (n > 0) cuda.launch1d(cuda.compiled('max_pool', MAX_POOL), n, `pp${WINDOW_SIGNATURE}`, [cuda.pointer(y), cuda.pointer(x), ...windowArgs(info)]);
    return y;
  },
};

const maxPoolGrad: KernelConfig = {
  kernelName: 'MaxPoolGrad',
  backendName: 'cuda',
  kernelFunc: (args) => {
    const { dy, input } = args.inputs as { dy: TensorInfo; input: TensorInfo };
    if (dy.dtype !== 'float32' || input.dtype !== 'float32') return runOnCpu('MaxPoolGrad', args as KernelArgs);
    const cuda = args.backend as CudaBackend;
    const info = poolInfo(input, args.attrs as unknown as PoolAttrs);
    const dx = cuda.makeOutput(input.shape, 'float32');
    const n = sizeOf(input.shape);
    if (n > 0) cuda.launch1d(cuda.compiled('max_pool_grad', MAX_POOL_GRAD), n, `ppp${WINDOW_SIGNATURE}`, [cuda.pointer(dx), cuda.pointer(dy), cuda.pointer(input), ...windowArgs(info)]);
    return dx;
  },
};

export const POOL_KERNELS: KernelConfig[] = [maxPool, maxPoolGrad];
