// KanBasisLinear and its gradients on cuda. Each call takes one of two paths (basis-linear-path.ts): the fused
// kernels (basis-linear-source.ts, compiled by NVRTC once per basis config and launched here), or at large shapes
// the chunked vendor path (basis-linear-vendor.ts, the products through cuBLAS). Neither writes the [batch, in·K]
// basis tensor.
import type { Basis } from '@kanjs/basis-core';
import { BASIS_LINEAR_KERNELS, MAX_FUSED_K, kernelConfigs, registerFusedBasisLinear, setFusedBaseCrossover } from '@kanjs/kernels';
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import type { CudaBackend } from '../backend.js';
import { pathFor } from './basis-linear-path.js';
import { GRAD_WEIGHT_STAGE_ROWS, basisLinearSource, featureTile, forwardStage } from './basis-linear-source.js';
import { vendorForward, vendorGradInput, vendorGradWeight } from './basis-linear-vendor.js';

export { basisLinearSource } from './basis-linear-source.js';

/** Whether the fused kernels handle a basis: it has a CUDA snippet and K ≤ MAX_FUSED_K.cuda. */
export function supportsBasis(basis: Basis): boolean {
  return basis.kernels?.cuda !== undefined && basis.size <= MAX_FUSED_K.cuda;
}

const sourceCache = new WeakMap<Basis, ReturnType<typeof basisLinearSource>[]>();

/** The kernels' sources for a basis, fp32 or TF32 (generated once per basis object). */
function sources(basis: Basis, tf32: boolean): ReturnType<typeof basisLinearSource> {
  let pair = sourceCache.get(basis);
  if (pair === undefined) {
    pair = [];
    sourceCache.set(basis, pair);
  }
  return (pair[tf32 ? 1 : 0] ??= basisLinearSource(basis, { tf32 }));
}

function basisOf(attrs: unknown): Basis {
  const basis = (attrs as { basis?: Basis } | undefined)?.basis;
  if (basis === undefined) throw new Error('cuda: KanBasisLinear: attrs.basis is missing.');
  return basis;
}

/**
 * The basis's state as one device buffer in stateSpecs order (as the snippets index it): the tensor itself when
 * there is one (no copy), nothing (a null pointer) when there is none, else the tensors packed into a new
 * buffer, which `release` frees.
 */
function packState(cuda: CudaBackend, state: readonly TensorInfo[]): { ptr: number; release(): void } {
  if (state.length === 0) return { ptr: 0, release() {} };
  if (state.length === 1) return { ptr: cuda.pointer(state[0]!), release() {} };
  const sizes = state.map((t) => t.shape.reduce((a, b) => a * b, 1));
  const packed = cuda.makeOutput([Math.max(1, sizes.reduce((a, b) => a + b, 0))], 'float32');
  let offset = 0;
  state.forEach((t, n) => {
    cuda.native.copy(cuda.pointer(packed) + 4 * offset, cuda.pointer(t), 4 * sizes[n]!);
    offset += sizes[n]!;
  });
  return { ptr: cuda.pointer(packed), release: () => cuda.disposeData(packed.dataId) };
}

/** f's result, given the basis's state packed as one device buffer (released after). */
function withState(cuda: CudaBackend, state: readonly TensorInfo[], f: (ptr: number) => TensorInfo): TensorInfo {
  const packed = packState(cuda, state);
  try {
    return f(packed.ptr);
  } finally {
    packed.release();
  }
}

/** The result of a kernel split over its reduction: the partial results [used, …] summed over the first axis. */
function sumPartials(cuda: CudaBackend, partial: TensorInfo, used: number): TensorInfo {
  if (used === 1) return partial;
  const sum = cuda.runKernel('Sum', { x: partial }, { axis: [0], keepDims: false });
  cuda.disposeData(partial.dataId);
  return sum;
}

const forward: KernelConfig['kernelFunc'] = ({ inputs, backend, attrs }) => {
  const cuda = backend as CudaBackend;
  const [x, w, ...state] = inputs as unknown as TensorInfo[];
  const basis = basisOf(attrs);
  const [B, IN] = x!.shape as [number, number];
  const OUT = w!.shape[1]!;
  if (pathFor({ batch: B, inFeatures: IN, outFeatures: OUT, size: basis.size }, cuda.tf32) === 'vendor') return withState(cuda, state, (ptr) => vendorForward(cuda, basis, x!, w!, ptr));
  const FC = forwardStage(basis.size).features;
  const tiles = Math.ceil(OUT / 128) * Math.ceil(B / 128);
  const chunks = Math.ceil(IN / FC);
  // Too few tiles to fill the GPU: split the reduction over i until there are about two blocks per
  // multiprocessor; the partial sums are added after.
  const splits = tiles >= cuda.device.multiprocessors ? 1 : Math.max(1, Math.min(chunks, Math.ceil((2 * cuda.device.multiprocessors) / tiles)));
  const chunksPerSplit = Math.ceil(chunks / splits);
  const used = Math.ceil(chunks / chunksPerSplit);
  const packed = packState(cuda, state);
  const partial = cuda.makeOutput(used === 1 ? [B, OUT] : [used, B, OUT], 'float32');
  const fn = cuda.compiled('kan_basis_linear_forward', sources(basis, cuda.tf32).forward);
  if (B * OUT > 0) {
    cuda.launch(fn, [Math.ceil(OUT / 128), Math.ceil(B / 128), used], [256, 1, 1], 0, 'ppppiiii', [cuda.pointer(partial), cuda.pointer(x!), cuda.pointer(w!), packed.ptr, B, IN, OUT, chunksPerSplit * FC]);
  }
  packed.release();
  return sumPartials(cuda, partial, used);
};

const gradWeight: KernelConfig['kernelFunc'] = ({ inputs, backend, attrs }) => {
  const cuda = backend as CudaBackend;
  const [dy, x, ...state] = inputs as unknown as TensorInfo[];
  const basis = basisOf(attrs);
  const [B, IN] = x!.shape as [number, number];
  const OUT = dy!.shape[1]!;
  if (pathFor({ batch: B, inFeatures: IN, outFeatures: OUT, size: basis.size }, cuda.tf32) === 'vendor') return withState(cuda, state, (ptr) => vendorGradWeight(cuda, basis, dy!, x!, ptr));
  const tiles = Math.ceil(OUT / 128) * Math.ceil(IN / featureTile(basis.size));
  const stages = Math.ceil(B / GRAD_WEIGHT_STAGE_ROWS);
  // Too few tiles to fill the GPU: split the batch (at least 8 stages per piece) until there are about two
  // blocks per multiprocessor; the partial dW are added after.
  const splits = tiles >= cuda.device.multiprocessors ? 1 : Math.max(1, Math.min(Math.floor(stages / 8), Math.ceil((2 * cuda.device.multiprocessors) / tiles)));
  const rowsPerSplit = GRAD_WEIGHT_STAGE_ROWS * Math.max(1, Math.ceil(stages / splits));
  const used = Math.max(1, Math.ceil(B / rowsPerSplit));
  const packed = packState(cuda, state);
  const partial = cuda.makeOutput(used === 1 ? [IN * basis.size, OUT] : [used, IN * basis.size, OUT], 'float32');
  const fn = cuda.compiled('kan_basis_linear_grad_weight', sources(basis, cuda.tf32).gradWeight);
  if (IN * OUT > 0) {
    cuda.launch(fn, [Math.ceil(OUT / 128), Math.ceil(IN / featureTile(basis.size)), used], [256, 1, 1], 0, 'ppppiiii', [cuda.pointer(partial), cuda.pointer(dy!), cuda.pointer(x!), packed.ptr, B, IN, OUT, rowsPerSplit]);
  }
  packed.release();
  return sumPartials(cuda, partial, used);
};

const gradInput: KernelConfig['kernelFunc'] = ({ inputs, backend, attrs }) => {
  const cuda = backend as CudaBackend;
  const [dy, x, w, ...state] = inputs as unknown as TensorInfo[];
  const basis = basisOf(attrs);
  const [B, IN] = x!.shape as [number, number];
  const OUT = dy!.shape[1]!;
  if (pathFor({ batch: B, inFeatures: IN, outFeatures: OUT, size: basis.size }, cuda.tf32) === 'vendor') return withState(cuda, state, (ptr) => vendorGradInput(cuda, basis, dy!, x!, w!, ptr));
  const packed = packState(cuda, state);
  const dx = cuda.makeOutput([B, IN], 'float32');
  const fn = cuda.compiled('kan_basis_linear_grad_input', sources(basis, cuda.tf32).gradInput);
  if (B * IN > 0) {
    cuda.launch(fn, [Math.ceil(IN / featureTile(basis.size)), Math.ceil(B / 128), 1], [256, 1, 1], 0, 'pppppiii', [cuda.pointer(dx), cuda.pointer(dy!), cuda.pointer(x!), cuda.pointer(w!), packed.ptr, B, IN, OUT]);
  }
  packed.release();
  return dx;
};

export const BASIS_LINEAR_CUDA_KERNELS: KernelConfig[] = kernelConfigs(BASIS_LINEAR_KERNELS, 'cuda', { forward, gradInput, gradWeight });

/**
 * The largest batch·in·out for which the SiLU base branch takes the fused op on cuda. Below it a step is bound by
 * the cost of each op (an MNIST step: 67 kernels instead of 117, 1.5–2× faster); above it cuBLAS (and TF32 tensor
 * cores) win: on the H200 the fused K = 1 tile made a 1024 → 1024 @4096 FastKAN layer 0.4 ms slower in fp32 and
 * 0.7 ms in TF32.
 */
export const FUSED_BASE_MAX_PRODUCT = 2 ** 26;

/**
 * Declares the fused path to `basisLinear` for every basis with a CUDA snippet, and the SiLU base branch's
 * crossover to cuBLAS (batch·in·out above FUSED_BASE_MAX_PRODUCT).
 */
export function declareFusedBasisLinear(): void {
  registerFusedBasisLinear('cuda', supportsBasis);
  setFusedBaseCrossover('cuda', ({ batch, inFeatures, outFeatures }) => batch * inFeatures * outFeatures <= FUSED_BASE_MAX_PRODUCT);
}
