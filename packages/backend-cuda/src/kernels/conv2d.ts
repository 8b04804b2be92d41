// 2-D convolutions, NHWC float32: Conv2D, FusedConv2D (bias and activation applied in the same launch) and the
// two gradients, Conv2DBackpropInput and Conv2DBackpropFilter — the kernels of a small conv front end such as
// packages/mnist's `--conv`. Direct kernels: one thread per output value looping over its window and input
// channels; the filter gradient takes one block per filter value, whose threads split the batch and positions
// and then add their partial sums in a fixed tree, so every run gives the same bits (no atomics).
//
// The sums follow the cpu backend's loops: the forward sums in float32 in the same order (window row, column,
// input channel), each step rounded as JavaScript rounds it (the product exact in double, one rounding to
// float32), and the gradients sum in double, as JavaScript numbers do, with one rounding at the end. Strides,
// dilations, 'same', 'valid', explicit padding and dimRoundingMode all come from tfjs's own Conv2DInfo. NCHW and
// other dtypes run on the cpu backend (CPU forwarding), as do biases and PReLU weights that do not repeat over the
// output (a shape that is not a suffix of it).
import { backend_util, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import type { CudaBackend } from '../backend.js';
import { runOnCpu } from '../forwarding.js';
import { unaryFloatExpression } from './elementwise.js';
import { WINDOW_PARAMS, WINDOW_SIGNATURE, splitNhwc, windowArgs, windowInputs, windowsHolding } from './window.js';

type KernelArgs = Parameters<KernelConfig['kernelFunc']>[0];
type Padding = 'same' | 'valid' | number | backend_util.ExplicitPadding;
type Rounding = 'floor' | 'round' | 'ceil' | undefined;
type Filter4 = [number, number, number, number];

const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** FusedConv2D's activations as expressions in x (the convolution plus bias), tfjs's names. */
const ACTIVATIONS: Record<string, string> = {
  linear: 'x',
  relu: unaryFloatExpression('Relu'),
  relu6: unaryFloatExpression('Relu6'),
  elu: unaryFloatExpression('Elu'),
  sigmoid: unaryFloatExpression('Sigmoid'),
  leakyrelu: 'x < 0.0f ? alpha * x : x',
  prelu: 'x < 0.0f ? prelu[idx % preluSize] * x : x',
};

// y[b, r, c, d2] = act(Σ_{wr, wc, d1} x[b, r·sh − padTop + wr·dh, c·sw − padLeft + wc·dw, d1] · w[wr, wc, d1, d2] + bias);
// bias and prelu repeat over the output (index idx mod their size), biasSize 0 means none.
const forwardSource = (name: string, activation: string) => `// conv2d forward, NHWC
extern "C" __global__ void ${name}(float* __restrict__ out, const float* __restrict__ input, const float* __restrict__ filter,
    const float* __restrict__ bias, int biasSize, const float* __restrict__ prelu, int preluSize, float alpha, ${WINDOW_PARAMS}) {
  const int n = B * outH * outW * outC;
  for (int idx = blockIdx.x * blockDim.x + threadIdx.x; idx < n; idx += blockDim.x * gridDim.x) {
    ${splitNhwc('outH', 'outW', 'outC', ['b', 'r', 'c', 'd2'])}
    float acc = 0.0f;
    ${windowInputs(`const float* xp = input + ((size_t)(b * inH + xr) * inW + xc) * inC;
        const float* wp = filter + (size_t)(wr * fw + wc) * inC * outC + d2;
        // The product of two floats is exact in double: one rounding per step, as the cpu backend's float32 sum.
        for (int d1 = 0; d1 < inC; d1++) acc = __double2float_rn(fma((double)xp[d1], (double)wp[(size_t)d1 * outC], (double)acc));`)}
    float x = acc;
    if (biasSize > 0) x = x + bias[idx % biasSize];
    out[idx] = ${activation};
  }
}
`;

// dx[b, xr, xc, d1] = Σ_{r, c, d2} dy[b, r, c, d2] · w[wr, wc, d1, d2] over the outputs whose window holds (xr, xc).
const BACKPROP_INPUT = `// conv2d input gradient, NHWC
extern "C" __global__ void conv2d_backprop_input(float* __restrict__ dx, const float* __restrict__ dy, const float* __restrict__ filter, ${WINDOW_PARAMS}) {
  const int n = B * inH * inW * inC;
  for (int idx = blockIdx.x * blockDim.x + threadIdx.x; idx < n; idx += blockDim.x * gridDim.x) {
    ${splitNhwc('inH', 'inW', 'inC', ['b', 'xr', 'xc', 'd1'])}
    double acc = 0.0;
    ${windowsHolding(`const float* g = dy + ((size_t)(b * outH + r) * outW + c) * outC;
        const float* wp = filter + ((size_t)(wr * fw + wc) * inC + d1) * outC;
        for (int d2 = 0; d2 < outC; d2++) acc = fma((double)g[d2], (double)wp[d2], acc);`)}
    dx[idx] = (float)acc;
  }
}
`;

// dfilter[wr, wc, d1, d2] = Σ_{b, r, c} x[b, r·sh − padTop + wr·dh, c·sw − padLeft + wc·dw, d1] · dy[b, r, c, d2]: one
// 256-thread block per filter value; thread t takes positions t, t + 256, …; the partials meet in a fixed tree.
const BACKPROP_FILTER = `// conv2d filter gradient, NHWC
#define T 256
extern "C" __global__ void __launch_bounds__(T) conv2d_backprop_filter(float* __restrict__ dfilter, const float* __restrict__ input, const float* __restrict__ dy, ${WINDOW_PARAMS}) {
  __shared__ double buf[T];
  const int n = fh * fw * inC * outC;
  const int positions = B * outH * outW;
  for (int f = blockIdx.x; f < n; f += gridDim.x) {
    const int d2 = f % outC;
    const int d1 = (f / outC) % inC;
    const int wc = (f / outC / inC) % fw;
    const int wr = f / outC / inC / fw;
    double acc = 0.0;
    for (int p = threadIdx.x; p < positions; p += T) {
      const int c = p % outW;
      const int r = (p / outW) % outH;
      const int b = p / outW / outH;
      const int xr = r * sh - padTop + wr * dh;
      const int xc = c * sw - padLeft + wc * dw;
      if (xr < 0 || xr >= inH || xc < 0 || xc >= inW) continue;
      acc = fma((double)input[((size_t)(b * inH + xr) * inW + xc) * inC + d1], (double)dy[(size_t)p * outC + d2], acc);
    }
    buf[threadIdx.x] = acc;
    __syncthreads();
    for (int s = T / 2; s > 0; s >>= 1) {
      if (threadIdx.x < s) buf[threadIdx.x] += buf[threadIdx.x + s];
      __syncthreads();
    }
    if (threadIdx.x == 0) dfilter[f] = (float)buf[0];
    __syncthreads();
  }
}
`;

interface ConvAttrs {
  strides: number | [number, number];
  pad: Padding;
  dataFormat?: 'NHWC' | 'NCHW';
  dilations?: number | [number, number];
  dimRoundingMode?: Rounding;
}

/** Whether a kernel can run here: NHWC and float32 everywhere (the rest goes to the cpu backend). */
const native = (attrs: ConvAttrs, tensors: readonly (TensorInfo | undefined)[]) =>
  (attrs.dataFormat ?? 'NHWC') === 'NHWC' && tensors.every((t) => t === undefined || t.dtype === 'float32');

/** Whether t broadcasts over `shape` by repeating whole: its shape without leading 1s is a suffix of `shape`. */
function repeatsOver(t: TensorInfo, shape: readonly number[]): boolean {
  const dims = [...t.shape];
  while (dims.length > 0 && dims[0] === 1) dims.shift();
  return dims.length <= shape.length && dims.every((d, i) => d === shape[shape.length - dims.length + i]);
}

/** The forward geometry of x [B, H, W, inC] and filter [fh, fw, inC, outC]. */
const forwardInfo = (x: TensorInfo, filter: TensorInfo, attrs: ConvAttrs) =>
  backend_util.computeConv2DInfo(x.shape as Filter4, filter.shape as Filter4, attrs.strides, attrs.dilations ?? 1, attrs.pad, attrs.dimRoundingMode, false, 'channelsLast');

/** The convolution of x [B, H, W, inC] with filter [fh, fw, inC, outC], plus bias, through an activation. */
function convolve(cuda: CudaBackend, x: TensorInfo, filter: TensorInfo, info: backend_util.Conv2DInfo, activation: string, extra: { bias?: TensorInfo; prelu?: TensorInfo; alpha?: number } = {}): TensorInfo {
  const out = cuda.makeOutput(info.outShape, 'float32');
  const n = sizeOf(info.outShape);
  if (n === 0) return out;
  const name = `conv2d_forward_${activation}`;
  const fn = cuda.compiled(name, () => forwardSource(name, ACTIVATIONS[activation]!), name);
  const { bias, prelu } = extra;
  const args = [
    cuda.pointer(out), cuda.pointer(x), cuda.pointer(filter),
    bias === undefined ? 0 : cuda.pointer(bias), bias === undefined ? 0 : sizeOf(bias.shape),
    prelu === undefined ? 0 : cuda.pointer(prelu), prelu === undefined ? 0 : sizeOf(prelu.shape),
    extra.alpha ?? 0, ...windowArgs(info),
  ];
  cuda.launch1d(fn, n, `ppppipif${WINDOW_SIGNATURE}`, args);
  return out;
}

const conv2d: KernelConfig = {
  kernelName: 'Conv2D',
  backendName: 'cuda',
  kernelFunc: (args) => {
    const { x, filter } = args.inputs as { x: TensorInfo; filter: TensorInfo };
    const attrs = args.attrs as unknown as ConvAttrs;
    if (!native(attrs, [x, filter])) return runOnCpu('Conv2D', args as KernelArgs);
    return convolve(args.backend as CudaBackend, x, filter, forwardInfo(x, filter, attrs), 'linear');
  },
};

const fusedConv2d: KernelConfig = {
  kernelName: 'FusedConv2D',
  backendName: 'cuda',
  kernelFunc: (args) => {
    const { x, filter, bias, preluActivationWeights: prelu } = args.inputs as { x: TensorInfo; filter: TensorInfo; bias?: TensorInfo; preluActivationWeights?: TensorInfo };
    const attrs = args.attrs as unknown as ConvAttrs & { activation?: string; leakyreluAlpha?: number };
    const activation = attrs.activation ?? 'linear';
    const $bias = bias ?? undefined;
    const $prelu = activation === 'prelu' ? (prelu ?? undefined) : undefined;
    const info = forwardInfo(x, filter, attrs);
    const repeats = [$bias, $prelu].every((t) => t === undefined || repeatsOver(t, info.outShape));
    if (!native(attrs, [x, filter, $bias, $prelu]) || !repeats || ACTIVATIONS[activation] === undefined || (activation === 'prelu' && $prelu === undefined)) {
      return runOnCpu('FusedConv2D', args as KernelArgs);
    }
    const extra: { bias?: TensorInfo; prelu?: TensorInfo; alpha: number } = { alpha: attrs.leakyreluAlpha ?? 0 };
    if ($bias !== undefined) extra.bias = $bias;
    if ($prelu !== undefined) extra.prelu = $prelu;
    return convolve(args.backend as CudaBackend, x, filter, info, activation, extra);
  },
};

type GradientAttrs = ConvAttrs & { inputShape: Filter4; filterShape: Filter4 };

/**
 * Conv2DBackpropInput or Conv2DBackpropFilter: two tensors in (named `names`), the gradient out (`output` of the
 * Conv2DInfo that `geometry` computes from them), one launch of `kernel` with (out, a, b, window) — a thread per
 * value, or with `perBlock` a 256-thread block per value.
 */
function gradientKernel(kernelName: string, names: readonly [string, string], geometry: (a: TensorInfo, b: TensorInfo, attrs: GradientAttrs) => backend_util.Conv2DInfo, output: 'inShape' | 'filterShape', kernel: string, source: string, perBlock: boolean): KernelConfig {
  return {
    kernelName,
    backendName: 'cuda',
    kernelFunc: (args) => {
      const inputs = args.inputs as Record<string, TensorInfo>;
      const [a, b] = [inputs[names[0]]!, inputs[names[1]]!];
      const attrs = args.attrs as unknown as GradientAttrs;
      if (!native(attrs, [a, b])) return runOnCpu(kernelName, args as KernelArgs);
      const cuda = args.backend as CudaBackend;
      const info = geometry(a, b, attrs);
      const out = cuda.makeOutput(info[output], 'float32');
      const n = sizeOf(info[output]);
      if (n === 0) return out;
      const fn = cuda.compiled(kernel, source);
      const launchArgs = [cuda.pointer(out), cuda.pointer(a), cuda.pointer(b), ...windowArgs(info)];
      if (perBlock) cuda.launch(fn, [Math.min(n, 1 << 20), 1, 1], [256, 1, 1], 0, `ppp${WINDOW_SIGNATURE}`, launchArgs);
      else cuda.launch1d(fn, n, `ppp${WINDOW_SIGNATURE}`, launchArgs);
      return out;
    },
  };
}

// tfjs has no gradient for dilated convolutions: both gradients' geometry has dilation 1.
const backpropInput = gradientKernel(
  'Conv2DBackpropInput', ['dy', 'filter'],
  (_dy, filter, attrs) => backend_util.computeConv2DInfo(attrs.inputShape, filter.shape as Filter4, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode, false, 'channelsLast'),
  'inShape', 'conv2d_backprop_input', BACKPROP_INPUT, false,
);

const backpropFilter = gradientKernel(
  'Conv2DBackpropFilter', ['x', 'dy'],
  (x, _dy, attrs) => backend_util.computeConv2DInfo(x.shape as Filter4, attrs.filterShape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode, false, 'channelsLast'),
  'filterShape', 'conv2d_backprop_filter', BACKPROP_FILTER, true,
);

export const CONV2D_KERNELS: KernelConfig[] = [conv2d, fusedConv2d, backpropInput, backpropFilter];
