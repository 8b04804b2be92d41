import * as tf from '@tensorflow/tfjs-core';
import { hasFusedBasisLinear, type Basis, type BasisKernelSnippets } from '@kanjs/basis-core';
import { BASE_ACTIVATIONS, type BaseActivation } from '../layers/activations.js';
import { basisLinear } from './basis-linear.js';

// SiLU(x) = x·σ(x), σ(x) = 1/(1 + e^−x); dSiLU/dx = σ(x)·(1 + x·(1 − σ(x))). Written as tfjs computes it.
const CUDA = /* cuda */ `
__device__ void kan_basis(float x, int feature, const float* __restrict__ state, float* values) {
  values[0] = x * (1.0f / (1.0f + expf(-x)));
}

__device__ void kan_basis_deriv(float x, int feature, const float* __restrict__ state, float* derivs) {
  float s = 1.0f / (1.0f + expf(-x));
  derivs[0] = s * (1.0f + x * (1.0f - s));
}
`;

const WGSL = /* wgsl */ `
fn kan_basis(x: f32, feature: u32, values: ptr<function, array<f32, KAN_K>>) {
  (*values)[0] = x * (1.0 / (1.0 + exp(-x)));
}

fn kan_basis_deriv(x: f32, feature: u32, derivs: ptr<function, array<f32, KAN_K>>) {
  let s = 1.0 / (1.0 + exp(-x));
  (*derivs)[0] = s * (1.0 + x * (1.0 - s));
}
`;

const SILU_SNIPPETS: BasisKernelSnippets = { cuda: CUDA, wgsl: WGSL };
const siluBases = new Map<number, Basis>();

/**
 * The base branch's SiLU as a basis of one function, so that SiLU(x)·W is the fused basis-linear op: the
 * activation is computed in the product's tiles, never stored, and its gradient is the fused dx and dW. One
 * object per input width, so that backends compile its kernels once.
 */
export function siluBasis(inFeatures: number): Basis {
  let basis = siluBases.get(inFeatures);
  if (basis === undefined) {
    basis = {
      name: 'silu',
      inFeatures,
      size: 1,
      domain: [-1, 1],
      config: { name: 'silu' },
      stateSpecs: [],
      evaluate: (x) => tf.tidy(() => tf.expandDims(BASE_ACTIVATIONS.silu(x), 2) as tf.Tensor3D),
      kernels: SILU_SNIPPETS,
    };
    siluBases.set(inFeatures, basis);
  }
  return basis;
}

/**
 * The largest batch·in·out for which the base branch takes the fused op. Below it a step is bound by the cost of
 * each op (an MNIST step: 67 kernels instead of 117 on cuda, 1.5–2× faster); above it the GPU's own matrix
 * products win (cuBLAS, and TF32 tensor cores, on cuda; on the H200 the fused K = 1 tile made a 1024 → 1024
 * @4096 FastKAN layer 0.4 ms slower in fp32 and 0.7 ms in TF32).
 */
export const FUSED_BASE_MAX_PRODUCT = 2 ** 26;

/**
 * The base branch of a KAN layer without its bias: activation(x) · kernel.
 *
 * With SiLU on a backend that fuses basis-linear for it, and batch·in·out up to `FUSED_BASE_MAX_PRODUCT`, this
 * is the fused op over `siluBasis` (one kernel forward, the fused dx and dW backward); otherwise it is
 * `matMul(activation(x), kernel)`.
 *
 * @param x [batch, in]
 * @param kernel [in, out]
 * @returns [batch, out]
 */
export function baseLinear(x: tf.Tensor2D, kernel: tf.Tensor2D, activation: BaseActivation): tf.Tensor2D {
  if (activation === 'silu' && x.shape[0] * x.shape[1] * kernel.shape[1] <= FUSED_BASE_MAX_PRODUCT) {
    const basis = siluBasis(x.shape[1]);
    if (hasFusedBasisLinear(tf.getBackend(), basis)) return basisLinear(x, kernel, basis);
  }
  return tf.tidy(() => tf.matMul(BASE_ACTIVATIONS[activation](x) as tf.Tensor2D, kernel));
}
